package lint

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
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

// LoadBaseline reads a baseline written by WriteBaseline.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read baseline: %w", unwrapPath(err))
	}
	var f baselineFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: not a baseline file: %w", path, err)
	}
	if f.Version != 1 {
		return nil, fmt.Errorf("%s: baseline version %d is not supported: write it again with --write-baseline", path, f.Version)
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
		k := baselineKey{toSlash(d.File), d.Rule, Fingerprint(d, r.Sources[d.File])}
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

// WriteBaseline records r's findings at path, replacing the file
// atomically (a temporary file renamed over it).
func WriteBaseline(path string, r *Result) error {
	f := baselineFile{Version: 1, Findings: []baselineEntry{}}
	for _, d := range r.Diagnostics {
		f.Findings = append(f.Findings, baselineEntry{File: toSlash(d.File), Rule: d.Rule, Fingerprint: Fingerprint(d, r.Sources[d.File]), Message: d.Message})
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
	return WriteFileAtomic(path, append(data, '\n'))
}

// WriteFileAtomic writes data to a temporary file beside path and renames
// it over path, so readers never see a half-written file.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot write %s: %w", path, werr)
	}
	return nil
}
