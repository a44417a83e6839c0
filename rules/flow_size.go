package rules

import (
	"errors"

	"github.com/inboxlint/inboxlint/lint"
)

// FlowSize reports conversations with too many messages or too many
// levels.
type FlowSize struct{ opts flowSizeOptions }

type flowSizeOptions struct {
	MaxMessages int `yaml:"max-messages"`
	MaxDepth    int `yaml:"max-depth"`
}

// NewFlowSize returns the rule with its default options.
func NewFlowSize() *FlowSize {
	return &FlowSize{opts: flowSizeOptions{MaxMessages: 25, MaxDepth: 5}}
}

// Doc implements lint.Rule.
func (*FlowSize) Doc() lint.Doc {
	return lint.Doc{
		ID:       "flow-size",
		Severity: lint.SeverityWarning,
		Default:  true,
		Title:    "the conversation stays small and shallow",
		Text: "LinkedIn's Conversation Ads specs bound each message (up to five buttons, four on the opening where " +
			"LinkedIn adds \"Not interested\") but not the size of the whole tree. The limits here are unofficial " +
			"guidance from agencies that run Conversation Ads, not LinkedIn's: every extra level loses members " +
			"before they reach the offer, so keep the path to a lead form or landing page within 5 messages " +
			"(the opening is level 1; depth is the longest path of buttons that never repeats a message), and a " +
			"flow past 25 messages is hard to review, translate and keep consistent. Too many messages is reported " +
			"at the opening; too deep at the first message past the limit on the deepest path.",
		Options: []lint.Option{
			{Name: "max-messages", Default: "25", Doc: "most messages in one conversation"},
			{Name: "max-depth", Default: "5", Doc: "most levels on any path from the opening (the opening is level 1)"},
		},
	}
}

// Configure implements lint.Configurable.
func (r *FlowSize) Configure(decode func(any) error) (lint.Rule, error) {
	c := *r
	if err := decode(&c.opts); err != nil {
		return nil, err
	}
	if c.opts.MaxMessages <= 0 || c.opts.MaxDepth <= 0 {
		return nil, errors.New("max-messages and max-depth must be positive")
	}
	return &c, nil
}

// Check implements lint.Rule.
func (r *FlowSize) Check(p *lint.Pass) error {
	f := flowOf(p)
	if f == nil {
		return nil
	}
	if n := len(f.Nodes); n > r.opts.MaxMessages {
		p.Reportf(f.Nodes[0].Message.Heading, "the conversation has %d messages; keep it to %d so it stays easy to review and maintain (unofficial guidance)", n, r.opts.MaxMessages)
	}
	if path := f.LongestPath(); len(path) > r.opts.MaxDepth {
		n := f.Nodes[path[r.opts.MaxDepth]]
		p.Reportf(n.Message.Heading, "%s is level %d on the path %s, which is %d levels deep; keep every path within %d levels (unofficial guidance)",
			flowNodeName(n), r.opts.MaxDepth+1, flowPath(f, path), len(path), r.opts.MaxDepth)
	}
	return nil
}
