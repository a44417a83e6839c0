package lint

// findings collects one file's findings as they are reported and merges
// those identical across renders: the same rule, span and message seen in
// several variants is one mistake in the template. Rules report what they
// saw in each render they check (Diagnostic.Variant and Member, never
// provenance words in the message); findings merges them the same way for
// every rule and for the engine's own findings:
//
//   - reported in every variant (or once without a variant: it holds for
//     all of them), it is reported once, without a variant, with the
//     member of its first report;
//   - else it is reported once per variant that has it, the first report
//     of each.
//
// Reports arrive in the order rules make them, so the result is the same
// on every run; the engine sorts the file's findings with the run's.
type findings struct {
	// variants is how many variants the file renders (0 for a file that
	// did not parse, whose findings name none).
	variants int
	byKey    map[diagKey]int
	groups   []findingGroup
}

// diagKey is what makes two reports the same finding, whatever render they
// were seen in.
type diagKey struct {
	start, end int
	rule, msg  string
}

// findingGroup is the reports of one finding: the first report for each
// variant that has it, in the order they came.
type findingGroup struct {
	reports []Diagnostic
	// everywhere is set when a report named no variant: the finding holds
	// in all of them.
	everywhere bool
}

func newFindings(variants int) *findings {
	return &findings{variants: variants}
}

// add records a report.
func (f *findings) add(d Diagnostic) {
	k := diagKey{d.Span.Start.Offset, d.Span.End.Offset, d.Rule, d.Message}
	i, ok := f.byKey[k]
	if !ok {
		if f.byKey == nil {
			f.byKey = map[diagKey]int{}
		}
		i = len(f.groups)
		f.byKey[k] = i
		f.groups = append(f.groups, findingGroup{})
	}
	g := &f.groups[i]
	if d.Variant == "" {
		g.everywhere = true
	}
	for _, r := range g.reports {
		if r.Variant == d.Variant {
			return // this render's finding is known: the first report names it
		}
	}
	g.reports = append(g.reports, d)
}

// list returns the merged findings, appended to out.
func (f *findings) list(out []Diagnostic) []Diagnostic {
	for _, g := range f.groups {
		if g.everywhere || len(g.reports) >= f.variants {
			d := g.reports[0]
			d.Variant = ""
			out = append(out, d)
			continue
		}
		out = append(out, g.reports...)
	}
	return out
}
