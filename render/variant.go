package render

import (
	"regexp"
	"strings"
	"sync"
	"unsafe"

	"github.com/inboxlint/inboxlint/render/sandbox"
)

// Variant is a template after the authoring stage for one entry of
// variants (or the only one, when the file has none): upload-ready copy that
// still contains %MACROS%. Every Text keeps its map to the source, so
// findings on rendered copy point at the characters or the action that
// produced them.
type Variant struct {
	// Name is the variant's name, "" when the file declares no variants.
	Name                    string
	Sender, Subject, Footer Text
	Messages                []VariantMessage
	// Problems are execution errors of this variant's templates.
	Problems []Problem
}

// VariantMessage is one message rendered for a variant.
type VariantMessage struct {
	Title   Text
	Body    Text
	Buttons []VariantButton
	Links   []VariantLink
}

// VariantButton is a rendered button.
type VariantButton struct{ Label, Target Text }

// VariantLink is a rendered body link.
type VariantLink struct{ Text, URL Text }

// fieldRenderer renders one field for every variant, parsing its template
// once, all under one budget for the file.
type fieldRenderer struct {
	budget   *sandbox.Budget
	problems []Problem
	parsed   map[int]*parsedField // by anchor offset
	failed   map[int]bool
	// outputs are the fields executed so far, by field and the values of
	// what it reads (appendOutputKey): a variant that gives a field the
	// same values as an earlier one gets the same Text without running it
	outputs *outputCache
	key     []byte // the last output key, its room reused for the next
	// scratch and segs are the room of the executions' output and
	// segments and of the Texts' segments being built, reused from one
	// field to the next: each Text gets a copy of its own (buildOutput)
	scratch sandbox.Scratch
	segs    []textSeg
	// kept holds the copies of what buildOutput keeps
	kept outputArena
	// skipped counts the fields not run because the file's budget was
	// spent: the finding that spent it stands for them.
	skipped int
	// variants is how many variants are rendered.
	variants int
}

// Render runs the authoring stage for every variant. problems holds
// template parse errors, reported once for the file; execution errors are
// per variant, in Variant.Problems. All the fields of all the variants
// share the file budgets of limits: the first field that spends one gets
// the finding, and the fields after it, in any variant, are not run and
// render empty. The same file therefore renders the same way on every
// machine.
func (t *Template) Render(limits sandbox.Limits) (variants []*Variant, problems []Problem) {
	specs := t.Variants
	if len(specs) == 0 {
		specs = []VariantSpec{{}}
	}
	fr := &fieldRenderer{budget: sandbox.NewBudget(limits), variants: len(specs)}
	defer func() { fr.outputs.release() }()
	// Every variant renders the same fields in the same order: the
	// variants, their messages, buttons and links are made in one slab
	// each, and when there are several variants a field without actions
	// is tidied once, in plain, by its place in that order, for all of
	// them.
	buttons, links := 0, 0
	for _, m := range t.Messages {
		buttons += len(m.Buttons)
		links += len(m.Links)
	}
	var plain []plainField
	if len(specs) > 1 {
		plain = make([]plainField, 0, 3+2*len(t.Messages)+2*buttons+2*links)
	}
	vs := make([]Variant, len(specs))
	variants = make([]*Variant, len(specs))
	vms := make([]VariantMessage, len(specs)*len(t.Messages))
	vbs := make([]VariantButton, len(specs)*buttons)
	vls := make([]VariantLink, len(specs)*links)
	for i, spec := range specs {
		fr.kept.left = len(specs) - i
		vars := variantData{Data: sandbox.NewData(variantValues(t.Vars, spec.Values)), file: t.Vars, own: spec.Values, index: i}
		v := &vs[i]
		v.Name = spec.Name
		variants[i] = v
		nth := 0
		field := func(f Text, multiline bool) Text {
			if plain != nil {
				if nth == len(plain) {
					plain = append(plain, plainField{actions: HasActions(f.S)})
					if !plain[nth].actions {
						plain[nth].out = tidy(f, multiline)
					}
				}
				nth++
				if pf := &plain[nth-1]; !pf.actions {
					return pf.out
				}
			}
			out, p := fr.render(f, vars)
			if p != nil {
				v.Problems = append(v.Problems, *p)
			}
			return tidy(out, multiline)
		}
		v.Sender = field(t.Sender.Text, false)
		v.Subject = field(t.Subject.Text, false)
		v.Footer = field(t.Footer.Text, true)
		if len(t.Messages) > 0 {
			v.Messages, vms = vms[:0:len(t.Messages)], vms[len(t.Messages):]
		}
		for _, m := range t.Messages {
			vm := VariantMessage{Title: field(m.Title.Text, false), Body: field(m.Body.Text, true)}
			if len(m.Buttons) > 0 {
				vm.Buttons, vbs = vbs[:0:len(m.Buttons)], vbs[len(m.Buttons):]
			}
			for _, b := range m.Buttons {
				before := len(v.Problems) + len(fr.problems) + fr.skipped
				vb := VariantButton{Label: field(b.Label.Text, false)}
				failed := len(v.Problems)+len(fr.problems)+fr.skipped > before || fr.failed[b.Label.Text.anchor]
				vb.Target = field(b.Target.Text, false)
				if vb.Label.S == "" && b.Label.Text.S != "" && !failed {
					// empty as written is the parser's finding; this is
					// a label only this variant's values leave empty
					v.Problems = append(v.Problems, Problem{Span: b.Label.Span(), Msg: "button label renders empty: give it a value in every variant"})
				}
				vm.Buttons = append(vm.Buttons, vb)
			}
			if len(m.Links) > 0 {
				vm.Links, vls = vls[:0:len(m.Links)], vls[len(m.Links):]
			}
			for _, l := range m.Links {
				vm.Links = append(vm.Links, VariantLink{Text: field(l.Text.Text, false), URL: field(l.URL.Text, false)})
			}
			v.Messages = append(v.Messages, vm)
		}
	}
	return variants, fr.problems
}

// plainField is what one field of the fixed order Render renders in
// needs for every variant: whether it has actions, and if not its tidied
// text, the same in all of them.
type plainField struct {
	actions bool
	out     Text
}

// variantValues is the data a variant's fields run with: the file's vars
// with the variant's own values over them. The fields only read it, so
// when one of the two is empty it is the other, not a copy.
func variantValues(file, own map[string]any) map[string]any {
	switch {
	case len(own) == 0:
		return file
	case len(file) == 0:
		return own
	}
	data := make(map[string]any, len(file)+len(own))
	for k, v := range file {
		data[k] = v
	}
	for k, v := range own {
		data[k] = v
	}
	return data
}

// HasActions reports whether text contains template syntax at all. Callers
// skip templating for plain text, the common case.
func HasActions(text string) bool { return strings.Contains(text, "{{") }

// render executes one field. Plain text (the common case) is returned as it
// is, without touching the template engine.
//
// A field runs once per distinct value of the data it reads: a later
// variant that gives it the same values shares the first one's Text, and
// the budget is charged as if it had run (sandbox.Budget.Replay), so the
// output and every budget finding are what running it each time gives.
func (fr *fieldRenderer) render(f Text, data variantData) (Text, *Problem) {
	if !HasActions(f.S) {
		return f, nil
	}
	if fr.parsed == nil {
		fr.parsed = map[int]*parsedField{}
		fr.failed = map[int]bool{}
		// a field with actions is run once a variant, at most
		fr.outputs = getOutputCache(fr.variants)
	}
	if fr.failed[f.anchor] {
		return f.slice(0, 0), nil
	}
	pf := fr.parsed[f.anchor]
	if pf == nil {
		text, masked := maskMergeTags(f.S)
		ft, err := sandbox.Parse(text)
		if err != nil {
			fr.failed[f.anchor] = true
			fr.problems = append(fr.problems, errProblem(f, err))
			return f.slice(0, 0), nil
		}
		pf = &parsedField{ft: ft, masked: masked}
		fr.parsed[f.anchor] = pf
	}
	if fr.budget.Spent() {
		fr.skipped++
		return f.slice(0, 0), nil
	}
	var shared bool
	fr.key, shared = data.appendOutputKey(fr.key[:0], f.anchor, pf.ft)
	shared = shared && shareOutputs
	if shared {
		if o, ok := fr.outputs.m[string(fr.key)]; ok && fr.budget.Replay(o.cost) {
			return o.text, nil
		}
	}
	out, segs, cost, err := pf.ft.ExecuteIn(data.Data, fr.budget, &fr.scratch)
	if err != nil {
		p := errProblem(f, err)
		return f.slice(0, 0), &p
	}
	unmaskMergeTags(out, segs, pf.masked)
	t := buildOutput(f, out, segs, &fr.segs, &fr.kept)
	if shared {
		fr.outputs.add(fr.key, sharedOutput{text: t, cost: cost})
	}
	return t, nil
}

// buildOutput maps a field's output back to its text through the
// segments. out is the scratch's, which the next execution overwrites:
// the Text gets a copy of it, made once, and of its segments, which are
// built in room and copied at their exact length.
func buildOutput(f Text, out string, segs []sandbox.Seg, room *[]textSeg, kept *outputArena) Text {
	b := &textBuilder{t: Text{src: f.src, anchor: f.anchor, anchorEnd: f.anchorEnd, segs: (*room)[:0]}}
	if adoptOutputs {
		// the text is out itself unless a space is left out: only its
		// map needs building
		b.adopt(out)
	}
	// the literal segments copy at most what they printed, each a
	// segment of f's for every one of f's segments it spans
	b.sized(len(out), len(segs)+len(f.segs))
	emptyBefore := false
	for _, sg := range segs {
		if sg.Literal {
			src := sg.Src
			if emptyBefore && dropSpace(f, src, sg.SrcEnd, b.buf) {
				src++
			}
			b.Text(f, src, sg.SrcEnd)
			emptyBefore = false
			continue
		}
		if sg.Out == sg.OutEnd {
			emptyBefore = true
			continue
		}
		emptyBefore = false
		s, e := f.SrcRange(sg.Src, sg.SrcEnd)
		b.Mapped(out[sg.Out:sg.OutEnd], s, e)
	}
	t := b.doneIn(room, kept)
	if b.adopted {
		// every byte was out's: copy them, the one copy of the text
		t.S = kept.text(t.S)
	}
	return t
}

// adoptOutputs lets buildOutput use a field's output as its text; the
// tests turn it off to compare with the text built by copying.
var adoptOutputs = true

// dropSpace reports whether a literal f.S[src:end] that follows an action
// that printed nothing starts with a space to leave out, after the text
// so far: "Hi {{/* note */}} there" must read "Hi there", an action that
// printed nothing between two spaces leaving one.
func dropSpace(f Text, src, end int, sofar []byte) bool {
	n := len(sofar)
	return src < end && f.S[src] == ' ' && n > 0 && (sofar[n-1] == ' ' || sofar[n-1] == '\n')
}

// mergeTag is an action that is a bare name, {{first_name}}: another
// tool's merge field pasted into LinkedIn copy, not a template call.
// Only fields with actions need it, so it is compiled on first use.
var mergeTag = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`) })

var templateKeywords = map[string]bool{"end": true, "else": true, "break": true, "continue": true, "nil": true, "true": true, "false": true}

// maskMergeTags hides merge tags from the template parser so that they
// render as typed, which is what LinkedIn would show; unknown-macro reports
// them. The braces are swapped for control bytes of the same length, so
// every offset stays put, and unmaskMergeTags swaps them back in the
// output, in place. It returns the offsets of the masked "{{" and "}}".
func maskMergeTags(s string) (string, []int) {
	ms := mergeTag().FindAllStringSubmatchIndex(s, -1)
	if ms == nil {
		return s, nil
	}
	b := []byte(s)
	var at []int
	for _, m := range ms {
		name := s[m[2]:m[3]]
		if templateKeywords[name] || sandbox.IsFunction(name) {
			continue // a function call: the sandbox runs it or says why not
		}
		b[m[0]], b[m[0]+1] = 1, 2
		b[m[1]-2], b[m[1]-1] = 3, 4
		at = append(at, m[0], m[1]-2)
	}
	return string(b), at
}

func unmaskMergeTags(out string, segs []sandbox.Seg, masked []int) {
	if len(masked) == 0 {
		return
	}
	// out is a Scratch's, whose bytes the sandbox lets its caller write
	b := unsafe.Slice(unsafe.StringData(out), len(out))
	for _, sg := range segs {
		if !sg.Literal {
			continue
		}
		for _, off := range masked {
			if off >= sg.Src && off+2 <= sg.SrcEnd {
				o := sg.Out + off - sg.Src
				if b[o] == 1 {
					b[o], b[o+1] = '{', '{'
				} else {
					b[o], b[o+1] = '}', '}'
				}
			}
		}
	}
}

// errProblem is a sandbox error as a finding at its span of f. A call of
// a function that does not exist gets a suggestion of one that does, if
// the name is long enough for one to mean something.
func errProblem(f Text, err *sandbox.Error) Problem {
	msg := err.Msg
	if err.Undefined != "" {
		if s := suggestFunction(err.Undefined); s != "" {
			msg += ": " + s
		}
	}
	if err.Offset < 0 {
		return Problem{Span: f.Anchor(), Msg: msg}
	}
	return Problem{Span: f.Span(err.Offset, max(err.Offset, err.End)), Msg: msg}
}

// suggestFunction proposes the allowed function a mistyped name meant.
// Short names are a suggestion away from too many others: none under
// three characters, and at most two edits.
func suggestFunction(name string) string {
	dist := min(len(name)/3, 2)
	if dist == 0 {
		return ""
	}
	return DidYouMean(Nearest(name, sandbox.Functions(), dist))
}

// tidy removes what rendering leaves behind when an action or comment
// prints nothing: spaces at the ends of lines and of the text, and runs of
// blank lines (a multi-line field keeps one blank line between paragraphs;
// a one-line field has its line breaks turned into spaces by YAML already).
func tidy(t Text, multiline bool) Text {
	s := t.S
	if !needsTidy(s, multiline) {
		return t
	}
	b := &textBuilder{t: Text{src: t.src, anchor: t.anchor, anchorEnd: t.anchorEnd}}
	if !multiline {
		i := len(s) - len(strings.TrimLeft(s, " \t\n"))
		j := len(strings.TrimRight(s, " \t\n"))
		if i < j {
			b.Text(t, i, j)
		}
		return b.Done()
	}
	lines := strings.Split(s, "\n")
	off := 0
	blank := 0
	wrote := false
	for _, l := range lines {
		ls := off
		off += len(l) + 1
		c := strings.TrimRight(l, " \t")
		if strings.TrimSpace(c) == "" {
			blank++
			continue
		}
		lead := len(c) - len(strings.TrimLeft(c, " \t"))
		ls += lead
		c = c[lead:]
		if wrote {
			sep := "\n"
			if blank > 0 {
				sep = "\n\n"
			}
			s0, _ := t.SrcRange(ls-1, ls)
			b.Mapped(sep, s0, s0+1)
		}
		blank = 0
		b.Text(t, ls, ls+len(c))
		wrote = true
	}
	return b.Done()
}

func needsTidy(s string, multiline bool) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[0] == '\n' || s[0] == '\t' {
		return true
	}
	if c := s[len(s)-1]; c == ' ' || c == '\n' || c == '\t' {
		return true
	}
	if !multiline {
		return false
	}
	// a line break after a space or a tab, before one, or starting a
	// run of three: one pass over the line breaks (the last byte is none
	// of these, so every break but the last has a byte after it)
	for i := strings.IndexByte(s, '\n'); i >= 0; {
		if c := s[i-1]; c == ' ' || c == '\t' {
			return true
		}
		if i+1 == len(s) {
			break
		}
		if c := s[i+1]; c == ' ' || c == '\t' || c == '\n' && i+2 < len(s) && s[i+2] == '\n' {
			return true
		}
		k := strings.IndexByte(s[i+1:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
	}
	return false
}
