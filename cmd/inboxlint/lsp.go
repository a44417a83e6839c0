package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render/escape"
)

// The language server speaks the Language Server Protocol over standard
// input and output, on github.com/sourcegraph/jsonrpc2 with the framing of
// lsp_stream.go. It keeps each open document's text, lints it on open, on
// change and on save with the config its path would get, and publishes
// the findings with ranges in UTF-16 code units, which is what LSP
// positions count. Beside diagnostics it answers the requests that look
// inside a template (lsp_requests.go): hover, completion, document
// symbols, definition, references, rename and code actions.
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
	// requests are the running answers to requests that look inside a
	// template (hover, completion, ...), which run beside the reading.
	requests  sync.WaitGroup
	leadIndex lspLeadFormIndex
	// watch is whether the client may be asked to watch files.
	watch    bool
	exitCh   chan struct{}
	exitOnce sync.Once
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
	// findings are those of the last lint published, of the text with
	// sequence number findingsSeq: code actions find a finding's fixes
	// there.
	findings    []lint.Diagnostic
	findingsSeq uint64
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
	s.requests.Wait()
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
	if _, later := result.(lspDeferred); later && err == nil {
		return // answered by the goroutine documentRequest started
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
		s.registerWatchers()
		return nil, nil
	case lspMethodHover, lspMethodCompletion, lspMethodDocumentSymbol, lspMethodDefinition, lspMethodReferences,
		lspMethodPrepareRename, lspMethodRename, lspMethodCodeAction:
		return s.documentRequest(req)
	case lspMethodDidChangeWatched:
		var p lspDidChangeWatchedFilesParams
		if err := decodeParams(req, &p); err != nil {
			return nil, err
		}
		s.watchedFilesChanged(p)
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
		return &jsonrpc2.Error{Code: lspCodeInvalidParams, Message: fmt.Sprintf("%s: bad params: %s", req.Method, escape.JSONError(err))}
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
	s.watch = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
	return lspInitializeResult{
		Capabilities: lspServerCapabilities{
			TextDocumentSync: lspTextDocumentSyncOptions{
				OpenClose: true,
				Change:    lspSyncFull,
				Save:      &lspSaveOptions{IncludeText: true},
			},
			HoverProvider:          true,
			CompletionProvider:     &lspCompletionOptions{TriggerCharacters: []string{"%", "#", ":", "."}},
			DocumentSymbolProvider: true,
			DefinitionProvider:     true,
			ReferencesProvider:     true,
			RenameProvider:         &lspRenameOptions{PrepareProvider: true},
			CodeActionProvider:     &lspCodeActionOptions{CodeActionKinds: []lspCodeActionKind{lspCodeActionQuickFix}},
		},
		ServerInfo: &lspServerInfo{Name: "inboxlint", Version: version()},
	}, nil
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
