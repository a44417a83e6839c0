package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
	"github.com/inboxlint/inboxlint/render/sandbox"
	"github.com/inboxlint/inboxlint/rules"
)

func (c *cli) render(args []string) int {
	fs := c.flags("render", "[flags] file")
	member := fs.String("member", "", "only this member: a name (or part of one) or a 1-based number")
	variant := fs.String("variant", "", "only this variant")
	members := fs.String("members", "", "sample members file (CSV, JSON or YAML)")
	config := fs.String("config", "", "use this config file instead of the nearest .inboxlint.yaml")
	format := fs.String("format", "text", "output: text (what each member receives), dot or mermaid (the flow graph)")
	if st, done := c.parse(fs, args); done {
		return st
	}
	if !validRenderFormat(*format) {
		return c.fail(fmt.Errorf("unknown format %q", *format), "use --format text, dot or mermaid")
	}
	if fs.NArg() != 1 {
		return c.fail(errors.New("render needs exactly one template file"), "inboxlint render ads/webinar.md")
	}
	path := fs.Arg(0)
	eng, err := lint.NewEngine(lint.Options{Rules: rules.All(), ConfigFile: *config, MembersFile: *members})
	if err != nil {
		return c.fail(err)
	}
	defer eng.Close()
	// read as lint reads it: confined to the repository, a regular file
	// under the template size limit
	data, err := eng.ReadTemplate(path)
	var fe *repofs.Error
	switch {
	case errors.Is(err, repofs.ErrOutside):
		return c.fail(err, "run inboxlint from the repository that holds the file")
	case errors.Is(err, repofs.ErrTooLarge), errors.Is(err, repofs.ErrLinkOutside), errors.Is(err, repofs.ErrNotRegular):
		return c.fail(err)
	case errors.As(err, &fe):
		return c.fail(fmt.Errorf("cannot read %s: %w", escape.Controls(path), fe.Err))
	case err != nil:
		return c.fail(fmt.Errorf("cannot read %s: %w", escape.Controls(path), err))
	}
	if !render.IsTemplate(data) {
		return c.fail(lint.NotTemplateError(path, data))
	}
	t := render.Parse(path, data)
	all, err := eng.Members(path, t)
	if err != nil {
		return c.fail(err)
	}
	variants, problems := t.Render(sandbox.DefaultLimits)
	problems = append(problems, t.Problems...)
	for _, v := range variants {
		problems = append(problems, v.Problems...)
	}
	if len(problems) > 0 {
		for _, p := range problems {
			c.errLine("inboxlint: ", fmt.Sprintf("%s:%d:%d: %s", path, p.Span.Start.Line, p.Span.Start.Col, p.Msg))
		}
		c.errLine("hint: ", "inboxlint lint "+path+" shows every problem in context")
		return exitError
	}
	var vs []*render.Variant
	for _, v := range variants {
		if *variant == "" || v.Name == *variant {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		names := make([]string, len(variants))
		for i, v := range variants {
			names[i] = v.Name
		}
		hint := "its variants are " + strings.Join(names, ", ")
		if len(t.Variants) == 0 {
			hint = "the template declares no variants: leave out --variant"
		}
		return c.fail(fmt.Errorf("no variant %q in %s", *variant, path), hint)
	}
	out := newRenderOutput(c.stdout, maxRenderOutput)
	comment := "… "
	if *format != "text" {
		// the graph is the same for every member: it shows the copy as
		// written, for the first (or the chosen) variant
		writeFlowGraph(out, *format, render.NewFlow(t, vs[0]))
		comment = map[string]string{"dot": "// ", "mermaid": "%% "}[*format]
	} else {
		ms, err := pickMembers(all, *member)
		if err != nil {
			return c.fail(err)
		}
		pv := &textPreview{w: out}
		pv.line(0, "Language: "+eng.Language(path, t, variants).String())
		pv.blank()
		first := true
		for _, v := range vs {
			for i := range ms {
				if out.full {
					break
				}
				if !first {
					pv.blank()
				}
				first = false
				printRender(pv, t, v, &ms[i])
			}
		}
	}
	cut, err := out.finish(comment)
	if err != nil {
		return c.fail(fmt.Errorf("cannot write output: %w", err))
	}
	if cut {
		return c.fail(fmt.Errorf("render output stopped after %d MiB, the most one render prints", maxRenderOutput>>20),
			"choose a member with --member or a variant with --variant")
	}
	return exitOK
}

// pickMembers selects members by 1-based number or by a case-insensitive
// part of their name.
func pickMembers(all []render.Member, sel string) ([]render.Member, error) {
	if sel == "" {
		return all, nil
	}
	if n, err := strconv.Atoi(sel); err == nil {
		if n < 1 || n > len(all) {
			return nil, fmt.Errorf("no member %d: there are %d", n, len(all))
		}
		return all[n-1 : n], nil
	}
	var out []render.Member
	for i := range all {
		if strings.Contains(strings.ToLower(all[i].Label()), strings.ToLower(sel)) {
			out = append(out, all[i])
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no member matches %q", sel)
	}
	return out, nil
}

// printRender prints one variant as one member receives it: a Message
// Ad's message and button, or a Conversation Ad's flow as a tree.
func printRender(p *textPreview, t *render.Template, v *render.Variant, m *render.Member) {
	who := m.Label()
	if v.Name != "" {
		who += " · variant " + v.Name
	}
	p.line(0, "── "+who+" ──")
	pz := func(x render.Text) string { return render.Personalize(x, m).S }
	p.line(0, "From:    "+pz(v.Sender))
	p.line(0, "Subject: "+pz(v.Subject))
	if t.Format == render.FormatConversation {
		printFlowTree(p, t, v, m)
	} else {
		for _, vm := range v.Messages {
			p.blank()
			if body := pz(vm.Body); body != "" {
				p.text(0, "", body)
			}
			for _, b := range vm.Buttons {
				p.line(0, "  [ "+pz(b.Label)+" ] → "+b.Target.S)
			}
		}
	}
	if f := pz(v.Footer); f != "" {
		p.blank()
		p.text(0, "Footer: ", f)
	}
}
