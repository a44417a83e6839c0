package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/inboxlint/inboxlint/lint"
)

// lspClient is a language client on the same JSON-RPC library as the
// server (github.com/sourcegraph/jsonrpc2, with its own Content-Length
// codec), talking to a server in this process over pipes.
type lspClient struct {
	t      *testing.T
	conn   *jsonrpc2.Conn
	notes  chan *jsonrpc2.Request // the server's notifications, in order
	status chan int               // the server's exit status, when it ends
	stderr *lockedBuffer
	ids    int

	mu  sync.Mutex
	log []string // "response <id>" and "notification <method>", in arrival order
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

type pipes struct {
	io.Reader
	io.Writer
	closers []io.Closer
}

func (p pipes) Close() error {
	for _, c := range p.closers {
		c.Close()
	}
	return nil
}

// startLSP runs serve (the server as inboxlint lsp runs it) in the
// background and connects a client to it.
func startLSP(t *testing.T, serve func(in io.Reader, out, stderr io.Writer) int) *lspClient {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &lspClient{t: t, notes: make(chan *jsonrpc2.Request, 1000), status: make(chan int, 1), stderr: &lockedBuffer{}}
	go func() {
		st := serve(inR, outW, c.stderr)
		outW.Close()
		inR.Close()
		c.status <- st
	}()
	handler := jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
		if !req.Notif {
			return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "the test client takes no requests"}
		}
		c.notes <- req
		return nil, nil
	})
	record := jsonrpc2.OnRecv(func(req *jsonrpc2.Request, resp *jsonrpc2.Response) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if resp != nil {
			c.log = append(c.log, "response "+resp.ID.String())
		} else {
			c.log = append(c.log, "notification "+req.Method)
		}
	})
	stream := jsonrpc2.NewBufferedStream(pipes{Reader: outR, Writer: inW, closers: []io.Closer{inW, outR}}, jsonrpc2.VSCodeObjectCodec{})
	c.conn = jsonrpc2.NewConn(context.Background(), stream, handler, record, jsonrpc2.SetLogger(testLogger{t}))
	t.Cleanup(func() { c.conn.Close() })
	return c
}

type testLogger struct{ t *testing.T }

func (l testLogger) Printf(format string, args ...any) { l.t.Logf("client: "+format, args...) }

// call sends a request under a string id ("1", "2", ...), so that an
// error answered with a null id never matches one, and returns the
// server's error, if any.
func (c *lspClient) call(method string, params, result any) *jsonrpc2.Error {
	c.t.Helper()
	c.ids++
	err := c.conn.Call(context.Background(), method, params, result, jsonrpc2.PickID(jsonrpc2.ID{Str: fmt.Sprint(c.ids), IsString: true}))
	var rpcErr *jsonrpc2.Error
	if errors.As(err, &rpcErr) {
		return rpcErr
	}
	if err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
	return nil
}

func (c *lspClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// next returns the server's next notification. The time limit only turns
// a hang into a failure.
func (c *lspClient) next() *jsonrpc2.Request {
	c.t.Helper()
	select {
	case n := <-c.notes:
		return n
	case <-time.After(2 * time.Minute):
		c.t.Fatal("no notification from the server")
	}
	return nil
}

// published returns the next notification, which must be diagnostics.
func (c *lspClient) published() lspPublishDiagnosticsParams {
	c.t.Helper()
	n := c.next()
	var p lspPublishDiagnosticsParams
	if n.Method != lspMethodPublishDiagnostics || n.Params == nil {
		c.t.Fatalf("notification %s %s, want %s", n.Method, paramsOf(n), lspMethodPublishDiagnostics)
	}
	if err := json.Unmarshal(*n.Params, &p); err != nil {
		c.t.Fatal(err)
	}
	return p
}

func paramsOf(n *jsonrpc2.Request) string {
	if n.Params == nil {
		return ""
	}
	return string(*n.Params)
}

// exitStatus waits for the server to end.
func (c *lspClient) exitStatus() int {
	c.t.Helper()
	select {
	case st := <-c.status:
		return st
	case <-time.After(2 * time.Minute):
		c.t.Fatal("the server did not end")
	}
	return -1
}

// noMoreNotes fails if the server sent a notification not yet read.
func (c *lspClient) noMoreNotes() {
	c.t.Helper()
	select {
	case n := <-c.notes:
		c.t.Errorf("unexpected notification %s %s", n.Method, paramsOf(n))
	default:
	}
}

func fileURI(path string) string { return "file://" + filepath.ToSlash(path) }

const lspFlawed = "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, saving you a seat?\"\n---\n" +
	"Hi 😀 [Speaker name] walks through the model. Can I save you a seat?\n\n- [Save my seat](leadform:webinar)\n"

const lspFlawed2 = "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, saving you a seat?\"\n---\n" +
	"Hi %FIRSTNAME%, [Speaker name] walks through the model. Can I save you a seat?\n\n- [Save my seat](leadform:webinar)\n"

const lspClean = "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, saving you a seat?\"\n---\n" +
	"Hi %FIRSTNAME%, our head of analytics walks through the model. Can I save you a seat?\n\n- [Save my seat](leadform:webinar)\n"

const lspPlaceholderMsg = `unfilled placeholder "[Speaker name]": replace it with the real text`

func placeholderAt(line, start, end int) lspDiagnostic {
	return lspDiagnostic{
		Range:           lspRange{Start: lspPosition{Line: line, Character: start}, End: lspPosition{Line: line, Character: end}},
		Severity:        lspSeverityError,
		Code:            "placeholder",
		CodeDescription: &lspCodeDescription{Href: "https://github.com/inboxlint/inboxlint#placeholder"},
		Source:          "inboxlint",
		Message:         lspPlaceholderMsg,
	}
}

func int32p(v int32) *int32 { return &v }

func checkPublished(t *testing.T, got, want lspPublishDiagnosticsParams) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Errorf("published\n%s\nwant\n%s", g, w)
	}
}

// TestLSPSession drives a whole session and checks every answer and
// notification: initialize's capabilities; the findings of an opened
// document with UTF-16 ranges (an emoji counts two); an edit that fixes
// them; a burst of edits linted once, for the newest text; a save that
// lints again with the config as it now is on disk; a request the server
// does not handle; close; shutdown; exit with status 0.
func TestLSPSession(t *testing.T) {
	dir := t.TempDir()
	uri := fileURI(filepath.Join(dir, "ad.md"))
	s := newLSPServer("")
	// a debounce long enough that no stall of a busy machine splits the
	// burst of edits below
	s.debounce = time.Second
	c := startLSP(t, s.serve)

	var init json.RawMessage
	if err := c.call(lspMethodInitialize, map[string]any{"processId": nil, "rootUri": fileURI(dir), "capabilities": map[string]any{}}, &init); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	wantInit := `{"capabilities":{"textDocumentSync":{"openClose":true,"change":1,"save":{"includeText":true}},` +
		`"hoverProvider":true,"completionProvider":{"triggerCharacters":["%","#",":","."]},"documentSymbolProvider":true,` +
		`"definitionProvider":true,"referencesProvider":true,"renameProvider":{"prepareProvider":true},"codeActionProvider":{"codeActionKinds":["quickfix"]}},` +
		`"serverInfo":{"name":"inboxlint","version":"` + version() + `"}}`
	if string(init) != wantInit {
		t.Errorf("initialize result\n%s\nwant\n%s", init, wantInit)
	}
	c.notify(lspMethodInitialized, map[string]any{})

	c.notify(lspMethodDidOpen, lspDidOpenParams{TextDocument: lspTextDocumentItem{URI: uri, LanguageID: "markdown", Version: 1, Text: lspFlawed}})
	// "Hi " is 3 UTF-16 units and the emoji 2 more, so "[Speaker name]"
	// starts at character 6 of line 5 (0-based) and is 14 long.
	checkPublished(t, c.published(), lspPublishDiagnosticsParams{URI: uri, Version: int32p(1), Diagnostics: []lspDiagnostic{placeholderAt(5, 6, 20)}})

	change := func(v int32, text string) {
		c.notify(lspMethodDidChange, lspDidChangeParams{TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: v}, ContentChanges: []lspContentChange{{Text: text}}})
	}
	change(2, lspClean)
	checkPublished(t, c.published(), lspPublishDiagnosticsParams{URI: uri, Version: int32p(2), Diagnostics: []lspDiagnostic{}})

	// three edits within the debounce: one lint, of the last
	change(3, lspFlawed)
	change(4, lspClean)
	change(5, lspFlawed2)
	checkPublished(t, c.published(), lspPublishDiagnosticsParams{URI: uri, Version: int32p(5), Diagnostics: []lspDiagnostic{placeholderAt(5, 16, 30)}})

	// the config changes on disk; saving lints with it
	if err := os.WriteFile(filepath.Join(dir, ".inboxlint.yaml"), []byte("rules:\n  placeholder: warning\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	text := lspFlawed2
	c.notify(lspMethodDidSave, lspDidSaveParams{TextDocument: lspTextDocumentIdentifier{URI: uri}, Text: &text})
	warn := placeholderAt(5, 16, 30)
	warn.Severity = lspSeverityWarning
	checkPublished(t, c.published(), lspPublishDiagnosticsParams{URI: uri, Version: int32p(5), Diagnostics: []lspDiagnostic{warn}})

	if err := c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uri}, "options": map[string]any{}}, nil); err == nil || err.Code != lspCodeMethodNotFound || err.Message != "inboxlint does not handle textDocument/formatting" {
		t.Errorf("formatting: %v, want method not found", err)
	}
	c.notify("$/cancelRequest", map[string]any{"id": 1}) // ignored

	c.notify(lspMethodDidClose, lspDidCloseParams{TextDocument: lspTextDocumentIdentifier{URI: uri}})
	checkPublished(t, c.published(), lspPublishDiagnosticsParams{URI: uri, Diagnostics: []lspDiagnostic{}})

	var shutdown json.RawMessage
	if err := c.call(lspMethodShutdown, nil, &shutdown); err != nil || string(shutdown) != "null" {
		t.Errorf("shutdown: %s, %v; want null", shutdown, err)
	}
	c.notify(lspMethodExit, nil)
	if st := c.exitStatus(); st != 0 {
		t.Errorf("exit status %d after shutdown and exit, want 0", st)
	}
	c.noMoreNotes()
	if s := c.stderr.String(); s != "" {
		t.Errorf("stderr: %s", s)
	}
}

// Each document gets the config its path would get on disk, or the one
// --config names; a Markdown file that is no template gets an empty list
// and no complaint; a broken config is reported in the client's log,
// escaped, and the document gets an empty list.
func TestLSPConfigAndReadme(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("off/.inboxlint.yaml", "rules:\n  placeholder: off\n")
	write("broken/.inboxlint.yaml", "rules:\n  \"pla\\e[2Kholder\": off\n")
	forced := write("forced.yaml", "rules:\n  placeholder: info\n")

	for _, tc := range []struct {
		name   string
		args   []string
		file   string
		text   string
		diags  int
		sev    lspDiagnosticSeverity
		logged string
	}{
		{name: "nearest config", file: "off/ad.md", text: lspFlawed},
		{name: "no config", file: "ad.md", text: lspFlawed, diags: 1, sev: lspSeverityError},
		{name: "--config", args: []string{"--config", forced}, file: "off/ad.md", text: lspFlawed, diags: 1, sev: lspSeverityInformation},
		{name: "not a template", file: "README.md", text: "# Copy\n\nNotes.\n"},
		{name: "broken config", file: "broken/ad.md", text: lspFlawed, logged: `^inboxlint: .*broken/\.inboxlint\.yaml:2:3: unknown rule "pla\\x1b\[2Kholder"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := startLSP(t, func(in io.Reader, out, stderr io.Writer) int {
				return run(append([]string{"lsp"}, tc.args...), in, out, stderr)
			})
			if err := c.call(lspMethodInitialize, map[string]any{"capabilities": map[string]any{}}, nil); err != nil {
				t.Fatal(err)
			}
			uri := fileURI(filepath.Join(dir, tc.file))
			c.notify(lspMethodDidOpen, lspDidOpenParams{TextDocument: lspTextDocumentItem{URI: uri, Version: 1, Text: tc.text}})
			if tc.logged != "" {
				n := c.next()
				var p lspLogMessageParams
				if n.Method != lspMethodLogMessage || json.Unmarshal(*n.Params, &p) != nil || p.Type != lspMessageError || !regexpMatch(tc.logged, p.Message) || strings.ContainsRune(p.Message, '\x1b') {
					t.Errorf("notification %s %s, want an error logged matching %s", n.Method, paramsOf(n), tc.logged)
				}
			}
			p := c.published()
			if p.URI != uri || len(p.Diagnostics) != tc.diags || tc.diags > 0 && p.Diagnostics[0].Severity != tc.sev {
				t.Errorf("published %+v, want %d diagnostics of severity %d", p, tc.diags, tc.sev)
			}
			c.notify(lspMethodExit, nil)
			if st := c.exitStatus(); st != 1 {
				t.Errorf("exit status %d after exit without shutdown, want 1", st)
			}
			c.noMoreNotes()
		})
	}
}

// The protocol's order: requests before initialize are refused with
// ServerNotInitialized and notifications dropped; a second initialize is
// refused; after shutdown requests are refused and documents no longer
// linted; exit without shutdown ends with status 1, and the end of the
// input after shutdown with 0.
func TestLSPLifecycle(t *testing.T) {
	dir := t.TempDir()
	uri := fileURI(filepath.Join(dir, "ad.md"))
	open := lspDidOpenParams{TextDocument: lspTextDocumentItem{URI: uri, Version: 1, Text: lspFlawed}}

	c := startLSP(t, newLSPServer("").serve)
	if err := c.call(lspMethodShutdown, nil, nil); err == nil || err.Code != lspCodeServerNotInitialized {
		t.Errorf("shutdown before initialize: %v, want ServerNotInitialized", err)
	}
	c.notify(lspMethodDidOpen, open) // dropped
	if err := c.call(lspMethodInitialize, map[string]any{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.call(lspMethodInitialize, map[string]any{}, nil); err == nil || err.Code != lspCodeInvalidRequest || err.Message != "initialize may be sent only once" {
		t.Errorf("second initialize: %v, want invalid request", err)
	}
	if err := c.call(lspMethodInitialize+"x", nil, nil); err == nil || err.Code != lspCodeMethodNotFound {
		t.Errorf("unknown method: %v", err)
	}
	// bad params: a request gets InvalidParams, a notification a log line
	if err := c.call(lspMethodInitialize, "x", nil); err == nil || err.Code != lspCodeInvalidRequest {
		t.Errorf("initialize with string params: %v, want invalid request", err)
	}
	if err := c.call(lspMethodInitialize, map[string]any{"rootUri": 5}, nil); err == nil || err.Code != lspCodeInvalidParams || !strings.HasPrefix(err.Message, "initialize: bad params: ") {
		t.Errorf("initialize with a numeric rootUri: %v, want invalid params", err)
	}
	c.notify(lspMethodDidOpen, map[string]any{"textDocument": 5})
	if n := c.next(); n.Method != lspMethodLogMessage || !strings.Contains(paramsOf(n), "textDocument/didOpen: bad params") {
		t.Errorf("notification %s %s, want bad params logged", n.Method, paramsOf(n))
	}
	c.notify(lspMethodDidChange, lspDidChangeParams{TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: 2}, ContentChanges: []lspContentChange{{Text: lspClean}}})
	if n := c.next(); n.Method != lspMethodLogMessage || !strings.Contains(paramsOf(n), "is not open") {
		t.Errorf("notification %s %s, want a change to a closed document logged", n.Method, paramsOf(n))
	}
	c.notify(lspMethodDidOpen, open)
	if p := c.published(); len(p.Diagnostics) != 1 {
		t.Errorf("published %+v after open, want the placeholder", p)
	}
	rng := lspRange{End: lspPosition{Line: 1}}
	c.notify(lspMethodDidChange, lspDidChangeParams{TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: 2}, ContentChanges: []lspContentChange{{Range: &rng, Text: ""}}})
	if n := c.next(); n.Method != lspMethodLogMessage || !strings.Contains(paramsOf(n), "a change with a range") {
		t.Errorf("notification %s %s, want a ranged change refused", n.Method, paramsOf(n))
	}
	if err := c.call(lspMethodShutdown, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.call(lspMethodShutdown, nil, nil); err == nil || err.Code != lspCodeInvalidRequest {
		t.Errorf("request after shutdown: %v, want invalid request", err)
	}
	c.notify(lspMethodDidSave, lspDidSaveParams{TextDocument: lspTextDocumentIdentifier{URI: uri}}) // not linted
	c.conn.Close()
	if st := c.exitStatus(); st != 0 {
		t.Errorf("exit status %d at the end of the input after shutdown, want 0", st)
	}
	c.noMoreNotes()

	c = startLSP(t, newLSPServer("").serve)
	c.notify(lspMethodExit, nil)
	if st := c.exitStatus(); st != 1 {
		t.Errorf("exit status %d after exit alone, want 1", st)
	}
}

func regexpMatch(re, s string) bool {
	ok, err := regexp.MatchString(re, s)
	return err == nil && ok
}

// lspLarge is a legal template of 400 KB (100 KB under the race
// detector), which takes the engine a quarter of a second or more, a
// thousand times as long as the server takes to answer a request: the
// slow lint of the test below, with nothing slowed down on purpose.
func lspLarge() string {
	size := 400000
	if lspRace {
		size = 100000
	}
	const para = "Hi %FIRSTNAME%, our head of analytics walks through the model on Thursday at %COMPANYNAME%. Can I save you a seat?\n\n"
	head := "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, saving you a seat?\"\n---\n"
	return head + strings.Repeat(para, (size-len(head))/len(para)) + "- [Save my seat](leadform:webinar)\n"
}

// shutdown is answered while a document is being linted, before its
// findings, and exit ends the server without waiting for the lint.
func TestLSPShutdownDuringLint(t *testing.T) {
	dir := t.TempDir()
	s := newLSPServer("")
	c := startLSP(t, s.serve)
	if err := c.call(lspMethodInitialize, map[string]any{"rootUri": fileURI(dir)}, nil); err != nil {
		t.Fatal(err)
	}
	uri := fileURI(filepath.Join(dir, "large.md"))
	c.notify(lspMethodDidOpen, lspDidOpenParams{TextDocument: lspTextDocumentItem{URI: uri, Version: 1, Text: lspLarge()}})
	var result json.RawMessage
	if err := c.call(lspMethodShutdown, nil, &result); err != nil || string(result) != "null" {
		t.Fatalf("shutdown: %s %v", result, err)
	}
	s.mu.Lock()
	busy := s.busyAtShutdown
	s.mu.Unlock()
	if busy != 1 {
		t.Errorf("%d documents were being linted when shutdown was answered, want 1", busy)
	}
	c.notify(lspMethodExit, nil)
	if st := c.exitStatus(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	s.mu.Lock()
	running := false
	for _, d := range s.docs {
		running = running || d.running
	}
	s.mu.Unlock()
	if !running {
		t.Error("the server waited for the lint before it ended; exit should end it at once")
	}
	c.mu.Lock()
	log := strings.Join(c.log, "\n")
	c.mu.Unlock()
	if want := "response \"1\"\nresponse \"2\""; !strings.HasPrefix(log, want) {
		t.Errorf("the client received\n%s\nwant first\n%s", log, want)
	}
	s.lints.Wait() // not to leave the lint running into other tests
}

// While a document is being linted, edits do not start a second lint of
// it: the newest text is linted next, and the findings of the text the
// edit replaced are never published. The first lint is held in the hook
// while the test looks.
func TestLSPNewestTextWins(t *testing.T) {
	dir := t.TempDir()
	s := newLSPServer("")
	started, release := make(chan lspJob, 10), make(chan struct{})
	s.lintHook = func(j lspJob) {
		started <- j
		if j.version == 1 {
			<-release
		}
	}
	c := startLSP(t, s.serve)
	if err := c.call(lspMethodInitialize, map[string]any{}, nil); err != nil {
		t.Fatal(err)
	}
	uri := fileURI(filepath.Join(dir, "ad.md"))
	c.notify(lspMethodDidOpen, lspDidOpenParams{TextDocument: lspTextDocumentItem{URI: uri, Version: 1, Text: lspClean}})
	next := func() lspJob {
		t.Helper()
		select {
		case j := <-started:
			return j
		case <-time.After(2 * time.Minute): // only turns a hang into a failure
			t.Fatal("no lint started")
		}
		return lspJob{}
	}
	if j := next(); j.version != 1 {
		t.Fatalf("first lint of version %d, want 1", j.version)
	}
	c.notify(lspMethodDidChange, lspDidChangeParams{TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: 2}, ContentChanges: []lspContentChange{{Text: lspFlawed2}}})
	c.notify(lspMethodDidChange, lspDidChangeParams{TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: 3}, ContentChanges: []lspContentChange{{Text: lspFlawed}}})
	text := lspFlawed
	c.notify(lspMethodDidSave, lspDidSaveParams{TextDocument: lspTextDocumentIdentifier{URI: uri}, Text: &text})
	_ = c.call("$/sync", nil, nil) // a round trip: the notifications are handled
	s.mu.Lock()
	d := s.docs[uri]
	running, again, timer := d.running, d.again, d.timer != nil
	s.mu.Unlock()
	if !running || !again || timer {
		t.Errorf("while version 1 is linted: running %v, again %v, debounce pending %v; want the save queued behind the lint, no timer", running, again, timer)
	}
	select {
	case j := <-started:
		t.Errorf("a second lint (version %d) started while the first ran", j.version)
	default:
	}
	close(release)
	if j := next(); j.version != 3 || j.text != lspFlawed {
		t.Errorf("next lint of version %d, want the newest, 3", j.version)
	}
	checkPublished(t, c.published(), lspPublishDiagnosticsParams{URI: uri, Version: int32p(3), Diagnostics: []lspDiagnostic{placeholderAt(5, 6, 20)}})
	if err := c.call(lspMethodShutdown, nil, nil); err != nil {
		t.Fatal(err)
	}
	c.notify(lspMethodExit, nil)
	c.exitStatus()
	s.lints.Wait()
	c.noMoreNotes()
	select {
	case j := <-started:
		t.Errorf("a further lint of version %d", j.version)
	default:
	}
}

// Each document is linted under one root: the innermost workspace folder
// that holds it, else its directory.
func TestLSPRootFor(t *testing.T) {
	params := func(js string) lspInitializeParams {
		var p lspInitializeParams
		if err := json.Unmarshal([]byte(js), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name, init, path, want string
	}{
		{"rootUri", `{"rootUri":"file:///work/repo"}`, "/work/repo/ads/a.md", "/work/repo"},
		{"outside rootUri", `{"rootUri":"file:///work/repo"}`, "/work/other/a.md", "/work/other"},
		{"sibling with the root as prefix", `{"rootUri":"file:///work/repo"}`, "/work/repo2/a.md", "/work/repo2"},
		{"no root", `{"rootUri":null}`, "/work/repo/ads/a.md", "/work/repo/ads"},
		{"innermost folder", `{"rootUri":"file:///work","workspaceFolders":[{"uri":"file:///work/repo","name":"r"},{"uri":"file:///work/repo/ads","name":"a"}]}`, "/work/repo/ads/x/a.md", "/work/repo/ads"},
		{"folders before rootUri", `{"rootUri":"file:///work","workspaceFolders":[{"uri":"file:///work/repo","name":"r"}]}`, "/work/b.md", "/work"},
		{"percent-encoded", `{"rootUri":"file:///work/my%20repo"}`, "/work/my repo/a.md", "/work/my repo"},
		{"rootPath", `{"rootPath":"/work/repo"}`, "/work/repo/a.md", "/work/repo"},
		{"not a file URI", `{"rootUri":"https://example.com/repo"}`, "/work/repo/a.md", "/work/repo"},
		{"unsaved buffer", `{"rootUri":"file:///work/repo"}`, "untitled:Untitled-1", "/work/repo"},
		{"unsaved buffer, no root", `{}`, "untitled:Untitled-1", "."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := rootFor(workspaceRoots(params(tc.init)), filepath.FromSlash(tc.path)); got != filepath.FromSlash(tc.want) {
				t.Errorf("root %q, want %q", got, tc.want)
			}
		})
	}
	s := newLSPServer("")
	c := startLSP(t, s.serve)
	if err := c.call(lspMethodInitialize, map[string]any{"rootUri": "file:///work/repo"}, nil); err != nil {
		t.Fatal(err)
	}
	c.notify(lspMethodDidOpen, lspDidOpenParams{TextDocument: lspTextDocumentItem{URI: "file:///work/repo/ads/a%20b.md", Version: 1, Text: "# not a template\n"}})
	c.published()
	s.mu.Lock()
	d := s.docs["file:///work/repo/ads/a%20b.md"]
	s.mu.Unlock()
	if d == nil || d.root != filepath.FromSlash("/work/repo") || d.path != filepath.FromSlash("/work/repo/ads/a b.md") {
		t.Errorf("document %+v, want path /work/repo/ads/a b.md under root /work/repo", d)
	}
	c.notify(lspMethodExit, nil)
	c.exitStatus()
}

// A finding seen in one render says which, as the text formats do, and
// the names are excerpts of what the pull request wrote.
func TestLSPFindingProvenance(t *testing.T) {
	long := strings.Repeat("v", 300)
	for _, tc := range []struct {
		d    lint.Diagnostic
		want string
	}{
		{lint.Diagnostic{Message: "subject is 94 characters; LinkedIn's limit is 60", Member: "Ana Lee"},
			`subject is 94 characters; LinkedIn's limit is 60 [member "Ana Lee"]`},
		{lint.Diagnostic{Message: "m", Variant: "vp-sales", Member: "Ana\x1bLee"},
			`m [variant "vp-sales", member "Ana\x1bLee"]`},
		{lint.Diagnostic{Message: "m", Variant: long},
			`m [variant "` + strings.Repeat("v", 40) + `"…]`},
		{lint.Diagnostic{Message: "everywhere"}, "everywhere"},
	} {
		if got := lspFinding(tc.d).Message; got != tc.want {
			t.Errorf("%+v: message %q, want %q", tc.d, got, tc.want)
		}
	}
}
