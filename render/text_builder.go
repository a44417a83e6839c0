package render

import "unsafe"

// textBuilder assembles a Text piece by piece.
//
// It copies as little as it can. While every byte written so far is one
// stretch of the source, copied in order (a quoted subject, a one-line
// body, a link's text), nothing is copied at all: buf is a read-only view
// of those bytes of src.Text and the Text's S is that substring of the
// source. The first byte from anywhere else copies the stretch into a
// buffer of the builder's own, allocated once when the caller said how
// much it will write (sized), and Done hands that buffer to the Text as
// its S instead of copying it again. A builder is not used after Done.
type textBuilder struct {
	t Text
	// buf holds the bytes written so far: the builder's own buffer, or
	// while view is set a view of src.Text whose cap is its len, so that
	// appending to it copies it rather than writing into the source.
	buf  []byte
	view bool
	// size and nsegs are what sized said the text needs at most: the
	// buffer and the segments are then allocated once, not grown.
	size, nsegs int
	// adopted is set while every byte written has been the next of a
	// string the caller has (adopt): buf is then a view of that string,
	// each write only lengthening it.
	adopted bool
}

// adopt tells the builder that what it will be given to write is
// likely s, in order, so that while it is, it copies nothing and Done
// returns those bytes of s as the Text's S: only the map is built. The
// first write that is not s's next bytes copies what was written into a
// buffer of the builder's own, as if adopt had never been called.
func (b *textBuilder) adopt(s string) {
	b.buf, b.adopted = unsafe.Slice(unsafe.StringData(s), len(s))[:0], true
}

// newTextBuilder starts a Text for a field located at [anchor, anchorEnd) of
// src.Text.
func newTextBuilder(src *Source, anchor, anchorEnd int) *textBuilder {
	return &textBuilder{t: Text{src: src, anchor: anchor, anchorEnd: anchorEnd}}
}

// sized tells the builder that the text will have at most size bytes and
// nsegs segments, so that a buffer it needs is allocated once at that
// size. Too small a guess only costs growing; too large, the unused room.
func (b *textBuilder) sized(size, nsegs int) {
	b.size, b.nsegs = size, nsegs
}

// Exact appends s, a verbatim copy of src.Text[at:at+len(s)].
func (b *textBuilder) Exact(s string, at int) {
	if s == "" {
		return
	}
	n := len(b.buf)
	b.writeExact(s, at)
	if k := len(b.t.segs) - 1; k >= 0 {
		last := &b.t.segs[k]
		if last.exact && last.outEnd == n && last.srcEnd == at {
			last.outEnd += len(s)
			last.srcEnd += len(s)
			return
		}
	}
	b.addSeg(textSeg{out: n, outEnd: n + len(s), src: at, srcEnd: at + len(s), exact: true})
}

// writeExact appends the bytes of s, which Exact says are
// src.Text[at:at+len(s)]: as a longer view when they are those very bytes
// (not an equal copy) and continue the view or start the text, else as a
// copy.
func (b *textBuilder) writeExact(s string, at int) {
	if b.adopted {
		b.write(s)
		return
	}
	n := len(b.buf)
	if src := b.t.src; (n == 0 || b.view) && src != nil && at >= n && at+len(s) <= len(src.Text) {
		v := src.Text[at-n : at+len(s)]
		if unsafe.StringData(v[n:]) == unsafe.StringData(s) && (n == 0 || unsafe.SliceData(b.buf) == unsafe.StringData(v)) {
			b.buf, b.view = unsafe.Slice(unsafe.StringData(v), len(v)), true
			return
		}
	}
	b.write(s)
}

// write appends a copy of s to the builder's own buffer, making one (and
// copying the view into it) when there is none yet or it is full.
func (b *textBuilder) write(s string) {
	if b.adopted {
		if n := len(b.buf) + len(s); n <= cap(b.buf) && string(b.buf[len(b.buf):n]) == s {
			// the adopted string's next bytes: read, never written
			b.buf = b.buf[:n]
			return
		}
		b.adopted = false
		own := make([]byte, len(b.buf), max(b.size, len(b.buf)+len(s)))
		copy(own, b.buf)
		b.buf = own
	}
	if n := len(b.buf) + len(s); n > cap(b.buf) && n <= b.size {
		own := make([]byte, len(b.buf), b.size)
		copy(own, b.buf)
		b.buf = own
	}
	// a view's cap is its len: appending copies it
	b.buf = append(b.buf, s...)
	b.view = false
}

// addSeg appends a segment.
func (b *textBuilder) addSeg(sg textSeg) {
	if b.t.segs == nil && b.nsegs > 1 {
		b.t.segs = make([]textSeg, 0, b.nsegs)
	}
	b.t.segs = append(b.t.segs, sg)
}

// Mapped appends s, which stands for src.Text[start:end] without being a copy
// of it (a decoded escape, the output of an action, a macro's value).
func (b *textBuilder) Mapped(s string, start, end int) {
	n := len(b.buf)
	if s != "" {
		b.write(s)
	}
	b.addSeg(textSeg{out: n, outEnd: n + len(s), src: start, srcEnd: end})
}

// Text appends a sub-range of another Text with its map.
func (b *textBuilder) Text(t Text, i, j int) {
	t.segsIn(i, j, func(sg textSeg, lo, hi int) {
		if sg.exact {
			b.Exact(t.S[lo:hi], sg.src+lo-sg.out)
		} else {
			b.Mapped(t.S[lo:hi], sg.src, sg.srcEnd)
		}
	})
}

// Len is the number of bytes written so far.
func (b *textBuilder) Len() int { return len(b.buf) }

// doneIn is Done for a builder whose segments were appended to the room
// of *room, which another Text will reuse: the Text gets a copy of
// exactly their number, in kept's arrays (or its own, kept nil), and
// *room keeps the room, grown if it had to.
func (b *textBuilder) doneIn(room *[]textSeg, kept *outputArena) Text {
	*room = b.t.segs[:0]
	b.t.segs = kept.segs(b.t.segs)
	return b.Done()
}

// Done returns the built Text. Its S is the bytes written, without a copy:
// a view's are the source's, which never change, and the builder's own
// buffer is not written again below its length (a later append only
// writes past it), so either can be a string. The segments are clipped,
// so that nothing appends into room another copy of the Text shares.
func (b *textBuilder) Done() Text {
	if len(b.buf) > 0 {
		b.t.S = unsafe.String(unsafe.SliceData(b.buf), len(b.buf))
	}
	b.t.segs = b.t.segs[:len(b.t.segs):len(b.t.segs)]
	return b.t
}
