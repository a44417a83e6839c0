package render

import (
	"regexp"
	"strings"
	"sync"
)

// The body is parsed with goldmark, a CommonMark parser, which decides the
// block structure: headings that start messages, paragraphs, and the
// trailing list of links that makes a message's buttons. The copy itself is
// then taken from the source lines, not from goldmark's rendering, because
// LinkedIn shows a message as plain text: what the copywriter typed (bold
// markers included) is what the member sees, except that links show their
// text and a paragraph's wrapped lines join with a space.
//
// What the rest of parsing needs of goldmark's document is an mdDoc. A
// Message Ad body of plain paragraphs and a list of links, nearly every
// ad's, is read into the same mdDoc without goldmark (plainBody), which
// is most of what parsing a template costs otherwise.

// plainBodies turns plainBody on; the tests turn it off to compare what
// goldmark reads, which must be the same.
var plainBodies = true

func (t *Template) parseBody(bodyStart int) {
	text := t.Source.Text[bodyStart:]
	d, ok := mdDoc{}, false
	if t.Format == FormatMessage && plainBodies {
		d, ok = plainBody(text)
	}
	if !ok {
		d = goldmarkBody(text)
	}

	// a group is a message: its heading block (-1 for none) and the
	// blocks after it, blocks[from:to]
	type group struct{ heading, from, to int }
	var groups []group
	if t.Format == FormatConversation {
		pre := 0 // the blocks before the first level-1 heading
		for i, b := range d.blocks {
			switch {
			case b.level == 1:
				groups = append(groups, group{i, i + 1, i + 1})
			case len(groups) == 0:
				pre++
			default:
				groups[len(groups)-1].to = i + 1
			}
		}
		if pre > 0 && len(groups) > 0 {
			t.problem(bodyStart+d.blocks[0].start, bodyStart+d.blocks[pre-1].end, "text before the first message: start the opening message with a # heading")
		}
		if len(groups) == 0 {
			t.problem(bodyStart, lineEnd(t.Source.Text, bodyStart), "conversation has no messages: start each message with a # heading")
			return
		}
	} else {
		groups = []group{{-1, 0, len(d.blocks)}}
	}

	t.Messages = make([]*Message, 0, len(groups))
	slugs := map[string]int{}
	for gi, g := range groups {
		m := &Message{index: gi}
		contentStart := 0
		if g.heading >= 0 {
			h := &d.blocks[g.heading]
			hs, he := h.hstart, h.hend
			m.Heading = t.Source.Span(bodyStart+hs, bodyStart+he)
			contentStart = he
			if contentStart < len(text) && text[contentStart] == '\n' {
				contentStart++
			}
			ts, te := h.titleStart, h.titleEnd
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
			end = d.blocks[groups[gi+1].heading].hstart
		}
		bodyEnd := end
		var joins []mdJoin
		if g.to > g.from {
			if last := &d.blocks[g.to-1]; last.list {
				if buttons, ok := t.buttons(last.items, text, bodyStart); ok {
					m.Buttons = buttons
					bodyEnd = last.start
				}
			}
			joins = d.joins[d.blocks[g.from].joinFrom:d.blocks[g.to-1].joinTo]
		}
		msgStart := contentStart
		if g.heading >= 0 {
			msgStart = d.blocks[g.heading].hstart
		}
		m.Span = t.Source.Span(bodyStart+msgStart, bodyStart+trimRightSpace(text, msgStart, end))
		m.Body, m.Links = t.bodyText(joins, text, bodyStart, contentStart, bodyEnd)
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

// buttons reads a message's trailing list. It is a button list when its
// items are links; items that are not links in such a list are problems.
func (t *Template) buttons(items []mdItem, text string, base int) ([]Button, bool) {
	links := 0
	for _, it := range items {
		if _, ok := itemLink(it, text); ok {
			links++
		}
	}
	if links == 0 {
		return nil, false
	}
	out := make([]Button, 0, links)
	segs := make([]textSeg, 2*links) // the labels' and targets' segments
	for _, it := range items {
		l, ok := itemLink(it, text)
		if !ok {
			t.problem(base+it.start, base+it.end, "every item of the button list must be one link: write it as - [Label](target)")
			continue
		}
		if strings.TrimSpace(text[l.label:l.labelEnd]) == "" {
			t.problem(base+l.start, base+l.end, "button has no label: write what members click, such as - [Save my seat](leadform:NAME)")
		}
		label, target := segs[:1:1], segs[1:2:2]
		segs = segs[2:]
		out = append(out, Button{
			Label:  Field{Present: true, Text: trimmedTextAt(t.Source, text[l.label:l.labelEnd], base+l.label, label)},
			Target: Field{Present: true, Text: textAtIn(t.Source, text[l.dest:l.destEnd], base+l.dest, target)},
			Span:   t.Source.Span(base+l.start, base+l.end),
		})
	}
	return out, true
}

// itemLink returns the link a list item is, when it is one: its one
// paragraph starts with a link and holds nothing after it but template
// comments.
func itemLink(it mdItem, text string) (mdLink, bool) {
	if !it.link {
		return mdLink{}, false
	}
	l, n := scanLink(text, it.s)
	if n == 0 || !onlyComments(text[it.s+n:it.e]) {
		return mdLink{}, false
	}
	return l, true
}

// trimmedTextAt is textAtIn of s without its surrounding white space.
func trimmedTextAt(src *Source, s string, at int, room []textSeg) Text {
	lead := leadingSpace(s)
	return textAtIn(src, strings.TrimRight(s[lead:], " \t\n"), at+lead, room)
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
// links shown as their text. joins are the paragraphs' continuation lines.
// It also returns the body's links.
func (t *Template) bodyText(joins []mdJoin, text string, base, start, end int) (Field, []Link) {
	// the continuation line that starts at ls, if any: found by walking
	// joins with the lines, which are both in order (as mdDoc's are);
	// joins out of order are looked up in a map
	var byLine map[int]int
	if !joinsInOrder(joins) {
		byLine = make(map[int]int, len(joins))
		for _, j := range joins {
			byLine[j.line] = j.content
		}
	}
	next := 0
	join := func(ls int) (int, bool) {
		if byLine != nil {
			c, ok := byLine[ls]
			return c, ok
		}
		for next < len(joins) && joins[next].line < ls {
			next++
		}
		if next < len(joins) && joins[next].line == ls {
			return joins[next].content, true
		}
		return 0, false
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
		nextLine := le + 1
		content := strings.TrimRight(text[ls:le], " \t")
		if strings.TrimSpace(content) == "" {
			if prevEnd >= 0 {
				blank++
			}
			ls = nextLine
			continue
		}
		cs := ls
		if prevEnd >= 0 {
			switch c, ok := join(ls); {
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
		ls = nextLine
	}
	txt := b.Done()
	txt.anchorEnd = anchorEnd
	if txt.S == "" {
		txt.anchorEnd = txt.anchor
	}
	txt, links = t.extractLinks(txt)
	return Field{Present: true, Text: txt}, links
}
