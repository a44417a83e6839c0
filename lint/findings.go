package lint

import (
	"slices"
	"sync"

	"github.com/inboxlint/inboxlint/render"
)

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
// A rule may skip a text an earlier variant rendered the same (Pass.FirstSeen
// lets it check each distinct text once), so a variant can have a finding
// without a report naming it: for such a rule, before deciding, findings
// counts a report for variant A as one for every variant whose field
// holding the span renders the very text A's does (copies.go). Only for
// such a rule: FirstSeen is for findings about a text on its own, while a
// rule that skipped nothing may report about a variant as a whole (no
// macro in any of its fields) at a span whose text other variants share.
//
// A rule may also check each distinct paragraph once (Pass.FieldParagraphs): a
// report it makes in a paragraph comes with the paragraph's share, the
// variants that render it, and counts as a report for each of them.
//
// Reports arrive in the order rules make them, so the result is the same
// on every run; the engine sorts the file's findings with the run's.
type findings struct {
	// variants are the file's renders (none for a file that did not parse,
	// whose findings name none).
	variants []*render.Variant
	// groups are the findings in the order they were first reported. A
	// file has few: a group is found by its key among them, and through
	// byKey once there are more than groupScan.
	groups []findingGroup
	byKey  map[diagKey]int
	// room is where a group's first report goes: a group of one report
	// (most) costs no allocation of its own.
	room   []Diagnostic
	copies *variantCopies
	// skippers are the rules that skipped a text FirstSeen had seen.
	skippers map[string]bool
	// has is list's buffer of which report covers each variant
	has []int
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
	key     diagKey
	reports []Diagnostic
	// everywhere is set when a report named no variant: the finding holds
	// in all of them.
	everywhere bool
	// shares are the paragraphs the reports were made in, each with the
	// report that stands for the variants rendering it
	shares []reportShare
}

// reportShare is a report made in a paragraph and the paragraph's share.
type reportShare struct {
	report int
	share  *paraShare
}

// findingsPool keeps findings, with the room of their groups and first
// reports, from one file to the next: a file's findings are done once
// its list is taken (release), and every file would otherwise allocate
// the same few slices again.
var findingsPool = sync.Pool{New: func() any { return new(findings) }}

// pooledRoom is the most groups or first reports whose room release keeps:
// a file with more (a hostile one) gives its room back to the collector.
const pooledRoom = 256

func newFindings(variants []*render.Variant) *findings {
	f := findingsPool.Get().(*findings)
	f.variants = variants
	return f
}

// release hands f back to findingsPool once its list has been taken: the
// list holds copies of the reports, never the room they were kept in. f
// must not be used after. The room is cleared first, so that the pool
// holds no file's messages or fixes.
func (f *findings) release() {
	if cap(f.groups) > pooledRoom || cap(f.room) > pooledRoom {
		return
	}
	clear(f.groups)
	clear(f.room)
	has := f.has[:0]
	if cap(has) > pooledRoom {
		has = nil
	}
	*f = findings{groups: f.groups[:0], room: f.room[:0], has: has}
	findingsPool.Put(f)
}

// add records a report.
func (f *findings) add(d Diagnostic) { f.addShared(d, nil) }

// groupScan is how many groups findings looks through for a report's
// before it keeps a map of them.
const groupScan = 8

// group returns the index of the group with key k, and whether there is
// one.
func (f *findings) group(k diagKey) (int, bool) {
	if f.byKey != nil {
		i, ok := f.byKey[k]
		return i, ok
	}
	for i := range f.groups {
		if f.groups[i].key == k {
			return i, true
		}
	}
	return 0, false
}

// addGroup adds a group for key k and returns its index.
func (f *findings) addGroup(k diagKey) int {
	if f.groups == nil {
		f.groups = make([]findingGroup, 0, 4)
	}
	i := len(f.groups)
	f.groups = append(f.groups, findingGroup{key: k})
	switch {
	case f.byKey != nil:
		f.byKey[k] = i
	case len(f.groups) > groupScan:
		f.byKey = make(map[diagKey]int, 2*len(f.groups))
		for j := range f.groups {
			f.byKey[f.groups[j].key] = j
		}
	}
	return i
}

// addShared records a report made in a paragraph whose share is share
// (nil: not in a paragraph).
func (f *findings) addShared(d Diagnostic, share *paraShare) {
	k := diagKey{d.Span.Start.Offset, d.Span.End.Offset, d.Rule, d.Message}
	i, ok := f.group(k)
	if !ok {
		i = f.addGroup(k)
	}
	g := &f.groups[i]
	if d.Variant == "" {
		g.everywhere = true
	}
	ri := -1
	for i, r := range g.reports {
		if r.Variant == d.Variant {
			ri = i // this render's finding is known: the first report names it
			break
		}
	}
	if ri < 0 {
		ri = len(g.reports)
		if g.reports == nil {
			// the first report goes in the shared room, as a slice whose
			// capacity is its length: a second is appended elsewhere
			if len(f.room) == cap(f.room) {
				f.room = make([]Diagnostic, 0, max(4, 2*cap(f.room)))
			}
			f.room = append(f.room, d)
			g.reports = f.room[len(f.room)-1 : len(f.room) : len(f.room)]
		} else {
			g.reports = append(g.reports, d)
		}
	}
	if share != nil && d.Variant != "" {
		for _, s := range g.shares {
			if s.share == share {
				return
			}
		}
		g.shares = append(g.shares, reportShare{ri, share})
	}
}

// skippedCopies records that rule skipped texts an earlier variant rendered
// the same, so its reports stand for those variants too.
func (f *findings) skippedCopies(rule string) {
	if f.skippers == nil {
		f.skippers = map[string]bool{}
	}
	f.skippers[rule] = true
}

// list returns the merged findings, appended to out.
func (f *findings) list(out []Diagnostic) []Diagnostic {
	out = slices.Grow(out, len(f.groups))
	for _, g := range f.groups {
		if g.everywhere || len(g.reports) >= len(f.variants) {
			out = append(out, g.once())
			continue
		}
		if len(f.variants) < 2 || !f.skippers[g.reports[0].Rule] && len(g.shares) == 0 {
			out = append(out, g.reports...)
			continue
		}
		if f.copies == nil {
			f.copies = newVariantCopies(f.variants)
		}
		// the variants that have the finding: those reported, and those
		// that render the same text where a report's span lies
		// index+1 of the report that covers each variant, in one buffer
		// for all the groups
		f.has = slices.Grow(f.has[:0], len(f.variants))[:len(f.variants)]
		clear(f.has)
		has := f.has
		n := 0
		cover := func(vi, ri int) {
			if has[vi] == 0 {
				has[vi] = ri + 1
				n++
			}
		}
		for ri, r := range g.reports {
			if !f.skippers[r.Rule] {
				if vi := f.copies.own(r); vi >= 0 {
					cover(vi, ri)
				}
				continue
			}
			for _, vi := range f.copies.of(r) {
				cover(vi, ri)
			}
		}
		for _, s := range g.shares {
			for _, name := range s.share.variants {
				if vi, ok := f.copies.byName[name]; ok {
					cover(vi, s.report)
				}
			}
		}
		if n == len(f.variants) {
			out = append(out, g.once())
			continue
		}
		for vi, ri := range has {
			if ri == 0 {
				continue
			}
			d := g.reports[ri-1]
			d.Variant = f.variants[vi].Name
			out = append(out, d)
		}
	}
	return out
}

// once is the group's finding reported once, for every variant.
func (g *findingGroup) once() Diagnostic {
	d := g.reports[0]
	d.Variant = ""
	return d
}
