package render

import "go.yaml.in/yaml/v3"

// parseYAML reads a members file in YAML: a list of mappings with scalar
// values, aliases followed, every error at the node it is about.
func (p *membersParser) parseYAML() error {
	var doc yaml.Node
	if err := yaml.Unmarshal(p.data, &doc); err != nil {
		line, msg := YAMLErrorLine(err, p.data)
		return p.errAt(line, 0, "%s", msg)
	}
	FixYAMLPositions(&doc, p.data)
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return p.errAt(0, 0, "no members: the file is empty")
	}
	root := membersYAMLDeref(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return p.errAt(0, 0, "no members: the file is empty")
	}
	if root.Kind != yaml.SequenceNode {
		return p.errAt(root.Line, root.Column, "want a list of members, found %s", membersYAMLKind(root))
	}
	for _, item := range root.Content {
		item = membersYAMLDeref(item)
		if item.Kind != yaml.MappingNode {
			return p.errAt(item.Line, item.Column, "member %d is %s, not a mapping with keys like first_name", len(p.members)+1, membersYAMLKind(item))
		}
		m, err := p.add(item.Line, item.Column)
		if err != nil {
			return err
		}
		var seen memberKeySet
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := membersYAMLDeref(item.Content[i]), membersYAMLDeref(item.Content[i+1])
			if k.Kind != yaml.ScalarNode {
				return p.errAt(k.Line, k.Column, "a key is %s: keys must be names like first_name", membersYAMLKind(k))
			}
			f, msg := lookupMemberField(k.Value, "key")
			if msg == "" {
				msg = seen.check(f, k.Value, "key")
			}
			if msg != "" {
				return p.errAt(k.Line, k.Column, "%s", msg)
			}
			if v.Kind != yaml.ScalarNode {
				if f == memberIgnored {
					continue
				}
				return p.errAt(v.Line, v.Column, "%s must be text, not %s", memberKeyText(k.Value), membersYAMLKind(v))
			}
			val := v.Value
			if v.ShortTag() == "!!null" {
				val = ""
			}
			if msg := m.set(f, val); msg != "" {
				return p.errAt(v.Line, v.Column, "%s", msg)
			}
		}
	}
	if len(p.members) == 0 {
		return p.errAt(root.Line, root.Column, "no members: the list is empty")
	}
	return nil
}

// membersYAMLDeref follows an alias to the node it names.
func membersYAMLDeref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func membersYAMLKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	default:
		return "a single value"
	}
}
