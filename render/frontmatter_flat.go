package render

import (
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Most Message Ad front matter is a handful of one-line keys:
//
//	format: message
//	sender: "Kenji Rossi"
//	subject: "%FIRSTNAME%, will we see you in March?"
//
// yaml.v3 spends more time setting up and running its full parser on such a
// document than the rest of the template's parse takes, so flatFrontMatter
// reads this one shape itself and builds the very node tree yaml.v3 would.
// Anything outside the shape (nesting, lists, comments, block or escaped
// scalars, a value YAML would read as a number, a boolean or null, tabs,
// control or line-separator characters, invalid UTF-8) is left to yaml.v3,
// which also words every error: the fast path never rejects a document, it
// only declines it. FuzzFlatFrontMatter checks the two agree on every
// document the fast path accepts.

// Campaigns with variants add one more shape, a block list of flat
// mappings under a top-level key:
//
//	variants:
//	  - name: vp-sales
//	    p: "A question for sales leaders."
//
// flatFrontMatter reads that too, as long as every item starts with "- "
// at one indentation and its other keys sit exactly under its first; a
// list of anything else (scalars, nested lists or maps, flow style, keys
// at any other indentation) is yaml.v3's.

// flatLine is one non-blank line of a flat front matter: a key and its
// value, at the top level or in an item of a list.
type flatLine struct {
	line       int // 1-based, in the front matter
	key, value string
	keyCol     int // 1-based columns; the text before them is ASCII
	valueCol   int
	style      yaml.Style
	// list is set on a top-level key with no value on its line: the
	// list that follows is its value. size is then its number of items,
	// on an item's first line its number of keys, else 0.
	list bool
	item bool
	size int
}

// flatFrontMatter returns the document node yaml.v3 builds for fm when fm
// is a flat mapping of one-line keys and string values, or lists of such
// mappings, and false for any other document. Its nodes come from one
// allocation, their Content slices from another.
func flatFrontMatter(fm string) (*yaml.Node, bool) { return flatFrontMatterIn(fm, nil) }

// flatSlabs are the node and pointer slabs of one flat tree, kept for the
// next file's: a campaign of twenty variants needs some 18 KB of them,
// which the parse of every file would otherwise allocate and drop. The
// tree is read only while its file's front matter is parsed (the
// Template keeps strings, spans and decoded values, never a node), so
// parseFrontMatter hands the slabs back when it returns.
type flatSlabs struct {
	nodes []yaml.Node
	ptrs  []*yaml.Node
}

// maxPooledFlatNodes caps the slabs kept (some 160 KB of nodes): enough
// for maxVariants variants of a name and three values each, while a
// front matter of thousands of lines is rare and pooling its slabs would
// keep that much memory for files that need a tenth of it.
const maxPooledFlatNodes = 1024

var flatSlabPool = sync.Pool{New: func() any { return new(flatSlabs) }}

// getFlatSlabs takes slabs from the pool.
func getFlatSlabs() *flatSlabs { return flatSlabPool.Get().(*flatSlabs) }

// release clears the slabs, so that the pool holds nothing of the file
// (the nodes point into its text) and the next tree starts from zero
// nodes as a fresh allocation would, and puts them back unless they are
// above the cap. The tree built in them must not be used after.
func (s *flatSlabs) release() {
	s.reset()
	if cap(s.nodes) > maxPooledFlatNodes {
		return
	}
	flatSlabPool.Put(s)
}

// reset clears the slabs and empties them, keeping their room.
func (s *flatSlabs) reset() {
	clear(s.nodes)
	clear(s.ptrs)
	s.nodes, s.ptrs = s.nodes[:0], s.ptrs[:0]
}

// flatFrontMatterIn is flatFrontMatter building its tree in slabs, which
// it grows when they are too small; nil slabs allocate the tree's own.
func flatFrontMatterIn(fm string, slabs *flatSlabs) (*yaml.Node, bool) {
	var room [64]flatLine
	lines, items, ok := flatLines(fm, room[:0])
	if !ok || len(lines) == 0 {
		return nil, false
	}
	var nodes []yaml.Node
	var ptrs []*yaml.Node
	nn, np := 2+2*len(lines)+items, 1+2*len(lines)+items
	switch {
	case slabs == nil:
		nodes, ptrs = make([]yaml.Node, nn), make([]*yaml.Node, np)
	case cap(slabs.nodes) >= nn && cap(slabs.ptrs) >= np:
		// released slabs are zero: see release
		nodes, ptrs = slabs.nodes[:nn], slabs.ptrs[:np]
		slabs.nodes, slabs.ptrs = nodes, ptrs
	default:
		nodes, ptrs = make([]yaml.Node, nn), make([]*yaml.Node, np)
		slabs.nodes, slabs.ptrs = nodes, ptrs
	}
	// node hands out the next node of the slab, which is zero: only the
	// fields that are not are set, one by one (a whole yaml.Node copied
	// in is a write barrier over every pointer it holds)
	next := 0
	node := func(kind yaml.Kind, tag string, line, col int) *yaml.Node {
		n := &nodes[next]
		next++
		n.Kind, n.Tag, n.Line, n.Column = kind, tag, line, col
		return n
	}
	// take hands out the next k pointers as an empty slice of capacity
	// k, for a container's Content to be appended into
	taken := 0
	take := func(k int) []*yaml.Node {
		c := ptrs[taken : taken : taken+k]
		taken += k
		return c
	}
	doc := node(yaml.DocumentNode, "", lines[0].line, 1)
	doc.Content = take(1)
	top := 0
	for _, l := range lines {
		if l.keyCol == 1 {
			top++
		}
	}
	root := node(yaml.MappingNode, "!!map", lines[0].line, 1)
	root.Content = take(2 * top)
	doc.Content = append(doc.Content, root)
	var list, item *yaml.Node
	for _, l := range lines {
		if l.item {
			if len(list.Content) == 0 {
				list.Line, list.Column = l.line, l.keyCol-2
			}
			item = node(yaml.MappingNode, "!!map", l.line, l.keyCol)
			item.Content = take(2 * l.size)
			list.Content = append(list.Content, item)
		}
		k := node(yaml.ScalarNode, "!!str", l.line, l.keyCol)
		k.Value = l.key
		var v *yaml.Node
		if l.list {
			v = node(yaml.SequenceNode, "!!seq", 0, 0)
			v.Content = take(l.size)
			list = v
		} else {
			v = node(yaml.ScalarNode, "!!str", l.line, l.valueCol)
			v.Style, v.Value = l.style, l.value
		}
		if l.keyCol == 1 {
			root.Content = append(root.Content, k, v)
		} else {
			item.Content = append(item.Content, k, v)
		}
	}
	return doc, true
}

// flatLines reads the lines of fm into lines, and counts the items of its
// lists. It fails on a line outside the shapes flatFrontMatter reads.
func flatLines(fm string, lines []flatLine) (_ []flatLine, items int, ok bool) {
	list := -1   // the line of the list being read, -1 outside one
	item := -1   // the line of its item being read
	indent := -1 // the indentation of the list's "- "
	line := 0
	for rest := fm; rest != ""; {
		var l string
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			l, rest = rest, ""
		}
		line++
		at := len(l) - len(strings.TrimLeft(l, " "))
		if at == len(l) {
			continue
		}
		dash := strings.HasPrefix(l[at:], "- ")
		switch {
		case at == 0 && !dash:
			// a key of the top-level mapping, which ends any list
			if list >= 0 && lines[list].size == 0 {
				return nil, 0, false // "key:" is a null value
			}
			list, item = -1, -1
		case dash && (item < 0 && list >= 0 || item >= 0 && at == indent):
			// an item of the list: "- key: value"
			indent = at
			at += 2
			item = len(lines)
			lines[list].size++
			items++
		case !dash && item >= 0 && at == indent+2:
			// another key of the item, under its first
		default:
			return nil, 0, false
		}
		fl, ok := flatEntry(l, at)
		if !ok || fl.list && at > 0 {
			return nil, 0, false
		}
		fl.line = line
		fl.item = item == len(lines)
		if fl.list {
			list = len(lines)
		}
		lines = append(lines, fl)
		if item >= 0 {
			lines[item].size++
		}
	}
	if list >= 0 && lines[list].size == 0 {
		return nil, 0, false
	}
	return lines, items, true
}

// flatEntry reads the "key: value" that starts at byte at of l. A
// top-level key with nothing after its colon is read as the key of a list
// (the caller checks that one follows).
func flatEntry(l string, at int) (flatLine, bool) {
	colon := strings.IndexByte(l[at:], ':') + at
	if colon <= at || !isFlatKey(l[at:colon]) {
		return flatLine{}, false
	}
	fl := flatLine{key: l[at:colon], keyCol: at + 1}
	v := colon + 1
	for v < len(l) && l[v] == ' ' {
		v++
	}
	if v == len(l) {
		fl.list = true
		return fl, true
	}
	if v == colon+1 {
		// "key:value" is one plain scalar
		return flatLine{}, false
	}
	value, style, ok := flatScalar(l[v:])
	if !ok {
		return flatLine{}, false
	}
	fl.value, fl.style, fl.valueCol = value, style, v+1
	return fl, true
}

// maxFlatKey is the longest key the fast path reads. YAML allows a simple
// key of at most 1,024 characters (yaml.v3 rejects a longer one); a front
// matter or variant key is a word, so the fast path stays far below that.
const maxFlatKey = 128

// isFlatKey reports whether s is a key the fast path reads: ASCII letters,
// digits, "_" and "-", starting with a letter, at most maxFlatKey long, and
// not a word YAML reads as something other than a string.
func isFlatKey(s string) bool {
	if len(s) > maxFlatKey || !isASCIILetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isASCIILetter(c) && (c < '0' || c > '9') && c != '_' && c != '-' {
			return false
		}
	}
	return !yamlWord(s)
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// flatScalar reads a value that runs to the end of its line: a quoted
// scalar without escapes, or a plain scalar that is a string.
func flatScalar(s string) (string, yaml.Style, bool) {
	if !flatChars(s) {
		return "", 0, false
	}
	switch s[0] {
	case '"', '\'':
		q := s[0]
		end := strings.IndexByte(s[1:], q) + 1
		if end <= 0 || strings.TrimRight(s[end+1:], " ") != "" {
			return "", 0, false
		}
		body := s[1:end]
		if q == '"' && strings.IndexByte(body, '\\') >= 0 {
			return "", 0, false
		}
		if q == '"' {
			return body, yaml.DoubleQuotedStyle, true
		}
		return body, yaml.SingleQuotedStyle, true
	}
	s = strings.TrimRight(s, " ")
	if strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>%@`.+~<=0123456789") || yamlWord(s) ||
		strings.Contains(s, ": ") || strings.HasSuffix(s, ":") || strings.IndexByte(s, '#') >= 0 {
		return "", 0, false
	}
	return s, 0, true
}

// flatChars reports whether s holds only characters the fast path leaves
// as they are: printable, no tab or carriage return, none of the
// characters YAML 1.1 takes for a line break (NEL, U+2028, U+2029), and no
// byte order mark.
func flatChars(s string) bool {
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f:
		case r == utf8.RuneError, r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r >= 0xd800 && r < 0xe000, r == 0xfffe, r == 0xffff:
			return false
		}
	}
	return true
}

// yamlWord reports whether a plain scalar s is one YAML reads as a
// boolean or null rather than a string, in any of the spellings yaml.v3
// resolves.
func yamlWord(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
		return true
	}
	return false
}
