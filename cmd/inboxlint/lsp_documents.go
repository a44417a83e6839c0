package main

// The open documents: their text as the editor sends it, and linting the
// newest text of each off the reading goroutine.

import (
	"errors"
	"fmt"
	"time"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render/escape"
	"github.com/inboxlint/inboxlint/rules"
	"github.com/sourcegraph/jsonrpc2"
)

func (s *lspServer) open(item lspTextDocumentItem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.docs[item.URI]; old != nil {
		s.forgetLocked(old) // opened twice: the new text replaces the old
	}
	path := uriPath(item.URI)
	d := &lspDocument{uri: item.URI, path: path, root: rootFor(s.roots, path), text: item.Text, version: item.Version}
	s.docs[item.URI] = d
	s.startLocked(d)
}

func (s *lspServer) change(p lspDidChangeParams) *jsonrpc2.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return &jsonrpc2.Error{Code: lspCodeInvalidParams, Message: fmt.Sprintf("%s is not open", escape.Excerpt(p.TextDocument.URI))}
	}
	// Every change carries the whole text (lspSyncFull): the last one is
	// the document.
	text, found := "", false
	for _, c := range p.ContentChanges {
		if c.Range != nil {
			return &jsonrpc2.Error{Code: lspCodeInvalidParams, Message: "a change with a range: the server asked for the full text in every change"}
		}
		text, found = c.Text, true
	}
	if !found {
		return nil
	}
	d.text, d.version = text, p.TextDocument.Version
	d.seq++
	if d.timer != nil {
		d.timer.Stop()
	}
	var t *time.Timer
	t = time.AfterFunc(s.debounce, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if d.timer != t || d.closed {
			return // stopped, or replaced by a later change
		}
		d.timer = nil
		s.startLocked(d)
	})
	d.timer = t
	return nil
}

func (s *lspServer) save(p lspDidSaveParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return
	}
	if p.Text != nil && *p.Text != d.text {
		d.text = *p.Text
		d.seq++
	}
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
	s.startLocked(d) // the config may have changed on disk: lint again
}

func (s *lspServer) closeDoc(uri string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil {
		return
	}
	s.forgetLocked(d)
	s.publishLocked(lspPublishDiagnosticsParams{URI: uri, Diagnostics: []lspDiagnostic{}})
}

func (s *lspServer) forgetLocked(d *lspDocument) {
	d.closed = true
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
	delete(s.docs, d.uri)
}

// startLocked lints d's text, or has the loop already linting it lint the
// newest text next. After exit it starts nothing, so that once serve has
// taken s.mu after exit, no lint is added to s.lints any more.
func (s *lspServer) startLocked(d *lspDocument) {
	select {
	case <-s.exitCh:
		return
	default:
	}
	if s.state != lspRunning || d.closed {
		return
	}
	if d.running {
		d.again = true
		return
	}
	d.running = true
	s.lints.Add(1)
	go s.lintLoop(d)
}

// lintLoop lints d until its newest text has been linted, publishing each
// result that is still current (none after shutdown: the client is
// leaving).
func (s *lspServer) lintLoop(d *lspDocument) {
	defer s.lints.Done()
	for {
		s.mu.Lock()
		job := lspJob{uri: d.uri, path: d.path, root: d.root, text: d.text, version: d.version, seq: d.seq}
		d.again = false
		s.mu.Unlock()

		if s.lintHook != nil {
			s.lintHook(job)
		}
		s.slots <- struct{}{}
		diags, findings, logs := s.lint(job)
		<-s.slots

		s.mu.Lock()
		if !d.closed && d.seq == job.seq && s.state == lspRunning {
			for _, l := range logs {
				s.logLocked(lspMessageError, l)
			}
			d.findings, d.findingsSeq = findings, job.seq
			v := job.version
			s.publishLocked(lspPublishDiagnosticsParams{URI: job.uri, Version: &v, Diagnostics: diags})
		}
		if !d.again || d.closed || s.state != lspRunning {
			d.running = false
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
	}
}

// lint lints one text and returns its diagnostics, the engine's findings
// they were made from, and the problems to log (a broken config, say; a
// Markdown file that is no template is simply not linted). An engine is
// made for each run, so edits to .inboxlint.yaml apply at once.
func (s *lspServer) lint(job lspJob) (diags []lspDiagnostic, findings []lint.Diagnostic, logs []string) {
	diags = []lspDiagnostic{}
	defer func() {
		// the engine recovers from a failing rule; this is the last line
		if r := recover(); r != nil {
			diags, findings, logs = []lspDiagnostic{}, nil, []string{fmt.Sprintf("inboxlint: %s: internal error: %v (please report this with the file)", job.path, r)}
		}
	}()
	// Every read the lint makes (config discovery, members files) is
	// confined to the repository that holds the document's workspace
	// folder, or to that folder when it is no repository.
	opts := lint.Options{Rules: rules.All(), ConfigFile: s.config, Root: engineRoot(job.root)}
	eng, err := lint.NewEngine(opts)
	if err != nil {
		return diags, nil, []string{logText(err)}
	}
	defer eng.Close()
	res := eng.LintBuffer(job.path, []byte(job.text))
	for _, e := range res.Errors {
		if !errors.Is(e, lint.ErrNotTemplate) {
			logs = append(logs, logText(e))
		}
	}
	for _, d := range res.Diagnostics {
		diags = append(diags, lspFinding(d))
	}
	return diags, res.Diagnostics, logs
}

// lspFinding is a finding as an LSP diagnostic.
func lspFinding(d lint.Diagnostic) lspDiagnostic {
	return lspDiagnostic{
		Range:           lspSpan(d.Span),
		Severity:        lspSeverity(d.Severity),
		Code:            d.Rule,
		CodeDescription: &lspCodeDescription{Href: lint.HelpBase + d.Rule},
		Source:          "inboxlint",
		Message:         escape.Controls(d.Message) + d.Provenance(),
	}
}

// logText is an error as the editor's log shows it, one line: what the
// command prints to stderr ("inboxlint: message", then its hints), the
// hints joined with "; " (logLocked escapes the line).
func logText(err error) string {
	text := "inboxlint: " + err.Error()
	for _, h := range lint.Hints(err) {
		text += "; hint: " + h
	}
	return text
}

func lspSeverity(s lint.Severity) lspDiagnosticSeverity {
	switch s {
	case lint.SeverityError:
		return lspSeverityError
	case lint.SeverityWarning:
		return lspSeverityWarning
	}
	return lspSeverityInformation
}
