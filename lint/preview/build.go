package preview

import (
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// Build makes the page for a lint run. res must come from a run with
// lint.Options.KeepSources, so that files without findings are shown too;
// eng is the engine of the run (it knows each file's members). The error
// is for --member or --variant matching nothing on the whole page. Files
// are rendered in parallel and merged in path order, so the page is the
// same whatever the number of cores.
func Build(eng *lint.Engine, res *lint.Result, o Options) (*Page, error) {
	if o.Title == "" {
		o.Title = "inboxlint preview"
	}
	if o.limits == (sandbox.Limits{}) {
		o.limits = sandbox.DefaultLimits
	}
	b := &builder{
		o:       o,
		page:    &Page{Title: escape.Controls(o.Title), Rules: map[string]ruleDoc{}, Members: []string{}, Variants: []string{}, Files: []*fileView{}},
		eng:     eng,
		configs: newConfigs(eng, o.Rules),
		member:  map[string]int{},
		variant: map[string]bool{},
		flows:   map[string]int{},
		docs:    map[string]lint.Doc{},
	}
	for _, d := range lint.Docs(o.Rules, nil) {
		b.docs[d.ID] = d
	}
	for id, d := range res.Docs {
		b.docs[id] = d
	}
	byFile := map[string][]lint.Diagnostic{}
	for _, d := range res.Diagnostics {
		byFile[d.File] = append(byFile[d.File], d)
	}
	paths := make([]string, 0, len(res.Sources))
	for p := range res.Sources {
		paths = append(paths, p)
	}
	for p := range byFile {
		if res.Sources[p] == nil {
			paths = append(paths, p) // a run without KeepSources: findings only
		}
	}
	sort.Strings(paths)
	// the configs first (their cache is not shared across goroutines),
	// then every file on its own, then the merge in order
	fcs := make([]*fileConfig, len(paths))
	for i, p := range paths {
		fcs[i] = b.configs.forFile(p)
	}
	outs := make([]*fileOut, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := min(runtime.GOMAXPROCS(0), max(1, len(paths))); w > 0; w-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outs[i] = b.file(paths[i], res.Sources[paths[i]], byFile[paths[i]], fcs[i])
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	var worst [numFields]*worstView
	var members []string
	for _, out := range outs {
		b.merge(out, &worst)
		if out.membersFile != "" {
			members = append(members, out.membersFile)
		}
	}
	s := lint.Summarize(res)
	b.page.Summary = summaryView{Files: s.Files, Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos, Worst: []worstView{}}
	for _, w := range worst {
		if w != nil {
			b.page.Summary.Worst = append(b.page.Summary.Worst, *w)
		}
	}
	b.page.inputs = append(b.configs.inputs(), members...)
	for _, err := range res.Errors {
		b.page.Errors = append(b.page.Errors, errorText(err))
	}
	switch {
	case o.Member != "" && b.renderable > 0 && b.memberHits == 0:
		return b.page, fmt.Errorf("no member matches %q in any template", o.Member)
	case o.Variant != "" && b.renderable > 0 && b.variantHits == 0:
		return b.page, fmt.Errorf("no variant %q in any template", o.Variant)
	}
	return b.page, nil
}

// builder carries what Build shares: the options, the engine and the rule
// docs, only read while files are rendered, and the page, changed only
// by merge.
type builder struct {
	o       Options
	eng     *lint.Engine
	docs    map[string]lint.Doc
	configs *configs

	page    *Page
	member  map[string]int  // label -> index in page.Members
	variant map[string]bool // names in page.Variants
	flows   map[string]int  // drawn flow map -> index in page.Flows

	renderable, memberHits, variantHits int
}

// The fields whose longest render the summary names.
const (
	fieldSubject = iota
	fieldBody
	fieldButton
	numFields
)

// fileOut is one file rendered on its own: its fileView with member and flow
// indexes local to it until merge makes them the page's.
type fileOut struct {
	file       *fileView
	labels     []string // the file's members, in order
	variants   []string // declared variant names
	flows      []*flowMap
	worst      [numFields]*worstView
	rules      []string
	renderable bool
	memberHit  bool
	variantHit bool
	// membersFile is the file's own members: field, for the live server
	// to watch
	membersFile string
}

// merge adds one file to the page: member labels, variant names and flow
// maps become the page's, with the indexes into them.
func (b *builder) merge(out *fileOut, worst *[numFields]*worstView) {
	f := out.file
	for _, l := range out.labels {
		f.Members = append(f.Members, b.memberIndex(l))
	}
	for _, v := range f.Variants {
		for _, c := range v.Cards {
			if c.Member >= 0 {
				c.Member = f.Members[c.Member]
			}
		}
		if v.Flow >= 0 {
			v.Flow = b.flowIndex(out.flows[v.Flow])
		}
	}
	for _, n := range out.variants {
		if !b.variant[n] {
			b.variant[n] = true
			b.page.Variants = append(b.page.Variants, n)
		}
	}
	for _, id := range out.rules {
		if _, ok := b.page.Rules[id]; !ok {
			doc := b.docs[id]
			b.page.Rules[id] = ruleDoc{Title: doc.Title, Text: doc.Text, Severity: doc.Severity.String()}
		}
	}
	for k, w := range out.worst {
		if w != nil && (worst[k] == nil || w.Len > worst[k].Len) {
			worst[k] = w
		}
	}
	if out.renderable {
		b.renderable++
	}
	if out.memberHit {
		b.memberHits++
	}
	if out.variantHit {
		b.variantHits++
	}
	b.page.Files = append(b.page.Files, f)
}

// file renders one file. It runs in parallel with others: it reads the
// builder's options, engine and docs, and writes only its fileOut.
func (b *builder) file(path string, src *render.Source, diags []lint.Diagnostic, fc *fileConfig) *fileOut {
	f := &fileView{Path: escape.Controls(path), Findings: []findingView{}, Members: []int{}, Variants: []*variantView{}}
	out := &fileOut{file: f}
	seen := map[string]bool{}
	for _, d := range diags {
		f.Findings = append(f.Findings, newFinding(d, src))
		if !seen[d.Rule] {
			seen[d.Rule] = true
			out.rules = append(out.rules, d.Rule)
		}
	}
	if src == nil {
		f.Note = "the source of this file was not kept, so only its findings are shown"
		return out
	}
	t := render.ParseSource(src)
	f.Mode = fc.mode.String()
	if t.Format == "" {
		f.Note = "this template could not be parsed far enough to render: fix its syntax findings first"
		return out
	}
	f.Format = string(t.Format)
	f.Limits = fc.limits(t.Format)
	out.renderable = true

	if t.Members.Present && t.Members.Text.S != "" {
		out.membersFile = filepath.Join(filepath.Dir(path), t.Members.Text.S)
	}
	members, err := b.eng.Members(path, t)
	if err != nil {
		// the run reported it as a syntax finding and used these
		members = render.DefaultMembers()
	}
	members, err = pickMembers(members, b.o.Member)
	if err != nil {
		f.Note = err.Error()
	} else {
		out.memberHit = true
	}
	for i := range members {
		out.labels = append(out.labels, members[i].Label())
	}
	variants, _ := t.Render(b.o.limits) // their problems are findings already
	fx := &fileCtx{b: b, out: out, file: f, t: t, mode: fc.mode, offLabels: map[string]bool{}}
	for i := range members {
		if members[i].Off {
			fx.offLabels[members[i].Label()] = true
		}
	}
	for _, v := range variants {
		if v.Name != "" {
			out.variants = append(out.variants, v.Name)
		}
		if b.o.Variant != "" && v.Name != b.o.Variant {
			continue
		}
		out.variantHit = true
		f.Variants = append(f.Variants, fx.variant(v, members))
	}
	if b.o.Variant != "" && !out.variantHit && f.Note == "" {
		f.Note = fmt.Sprintf("no variant %q in this template", b.o.Variant)
	}
	return out
}

func newFinding(d lint.Diagnostic, src *render.Source) findingView {
	fd := findingView{
		Rule: d.Rule, Severity: d.Severity.String(), Message: escape.Controls(d.Message),
		Line: d.Span.Start.Line, Col: d.Span.Start.Col, Variant: d.Variant, Member: d.Member,
	}
	if src != nil {
		fd.Source = escape.Controls(clip(src.Line(d.Span.Start.Line), 240))
		fd.srcStart = textOffset(src, d.Span.Start.Offset)
		fd.srcEnd = textOffset(src, d.Span.End.Offset)
		fd.everyVariant = fd.srcEnd >= fd.srcStart && !render.HasActions(src.Text[fd.srcStart:fd.srcEnd])
	}
	return fd
}

func (b *builder) memberIndex(label string) int {
	if i, ok := b.member[label]; ok {
		return i
	}
	i := len(b.page.Members)
	b.member[label] = i
	b.page.Members = append(b.page.Members, label)
	return i
}

// severity is how a file's findings of rule show: the worst severity the
// run gave them in that file, else the rule's default.
func (b *builder) severity(f *fileView, rule string) string {
	var worst lint.Severity
	for _, d := range f.Findings {
		if d.Rule == rule {
			if s, err := lint.ParseSeverity(d.Severity); err == nil && s > worst {
				worst = s
			}
		}
	}
	if worst == 0 {
		if d, ok := b.docs[rule]; ok {
			worst = d.Severity
		} else {
			worst = lint.SeverityWarning
		}
	}
	return worst.String()
}

// textOffset converts an offset in the file as on disk (a finding's span)
// into one in Source.Text, where Text maps point.
func textOffset(src *render.Source, raw int) int {
	return sort.Search(len(src.Text)+1, func(i int) bool { return src.Pos(i).Offset >= raw })
}

// clip cuts s to at most n bytes at a character boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// pickMembers selects members by 1-based number or by a case-insensitive
// part of their label, as inboxlint render --member does.
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
