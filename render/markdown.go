package render

import (
	"regexp"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
)

// The body is parsed with goldmark, a CommonMark parser, which decides the
// block structure: headings that start messages, paragraphs, and the
// trailing list of links that makes a message's buttons. The copy itself is
// then taken from the source lines, not from goldmark's rendering, because
// LinkedIn shows a message as plain text: what the copywriter typed (bold
// markers included) is what the member sees, except that links show their
// text and a paragraph's wrapped lines join with a space.

var parsers = sync.Pool{New: func() any { return goldmark.New().Parser() }}

func (t *Template) parseBody(bodyStart int) {
	text := t.Source.Text[bodyStart:]
	p := parsers.Get().(parser.Parser)
	doc := p.Parse(gtext.NewReader([]byte(text)))
	parsers.Put(p)

	type group struct {
		heading *ast.Heading
		blocks  []ast.Node
	}
	var groups []group
	if t.Format == FormatConversation {
		var pre []ast.Node
		for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
			if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
				groups = append(groups, group{heading: h})
				continue
			}
			if len(groups) == 0 {
				pre = append(pre, n)
				continue
			}
			groups[len(groups)-1].blocks = append(groups[len(groups)-1].blocks, n)
		}
		if len(pre) > 0 && len(groups) > 0 {
			s, _ := blockRange(pre[0], text)
			_, e := blockRange(pre[len(pre)-1], text)
			t.problem(bodyStart+s, bodyStart+e, "text before the first message: start the opening message with a # heading")
		}
		if len(groups) == 0 {
			t.problem(bodyStart, lineEnd(t.Source.Text, bodyStart), "conversation has no messages: start each message with a # heading")
			return
		}
	} else {
		g := group{}
		for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
			g.blocks = append(g.blocks, n)
		}
		groups = append(groups, g)
	}

	slugs := map[string]int{}
	for gi, g := range groups {
		m := &Message{index: gi}
		contentStart := 0
		if g.heading != nil {
			hs, he := headingRange(g.heading, text)
			m.Heading = t.Source.Span(bodyStart+hs, bodyStart+he)
			contentStart = he
			if contentStart < len(text) && text[contentStart] == '\n' {
				contentStart++
			}
			ts, te := inlineRange(g.heading)
			if ts < 0 {
				ts, te = hs, hs
			}
			m.Title = Field{Present: true, Text: TextAt(t.Source, strings.TrimSpace(text[ts:te]), bodyStart+ts+leadingSpace(text[ts:te]))}
			m.Slug = headingSlug(m.Title.Text.S)
			if m.Slug == "" {
				t.problem(bodyStart+hs, bodyStart+he, "heading has no letters or digits, so buttons cannot link to it: give the message a name")
			} else if prev, dup := slugs[m.Slug]; dup {
				t.problem(bodyStart+hs, bodyStart+he, "two messages have the id #"+m.Slug+" (also message "+itoa(prev+1)+"): rename one heading")
			} else {
				slugs[m.Slug] = gi
			}
		}
		end := len(text)
		if gi+1 < len(groups) {
			end, _ = headingRange(groups[gi+1].heading, text)
		}
		bodyEnd := end
		if n := len(g.blocks); n > 0 {
			if list, ok := g.blocks[n-1].(*ast.List); ok {
				if buttons, ok := t.buttons(list, text, bodyStart); ok {
					m.Buttons = buttons
					bodyEnd, _ = blockRange(list, text)
				}
			}
		}
		msgStart := contentStart
		if g.heading != nil {
			msgStart, _ = headingRange(g.heading, text)
		}
		m.Span = t.Source.Span(bodyStart+msgStart, bodyStart+trimRightSpace(text, msgStart, end))
		m.Body, m.Links = t.bodyText(g.blocks, text, bodyStart, contentStart, bodyEnd)
		t.Messages = append(t.Messages, m)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func leadingSpace(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }

func trimRightSpace(text string, start, end int) int {
	for end > start && (text[end-1] == ' ' || text[end-1] == '\t' || text[end-1] == '\n') {
		end--
	}
	return end
}

func lineStart(text string, off int) int {
	return strings.LastIndexByte(text[:off], '\n') + 1
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

// buttons reads a message's trailing list. It is a button list when its
// items are links; items that are not links in such a list are problems.
func (t *Template) buttons(list *ast.List, text string, base int) ([]Button, bool) {
	type item struct {
		node ast.Node
		link *mdLink
	}
	var items []item
	links := 0
	for li := list.FirstChild(); li != nil; li = li.NextSibling() {
		it := item{node: li}
		if c := li.FirstChild(); c != nil && c.NextSibling() == nil {
			if _, isPara := c.(*ast.Paragraph); isPara || c.Kind() == ast.KindTextBlock {
				if startsWithLink(c) {
					s, e := inlineRange(c)
					if l, n := scanLink(text, s); l != nil && onlyComments(text[s+n:e]) {
						it.link = l
						links++
					}
				}
			}
		}
		items = append(items, it)
	}
	if links == 0 {
		return nil, false
	}
	var out []Button
	for _, it := range items {
		if it.link == nil {
			s, e := blockRange(it.node, text)
			t.problem(base+s, base+e, "every item of the button list must be one link: write it as - [Label](target)")
			continue
		}
		l := it.link
		if strings.TrimSpace(text[l.label:l.labelEnd]) == "" {
			t.problem(base+l.start, base+l.end, "button has no label: write what members click, such as - [Save my seat](leadform:NAME)")
		}
		out = append(out, Button{
			Label:  Field{Present: true, Text: trimmedTextAt(t.Source, text[l.label:l.labelEnd], base+l.label)},
			Target: Field{Present: true, Text: TextAt(t.Source, text[l.dest:l.destEnd], base+l.dest)},
			Span:   t.Source.Span(base+l.start, base+l.end),
		})
	}
	return out, true
}

func trimmedTextAt(src *Source, s string, at int) Text {
	lead := leadingSpace(s)
	return TextAt(src, strings.TrimRight(s[lead:], " \t\n"), at+lead)
}

// startsWithLink reports whether a paragraph's inline content starts with
// a link, as goldmark parsed it; what follows the link is checked on the
// source, where template comments are allowed.
func startsWithLink(n ast.Node) bool {
	c := n.FirstChild()
	return c != nil && c.Kind() == ast.KindLink
}

// commentRE matches a template comment, which may follow a button's link
// (an ignore directive, a fixture's want). It is compiled the first time
// a button's line holds "{{" after its link (onlyComments).
var commentRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{-?\s*/\*.*?\*/\s*-?\}\}`) })

// onlyComments reports whether s is blank once its template comments are
// removed.
func onlyComments(s string) bool {
	if strings.Contains(s, "{{") {
		s = commentRE().ReplaceAllString(s, "")
	}
	return strings.TrimSpace(s) == ""
}

// bodyText builds a message body's Text from the source lines in
// [start, end) of text: trailing spaces dropped, wrapped paragraph lines
// joined with a space, runs of blank lines turned into one paragraph break,
// links shown as their text. It also returns the body's links.
func (t *Template) bodyText(blocks []ast.Node, text string, base, start, end int) (Field, []Link) {
	joins := map[int]int{} // line start offset -> content start, for paragraph continuation lines
	for _, b := range blocks {
		_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering || n.Type() != ast.TypeBlock {
				return ast.WalkContinue, nil
			}
			if n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock {
				lines := n.Lines()
				for k := 1; k < lines.Len(); k++ {
					seg := lines.At(k)
					prev := lines.At(k - 1)
					pl := strings.TrimRight(text[prev.Start:prev.Stop], "\n")
					if strings.HasSuffix(pl, "  ") || strings.HasSuffix(pl, "\\") {
						continue // hard line break
					}
					joins[lineStart(text, seg.Start)] = seg.Start
				}
			}
			return ast.WalkContinue, nil
		})
	}
	start = min(start, len(text))
	end = max(start, min(end, len(text)))
	b := newTextBuilder(t.Source, base+start, base+start)
	// the copy is never longer than its lines, and each line adds at most
	// a separator and its content
	b.sized(end-start, 2*(strings.Count(text[start:end], "\n")+1))
	var links []Link
	prevEnd := -1
	blank := 0
	anchorEnd := base + start
	for ls := start; ls < end; {
		le := lineEnd(text, ls)
		if le > end {
			le = end
		}
		next := le + 1
		content := strings.TrimRight(text[ls:le], " \t")
		if strings.TrimSpace(content) == "" {
			if prevEnd >= 0 {
				blank++
			}
			ls = next
			continue
		}
		cs := ls
		if prevEnd >= 0 {
			switch c, ok := joins[ls]; {
			case ok && blank == 0:
				cs = c
				b.Mapped(" ", base+prevEnd, base+cs)
			case blank > 0:
				b.Mapped("\n\n", base+prevEnd, base+ls)
			default:
				b.Mapped("\n", base+prevEnd, base+ls)
			}
		}
		blank = 0
		ce := ls + len(content)
		b.Exact(text[cs:ce], base+cs)
		prevEnd = ce
		anchorEnd = base + ce
		ls = next
	}
	txt := b.Done()
	txt.anchorEnd = anchorEnd
	if txt.S == "" {
		txt.anchorEnd = txt.anchor
	}
	txt, links = t.extractLinks(txt)
	return Field{Present: true, Text: txt}, links
}
