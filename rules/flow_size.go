package rules

import "github.com/inboxlint/inboxlint/lint"

// flowSize reports conversations with too many messages or too many
// levels. Its fields are the rule's options.
type flowSize struct {
	MaxMessages int `yaml:"max-messages" bound:"positive"`
	MaxDepth    int `yaml:"max-depth" bound:"positive"`
}

func (r *flowSize) check(p *lint.Pass) {
	f := flowOf(p)
	if f == nil {
		return
	}
	if n := len(f.Nodes); n > r.MaxMessages {
		p.Reportf(f.Nodes[0].Message.Heading, "the conversation has %d messages; keep it to %d so it stays easy to review and maintain (unofficial guidance)", n, r.MaxMessages)
	}
	if path := f.LongestPath(); len(path) > r.MaxDepth {
		n := f.Nodes[path[r.MaxDepth]]
		p.Reportf(n.Message.Heading, "%s is level %d on the path %s, which is %d levels deep; keep every path within %d levels (unofficial guidance)",
			flowNodeName(n), r.MaxDepth+1, flowPath(f, path), len(path), r.MaxDepth)
	}
}
