package render

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Text is a piece of copy together with a map from each of its bytes back to
// the template source it came from. Parsing produces Texts whose bytes are
// copies of the source (exact segments) or decoded from it (a YAML escape, a
// joined line: mapped segments); each rendering stage composes the map, so a
// rule that finds something in a rendered subject can still point at the
// exact characters in the file, or, for text an action or macro produced, at
// that action or macro.
type Text struct {
	// S is the text itself.
	S string

	src  *Source
	segs []textSeg
	// anchor and anchorEnd locate the whole field in Source.Text; spans of
	// an empty Text, or of ranges no segment covers, fall back to them.
	anchor, anchorEnd int
}

// textSeg maps S[out:outEnd] to Source.Text[src:srcEnd]. When exact, the two
// are the same bytes and sub-ranges map one to one; otherwise the whole
// output range stands for the whole source range.
type textSeg struct {
	out, outEnd int
	src, srcEnd int
	exact       bool
}

// segsIn calls fn with each segment of t that covers part of S[i:j], and
// the range lo:hi of S it covers there. The segments are in order, and the
// first is found by binary search, so that slicing a text piece by piece
// costs its segments once, not once per piece.
func (t Text) segsIn(i, j int, fn func(sg textSeg, lo, hi int)) {
	if i >= j {
		return
	}
	k := sort.Search(len(t.segs), func(k int) bool { return t.segs[k].outEnd > i })
	for _, sg := range t.segs[k:] {
		if sg.out >= j {
			break
		}
		if sg.outEnd > i {
			fn(sg, max(sg.out, i), min(sg.outEnd, j))
		}
	}
}

// TextAt returns a Text that is an exact copy of src.Text[at:at+len(s)].
func TextAt(src *Source, s string, at int) Text {
	t := Text{S: s, src: src, anchor: at, anchorEnd: at + len(s)}
	if s != "" {
		t.segs = []textSeg{{out: 0, outEnd: len(s), src: at, srcEnd: at + len(s), exact: true}}
	}
	return t
}

// textAtIn is TextAt with its segment in room, which has a length and a
// capacity of one: a caller that makes many such texts makes room for all
// their segments at once.
func textAtIn(src *Source, s string, at int, room []textSeg) Text {
	t := Text{S: s, src: src, anchor: at, anchorEnd: at + len(s)}
	if s != "" {
		room[0] = textSeg{out: 0, outEnd: len(s), src: at, srcEnd: at + len(s), exact: true}
		t.segs = room
	}
	return t
}

// source is the file the text came from.
func (t Text) source() *Source { return t.src }

// Anchor is the span of the whole field the text belongs to.
func (t Text) Anchor() Span {
	if t.src == nil {
		return Span{}
	}
	return t.src.Span(t.anchor, t.anchorEnd)
}

// Span returns the source span that S[i:j] came from. Bytes copied from the
// source map exactly; bytes an action, escape or macro produced map to that
// whole action, escape or macro.
func (t Text) Span(i, j int) Span {
	if t.src == nil {
		return Span{}
	}
	s, e := t.SrcRange(i, j)
	return t.src.Span(s, e)
}

// SrcRange is Span's offsets into Source.Text.
func (t Text) SrcRange(i, j int) (int, int) {
	if len(t.segs) == 0 {
		return t.anchor, t.anchorEnd
	}
	i = max(0, min(i, len(t.S)))
	j = max(i, min(j, len(t.S)))
	// first segment whose end is past i (or, for an empty range at the end,
	// the last one)
	k := sort.Search(len(t.segs), func(k int) bool { return t.segs[k].outEnd > i })
	if k == len(t.segs) {
		k = len(t.segs) - 1
	}
	sg := t.segs[k]
	var start int
	if sg.exact {
		start = sg.src + max(0, i-sg.out)
	} else {
		start = sg.src
	}
	if j == i {
		if sg.exact {
			return start, start
		}
		return sg.src, sg.srcEnd
	}
	m := sort.Search(len(t.segs), func(m int) bool { return t.segs[m].outEnd >= j })
	if m == len(t.segs) {
		m = len(t.segs) - 1
	}
	eg := t.segs[m]
	var end int
	if eg.exact {
		end = eg.src + min(j, eg.outEnd) - eg.out
	} else {
		end = eg.srcEnd
	}
	if end < start {
		end = start
	}
	return start, end
}

// slice returns S[i:j] with its map. A non-empty slice is anchored at the
// source it came from; an empty one keeps the whole field's anchor.
func (t Text) slice(i, j int) Text {
	b := textBuilder{t: Text{src: t.src, anchor: t.anchor, anchorEnd: t.anchorEnd}}
	if i < j && len(t.segs) > 0 {
		b.t.anchor, b.t.anchorEnd = t.SrcRange(i, j)
	}
	b.Text(t, i, j)
	return b.Done()
}

// OutRanges is the inverse of SrcRange: the ranges of S, as [start, end)
// byte offsets in order, whose bytes came from Source.Text[srcStart:srcEnd].
// Bytes copied from the source map exactly; text an action, escape or macro
// produced is included whole when its source (the action, escape or macro)
// overlaps the range, so a finding on "%FIRSTNAME%" covers the member's
// name. Touching ranges are merged. Since each rendering stage composes the
// map, a personalized Text maps a finding's source span straight to the
// characters the member reads, which is how the preview highlights it. An
// empty or reversed range, or one no byte of S came from, gives nil.
func (t Text) OutRanges(srcStart, srcEnd int) [][2]int {
	if srcStart >= srcEnd {
		return nil
	}
	var out [][2]int
	add := func(i, j int) {
		if i >= j {
			return
		}
		if n := len(out); n > 0 && out[n-1][1] >= i {
			out[n-1][1] = max(out[n-1][1], j)
			return
		}
		out = append(out, [2]int{i, j})
	}
	for _, sg := range t.segs {
		switch {
		case sg.exact:
			lo, hi := max(srcStart, sg.src), min(srcEnd, sg.srcEnd)
			if lo < hi {
				add(sg.out+lo-sg.src, sg.out+hi-sg.src)
			}
		case sg.src == sg.srcEnd:
			// produced from an empty stretch of source: a point
			if sg.src >= srcStart && sg.src < srcEnd {
				add(sg.out, sg.outEnd)
			}
		case sg.src < srcEnd && sg.srcEnd > srcStart:
			add(sg.out, sg.outEnd)
		}
	}
	return out
}

// TextKey is a comparable digest of a Text, for maps, that costs the same
// however long the text: texts with equal keys hold the very same bytes
// (not a copy) of the same field, and texts of different fields never have
// equal keys. Equal texts built apart have different keys; one that is a
// copy of the other (see Equal) has the same.
type TextKey struct {
	p                 *byte
	n                 int
	src               *Source
	anchor, anchorEnd int
}

// Key returns t's digest.
func (t Text) Key() TextKey {
	return TextKey{unsafe.StringData(t.S), len(t.S), t.src, t.anchor, t.anchorEnd}
}

// Equal reports whether t and u are the same copy from the same place: the
// same text with the same map to the same source. Two variants that render
// a field identically give Equal texts, and a rule that checks a text on
// its own finds the same things in both, so checking one is enough.
func (t Text) Equal(u Text) bool {
	if t.S != u.S || t.src != u.src || t.anchor != u.anchor || t.anchorEnd != u.anchorEnd || len(t.segs) != len(u.segs) {
		return false
	}
	if len(t.segs) == 0 || &t.segs[0] == &u.segs[0] {
		return true // the same map: a copy of the same Text
	}
	for i := range t.segs {
		if t.segs[i] != u.segs[i] {
			return false
		}
	}
	return true
}

// ExactRange reports whether S[i:j] (i < j) is a verbatim copy of one
// stretch of the source, Source.Text[start:end], every byte of it copied
// rather than produced by an action, escape or macro: only then does
// replacing those source bytes change exactly S[i:j], which is what a fix
// needs (lint.TextFix).
func (t Text) ExactRange(i, j int) (start, end int, ok bool) {
	if t.src == nil || i < 0 || j > len(t.S) || i >= j {
		return 0, 0, false
	}
	k := sort.Search(len(t.segs), func(k int) bool { return t.segs[k].outEnd > i })
	at := -1 // the source offset the next byte must come from
	for ; k < len(t.segs) && t.segs[k].out < j; k++ {
		sg := t.segs[k]
		if !sg.exact {
			return 0, 0, false
		}
		lo, hi := max(sg.out, i), min(sg.outEnd, j)
		from := sg.src + lo - sg.out
		switch {
		case at < 0:
			start = from
		case from != at:
			return 0, 0, false // the next byte comes from elsewhere in the source
		}
		at = sg.src + hi - sg.out
		if hi == j {
			return start, at, true
		}
	}
	return 0, 0, false
}

// Paragraphs calls fn with the byte range [i, j) of each non-empty
// paragraph of s, in order, until fn returns false: the stretches between blank lines (two or more
// line breaks with only spaces, tabs and carriage returns between). It cuts
// only where lang.Tokenize makes a paragraph-break token, so that what a
// rule finds in a paragraph on its own is what it finds there in the whole
// text; a break next to other white space (a no-break space, a form feed)
// stays inside its paragraph, which is never wrong, only less shared. It
// allocates nothing.
func Paragraphs(s string, fn func(i, j int) bool) {
	start := 0
	for k := 0; k < len(s); {
		n := strings.IndexByte(s[k:], '\n')
		if n < 0 {
			break
		}
		k += n
		// the run of ASCII white space around this line break
		a := k
		for a > start && isBlank(s[a-1]) {
			a--
		}
		b, breaks := k, 0
		for b < len(s) && (isBlank(s[b]) || s[b] == '\n') {
			if s[b] == '\n' {
				breaks++
			}
			b++
		}
		if breaks >= 2 && !spaceBefore(s, a) && !spaceAfter(s, b) {
			if a > start && !fn(start, a) {
				return
			}
			start = b
		}
		k = b
	}
	if start < len(s) {
		fn(start, len(s))
	}
}

// isBlank reports whether c is white space inside a blank line.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// spaceBefore and spaceAfter report whether the rune before s[at] or at
// s[at] is white space other than the ASCII run Paragraphs cuts at.
func spaceBefore(s string, at int) bool {
	if at == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:at])
	return unicode.IsSpace(r)
}

func spaceAfter(s string, at int) bool {
	if at >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[at:])
	return unicode.IsSpace(r)
}

// sub returns S[i:j] with its map, a sub-text that shares t's bytes: a
// paragraph a rule checks on its own. Its spans are the source spans of
// those bytes in t, and it is Equal to every other variant's sub-text with
// the same bytes and the same map, wherever in its field it lies, so a
// rule checks each distinct paragraph once. A non-empty sub-text is
// anchored at the source it came from; an empty one keeps the field's
// anchor.
func (t Text) sub(i, j int) Text { return t.SubIn(i, j, nil) }

// SegRoom is room for the maps of many sub-texts (SubIn), for a caller
// that makes them together and drops them together, as a lint pass drops
// its paragraphs. The zero SegRoom is ready to use.
type SegRoom struct{ segs []textSeg }

// SubIn is sub with the sub-text's map in r's room rather than its own:
// it stays valid until r.Reset. A nil r gives the map room of its own.
func (t Text) SubIn(i, j int, r *SegRoom) Text {
	i = max(0, min(i, len(t.S)))
	j = max(i, min(j, len(t.S)))
	u := Text{S: t.S[i:j], src: t.src}
	u.anchor, u.anchorEnd = t.subAnchor(i, j)
	n := t.segsAcross(i, j)
	switch {
	case n == 0:
	case r == nil:
		u.segs = t.appendSubSegs(make([]textSeg, 0, n), i, j)
	default:
		if cap(r.segs)-len(r.segs) < n {
			r.segs = make([]textSeg, 0, max(n, 2*cap(r.segs), 64))
		}
		at := len(r.segs)
		r.segs = t.appendSubSegs(r.segs, i, j)
		u.segs = r.segs[at:len(r.segs):len(r.segs)]
	}
	return u
}

// Reset readies r for its next caller, who writes over its room: every
// Text SubIn made in it must be dead. It keeps the room while it holds at
// most max segments, and reports whether it kept it.
func (r *SegRoom) Reset(max int) bool {
	if cap(r.segs) > max {
		r.segs = nil
		return false
	}
	r.segs = r.segs[:0]
	return true
}

// SubEqual reports whether t.sub(i, j) is Equal to u, without building it.
func (t Text) SubEqual(i, j int, u Text) bool {
	if i < 0 || j > len(t.S) || i > j || t.src != u.src || t.S[i:j] != u.S {
		return false
	}
	if a, e := t.subAnchor(i, j); a != u.anchor || e != u.anchorEnd {
		return false
	}
	var room [8]textSeg
	return slices.Equal(t.appendSubSegs(room[:0], i, j), u.segs)
}

// subAnchor is the anchor of t's sub-text S[i:j], as slice sets it.
func (t Text) subAnchor(i, j int) (int, int) {
	if i < j && len(t.segs) > 0 {
		return t.SrcRange(i, j)
	}
	return t.anchor, t.anchorEnd
}

// appendSubSegs appends to dst each segment of the sub-text S[i:j],
// rebased to it: the segments textBuilder.Text makes of that range,
// adjacent exact ones merged as textBuilder.Exact merges them, so that sub
// and slice give the same map.
func (t Text) appendSubSegs(dst []textSeg, i, j int) []textSeg {
	if i >= j {
		return dst
	}
	have := false
	var cur textSeg
	// the segments are in order and adjacent: from the first that ends
	// after i, each overlaps S[i:j] until one starts at j or later
	k := sort.Search(len(t.segs), func(k int) bool { return t.segs[k].outEnd > i })
	for _, sg := range t.segs[k:] {
		if sg.out >= j {
			break
		}
		lo, hi := max(sg.out, i), min(sg.outEnd, j)
		next := textSeg{out: lo - i, outEnd: hi - i, src: sg.src, srcEnd: sg.srcEnd}
		if sg.exact {
			next.src, next.srcEnd, next.exact = sg.src+lo-sg.out, sg.src+hi-sg.out, true
			if have && cur.exact && cur.outEnd == next.out && cur.srcEnd == next.src {
				cur.outEnd, cur.srcEnd = next.outEnd, next.srcEnd
				continue
			}
		}
		if have {
			dst = append(dst, cur)
		}
		cur, have = next, true
	}
	if have {
		dst = append(dst, cur)
	}
	return dst
}

// segsAcross is how many of t's segments S[i:j] overlaps, at least as
// many as its sub-text has: those from the first that ends after i to the
// last that starts before j (the segments are in order and adjacent).
func (t Text) segsAcross(i, j int) int {
	if i >= j {
		return 0
	}
	from := sort.Search(len(t.segs), func(k int) bool { return t.segs[k].outEnd > i })
	to := sort.Search(len(t.segs), func(k int) bool { return t.segs[k].out >= j })
	return max(0, to-from)
}
