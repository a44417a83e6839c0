package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// The language server speaks the Language Server Protocol over standard
// input and output (JSON-RPC 2.0 with Content-Length framing). It keeps
// each open document's text, lints it on open, on every change and on save
// with the config its path would get, and publishes the findings with
// ranges in UTF-16 code units, which is what LSP positions count. It
// implements only what a linter needs: full-text synchronization and
// diagnostics.

// lspMessage is a JSON-RPC request, response or notification.
type lspMessage struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  any             `json:"result,omitempty"`
	Error   *lspError       `json:"error,omitempty"`
}

type lspError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// JSON-RPC and LSP error codes.
const (
	lspParseError     = -32700
	lspMethodNotFound = -32601
)

type lspServer struct {
	in     *bufio.Reader
	out    io.Writer
	outMu  sync.Mutex
	config string // --config, if given
	docs   map[string]string
	closed bool // shutdown was requested
}

func (c *cli) lsp(args []string) int {
	fs := c.flags("lsp", "[flags]")
	config := fs.String("config", "", "use this config file for every document instead of the nearest .inboxlint.yaml")
	if st, done := c.parse(fs, args); done {
		return st
	}
	s := &lspServer{in: bufio.NewReader(c.stdin), out: c.stdout, config: *config, docs: map[string]string{}}
	if err := s.serve(); err != nil {
		return c.fail(err)
	}
	if !s.closed {
		return 1 // exit without shutdown, as the protocol says
	}
	return exitOK
}

// serve reads messages until exit or the end of the input.
func (s *lspServer) serve() error {
	for {
		body, err := s.read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		var m lspMessage
		if err := json.Unmarshal(body, &m); err != nil {
			s.send(lspMessage{ID: json.RawMessage("null"), Error: &lspError{Code: lspParseError, Message: err.Error()}})
			continue
		}
		if m.Method == "exit" {
			return nil
		}
		s.handle(m)
	}
}

// read returns the body of the next message.
func (s *lspServer) read() ([]byte, error) {
	length := -1
	for {
		line, err := s.in.ReadString('\n')
		if err != nil {
			if errors.Is(err, io.EOF) && line == "" {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("lsp: reading a header: %w", err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			if length, err = strconv.Atoi(strings.TrimSpace(value)); err != nil || length < 0 {
				return nil, fmt.Errorf("lsp: bad Content-Length %q", value)
			}
		}
	}
	if length < 0 {
		return nil, errors.New("lsp: a message has no Content-Length header")
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(s.in, body); err != nil {
		return nil, fmt.Errorf("lsp: reading a message: %w", err)
	}
	return body, nil
}

func (s *lspServer) send(m lspMessage) {
	m.JSONRPC = "2.0"
	data, err := json.Marshal(m)
	if err != nil {
		return
	}
	s.outMu.Lock()
	defer s.outMu.Unlock()
	fmt.Fprintf(s.out, "Content-Length: %d\r\n\r\n%s", len(data), data)
}

func (s *lspServer) reply(id json.RawMessage, result any) {
	if result == nil {
		result = json.RawMessage("null")
	}
	s.send(lspMessage{ID: id, Result: result})
}

func (s *lspServer) notify(method string, params any) {
	data, _ := json.Marshal(params)
	s.send(lspMessage{Method: method, Params: data})
}

type lspTextDocument struct {
	URI  string `json:"uri"`
	Text string `json:"text"`
}

func (s *lspServer) handle(m lspMessage) {
	switch m.Method {
	case "initialize":
		s.reply(m.ID, map[string]any{
			"capabilities": map[string]any{
				"textDocumentSync": map[string]any{
					"openClose": true,
					"change":    1, // full text
					"save":      map[string]any{"includeText": true},
				},
			},
			"serverInfo": map[string]any{"name": "inboxlint", "version": version()},
		})
	case "shutdown":
		s.closed = true
		s.reply(m.ID, nil)
	case "textDocument/didOpen", "textDocument/didSave", "textDocument/didChange", "textDocument/didClose":
		var p struct {
			TextDocument   lspTextDocument `json:"textDocument"`
			Text           *string         `json:"text"`
			ContentChanges []struct {
				Text string `json:"text"`
			} `json:"contentChanges"`
		}
		if err := json.Unmarshal(m.Params, &p); err != nil {
			s.logf("inboxlint: %s: %v", m.Method, err)
			return
		}
		uri := p.TextDocument.URI
		switch m.Method {
		case "textDocument/didOpen":
			s.docs[uri] = p.TextDocument.Text
		case "textDocument/didChange":
			if n := len(p.ContentChanges); n > 0 {
				s.docs[uri] = p.ContentChanges[n-1].Text
			}
		case "textDocument/didSave":
			if p.Text != nil {
				s.docs[uri] = *p.Text
			}
		case "textDocument/didClose":
			delete(s.docs, uri)
			s.publish(uri, []lspDiagnostic{})
			return
		}
		s.lint(uri)
	default:
		if len(m.ID) > 0 && m.Method != "" {
			s.send(lspMessage{ID: m.ID, Error: &lspError{Code: lspMethodNotFound, Message: "inboxlint does not handle " + m.Method}})
		}
		// notifications the server does not use ($/cancelRequest,
		// initialized, workspace/didChangeConfiguration, ...) are ignored
	}
}

func (s *lspServer) logf(format string, args ...any) {
	s.notify("window/logMessage", map[string]any{"type": 1, "message": fmt.Sprintf(format, args...)})
}

type lspPosition struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type lspRange struct {
	Start lspPosition `json:"start"`
	End   lspPosition `json:"end"`
}

type lspDiagnostic struct {
	Range           lspRange          `json:"range"`
	Severity        int               `json:"severity"`
	Code            string            `json:"code"`
	CodeDescription map[string]string `json:"codeDescription,omitempty"`
	Source          string            `json:"source"`
	Message         string            `json:"message"`
}

// uriPath turns a file: URI into a path; other URIs (an unsaved buffer)
// keep their text as the name, and get the config of the working
// directory.
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return uri
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.FromSlash(p)
}

// lint lints the document's current text and publishes the findings. An
// engine is made for each run, so edits to .inboxlint.yaml apply at once.
func (s *lspServer) lint(uri string) {
	text, ok := s.docs[uri]
	if !ok {
		return
	}
	eng, err := lint.NewEngine(lint.Options{Rules: rules.All(), ConfigFile: s.config})
	if err != nil {
		s.logf("inboxlint: %v", err)
		s.publish(uri, []lspDiagnostic{})
		return
	}
	res := eng.LintBuffer(uriPath(uri), []byte(text))
	for _, e := range res.Errors {
		if !errors.Is(e, lint.ErrNotTemplate) {
			s.logf("inboxlint: %v", e) // a broken config, say; a README is simply not linted
		}
	}
	diags := make([]lspDiagnostic, 0, len(res.Diagnostics))
	for _, d := range res.Diagnostics {
		sev := 3
		switch d.Severity {
		case lint.SeverityError:
			sev = 1
		case lint.SeverityWarning:
			sev = 2
		}
		diags = append(diags, lspDiagnostic{
			Range: lspRange{
				Start: lspPosition{Line: d.Span.Start.Line - 1, Character: d.Span.Start.Col16 - 1},
				End:   lspPosition{Line: d.Span.End.Line - 1, Character: d.Span.End.Col16 - 1},
			},
			Severity:        sev,
			Code:            d.Rule,
			CodeDescription: map[string]string{"href": lint.HelpBase + d.Rule},
			Source:          "inboxlint",
			Message:         d.Message,
		})
	}
	s.publish(uri, diags)
}

func (s *lspServer) publish(uri string, diags []lspDiagnostic) {
	s.notify("textDocument/publishDiagnostics", map[string]any{"uri": uri, "diagnostics": diags})
}
