package preview

import (
	"sort"
	"strconv"
	"unicode/utf8"
)

// The page's data is most of the page (13,000 cards are 7 MB), so it is
// encoded by hand in one pass into one buffer instead of by reflection:
// the same JSON encoding/json writes for these types (a test compares
// them), with the same escaping of <, > and &, and with DEL, the C1
// controls, U+2028, U+2029 and the bidirectional formatting characters
// written as \u escapes too.

type jsonBuf []byte

func (b *jsonBuf) raw(s string) { *b = append(*b, s...) }

func (b *jsonBuf) int(n int) { *b = strconv.AppendInt(*b, int64(n), 10) }

// key writes ,"k": (without the comma for the first key of an object).
func (b *jsonBuf) key(k string, first bool) {
	if !first {
		*b = append(*b, ',')
	}
	*b = append(*b, '"')
	*b = append(*b, k...)
	*b = append(*b, '"', ':')
}

const hexDigits = "0123456789abcdef"

func (b *jsonBuf) str(s string) {
	out := append(*b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != 0x7f {
				i++
				continue
			}
			out = append(out, s[start:i]...)
			switch c {
			case '"', '\\':
				out = append(out, '\\', c)
			case '\n':
				out = append(out, '\\', 'n')
			case '\r':
				out = append(out, '\\', 'r')
			case '\t':
				out = append(out, '\\', 't')
			default:
				out = append(out, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, s[start:i]...)
			out = append(out, `\ufffd`...)
		case unsafeInPage(r):
			out = append(out, s[start:i]...)
			out = append(out, '\\', 'u', hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	out = append(out, s[start:]...)
	out = append(out, '"')
	*b = out
}

func (b *jsonBuf) strs(list []string) {
	*b = append(*b, '[')
	for i, s := range list {
		if i > 0 {
			*b = append(*b, ',')
		}
		b.str(s)
	}
	*b = append(*b, ']')
}

func (b *jsonBuf) ints(list []int) {
	*b = append(*b, '[')
	for i, n := range list {
		if i > 0 {
			*b = append(*b, ',')
		}
		b.int(n)
	}
	*b = append(*b, ']')
}

// list writes a JSON array of n elements, each by item(i).
func (b *jsonBuf) list(n int, item func(i int)) {
	*b = append(*b, '[')
	for i := 0; i < n; i++ {
		if i > 0 {
			*b = append(*b, ',')
		}
		item(i)
	}
	*b = append(*b, ']')
}

func (b *jsonBuf) page(p *Page) {
	b.raw(`{"title":`)
	b.str(p.Title)
	if p.Live {
		b.raw(`,"live":true`)
	}
	if p.Version != 0 {
		b.raw(`,"version":`)
		b.int(p.Version)
	}
	s := p.Summary
	b.raw(`,"summary":{"files":`)
	b.int(s.Files)
	b.raw(`,"errors":`)
	b.int(s.Errors)
	b.raw(`,"warnings":`)
	b.int(s.Warnings)
	b.raw(`,"infos":`)
	b.int(s.Infos)
	b.raw(`,"worst":`)
	b.list(len(s.Worst), func(i int) {
		w := s.Worst[i]
		b.raw(`{"field":`)
		b.str(w.Field)
		b.raw(`,"len":`)
		b.int(w.Len)
		b.raw(`,"limit":`)
		b.int(w.Limit)
		b.raw(`,"max":`)
		b.int(w.Max)
		b.raw(`,"member":`)
		b.str(w.Member)
		if w.Variant != "" {
			b.raw(`,"variant":`)
			b.str(w.Variant)
		}
		b.raw(`,"file":`)
		b.str(w.File)
		b.raw(`}`)
	})
	b.raw(`},"members":`)
	b.strs(p.Members)
	b.raw(`,"variants":`)
	b.strs(p.Variants)
	b.raw(`,"rules":{`)
	ids := make([]string, 0, len(p.Rules))
	for id := range p.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for i, id := range ids {
		if i > 0 {
			b.raw(",")
		}
		r := p.Rules[id]
		b.str(id)
		b.raw(`:{"title":`)
		b.str(r.Title)
		b.raw(`,"text":`)
		b.str(r.Text)
		b.raw(`,"severity":`)
		b.str(r.Severity)
		b.raw(`}`)
	}
	b.raw(`},"files":`)
	b.list(len(p.Files), func(i int) { b.file(p.Files[i]) })
	if len(p.Errors) > 0 {
		b.raw(`,"errors":`)
		b.strs(p.Errors)
	}
	b.raw(`}`)
}

func (b *jsonBuf) file(f *fileView) {
	b.raw(`{"path":`)
	b.str(f.Path)
	b.raw(`,"format":`)
	b.str(f.Format)
	b.raw(`,"mode":`)
	b.str(f.Mode)
	l := f.Limits
	b.raw(`,"limits":{"sv":`)
	b.int(l.SubjectVisible)
	b.raw(`,"sm":`)
	b.int(l.SubjectMax)
	b.raw(`,"bg":`)
	b.int(l.BodyGuidance)
	b.raw(`,"bm":`)
	b.int(l.BodyMax)
	b.raw(`,"cm":`)
	b.int(l.ButtonMax)
	if l.ButtonError {
		b.raw(`,"ce":true`)
	}
	b.raw(`},"findings":`)
	b.list(len(f.Findings), func(i int) {
		d := f.Findings[i]
		b.raw(`{"r":`)
		b.str(d.Rule)
		b.raw(`,"s":`)
		b.str(d.Severity)
		b.raw(`,"m":`)
		b.str(d.Message)
		b.raw(`,"l":`)
		b.int(d.Line)
		b.raw(`,"c":`)
		b.int(d.Col)
		if d.Variant != "" {
			b.raw(`,"v":`)
			b.str(d.Variant)
		}
		if d.Member != "" {
			b.raw(`,"u":`)
			b.str(d.Member)
		}
		if d.Source != "" {
			b.raw(`,"x":`)
			b.str(d.Source)
		}
		b.raw(`}`)
	})
	b.raw(`,"members":`)
	b.ints(f.Members)
	b.raw(`,"variants":`)
	b.list(len(f.Variants), func(i int) { b.variant(f.Variants[i]) })
	if f.Note != "" {
		b.raw(`,"note":`)
		b.str(f.Note)
	}
	b.raw(`}`)
}

func (b *jsonBuf) variant(v *variantView) {
	b.raw(`{"name":`)
	b.str(v.Name)
	b.raw(`,"flow":`)
	b.int(v.Flow)
	b.raw(`,"messages":`)
	b.list(len(v.Messages), func(i int) {
		m := v.Messages[i]
		b.raw(`{`)
		first := true
		if m.ID != "" {
			b.key("id", first)
			b.str(m.ID)
			first = false
		}
		if m.Title != "" {
			b.key("title", first)
			b.str(m.Title)
			first = false
		}
		b.key("buttons", first)
		b.list(len(m.Buttons), func(j int) {
			bt := m.Buttons[j]
			b.raw(`{"k":`)
			b.str(bt.Kind)
			b.raw(`,"to":`)
			b.str(bt.Target)
			b.raw(`,"n":`)
			b.int(bt.Next)
			b.raw(`}`)
		})
		b.raw(`}`)
	})
	b.raw(`,"cards":`)
	b.list(len(v.Cards), func(i int) { b.card(v.Cards[i]) })
	b.raw(`}`)
}

func (b *jsonBuf) card(c *cardView) {
	b.raw(`{"u":`)
	b.int(c.Member)
	b.raw(`,"d":`)
	b.ints(c.Findings)
	b.raw(`,"from":`)
	b.rich(c.Sender)
	b.raw(`,"s":`)
	b.rich(c.Subject)
	b.raw(`,"sc":`)
	b.int(c.SubjectLen)
	b.raw(`,"cut":`)
	b.int(c.Cut)
	b.raw(`,"ms":`)
	b.list(len(c.Messages), func(i int) {
		m := c.Messages[i]
		b.raw(`{"b":`)
		b.rich(m.Body)
		b.raw(`,"bc":`)
		b.int(m.BodyLen)
		b.raw(`,"bt":`)
		b.list(len(m.Buttons), func(j int) {
			b.raw(`{"l":`)
			b.rich(m.Buttons[j].Label)
			b.raw(`,"c":`)
			b.int(m.Buttons[j].Len)
			b.raw(`}`)
		})
		b.raw(`}`)
	})
	b.raw(`,"ft":`)
	b.rich(c.Footer)
	b.raw(`}`)
}

func (b *jsonBuf) rich(r richText) {
	b.raw(`{"t":`)
	b.str(r.Text)
	if len(r.Marks) > 0 {
		b.raw(`,"m":`)
		b.list(len(r.Marks), func(i int) {
			m := r.Marks[i]
			b.raw(`{"s":`)
			b.int(m.Start)
			b.raw(`,"e":`)
			b.int(m.End)
			b.raw(`,"k":`)
			b.str(m.Kind)
			if m.Finding != 0 {
				b.raw(`,"f":`)
				b.int(m.Finding)
			}
			if m.Arg != "" {
				b.raw(`,"a":`)
				b.str(m.Arg)
			}
			b.raw(`}`)
		})
	}
	b.raw(`}`)
}
