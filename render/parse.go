package render

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/inboxlint/inboxlint/render/escape"
)

// maxVariants is the most variants one template may declare. Every
// variant is rendered for every member, so the cap keeps a hostile file
// from multiplying the work; real campaigns have a handful.
const maxVariants = 100

// MaxFileSize is the largest template inboxlint reads. Real ads are a few
// kilobytes; the cap keeps a stray data file from costing seconds.
const MaxFileSize = 1 << 20

var formatLine = regexp.MustCompile(`(?m)^format[ \t]*:`)

// IsTemplate reports whether data is an inboxlint template: a Markdown file
// whose front matter has a format key. It also says yes to a file whose
// front matter is broken but has a format line, so that the parser reports
// the breakage instead of the file being skipped in silence.
func IsTemplate(data []byte) bool {
	return NewSource("", head(data)).IsTemplate()
}

// IsTemplate is IsTemplate for a source already normalized, so that the
// engine normalizes each file once.
func (s *Source) IsTemplate() bool {
	fm, _, _, ok := splitFrontMatter(s.Text)
	return ok && formatLine.MatchString(fm)
}

func head(data []byte) []byte {
	const n = 64 << 10
	if len(data) > n {
		return data[:n]
	}
	return data
}

// splitFrontMatter finds the front matter in normalized text. It returns the
// YAML between the fences, its offset, the offset where the body starts, and
// whether an opening fence was found. A front matter that is never closed
// returns bodyStart -1.
func splitFrontMatter(text string) (fm string, fmStart, bodyStart int, ok bool) {
	if !strings.HasPrefix(text, "---\n") && text != "---" {
		return "", 0, 0, false
	}
	fmStart = 4
	if fmStart > len(text) {
		return "", len(text), -1, true
	}
	i := fmStart
	for i <= len(text) {
		end := strings.IndexByte(text[i:], '\n')
		line := ""
		next := len(text) + 1
		if end < 0 {
			line = text[i:]
		} else {
			line = text[i : i+end]
			next = i + end + 1
		}
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			return text[fmStart:i], fmStart, min(next, len(text)), true
		}
		if end < 0 {
			break
		}
		i = next
	}
	return text[fmStart:], fmStart, -1, true
}

var frontMatterKeys = []string{"format", "sender", "subject", "footer", "vars", "variants", "members", "lang"}

// Parse parses a template. It always returns a Template; everything wrong
// with the file is in Problems.
func Parse(name string, data []byte) *Template {
	return ParseSource(NewSource(name, data))
}

// ParseSource is Parse for a source already normalized.
func ParseSource(src *Source) *Template {
	t := &Template{Source: src}
	t.Sender = Field{Text: TextAt(src, "", 0)}
	t.Subject = Field{Text: TextAt(src, "", 0)}
	t.Footer = Field{Text: TextAt(src, "", 0)}
	t.formatField = Field{Text: TextAt(src, "", 0)}
	t.Members = Field{Text: TextAt(src, "", 0)}

	if off, msg := notText(src.Text); off >= 0 {
		// yaml.v3 would point at the front matter's first line, and
		// goldmark would pass the bytes through to the copy
		t.problem(off, off+1, msg)
		return t
	}
	fm, fmStart, bodyStart, ok := splitFrontMatter(src.Text)
	if !ok {
		t.problem(0, lineEnd(src.Text, 0), "file has no front matter: start it with a line of --- and the ad's format, sender and subject")
		return t
	}
	if bodyStart < 0 {
		t.problem(0, 3, "front matter is never closed: add a line with --- after the subject")
		return t
	}
	t.FrontMatter = src.Span(0, 3)
	t.parseFrontMatter(fm, fmStart, bodyStart)
	if t.Format == "" {
		return t
	}
	t.parseBody(bodyStart)
	return t
}

// notText finds the first byte that cannot be ad copy: one that is not
// UTF-8, or a NUL (a binary file, or text saved as UTF-16). It returns its
// offset and what to tell the user, or -1.
func notText(s string) (int, string) {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return -1, ""
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0:
			return i, "text contains a NUL byte: the file is binary or not saved as UTF-8"
		case r == utf8.RuneError && size == 1:
			return i, "text is not valid UTF-8: save the file as UTF-8"
		}
		i += size
	}
	return -1, ""
}

func lineEnd(text string, off int) int {
	if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(text)
}

// lineCol converts a 1-based line and column of the YAML parser (columns in
// characters) into an offset of src.Text, given where the YAML starts.
func (t *Template) yamlOffset(fmStart, line, col int) int {
	src := t.Source
	l := src.Pos(fmStart).Line + line - 1
	if l > len(src.lineStarts) {
		return len(src.Text)
	}
	off := src.lineStarts[l-1]
	for c := 1; c < col && off < len(src.Text) && src.Text[off] != '\n'; c++ {
		_, size := decodeRune(src.Text[off:])
		off += size
	}
	return off
}

// useFlatFrontMatter turns the fast path on; tests turn it off to compare.
var useFlatFrontMatter = true

// parseFrontMatterYAML parses the front matter into yaml.v3's node tree:
// the common flat shape by flatFrontMatter, in slabs, the rest by yaml.v3.
// flat says which: a flat tree has no anchors, aliases, tags or merge
// keys.
func parseFrontMatterYAML(fm string, slabs *flatSlabs) (doc *yaml.Node, flat bool, err error) {
	if useFlatFrontMatter {
		if doc, ok := flatFrontMatterIn(fm, slabs); ok {
			return doc, true, nil
		}
	}
	doc = &yaml.Node{}
	data := []byte(fm)
	if err = yaml.Unmarshal(data, doc); err == nil {
		FixYAMLPositions(doc, data)
	}
	return doc, false, err
}

func (t *Template) parseFrontMatter(fm string, fmStart, bodyStart int) {
	// nothing of the tree outlives this call: the Template takes strings,
	// spans and decoded values from it, never a node
	slabs := getFlatSlabs()
	defer slabs.release()
	doc, flat, err := parseFrontMatterYAML(fm, slabs)
	if err != nil {
		line, msg := YAMLErrorLine(err, []byte(fm))
		off := t.yamlOffset(fmStart, max(line, 1), 1)
		if strings.Contains(msg, "tab character") {
			// yaml.v3 names the line of the value the tab interrupts:
			// point at the tab, on the first line indented with one
			for ls := off; ls < bodyStart; ls = lineEnd(t.Source.Text, ls) + 1 {
				lead := t.Source.Text[ls : ls+leadingSpace(t.Source.Text[ls:lineEnd(t.Source.Text, ls)])]
				if i := strings.IndexByte(lead, '\t'); i >= 0 {
					off = ls + i
					break
				}
			}
		}
		t.problem(off, lineEnd(t.Source.Text, off), "front matter is not valid YAML: "+msg)
		return
	}
	if len(doc.Content) == 0 {
		t.problem(0, 3, "front matter is empty: it needs format, sender and subject")
		return
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		off := t.yamlOffset(fmStart, root.Line, root.Column)
		t.problem(off, lineEnd(t.Source.Text, off), "front matter must be a mapping of keys such as format, sender and subject")
		return
	}
	seen := map[string]bool{}
	var formatKey *yaml.Node
	data := newDataDecoder(t.Source.Pos(fmStart).Line - 1)
	if flat {
		data.flatTree(fm)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		ks := t.yamlOffset(fmStart, k.Line, k.Column)
		keySpan := t.Source.Span(ks, ks+len(k.Value))
		if seen[k.Value] {
			t.problem(ks, ks+len(k.Value), fmt.Sprintf("front matter key %s appears twice: keep one", escape.Excerpt(k.Value)))
			continue
		}
		seen[k.Value] = true
		nextLine := 0
		if i+2 < len(root.Content) {
			nextLine = root.Content[i+2].Line
		}
		switch k.Value {
		case "format":
			formatKey = k
			f := t.scalarField("format", k, v, fmStart, nextLine, bodyStart)
			t.formatField = f
			switch Format(v.Value) {
			case FormatMessage, FormatConversation:
				t.Format = Format(v.Value)
			default:
				s, e := f.Text.SrcRange(0, len(f.Text.S))
				t.problem(s, e, fmt.Sprintf("unknown format %q: use message or conversation", v.Value))
			}
		case "sender", "subject", "footer", "members", "lang":
			f := t.scalarField(k.Value, k, v, fmStart, nextLine, bodyStart)
			f.Key = keySpan
			switch k.Value {
			case "sender":
				t.Sender = f
			case "subject":
				t.Subject = f
			case "footer":
				t.Footer = f
			case "members":
				t.Members = f
			case "lang":
				t.Lang = f
			}
		case "vars":
			if v.Kind != yaml.MappingNode {
				t.nodeProblem(fmStart, v, "vars must be a mapping of names to values")
				continue
			}
			if data.tooLarge(v) {
				t.nodeProblem(fmStart, v, fmt.Sprintf("vars: aliases expand this block to more than %d bytes, the cap on vars: use fewer aliases of long values", maxExpandedData))
				continue
			}
			vars, err := data.mapping(v)
			if err != nil {
				t.dataProblem(fmStart, "vars: ", err)
				continue
			}
			t.Vars = vars
		case "variants":
			t.parseVariants(fmStart, v, data)
		default:
			msg := fmt.Sprintf("unknown front matter key %s", escape.Excerpt(k.Value))
			if s := DidYouMean(Nearest(k.Value, frontMatterKeys, 2)); s != "" {
				msg += ": " + s
			} else {
				msg += ": use " + strings.Join(frontMatterKeys, ", ")
			}
			t.problem(ks, ks+len(k.Value), msg)
		}
	}
	if formatKey == nil {
		t.problem(0, 3, "front matter has no format: add format: message or format: conversation")
	}
	if !seen["subject"] {
		t.problem(0, 3, "front matter has no subject: add subject: with the line members see in their inbox")
	}
}

// dataProblem reports a node of vars or a variant that is not plain data.
func (t *Template) dataProblem(fmStart int, prefix string, err *dataError) {
	t.nodeProblem(fmStart, err.node, prefix+err.msg)
}

func (t *Template) nodeProblem(fmStart int, n *yaml.Node, msg string) {
	off := t.yamlOffset(fmStart, n.Line, n.Column)
	t.problem(off, lineEnd(t.Source.Text, off), msg)
}

func (t *Template) parseVariants(fmStart int, v *yaml.Node, data *dataDecoder) {
	if v.Kind != yaml.SequenceNode {
		t.nodeProblem(fmStart, v, "variants must be a list of entries, each with a name")
		return
	}
	for k, item := range v.Content {
		if k == maxVariants {
			t.nodeProblem(fmStart, item, fmt.Sprintf("more than %d variants: inboxlint renders the first %d; split the campaign into several files", maxVariants, maxVariants))
			break
		}
		off := t.yamlOffset(fmStart, item.Line, item.Column)
		span := t.Source.Span(off, lineEnd(t.Source.Text, off))
		node := item // an alias of a mapping is that mapping
		if item.Kind == yaml.AliasNode && item.Alias != nil && item.Alias.Kind == yaml.MappingNode {
			node = item.Alias
		}
		// the decoder shares the map of an anchored mapping, which
		// another variant may merge or alias; any other is this
		// variant's alone
		shared := node != item || node.Anchor != ""
		if node.Kind != yaml.MappingNode {
			t.nodeProblem(fmStart, item, "a variant must be a mapping with a name and values")
			continue
		}
		if data.tooLarge(node) {
			t.nodeProblem(fmStart, item, fmt.Sprintf("variant: aliases expand this variant to more than %d bytes, the cap on a variant's values: use fewer aliases of long values", maxExpandedData))
			continue
		}
		name, own, err := data.variant(node, shared)
		if err != nil {
			t.dataProblem(fmStart, "variant: ", err)
			continue
		}
		if name == "" {
			t.nodeProblem(fmStart, item, "a variant needs a name: add name: followed by a short id such as vp-sales")
			continue
		}
		if t.hasVariant(name) {
			t.nodeProblem(fmStart, item, fmt.Sprintf("variant name %s appears twice: names must be unique", escape.Excerpt(name)))
			continue
		}
		if t.Variants == nil {
			t.Variants = make([]VariantSpec, 0, min(len(v.Content), maxVariants))
		}
		t.Variants = append(t.Variants, VariantSpec{Name: name, Values: own, span: span})
	}
}

// hasVariant reports whether a variant named name was read already. The
// list is searched, not a map kept: there are at most maxVariants, and
// most campaigns have a handful, for which a map costs more than the
// search.
func (t *Template) hasVariant(name string) bool {
	for _, v := range t.Variants {
		if v.Name == name {
			return true
		}
	}
	return false
}

// scalarField turns a YAML scalar into a Field whose Text maps back to the
// exact source characters of the value.
func (t *Template) scalarField(name string, k, v *yaml.Node, fmStart, nextLine, bodyStart int) Field {
	ks := t.yamlOffset(fmStart, k.Line, k.Column)
	f := Field{Present: true, Key: t.Source.Span(ks, ks+len(k.Value))}
	if v.Kind != yaml.ScalarNode {
		t.nodeProblem(fmStart, v, fmt.Sprintf("%s must be text", name))
		f.Text = TextAt(t.Source, "", ks)
		return f
	}
	start := t.yamlOffset(fmStart, v.Line, v.Column)
	// The value ends before the next key's line, or at the closing fence.
	limit := bodyStart
	if nextLine > 0 {
		limit = t.yamlOffset(fmStart, nextLine, 1)
	}
	// the closing fence line itself is not part of the value
	if limit == bodyStart {
		limit = strings.LastIndex(t.Source.Text[:bodyStart], "\n")
		if limit < start {
			limit = bodyStart
		}
	}
	if v.Tag == "!!null" && v.Value == "" || v.Value == "~" && v.Style == 0 {
		f.Text = TextAt(t.Source, "", start)
		return f
	}
	f.Text = scalarText(t.Source, v, start, limit)
	return f
}

// FrontMatter returns where the front matter's YAML lies in Text: from
// the line after the opening --- to the start of the closing fence. ok is
// false for a file without a closed front matter. Directives in YAML
// comments (lint) are looked for only there.
func (s *Source) FrontMatter() (start, end int, ok bool) {
	fm, fmStart, bodyStart, found := splitFrontMatter(s.Text)
	if !found || bodyStart < 0 {
		return 0, 0, false
	}
	return fmStart, fmStart + len(fm), true
}
