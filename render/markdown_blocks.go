package render

import (
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
)

// mdDoc is what parseBody reads of a body's Markdown: its top-level blocks
// in order, with the ranges of lines and the list items it needs, and the
// paragraphs' wrapped lines. goldmark reads any body into one
// (goldmarkBody); plainBody reads the plain body nearly every Message Ad
// has into the very same mdDoc without it.
type mdDoc struct {
	blocks []mdBlock
	// joins are the paragraphs' continuation lines that do not follow a
	// hard line break, in order; block b's are joins[b.joinFrom:b.joinTo].
	joins []mdJoin
}

// mdBlock is one top-level block.
type mdBlock struct {
	// start and end span the block's whole lines (blockRange).
	start, end int
	// level is a heading's level, 0 for another block; hstart and hend
	// span the heading's lines (headingRange) and titleStart and
	// titleEnd its text (inlineRange, -1 when it has none).
	level                int
	hstart, hend         int
	titleStart, titleEnd int
	// list is set for a list, whose items are items.
	list  bool
	items []mdItem
	// joinFrom and joinTo are the block's joins in mdDoc.joins.
	joinFrom, joinTo int
}

// mdItem is one item of a list.
type mdItem struct {
	// start and end span the item's whole lines.
	start, end int
	// link is set when the item's one child is a paragraph whose inline
	// content starts with a link, as goldmark reads it; the paragraph's
	// lines are text[s:e].
	link bool
	s, e int
}

// mdJoin is a paragraph's continuation line: it starts at line, and its
// content at content.
type mdJoin struct{ line, content int }

// joinsInOrder reports whether joins are in order of line, one for each,
// which is how the walk of a document finds them.
func joinsInOrder(joins []mdJoin) bool {
	for k := 1; k < len(joins); k++ {
		if joins[k].line <= joins[k-1].line {
			return false
		}
	}
	return true
}

var parsers = sync.Pool{New: func() any { return goldmark.New().Parser() }}

// goldmarkBody reads a body with goldmark.
func goldmarkBody(text string) mdDoc {
	p := parsers.Get().(parser.Parser)
	doc := p.Parse(gtext.NewReader([]byte(text)))
	parsers.Put(p)
	return mdFromAST(doc, text)
}

// mdFromAST is what parseBody reads of goldmark's document.
func mdFromAST(doc ast.Node, text string) mdDoc {
	var d mdDoc
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		b := mdBlock{titleStart: -1, titleEnd: -1}
		b.start, b.end = blockRange(n, text)
		if h, ok := n.(*ast.Heading); ok {
			b.level = h.Level
			b.hstart, b.hend = headingRange(h, text)
			b.titleStart, b.titleEnd = inlineRange(h)
		}
		if list, ok := n.(*ast.List); ok {
			b.list = true
			for li := list.FirstChild(); li != nil; li = li.NextSibling() {
				it := mdItem{s: -1, e: -1}
				it.start, it.end = blockRange(li, text)
				if c := li.FirstChild(); c != nil && c.NextSibling() == nil {
					if _, isPara := c.(*ast.Paragraph); (isPara || c.Kind() == ast.KindTextBlock) && startsWithLink(c) {
						it.link = true
						it.s, it.e = inlineRange(c)
					}
				}
				b.items = append(b.items, it)
			}
		}
		b.joinFrom = len(d.joins)
		d.joins = appendJoins(d.joins, n, text)
		b.joinTo = len(d.joins)
		d.blocks = append(d.blocks, b)
	}
	return d
}

// appendJoins appends the continuation lines of the paragraphs in block b
// that do not follow a hard line break.
func appendJoins(joins []mdJoin, b ast.Node, text string) []mdJoin {
	_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock {
			lines := n.Lines()
			for k := 1; k < lines.Len(); k++ {
				seg := lines.At(k)
				prev := lines.At(k - 1)
				if hardBreak(strings.TrimRight(text[prev.Start:prev.Stop], "\n")) {
					continue
				}
				joins = append(joins, mdJoin{lineStart(text, seg.Start), seg.Start})
			}
		}
		return ast.WalkContinue, nil
	})
	return joins
}

// hardBreak reports whether a paragraph's line, without its line ending,
// ends with a hard line break: two spaces or a backslash.
func hardBreak(line string) bool {
	return strings.HasSuffix(line, "  ") || strings.HasSuffix(line, "\\")
}

// inlineRange is the byte range of a block's own lines (paragraph or heading
// content), or -1 when it has none.
func inlineRange(n ast.Node) (int, int) {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return -1, -1
	}
	return lines.At(0).Start, lines.At(lines.Len() - 1).Stop
}

// headingRange spans a heading's whole lines (an ATX line, or a setext
// heading's text and underline).
func headingRange(h *ast.Heading, text string) (int, int) {
	s, e := inlineRange(h)
	if s < 0 {
		// an empty ATX heading ("#"): find its line from the next block
		// or from the previous sibling's end
		if prev := h.PreviousSibling(); prev != nil {
			_, pe := blockRange(prev, text)
			s = pe
			for s < len(text) && text[s] == '\n' {
				s++
			}
		} else {
			s = 0
		}
		return s, lineEnd(text, s)
	}
	ls := lineStart(text, s)
	le := lineEnd(text, e)
	if !strings.HasPrefix(strings.TrimLeft(text[ls:le], " "), "#") {
		// setext: the underline is the next line
		if le < len(text) {
			le = lineEnd(text, le+1)
		}
	}
	return ls, le
}

// blockRange spans a block's whole lines, from the line its first content
// starts on to the end of the line its last content ends on.
func blockRange(n ast.Node, text string) (int, int) {
	first, last := -1, -1
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		if n.Type() == ast.TypeBlock {
			if lines := n.Lines(); lines != nil && lines.Len() > 0 {
				s, e := lines.At(0).Start, lines.At(lines.Len()-1).Stop
				if first < 0 || s < first {
					first = s
				}
				if e > last {
					last = e
				}
			}
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c)
		}
	}
	walk(n)
	if first < 0 {
		return 0, 0
	}
	if last > 0 && text[last-1] == '\n' {
		last--
	}
	ls := lineStart(text, first)
	le := lineEnd(text, max(last, first))
	// fenced code: include the closing fence
	if fc, ok := n.(*ast.FencedCodeBlock); ok && fc.Info != nil {
		if le < len(text) {
			le = lineEnd(text, le+1)
		}
	}
	return ls, le
}

// startsWithLink reports whether a paragraph's inline content starts with
// a link, as goldmark parsed it; what follows the link is checked on the
// source, where template comments are allowed.
func startsWithLink(n ast.Node) bool {
	c := n.FirstChild()
	return c != nil && c.Kind() == ast.KindLink
}
