package lint

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render/escape"
)

// Baseline records the findings a copy repository already has, so a team
// can adopt inboxlint without fixing everything first: with --baseline only
// findings that are not in it are reported. Findings are keyed by file,
// rule and Fingerprint (a hash of the offending text), not by line, so
// edits above a finding do not bring it back; a key that occurs n times in
// the baseline hides at most n findings.
type Baseline struct {
	counts map[baselineKey]int
}

type baselineKey struct{ File, Rule, Fingerprint string }

type baselineFile struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	File        string `json:"file"`
	Rule        string `json:"rule"`
	Fingerprint string `json:"fingerprint"`
	// Message is for people reading the file; matching ignores it.
	Message string `json:"message"`
}

// LoadBaseline reads a baseline written by WriteBaseline, through root:
// the user names it (--baseline), so it may lie outside the repository,
// but it must be a regular file no larger than repofs.BaselineLimit allows,
// and inside the repository a link must not lead out of it.
func LoadBaseline(root *repofs.Root, path string) (*Baseline, error) {
	data, err := root.ReadExplicit(path, repofs.BaselineLimit)
	if err != nil {
		return nil, fmt.Errorf("cannot read baseline: %w", err)
	}
	var f baselineFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: not a baseline file: %s", escape.Controls(path), escape.JSONError(err))
	}
	if f.Version != 1 {
		return nil, fmt.Errorf("%s: baseline version %d is not supported: write it again with --write-baseline", escape.Controls(path), f.Version)
	}
	b := &Baseline{counts: map[baselineKey]int{}}
	for _, e := range f.Findings {
		b.counts[baselineKey{filepath.ToSlash(e.File), e.Rule, e.Fingerprint}]++
	}
	return b, nil
}

// Filter removes the findings the baseline covers from r and returns how
// many it removed.
func (b *Baseline) Filter(r *Result) int {
	left := make(map[baselineKey]int, len(b.counts))
	for k, n := range b.counts {
		left[k] = n
	}
	kept := r.Diagnostics[:0]
	removed := 0
	for _, d := range r.Diagnostics {
		k := baselineKey{toSlash(d.File), d.Rule, diagFingerprint(d, r.Sources[d.File])}
		if left[k] > 0 {
			left[k]--
			removed++
			continue
		}
		kept = append(kept, d)
	}
	r.Diagnostics = kept
	return removed
}

// WriteBaseline records r's findings at path through root, which replaces
// a regular file atomically with its mode kept, writes through to a device
// such as /dev/stdout, and follows links only inside the repository (see
// repofs.Root.WriteFile).
func WriteBaseline(root *repofs.Root, path string, r *Result) error {
	f := baselineFile{Version: 1, Findings: []baselineEntry{}}
	for _, d := range r.Diagnostics {
		f.Findings = append(f.Findings, baselineEntry{File: toSlash(d.File), Rule: d.Rule, Fingerprint: diagFingerprint(d, r.Sources[d.File]), Message: d.Message})
	}
	sort.SliceStable(f.Findings, func(i, j int) bool {
		a, b := f.Findings[i], f.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Fingerprint < b.Fingerprint
	})
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := root.WriteFile(path, append(data, '\n')); err != nil {
		return fmt.Errorf("cannot write %w", err)
	}
	return nil
}
