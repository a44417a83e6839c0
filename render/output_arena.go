package render

import "unsafe"

// outputArena holds the copies of the fields' outputs and maps that
// buildOutput keeps, for a file of many variants in a few arrays rather
// than two for each field of each: each array is sized for the variants
// still to render a text of about that size. The texts keep the arrays
// alive; nothing is written twice. A nil arena copies each on its own.
type outputArena struct {
	// left is how many variants are still to be rendered, the current
	// one included
	left  int
	bytes []byte
	room  []textSeg
}

// text returns a copy of s in the arena.
func (a *outputArena) text(s string) string {
	if s == "" {
		return ""
	}
	var room *[]byte
	if a != nil {
		room = &a.bytes
	}
	b := keepIn(room, unsafe.Slice(unsafe.StringData(s), len(s)), a.variantsLeft(), maxArenaBytes)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// segs returns a copy of segs in the arena, its capacity its length.
func (a *outputArena) segs(segs []textSeg) []textSeg {
	var room *[]textSeg
	if a != nil {
		room = &a.room
	}
	return keepIn(room, segs, a.variantsLeft(), maxArenaSegs)
}

func (a *outputArena) variantsLeft() int {
	if a == nil {
		return 1
	}
	return a.left
}

// keepIn returns a copy of s, its capacity its length, in *room when
// there is one: a new array there is sized for left copies of about s's
// size, within bound elements. The last copy (left 1) with no room left,
// or a nil room, gets an array of its own.
func keepIn[T any](room *[]T, s []T, left, bound int) []T {
	if room == nil || len(s) == 0 || left <= 1 && cap(*room)-len(*room) < len(s) {
		return append([]T(nil), s...)
	}
	if cap(*room)-len(*room) < len(s) {
		*room = make([]T, 0, len(s)*max(1, min(left, bound/len(s))))
	}
	at := len(*room)
	*room = append(*room, s...)
	return (*room)[at:len(*room):len(*room)]
}

// maxArenaBytes and maxArenaSegs bound the arrays an outputArena makes
// for the variants to come.
const (
	maxArenaBytes = 64 << 10
	maxArenaSegs  = 2 << 10
)
