package sandbox

import (
	"sort"
	"text/template/parse"
)

// Most fields with actions read a few variables, and most variants give
// those the same values: the field's output is then the same for each of
// them. A caller that runs a field for many variants (render's
// Template.Render) may execute it once per distinct value of what it reads
// (Reads) and share the output, provided the budget is charged as if the
// field had run each time (Cost, Budget.Replay): the findings and the
// point where a file budget runs out stay exactly what executing every
// time gives.

// Reads returns the top-level data keys the field may read, sorted, or
// all when it may read any (it uses the whole data, . or $, outside a
// field access). Keys read inside a range or with body are included as
// though they were top-level: more keys only make fewer executions share.
// Two data values that agree on these keys give the same output, the same
// error and the same work.
func (ft *Field) Reads() (keys []string, all bool) { return ft.reads, ft.all }

// dataReads finds what a field's tree may read: the first name of every
// field access (.name.sub) and of every $.name, and whether a bare . or $
// passes the whole data somewhere.
func dataReads(root *parse.ListNode) (keys []string, all bool) {
	seen := map[string]bool{}
	inspect(root, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.FieldNode:
			seen[n.Ident[0]] = true
		case *parse.DotNode:
			all = true
		case *parse.VariableNode:
			if n.Ident[0] == "$" {
				if len(n.Ident) == 1 {
					all = true
				} else {
					seen[n.Ident[1]] = true
				}
			}
		}
	})
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, all
}

// Cost is the work one successful execution did, per kind of work.
type Cost struct {
	u usage
	// replayable is false when the execution used a regular expression:
	// the file's pattern cache makes a repeat cost less, so the caller
	// must execute again rather than replay
	replayable bool
}

// Replay charges b for a repeat of the execution that cost c, as if the
// field had run again, and reports whether it did. It does not when c
// cannot be replayed, when b is spent, or when the repeat would go over a
// file budget: the caller then executes the field for real, which stops
// at the same point, with the same finding, as it always did. A repeat is
// never over a field limit, since the execution it repeats was not.
func (b *Budget) Replay(c Cost) bool {
	if !c.replayable || b.spent != "" {
		return false
	}
	for k := work(0); k < numWork; k++ {
		if b.used[k]+c.u[k] > b.lim.fileLimit(k) {
			return false
		}
	}
	for k := work(0); k < numWork; k++ {
		b.used[k] += c.u[k]
	}
	return true
}
