package render

import (
	"strings"
	"unsafe"
)

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
	if a == nil || len(s) == 0 || a.left <= 1 && cap(a.bytes)-len(a.bytes) < len(s) {
		return strings.Clone(s) // the last variant's, with no room left
	}
	if cap(a.bytes)-len(a.bytes) < len(s) {
		a.bytes = make([]byte, 0, len(s)*max(1, min(a.left, maxArenaBytes/len(s))))
	}
	at := len(a.bytes)
	a.bytes = append(a.bytes, s...)
	return unsafe.String(&a.bytes[at], len(s))
}

// segs returns a copy of segs in the arena, its capacity its length.
func (a *outputArena) segs(segs []textSeg) []textSeg {
	if a == nil || len(segs) == 0 || a.left <= 1 && cap(a.room)-len(a.room) < len(segs) {
		return append([]textSeg(nil), segs...)
	}
	if cap(a.room)-len(a.room) < len(segs) {
		a.room = make([]textSeg, 0, len(segs)*max(1, min(a.left, maxArenaSegs/len(segs))))
	}
	at := len(a.room)
	a.room = append(a.room, segs...)
	return a.room[at:len(a.room):len(a.room)]
}

// maxArenaBytes and maxArenaSegs bound the arrays an outputArena makes
// for the variants to come.
const (
	maxArenaBytes = 64 << 10
	maxArenaSegs  = 2 << 10
)
