package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render/escape"
	"github.com/inboxlint/inboxlint/rules"
)

// The language server speaks the Language Server Protocol over standard
// input and output, on github.com/sourcegraph/jsonrpc2 with the framing of
// lsp_stream.go. It keeps each open document's text, lints it on open, on
// change and on save with the config its path would get, and publishes
// the findings with ranges in UTF-16 code units, which is what LSP
// positions count. It implements what a linter needs: full-text
// synchronization and diagnostics.
//
// Responsiveness. The library reads messages on one goroutine and hands
// each to Handle before reading the next, so Handle only records text and
// answers; linting runs on other goroutines, at most one per document at a
// time and at most one per core overall. A text that arrives while its
// document is being linted is linted next, and the findings of a text
// that has since changed are dropped, so the newest text wins. Changes are
// linted lspDebounce after the last one, open and save at once. shutdown
// is answered at once, whatever is being linted, and exit ends the server
// without waiting for it.

// lspDebounce is how long after a didChange the server waits for more
// typing before it lints: a burst of keystrokes is linted once.
const lspDebounce = 200 * time.Millisecond

type lspState int

const (
	lspUninitialized lspState = iota // before initialize
	lspRunning
	lspShutDown // after shutdown: only exit is expected
)

type lspServer struct {
	config   string        // --config, if given
	maxMsg   int64         // maxLSPMessage, smaller in the fuzz test
	debounce time.Duration // lspDebounce, longer in a test of bursts
	slots    chan struct{} // one per core: lints that may run at once
	// lintHook, when set (by tests only), runs before each lint, on the
	// linting goroutine: a test can hold a lint there to look at the
	// server while it runs.
	lintHook func(lspJob)

	mu    sync.Mutex
	conn  *jsonrpc2.Conn
	state lspState
	inits int // initialize requests seen, the second one refused
	// roots are the workspace folders from initialize, as clean absolute
	// paths.
	roots []string
	docs  map[string]*lspDocument
	lints sync.WaitGroup // running lint loops
	// busyAtShutdown is how many documents were being linted when
	// shutdown was answered (the tests check that it is answered anyway).
	busyAtShutdown int
	exitCh         chan struct{}
	exitOnce       sync.Once
}

// lspDocument is one open document.
type lspDocument struct {
	uri  string
	path string // the file the URI names, or the URI itself
	// root is the workspace root the document is linted under: the
	// innermost workspace folder that holds it, else its own directory
	// (rootFor). The engine confines the lint's reads to the repository
	// that holds it (repofs.FindRoot).
	root    string
	text    string
	version int32
	seq     uint64      // bumped with every new text
	timer   *time.Timer // a pending debounced lint
	running bool        // a lint loop for the document is under way
	again   bool        // a newer text is waiting for that loop
	closed  bool
}

// lspJob is the snapshot of a document one lint works on.
type lspJob struct {
	uri, path, root string
	text            string
	version         int32
	seq             uint64
}

func newLSPServer(config string) *lspServer {
	return &lspServer{
		config:   config,
		maxMsg:   maxLSPMessage,
		debounce: lspDebounce,
		slots:    make(chan struct{}, runtime.GOMAXPROCS(0)),
		docs:     map[string]*lspDocument{},
		exitCh:   make(chan struct{}),
	}
}

func (c *cli) lsp(args []string) int {
	fs := c.flags("lsp", "[flags]")
	config := fs.String("config", "", "use this config file for every document instead of the nearest .inboxlint.yaml")
	if st, done := c.parse(fs, args); done {
		return st
	}
	return newLSPServer(*config).serve(c.stdin, c.stdout, c.stderr)
}

// serve runs the server until exit or the end of the input and returns
// the exit status: 0 after shutdown, else 1, as the protocol says.
func (s *lspServer) serve(in io.Reader, out, stderr io.Writer) int {
	stream := newLSPStream(in, out, s.maxMsg)
	stream.atEOF = s.drain
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	conn := jsonrpc2.NewConn(ctx, stream, s, jsonrpc2.SetLogger(&lspLogger{w: stderr}))
	select {
	case <-s.exitCh:
	case <-conn.DisconnectNotify():
	}
	conn.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
			d.timer = nil
		}
	}
	if s.state != lspShutDown {
		return exitFindings
	}
	return exitOK
}

// drain lints at once what waits for a debounce and waits for every lint
// to publish: at the end of the input (a client gone, a script piped in),
// the last texts still get their findings.
func (s *lspServer) drain() {
	s.mu.Lock()
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
			d.timer = nil
			s.startLocked(d)
		}
	}
	s.mu.Unlock()
	s.lints.Wait()
}

// Handle is called by the library for each request and notification, in
// order, on its reading goroutine.
func (s *lspServer) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	defer func() {
		// A bug here must not end the server: the request gets an error.
		if r := recover(); r != nil {
			msg := fmt.Sprintf("internal error in %s: %v (please report this at https://github.com/inboxlint/inboxlint/issues)", req.Method, r)
			s.logf(lspMessageError, "inboxlint: %s", msg)
			if !req.Notif {
				_ = conn.ReplyWithError(ctx, req.ID, &jsonrpc2.Error{Code: lspCodeInternalError, Message: escape.Controls(msg)})
			}
		}
	}()
	select {
	case <-s.exitCh:
		return // what the client sent after exit
	default:
	}
	s.mu.Lock()
	s.conn = conn
	s.mu.Unlock()
	result, err := s.dispatch(req)
	if req.Notif {
		if err != nil {
			s.logf(lspMessageError, "inboxlint: %s: %s", req.Method, err.Message)
		}
		return
	}
	// A failed write means the client is gone; the next read says so.
	if err != nil {
		err.Message = escape.Controls(err.Message)
		_ = conn.ReplyWithError(ctx, req.ID, err)
		return
	}
	_ = conn.Reply(ctx, req.ID, result)
}

// dispatch handles one message and returns the result of a request.
func (s *lspServer) dispatch(req *jsonrpc2.Request) (any, *jsonrpc2.Error) {
	if req.Method == lspMethodExit {
		// first, without the lock, so that nothing can hold exit up
		s.exitOnce.Do(func() { close(s.exitCh) })
		return nil, nil
	}
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case state == lspUninitialized && req.Method != lspMethodInitialize:
		// as the protocol says: refuse requests, drop notifications
		if req.Notif {
			return nil, nil
		}
		return nil, &jsonrpc2.Error{Code: lspCodeServerNotInitialized, Message: "the server is not initialized: send initialize first"}
	case state == lspShutDown:
		if req.Notif {
			return nil, nil
		}
		return nil, &jsonrpc2.Error{Code: lspCodeInvalidRequest, Message: "the server is shut down: only exit is expected"}
	}
	switch req.Method {
	case lspMethodInitialize:
		var p lspInitializeParams
		if err := decodeParams(req, &p); err != nil {
			return nil, err
		}
		return s.initialize(p)
	case lspMethodInitialized:
		return nil, nil
	case lspMethodShutdown:
		s.mu.Lock()
		s.state = lspShutDown
		for _, d := range s.docs {
			if d.running {
				s.busyAtShutdown++
			}
			if d.timer != nil {
				d.timer.Stop()
				d.timer = nil
			}
		}
		s.mu.Unlock()
		return nil, nil
	case lspMethodDidOpen:
		var p lspDidOpenParams
		if err := decodeParams(req, &p); err != nil {
			return nil, err
		}
		s.open(p.TextDocument)
		return nil, nil
	case lspMethodDidChange:
		var p lspDidChangeParams
		if err := decodeParams(req, &p); err != nil {
			return nil, err
		}
		return nil, s.change(p)
	case lspMethodDidSave:
		var p lspDidSaveParams
		if err := decodeParams(req, &p); err != nil {
			return nil, err
		}
		s.save(p)
		return nil, nil
	case lspMethodDidClose:
		var p lspDidCloseParams
		if err := decodeParams(req, &p); err != nil {
			return nil, err
		}
		s.closeDoc(p.TextDocument.URI)
		return nil, nil
	}
	if req.Notif {
		// notifications the server does not use ($/cancelRequest,
		// workspace/didChangeConfiguration, ...) are ignored
		return nil, nil
	}
	return nil, &jsonrpc2.Error{Code: lspCodeMethodNotFound, Message: "inboxlint does not handle " + req.Method}
}

func decodeParams(req *jsonrpc2.Request, v any) *jsonrpc2.Error {
	if req.Params == nil {
		return &jsonrpc2.Error{Code: lspCodeInvalidParams, Message: req.Method + " needs params"}
	}
	if err := json.Unmarshal(*req.Params, v); err != nil {
		return &jsonrpc2.Error{Code: lspCodeInvalidParams, Message: fmt.Sprintf("%s: bad params: %v", req.Method, err)}
	}
	return nil
}

func (s *lspServer) initialize(p lspInitializeParams) (any, *jsonrpc2.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inits++
	if s.inits > 1 {
		return nil, &jsonrpc2.Error{Code: lspCodeInvalidRequest, Message: "initialize may be sent only once"}
	}
	s.state = lspRunning
	s.roots = workspaceRoots(p)
	return lspInitializeResult{
		Capabilities: lspServerCapabilities{
			TextDocumentSync: lspTextDocumentSyncOptions{
				OpenClose: true,
				Change:    lspSyncFull,
				Save:      &lspSaveOptions{IncludeText: true},
			},
		},
		ServerInfo: &lspServerInfo{Name: "inboxlint", Version: version()},
	}, nil
}

// workspaceRoots are the folders of initialize, innermost first: its
// workspaceFolders, else rootUri, else the deprecated rootPath. Folders
// that are no file: URI are left out.
func workspaceRoots(p lspInitializeParams) []string {
	var uris []string
	for _, f := range p.WorkspaceFolders {
		uris = append(uris, f.URI)
	}
	if len(uris) == 0 && p.RootURI != nil {
		uris = append(uris, *p.RootURI)
	}
	var roots []string
	for _, u := range uris {
		if path, ok := filePath(u); ok {
			roots = append(roots, path)
		}
	}
	if len(roots) == 0 && p.RootPath != nil && filepath.IsAbs(*p.RootPath) {
		roots = append(roots, filepath.Clean(*p.RootPath))
	}
	// longest first: the innermost folder that holds a document wins
	for i := 1; i < len(roots); i++ {
		for j := i; j > 0 && len(roots[j]) > len(roots[j-1]); j-- {
			roots[j], roots[j-1] = roots[j-1], roots[j]
		}
	}
	return roots
}

// rootFor is the one place that says which root a document is linted
// under: the innermost workspace folder that holds its path, else the
// directory of the file, else (an unsaved buffer with no path) the first
// workspace folder or the working directory.
func rootFor(roots []string, path string) string {
	if !filepath.IsAbs(path) {
		if len(roots) > 0 {
			return roots[0]
		}
		return "."
	}
	for _, r := range roots {
		if rel, err := filepath.Rel(r, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return r
		}
	}
	return filepath.Dir(path)
}

// engineRoot is the root the engine confines a document's lint to: the
// repository that holds the document's workspace folder, or that folder.
// An editor may name a folder that does not exist (yet, or any more): the
// nearest directory above it that does stands in for it.
func engineRoot(dir string) string {
	for {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return repofs.FindRoot(dir)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return repofs.FindRoot(".")
		}
		dir = parent
	}
}

// filePath turns a file: URI into a clean absolute path.
func filePath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		return "", false
	}
	return filepath.Clean(p), true
}

// uriPath is the name a document is linted under: its file's path, or for
// another URI (an unsaved buffer) the URI itself, which gets the config of
// the working directory.
func uriPath(uri string) string {
	if p, ok := filePath(uri); ok {
		return p
	}
	return uri
}

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
		diags, logs := s.lint(job)
		<-s.slots

		s.mu.Lock()
		if !d.closed && d.seq == job.seq && s.state == lspRunning {
			for _, l := range logs {
				s.logLocked(lspMessageError, l)
			}
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

// lint lints one text and returns its diagnostics and the problems to log
// (a broken config, say; a Markdown file that is no template is simply not
// linted). An engine is made for each run, so edits to .inboxlint.yaml
// apply at once.
func (s *lspServer) lint(job lspJob) (diags []lspDiagnostic, logs []string) {
	diags = []lspDiagnostic{}
	defer func() {
		// the engine recovers from a failing rule; this is the last line
		if r := recover(); r != nil {
			diags, logs = []lspDiagnostic{}, []string{fmt.Sprintf("inboxlint: %s: internal error: %v (please report this with the file)", job.path, r)}
		}
	}()
	// Every read the lint makes (config discovery, members files) is
	// confined to the repository that holds the document's workspace
	// folder, or to that folder when it is no repository.
	opts := lint.Options{Rules: rules.All(), ConfigFile: s.config, Root: engineRoot(job.root)}
	eng, err := lint.NewEngine(opts)
	if err != nil {
		return diags, []string{logText(err)}
	}
	defer eng.Close()
	res := eng.LintBuffer(job.path, []byte(job.text))
	for _, e := range res.Errors {
		if !errors.Is(e, lint.ErrNotTemplate) {
			logs = append(logs, logText(e))
		}
	}
	for _, d := range res.Diagnostics {
		diags = append(diags, lspDiagnostic{
			Range: lspRange{
				Start: lspPosition{Line: d.Span.Start.Line - 1, Character: d.Span.Start.Col16 - 1},
				End:   lspPosition{Line: d.Span.End.Line - 1, Character: d.Span.End.Col16 - 1},
			},
			Severity:        lspSeverity(d.Severity),
			Code:            d.Rule,
			CodeDescription: &lspCodeDescription{Href: lint.HelpBase + d.Rule},
			Source:          "inboxlint",
			Message:         escape.Controls(d.Message),
		})
	}
	return diags, logs
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

// publishLocked sends diagnostics while s.mu is held, so that a document's
// notifications go out in the order its state changed (a close's empty
// list is never followed by a late lint's findings).
func (s *lspServer) publishLocked(p lspPublishDiagnosticsParams) {
	if s.conn != nil {
		_ = s.conn.Notify(context.Background(), lspMethodPublishDiagnostics, p)
	}
}

func (s *lspServer) logf(t lspMessageType, format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.logLocked(t, fmt.Sprintf(format, args...))
}

// logLocked sends a line to the client's log. A line break in it is
// written as "; ", so that none reaches the log raw.
func (s *lspServer) logLocked(t lspMessageType, msg string) {
	if s.conn != nil {
		msg = escape.Controls(strings.ReplaceAll(msg, "\n", "; "))
		_ = s.conn.Notify(context.Background(), lspMethodLogMessage, lspLogMessageParams{Type: t, Message: msg})
	}
}

// lspLogger takes the library's own complaints (a response to no request
// of the server's) to standard error, escaped, as inboxlint's.
type lspLogger struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lspLogger) Printf(format string, args ...any) {
	msg := strings.TrimSpace(fmt.Sprintf(format, args...))
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "inboxlint: lsp: %s\n", escape.Controls(msg))
}
