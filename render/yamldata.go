package render

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// The data of vars and variants, decoded from the front matter's YAML.
//
// Templates see plain data only: text, numbers, booleans, null, lists and
// maps keyed by text. yaml.v3 decodes more into an interface: a timestamp
// becomes a time.Time, whose methods a template could call ({{ .ts.Local }}
// reads the runner's time zone), !!binary becomes bytes, and a map with a
// number for a key becomes a map of interfaces. Here every scalar YAML
// would give a type other than text, a number, a boolean or null keeps the
// text as written: a !!timestamp (2024-01-01T00:00:00Z), a !!binary (its
// base64), a custom tag (!foo bar). A map key is the key's text as written
// (1: one has the key "1"); a key that is a list or a map is an error.
//
// An alias is decoded once and shared wherever it appears, so a document
// of aliases costs memory for what is written, not for what it expands to.
// What it expands to is still what printing it, or walking it, costs, so a
// vars block, or a variant, whose aliases expand it past maxExpandedData is
// a syntax finding, before anything is decoded.

// maxExpandedData is the most one vars block, or one variant, may hold once
// its YAML aliases are expanded: the bytes of its scalars plus one for each
// node. Without aliases a block is at most the size of the file (1 MiB);
// the cap leaves room for anchors shared between variants and keeps the
// billion laughs out.
const maxExpandedData = 4 << 20

// expandedSize is the size of n with every alias expanded, as
// maxExpandedData counts it, saturating just past limit. sizes memoizes
// the size of each node, so the walk costs what is written.
func expandedSize(n *yaml.Node, limit int64, sizes map[*yaml.Node]int64) int64 {
	if n == nil {
		return 0
	}
	if s, ok := sizes[n]; ok {
		return s
	}
	sizes[n] = limit + 1 // an alias cycle, if the parser let one through
	var s int64
	switch n.Kind {
	case yaml.AliasNode:
		s = expandedSize(n.Alias, limit, sizes)
	case yaml.ScalarNode:
		s = 1 + int64(len(n.Value))
	default:
		s = 1
		for _, c := range n.Content {
			if s += expandedSize(c, limit, sizes); s > limit {
				break
			}
		}
	}
	s = min(s, limit+1)
	sizes[n] = s
	return s
}

// dataDecoder decodes YAML nodes to plain data, sharing what aliases
// share.
type dataDecoder struct {
	decoded map[*yaml.Node]any
	sizes   map[*yaml.Node]int64
	// lineShift turns a node's line, counted in the front matter, into a
	// line of the file, for messages that name another line.
	lineShift int
	// flat is set for a tree of flatFrontMatter's, whose scalars are all
	// text and which has no anchors, aliases, tags or merge keys; bound
	// is then more than any of its nodes can expand to (see flatTree).
	flat  bool
	bound int64
}

// flatTree tells the decoder that its tree is fm's, read by
// flatFrontMatter. A node's expanded size is then at most what fm writes:
// each line of at least two bytes makes at most three nodes (a key, its
// value or list, an item's mapping), each counted as one plus the bytes
// of its text, which come from that line. That is at most 3+L for a line
// of L bytes, so at most 4*len(fm), and the document and its mapping add
// two: tooLarge need not walk a tree that fits.
func (d *dataDecoder) flatTree(fm string) {
	d.flat, d.bound = true, 4*int64(len(fm))+2
}

func newDataDecoder(lineShift int) *dataDecoder {
	return &dataDecoder{decoded: map[*yaml.Node]any{}, sizes: map[*yaml.Node]int64{}, lineShift: lineShift}
}

// dataError is a node that cannot be decoded, and why.
type dataError struct {
	node *yaml.Node
	msg  string
}

// tooLarge reports whether n expands past maxExpandedData.
func (d *dataDecoder) tooLarge(n *yaml.Node) bool {
	if d.bound > 0 && d.bound <= maxExpandedData {
		return false
	}
	return expandedSize(n, maxExpandedData, d.sizes) > maxExpandedData
}

// variant decodes a variant's mapping into its name (empty when it has
// none that is text) and its other values, in a map of its own: a copy
// when the decoder shares the mapping's (shared), which another variant
// may merge or alias.
func (d *dataDecoder) variant(n *yaml.Node, shared bool) (string, map[string]any, *dataError) {
	if d.flat && !shared {
		if name, own, err, ok := d.flatVariant(n); ok {
			return name, own, err
		}
	}
	values, err := d.mapping(n)
	if err != nil {
		return "", nil, err
	}
	name, _ := values["name"].(string)
	own := values
	if shared {
		own = make(map[string]any, len(values))
		for k, val := range values {
			if k != "name" {
				own[k] = val
			}
		}
	} else {
		delete(own, "name")
	}
	return name, own, nil
}

// flatVariant is variant for a mapping of a flat tree whose keys and
// values are all text: what mapping would give, read without decoding
// each node, the name never entering the map. ok is false for a mapping
// of any other shape.
func (d *dataDecoder) flatVariant(n *yaml.Node) (name string, own map[string]any, err *dataError, ok bool) {
	hasName := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag != "!!str" || v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
			return "", nil, nil, false
		}
		hasName = hasName || k.Value == "name"
	}
	size := len(n.Content) / 2
	if hasName {
		size--
	}
	own = make(map[string]any, size)
	// a key twice is found by the map not growing, the name apart
	var nameKey *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == "name" {
			if nameKey != nil {
				return "", nil, d.keyTwice(k, nameKey), true
			}
			nameKey, name = k, v.Value
			continue
		}
		had := len(own)
		if own[k.Value] = v.Value; len(own) == had {
			for j := 0; ; j += 2 {
				if n.Content[j].Value == k.Value {
					return "", nil, d.keyTwice(k, n.Content[j]), true
				}
			}
		}
	}
	return name, own, nil, true
}

// keyTwice is the error for key k of a mapping that has it already, at
// prev.
func (d *dataDecoder) keyTwice(k, prev *yaml.Node) *dataError {
	return &dataError{k, fmt.Sprintf("mapping key %q already defined at line %d", k.Value, prev.Line+d.lineShift)}
}

// mapping decodes a mapping node to a map keyed by text.
func (d *dataDecoder) mapping(n *yaml.Node) (map[string]any, *dataError) {
	v, err := d.decode(n)
	if err != nil {
		return nil, err
	}
	m, _ := v.(map[string]any)
	return m, nil
}

func (d *dataDecoder) decode(n *yaml.Node) (any, *dataError) {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return nil, &dataError{n, "alias to an unknown anchor"}
		}
		return d.decode(n.Alias)
	}
	if v, ok := d.decoded[n]; ok {
		return v, nil
	}
	var v any
	var err *dataError
	switch n.Kind {
	case yaml.ScalarNode:
		v, err = scalarData(n)
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			e, err := d.decode(c)
			if err != nil {
				return nil, err
			}
			l = append(l, e)
		}
		v = l
	case yaml.MappingNode:
		v, err = d.mappingData(n)
	case yaml.DocumentNode:
		if len(n.Content) == 1 {
			return d.decode(n.Content[0])
		}
	}
	if err != nil {
		return nil, err
	}
	if n.Anchor != "" {
		d.decoded[n] = v
	}
	return v, nil
}

// scalarData is a scalar's value: text, a number, a boolean or nil for the
// core schema's tags, and the text as written for every other.
func scalarData(n *yaml.Node) (any, *dataError) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool", "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, &dataError{n, fmt.Sprintf("cannot decode %q as %s", n.Value, n.ShortTag())}
		}
		switch v.(type) {
		case bool, int, int64, uint64, float64:
			return v, nil
		}
	}
	return n.Value, nil
}

// mappingData decodes a mapping as yaml.v3 does: a key twice is an error,
// and merge keys (<<: *base) add the keys the mapping does not have, the
// first merged mapping winning over later ones.
func (d *dataDecoder) mappingData(n *yaml.Node) (map[string]any, *dataError) {
	m := make(map[string]any, len(n.Content)/2)
	// the keys so far, looked up in a list while there are few (a
	// variant has a handful), in a map after that
	var few [8]seenKey
	seen := seenKeys{few: few[:0]}
	var merge *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key, err := keyText(k)
		if err != nil {
			return nil, err
		}
		isMerge := k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge"
		if isMerge {
			key = "\x00<<" // merge keys are duplicates only of each other
		}
		var prev *yaml.Node
		if seen, prev = seen.add(key, k); prev != nil {
			return nil, d.keyTwice(k, prev)
		}
		if isMerge {
			merge = val
			continue
		}
		v, err := d.decode(val)
		if err != nil {
			return nil, err
		}
		m[key] = v
	}
	if merge == nil {
		return m, nil
	}
	sources := []*yaml.Node{merge}
	if merge.Kind == yaml.SequenceNode {
		sources = merge.Content
	}
	for _, src := range sources {
		target := src
		if target.Kind == yaml.AliasNode {
			target = target.Alias
		}
		if target == nil || target.Kind != yaml.MappingNode {
			return nil, &dataError{src, "map merge requires map or sequence of maps as the value"}
		}
		merged, err := d.decode(src)
		if err != nil {
			return nil, err
		}
		for k, v := range merged.(map[string]any) {
			if _, ok := m[k]; !ok {
				m[k] = v
			}
		}
	}
	return m, nil
}

// seenKeys are the keys of a mapping read so far: in few while there
// are few, in many after that.
type seenKeys struct {
	few  []seenKey
	many map[string]*yaml.Node
}

type seenKey struct {
	key  string
	node *yaml.Node
}

// add records key's node k, unless the key was seen before: it then
// returns the node that had it first. It takes and returns s by value so
// that the caller's array for few stays on its stack.
func (s seenKeys) add(key string, k *yaml.Node) (seenKeys, *yaml.Node) {
	if s.many == nil {
		for _, e := range s.few {
			if e.key == key {
				return s, e.node
			}
		}
		if len(s.few) < cap(s.few) {
			s.few = append(s.few, seenKey{key, k})
			return s, nil
		}
		s.many = make(map[string]*yaml.Node, 2*len(s.few))
		for _, e := range s.few {
			s.many[e.key] = e.node
		}
	}
	if prev := s.many[key]; prev != nil {
		return s, prev
	}
	s.many[key] = k
	return s, nil
}

// keyText is a mapping key as text: a scalar as written; a list or a map
// cannot be one.
func keyText(k *yaml.Node) (string, *dataError) {
	for k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind != yaml.ScalarNode {
		what := "a list"
		if k.Kind == yaml.MappingNode {
			what = "a map"
		}
		return "", &dataError{k, fmt.Sprintf("a key must be text, not %s", what)}
	}
	return k.Value, nil
}
