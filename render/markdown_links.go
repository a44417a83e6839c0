package render

import (
	"regexp"
	"strings"
	"sync"
)

// Links in a body, read from the source: the inline links of the
// Markdown, which show as their text, and the bare URLs.

// mdLink is an inline link [label](dest "title") found in source text.
type mdLink struct {
	start, end      int // "[" to ")" inclusive
	label, labelEnd int
	dest, destEnd   int
}

// scanLink reads an inline link starting at text[i] == '['. It returns the
// link and its length, or a length of 0 when there is none. It follows
// CommonMark's rules for the parts it accepts: balanced brackets in the
// label, backslash escapes, a destination in <> or without spaces with
// balanced parentheses, and an optional title.
func scanLink(text string, i int) (mdLink, int) {
	if i < 0 || i >= len(text) || text[i] != '[' {
		return mdLink{}, 0
	}
	depth := 0
	j := i
	for ; j < len(text); j++ {
		c := text[j]
		if c == '\\' {
			j++
			continue
		}
		if c == '\n' && j+1 < len(text) && text[j+1] == '\n' {
			return mdLink{}, 0
		}
		if c == '[' {
			depth++
		} else if c == ']' {
			depth--
			if depth == 0 {
				break
			}
		}
	}
	if j >= len(text) || j+1 >= len(text) || text[j+1] != '(' {
		return mdLink{}, 0
	}
	l := mdLink{start: i, label: i + 1, labelEnd: j}
	k := j + 2
	for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	if k < len(text) && text[k] == '<' {
		e := strings.IndexAny(text[k+1:], ">\n")
		if e < 0 || text[k+1+e] != '>' {
			return mdLink{}, 0
		}
		l.dest, l.destEnd = k+1, k+1+e
		k = k + 2 + e
	} else {
		l.dest = k
		par := 0
		for k < len(text) {
			c := text[k]
			if c == '\\' && k+1 < len(text) {
				k += 2
				continue
			}
			if c == ' ' || c == '\t' || c == '\n' || c < 0x20 {
				break
			}
			if c == '(' {
				par++
			} else if c == ')' {
				if par == 0 {
					break
				}
				par--
			}
			k++
		}
		l.destEnd = k
	}
	for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	if k < len(text) && (text[k] == '"' || text[k] == '\'') {
		q := text[k]
		e := strings.IndexByte(text[k+1:], q)
		if e < 0 {
			return mdLink{}, 0
		}
		k = k + 2 + e
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
	}
	if k >= len(text) || text[k] != ')' {
		return mdLink{}, 0
	}
	l.end = k + 1
	return l, l.end - i
}

// bareURL is a URL written out in the copy. It is compiled the first time
// a text holds "://", which every match does.
var bareURL = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`https?://[^\s<>"'\x60]+`) })

// extractLinks finds the links in a body whose wrapped lines are already
// joined (so a link whose text wraps is still one link), replaces each
// Markdown link by its text, and collects the links and bare URLs. Template
// actions and code spans are left alone: a URL inside a comment or an
// action is not a link of the copy.
func (t *Template) extractLinks(body Text) (Text, []Link) {
	s := body.S
	if !strings.ContainsAny(s, "[:") {
		return body, nil
	}
	b := &textBuilder{t: Text{src: body.src, anchor: body.anchor, anchorEnd: body.anchorEnd}}
	// the links' syntax goes and each link splits a segment: room for a
	// few links before the segments grow
	b.sized(len(s), len(body.segs)+8)
	var links []Link
	copied := 0
	plainFrom := 0
	// bare URLs in s[from:to], which holds no Markdown link
	bare := func(from, to int) {
		if !strings.Contains(s[from:to], "://") {
			return
		}
		for _, m := range bareURL().FindAllStringIndex(s[from:to], -1) {
			u := strings.TrimRight(s[from+m[0]:from+m[1]], ".,;:!?)>]")
			if u == "" {
				continue
			}
			f := Field{Present: true, Text: body.sub(from+m[0], from+m[0]+len(u))}
			links = append(links, Link{Text: f, URL: f, Bare: true, Span: body.Span(from+m[0], from+m[0]+len(u))})
		}
	}
	inCode := false
	for j := 0; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '\n':
			inCode = false
			continue
		case c == '`':
			inCode = !inCode
			continue
		case inCode:
			continue
		case c == '{' && strings.HasPrefix(s[j:], "{{"):
			if z := strings.Index(s[j:], "}}"); z >= 0 {
				bare(plainFrom, j)
				j += z + 1
				plainFrom = j + 1
			}
			continue
		case c != '[' || j > 0 && (s[j-1] == '\\' || s[j-1] == '!'):
			continue
		}
		l, n := scanLink(s, j)
		if n == 0 {
			continue
		}
		bare(plainFrom, j)
		b.Text(body, copied, j)
		b.Text(body, l.label, l.labelEnd)
		links = append(links, Link{
			Text: Field{Present: true, Text: body.sub(l.label, l.labelEnd)},
			URL:  Field{Present: true, Text: body.sub(l.dest, l.destEnd)},
			Span: body.Span(l.start, l.end),
		})
		j += n - 1
		copied, plainFrom = j+1, j+1
	}
	bare(plainFrom, len(s))
	if copied == 0 {
		return body, links
	}
	b.Text(body, copied, len(s))
	return b.Done(), links
}
