package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render/escape"
)

// The requests about one document's content are answered off the reading
// goroutine, like lints: Handle takes a snapshot of the document's text
// (so a request sent after a change is answered about the changed text),
// and a goroutine, holding one of the per-core slots, analyzes the
// snapshot and replies. A template that takes long to render therefore
// never holds up the messages after the request.

// lspDeferred is dispatch's result for a request whose answer a goroutine
// sends later.
type lspDeferred struct{}

// documentRequest starts answering a request about an open document.
func (s *lspServer) documentRequest(req *jsonrpc2.Request) (any, *jsonrpc2.Error) {
	var head struct {
		TextDocument lspTextDocumentIdentifier `json:"textDocument"`
	}
	if err := decodeParams(req, &head); err != nil {
		return nil, err
	}
	s.mu.Lock()
	d := s.docs[head.TextDocument.URI]
	if d == nil {
		s.mu.Unlock()
		return nil, &jsonrpc2.Error{Code: lspCodeInvalidParams, Message: fmt.Sprintf("%s is not open", escape.Excerpt(head.TextDocument.URI))}
	}
	job := lspJob{uri: d.uri, path: d.path, root: d.root, text: d.text, version: d.version, seq: d.seq}
	var findings []lint.Diagnostic
	if d.findingsSeq == d.seq {
		findings = d.findings
	}
	conn := s.conn
	s.requests.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.requests.Done()
		ctx := context.Background()
		defer func() {
			if r := recover(); r != nil {
				msg := fmt.Sprintf("internal error in %s: %v (please report this at https://github.com/inboxlint/inboxlint/issues)", req.Method, r)
				s.logf(lspMessageError, "inboxlint: %s", msg)
				_ = conn.ReplyWithError(ctx, req.ID, &jsonrpc2.Error{Code: lspCodeInternalError, Message: escape.Controls(msg)})
			}
		}()
		s.slots <- struct{}{}
		result, err := s.answer(req, job, findings)
		<-s.slots
		if err != nil {
			err.Message = escape.Controls(err.Message)
			_ = conn.ReplyWithError(ctx, req.ID, err)
			return
		}
		_ = conn.Reply(ctx, req.ID, result)
	}()
	return lspDeferred{}, nil
}

// answer computes the result of a document request. A document that is
// no template gets the empty answer of each method.
func (s *lspServer) answer(req *jsonrpc2.Request, job lspJob, findings []lint.Diagnostic) (any, *jsonrpc2.Error) {
	a, ok := s.analyze(job)
	decode := func(v any) *jsonrpc2.Error {
		if err := json.Unmarshal(*req.Params, v); err != nil {
			return &jsonrpc2.Error{Code: lspCodeInvalidParams, Message: fmt.Sprintf("%s: bad params: %v", req.Method, err)}
		}
		return nil
	}
	switch req.Method {
	case lspMethodHover:
		var p lspTextDocumentPositionParams
		if err := decode(&p); err != nil || !ok {
			return nil, err
		}
		if h := a.hover(p.Position); h != nil {
			return h, nil
		}
		return nil, nil
	case lspMethodCompletion:
		var p lspTextDocumentPositionParams
		if err := decode(&p); err != nil || !ok {
			return lspCompletionList{Items: []lspCompletionItem{}}, err
		}
		return s.completion(a, p.Position), nil
	case lspMethodDocumentSymbol:
		if !ok {
			return []lspDocumentSymbol{}, nil
		}
		return a.symbols(), nil
	case lspMethodDefinition:
		var p lspTextDocumentPositionParams
		if err := decode(&p); err != nil || !ok {
			return []lspLocation{}, err
		}
		return a.definition(p.Position), nil
	case lspMethodReferences:
		var p lspReferenceParams
		if err := decode(&p); err != nil || !ok {
			return []lspLocation{}, err
		}
		return a.references(p.Position, p.Context.IncludeDeclaration), nil
	case lspMethodPrepareRename:
		var p lspTextDocumentPositionParams
		if err := decode(&p); err != nil || !ok {
			return nil, err
		}
		if r := a.prepareRename(p.Position); r != nil {
			return r, nil
		}
		return nil, nil
	case lspMethodRename:
		var p lspRenameParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		if !ok {
			return nil, &jsonrpc2.Error{Code: lspCodeRequestFailed, Message: "the document is no inboxlint template"}
		}
		return a.rename(p.Position, p.NewName)
	case lspMethodCodeAction:
		var p lspCodeActionParams
		if err := decode(&p); err != nil || !ok {
			return []lspCodeAction{}, err
		}
		return a.codeActions(p, findings), nil
	}
	return nil, &jsonrpc2.Error{Code: lspCodeMethodNotFound, Message: "inboxlint does not handle " + req.Method}
}

// lspWatchGlobs are the files whose changes change findings: configs,
// members files (CSV, JSON, YAML) and templates (lead form names).
var lspWatchGlobs = []string{"**/.inboxlint.yaml", "**/.inboxlint.yml", "**/*.{csv,json,yaml,yml}", "**/*.md"}

// registerWatchers asks a client that can watch files to tell the server
// when those files change. The request goes out on a goroutine: its
// response arrives on the reading goroutine, which is running Handle.
func (s *lspServer) registerWatchers() {
	s.mu.Lock()
	conn, watch := s.conn, s.watch
	s.mu.Unlock()
	if !watch || conn == nil {
		return
	}
	watchers := make([]lspFileSystemWatcher, len(lspWatchGlobs))
	for i, g := range lspWatchGlobs {
		watchers[i] = lspFileSystemWatcher{GlobPattern: g}
	}
	params := lspRegistrationParams{Registrations: []lspRegistration{{
		ID: "inboxlint-watch", Method: lspMethodDidChangeWatched, RegisterOptions: lspWatchOptions{Watchers: watchers},
	}}}
	go func() { _ = conn.Call(context.Background(), lspMethodRegisterCapability, params, nil) }()
}

// watchedFilesChanged re-lints the open documents a changed file may
// concern: under a config's directory for a config, every one for a
// members file (any template or config may name it). Each lint reads the
// files afresh, so that is the reload. A changed template only drops its
// cached lead form names.
func (s *lspServer) watchedFilesChanged(p lspDidChangeWatchedFilesParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range p.Changes {
		path, ok := filePath(c.URI)
		if !ok {
			continue
		}
		s.leadIndex.forget(path)
		base := filepath.Base(path)
		ext := strings.ToLower(filepath.Ext(path))
		config := base == lint.ConfigName || base == ".inboxlint.yml"
		members := ext == ".csv" || ext == ".json" || ext == ".yaml" || ext == ".yml"
		if !config && !members {
			continue
		}
		for _, d := range s.docs {
			if config && !isWithin(filepath.Dir(path), d.path) {
				continue
			}
			if d.timer != nil {
				d.timer.Stop()
				d.timer = nil
			}
			s.startLocked(d)
		}
	}
}
