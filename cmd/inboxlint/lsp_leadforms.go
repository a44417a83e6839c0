package main

import (
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// The lead forms the repository's templates use, for completion after
// "leadform:". The templates are found by walking the document's
// repository through repofs (links are never followed, nothing outside
// the root is read), at most lspLeadFormFiles of them; each file's names
// are cached by size and modification time, so a completion re-reads
// only what changed. Open documents count with their unsaved text.

// lspLeadFormFiles bounds the templates one completion looks at.
const lspLeadFormFiles = 5000

type lspLeadFormIndex struct {
	mu    sync.Mutex
	files map[string]lspLeadFormFile
}

type lspLeadFormFile struct {
	size  int64
	mtime time.Time
	names []string
}

// lspLeadForm is one lead form name and how many buttons use it.
type lspLeadForm struct {
	name string
	uses int
}

// leadForms are the names used in the repository of a's document, the
// most used first.
func (s *lspServer) leadForms(a *lspAnalysis) []lspLeadForm {
	counts := map[string]int{}
	for _, n := range leadFormNames(a.t) {
		counts[n]++
	}
	rootDir := engineRoot(a.job.root)
	s.mu.Lock()
	open := map[string]bool{a.job.path: true}
	var openTexts []string
	for _, d := range s.docs {
		if d.path != a.job.path && filepath.IsAbs(d.path) && isWithin(rootDir, d.path) {
			open[d.path] = true
			openTexts = append(openTexts, d.text)
		}
	}
	s.mu.Unlock()
	for _, text := range openTexts {
		if render.IsTemplate([]byte(text)) {
			for _, n := range leadFormNames(render.Parse("", []byte(text))) {
				counts[n]++
			}
		}
	}
	if root, err := repofs.Open(rootDir); err == nil {
		for _, n := range s.leadIndex.scan(root, open) {
			counts[n]++
		}
		root.Close()
	}
	out := make([]lspLeadForm, 0, len(counts))
	for n, c := range counts {
		out = append(out, lspLeadForm{name: n, uses: c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].uses != out[j].uses {
			return out[i].uses > out[j].uses
		}
		return out[i].name < out[j].name
	})
	return out
}

// scan walks root for templates other than those open and returns the
// lead form names their buttons use, once per use.
func (x *lspLeadFormIndex) scan(root *repofs.Root, open map[string]bool) []string {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.files == nil {
		x.files = map[string]lspLeadFormFile{}
	}
	var out []string
	seen := 0
	_ = root.Walk(root.Dir(), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable corner: complete from the rest
		}
		if d.IsDir() {
			if path != root.Dir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.EqualFold(filepath.Ext(path), ".md") || open[path] {
			return nil
		}
		if seen++; seen > lspLeadFormFiles {
			return fs.SkipAll
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		f, ok := x.files[path]
		if !ok || f.size != info.Size() || !f.mtime.Equal(info.ModTime()) {
			f = lspLeadFormFile{size: info.Size(), mtime: info.ModTime()}
			if data, err := root.ReadFile(path, repofs.TemplateLimit); err == nil && render.IsTemplate(data) {
				f.names = leadFormNames(render.Parse(path, data))
			}
			x.files[path] = f
		}
		out = append(out, f.names...)
		return nil
	})
	return out
}

// forget drops a file's cached names (it changed or went away).
func (x *lspLeadFormIndex) forget(path string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	delete(x.files, path)
}

// leadFormNames are the lead forms a template's buttons name as written
// (a target built by an action names none until rendered), once per use.
func leadFormNames(t *render.Template) []string {
	var out []string
	for _, m := range t.Messages {
		for _, b := range m.Buttons {
			target := b.Target.Text.S
			if render.HasActions(target) {
				continue
			}
			if kind, name := render.ClassifyTarget(target); kind == render.TargetLeadForm && escape.Controls(name) == name && !strings.ContainsAny(name, " \t") {
				out = append(out, name)
			}
		}
	}
	return out
}

// isWithin reports whether path lies in dir.
func isWithin(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
