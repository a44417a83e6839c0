package render

import "strings"

// plainBody reads a Message Ad body of the shape nearly every ad has, and
// reads it as goldmark does, without the cost of a CommonMark parser:
// paragraphs of plain lines, then, after a blank line, a tight list of
// links, one per line, "- [Label](target)". A plain line starts with no
// character that could open another kind of block (white space, # = - *
// _ + > ` ~ < [, or digits then . or )), so it can only be a paragraph's;
// a label and a target hold no character that could make the link
// anything but a link (see plainLabel and plainTarget). ok is false for
// any other body, which goldmark reads; a test holds the two readings of
// every body plainBody takes to each other.
func plainBody(text string) (d mdDoc, ok bool) {
	d.blocks = make([]mdBlock, 0, strings.Count(text, "\n\n")+1)
	para := -1      // where the open paragraph starts, -1 when none is open
	list := -1      // the list's block, -1 before it
	closed := false // a blank line has ended the list
	var prev string // the open paragraph's last line
	end := 0        // where that line ends
	joins := 0      // where the paragraph's joins start
	closePara := func() {
		if para >= 0 {
			d.blocks = append(d.blocks, mdBlock{start: para, end: end, titleStart: -1, titleEnd: -1, joinFrom: joins, joinTo: len(d.joins)})
			para = -1
		}
	}
	for ls := 0; ls < len(text); {
		le := lineEnd(text, ls)
		line := text[ls:le]
		switch {
		case isBlankLine(line):
			closePara()
			closed = list >= 0
		case strings.HasPrefix(line, "- "):
			// an item: after a blank line (not interrupting a paragraph),
			// in a list no blank line has ended
			if para >= 0 || closed {
				return mdDoc{}, false
			}
			it, ok := plainItem(text, ls, le)
			if !ok {
				return mdDoc{}, false
			}
			if list < 0 {
				list = len(d.blocks)
				n := len(d.joins)
				d.blocks = append(d.blocks, mdBlock{start: ls, list: true, titleStart: -1, titleEnd: -1, joinFrom: n, joinTo: n})
			}
			b := &d.blocks[list]
			b.items = append(b.items, it)
			b.end = le
		default:
			if list >= 0 || !plainLine(line) {
				return mdDoc{}, false
			}
			if para < 0 {
				para, joins = ls, len(d.joins)
			} else if !hardBreak(prev) {
				d.joins = append(d.joins, mdJoin{ls, ls})
			}
			prev, end = line, le
		}
		ls = le + 1
	}
	closePara()
	if len(d.blocks) == 0 {
		d.blocks = nil
	}
	return d, true
}

// isBlankLine reports whether a line is blank to CommonMark: spaces and
// tabs only (the text has no CR).
func isBlankLine(line string) bool {
	for k := 0; k < len(line); k++ {
		if line[k] != ' ' && line[k] != '\t' {
			return false
		}
	}
	return true
}

// plainLine reports whether a line that is not blank can only be a line of
// a paragraph, before or after any other line: nothing at its start could
// open a heading, a thematic break, a list, a quote, code, HTML or a link
// reference definition, or underline a setext heading.
func plainLine(line string) bool {
	c := line[0]
	switch {
	case c <= ' ' || strings.IndexByte("#=-*_+>`~<[", c) >= 0:
		return false
	case c >= '0' && c <= '9':
		k := 1
		for k < len(line) && line[k] >= '0' && line[k] <= '9' {
			k++
		}
		return k == len(line) || line[k] != '.' && line[k] != ')'
	}
	return true
}

// plainItem reads the list item text[ls:le], "- [Label](target)" with
// nothing after it but spaces, as goldmark reads it: one paragraph that
// starts with the link.
func plainItem(text string, ls, le int) (mdItem, bool) {
	s := ls + 2
	l, n := scanLink(text[:le], s)
	if n == 0 || l.dest != l.labelEnd+2 || l.end != l.destEnd+1 ||
		!plainLabel(text[l.label:l.labelEnd]) || !plainTarget(text[l.dest:l.destEnd]) ||
		strings.TrimLeft(text[l.end:le], " ") != "" {
		return mdItem{}, false
	}
	// the paragraph's line ends where goldmark trims it, before the
	// spaces after the link
	return mdItem{start: ls, end: le, link: true, s: s, e: l.end}, true
}

// plainLabel reports whether a link's label is text goldmark reads as
// nothing but text: not blank, and without brackets, a backslash, or a
// character that could start emphasis, code, an autolink, HTML or an
// entity.
func plainLabel(label string) bool {
	if strings.TrimLeft(label, " ") == "" {
		return false
	}
	for k := 0; k < len(label); k++ {
		if notInLabel[label[k]] {
			return false
		}
	}
	return true
}

// notInLabel and notInTarget are the bytes plainLabel and plainTarget
// refuse, as tables: a target is a long URL.
var (
	notInLabel  = byteSet(func(c byte) bool { return c < ' ' || strings.IndexByte("[]\\`*_<>&", c) >= 0 })
	notInTarget = byteSet(func(c byte) bool { return c <= ' ' || c >= 0x7f || strings.IndexByte("<>()\"'`\\", c) >= 0 })
)

// byteSet is the set of the bytes for which in is true.
func byteSet(in func(c byte) bool) (set [256]bool) {
	for c := range 256 {
		set[c] = in(byte(c))
	}
	return set
}

// plainTarget reports whether a link's target is one goldmark takes as it
// is: not empty, printable ASCII without white space, angle brackets,
// parentheses, quotes, backquotes or a backslash.
func plainTarget(target string) bool {
	if target == "" {
		return false
	}
	for k := 0; k < len(target); k++ {
		if notInTarget[target[k]] {
			return false
		}
	}
	return true
}
