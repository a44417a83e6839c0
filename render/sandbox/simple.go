package sandbox

import (
	"sync"
	"text/template/parse"
	"unsafe"
)

// simpleFastPath lets a simple field run without text/template; the tests
// turn it off to compare the two.
var simpleFastPath = true

// simpleStep is one top-level node of a simple field: a literal text, or
// an action that prints one key of the data, {{ .name }}.
type simpleStep struct {
	text []byte // the text node's own bytes (the writer knows it by them)
	key  string // the key the action prints, when text is nil
}

// simpleField is the steps of a field whose tree for plain data is only
// text and {{ .name }} actions, which is most copy with variables: it runs
// without text/template. ok is false for any other field.
type simpleField struct {
	once  sync.Once
	steps []simpleStep
	ok    bool
}

// simple returns the field's steps, and whether it is simple.
func (ft *Field) simple() ([]simpleStep, bool) {
	ft.simpleRun.once.Do(func() {
		tr := ft.plain
		if tr == nil {
			tr = ft.tree
		}
		if tr == nil || tr.Root == nil || len(tr.Root.Nodes) == 0 {
			return
		}
		steps := make([]simpleStep, 0, len(tr.Root.Nodes))
		for _, n := range tr.Root.Nodes {
			switch n := n.(type) {
			case *parse.TextNode:
				steps = append(steps, simpleStep{text: n.Text})
			case *parse.ActionNode:
				key, ok := printedKey(n)
				if !ok {
					return
				}
				steps = append(steps, simpleStep{key: key})
			default:
				return
			}
		}
		ft.simpleRun.steps, ft.simpleRun.ok = steps, true
	})
	return ft.simpleRun.steps, ft.simpleRun.ok
}

// printedKey is the key an action of the form {{ .name }} prints.
func printedKey(a *parse.ActionNode) (string, bool) {
	p := a.Pipe
	if p == nil || p.IsAssign || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return "", false
	}
	return f.Ident[0], true
}

// runSimple runs a simple field's steps on vars as text/template would:
// each text node's bytes, then each action's value, written to s one
// write each, in order; a write's error is text/template's error, as its
// writeError gives it back. handled is false, with nothing written, when
// an action's key is missing or its value is not a string (text/template
// then gives the error, or formats the value).
func (s *execState) runSimple(steps []simpleStep, vars map[string]any) (handled bool, err error) {
	for _, st := range steps {
		if st.text == nil {
			if _, ok := vars[st.key].(string); !ok {
				return false, nil
			}
		}
	}
	for _, st := range steps {
		p := st.text
		if p == nil {
			v := vars[st.key].(string)
			p = unsafe.Slice(unsafe.StringData(v), len(v))
		}
		if _, err := s.Write(p); err != nil {
			return true, err
		}
	}
	return true, nil
}
