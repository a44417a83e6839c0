package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// lspSession frames requests for the server and splits its output back
// into messages.
type lspSession struct {
	in bytes.Buffer
	id int
}

func (s *lspSession) request(method string, params any) int {
	s.id++
	s.write(map[string]any{"jsonrpc": "2.0", "id": s.id, "method": method, "params": params})
	return s.id
}

func (s *lspSession) notify(method string, params any) {
	s.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

func (s *lspSession) write(m any) {
	data, _ := json.Marshal(m)
	fmt.Fprintf(&s.in, "Content-Length: %d\r\n\r\n%s", len(data), data)
}

type lspOut struct {
	ID     *int            `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *lspError       `json:"error"`
}

// run feeds the session to the server and returns its exit status and
// messages.
func (s *lspSession) run(t *testing.T, args ...string) (int, []lspOut) {
	t.Helper()
	var out, errOut bytes.Buffer
	status := run(append([]string{"lsp"}, args...), &s.in, &out, &errOut)
	if errOut.Len() > 0 {
		t.Errorf("stderr: %s", errOut.String())
	}
	var msgs []lspOut
	r := bufio.NewReader(&out)
	for {
		line, err := r.ReadString('\n')
		if errors.Is(err, io.EOF) {
			break
		}
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "Content-Length:")))
		if err != nil {
			t.Fatalf("bad header %q", line)
		}
		if blank, _ := r.ReadString('\n'); blank != "\r\n" {
			t.Fatalf("header not followed by a blank line: %q", blank)
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			t.Fatal(err)
		}
		var m lspOut
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, m)
	}
	return status, msgs
}

type publishedDiagnostics struct {
	URI         string          `json:"uri"`
	Diagnostics []lspDiagnostic `json:"diagnostics"`
}

func published(t *testing.T, msgs []lspOut) []publishedDiagnostics {
	t.Helper()
	var out []publishedDiagnostics
	for _, m := range msgs {
		if m.Method != "textDocument/publishDiagnostics" {
			continue
		}
		var p publishedDiagnostics
		if err := json.Unmarshal(m.Params, &p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

const lspFlawed = "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, saving you a seat?\"\n---\n" +
	"Hi 😀 [Speaker name] walks through the model. Can I save you a seat?\n\n- [Save my seat](leadform:webinar)\n"

const lspClean = "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, saving you a seat?\"\n---\n" +
	"Hi %FIRSTNAME%, our head of analytics walks through the model. Can I save you a seat?\n\n- [Save my seat](leadform:webinar)\n"

// TestLSP drives a whole session: the findings of an opened document with
// UTF-16 ranges (an emoji counts two), an edit that fixes them, close,
// shutdown and exit.
func TestLSP(t *testing.T) {
	dir := t.TempDir()
	uri := "file://" + filepath.ToSlash(filepath.Join(dir, "ad.md"))
	var s lspSession
	initID := s.request("initialize", map[string]any{"processId": nil, "rootUri": "file://" + dir, "capabilities": map[string]any{}})
	s.notify("initialized", map[string]any{})
	s.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": lspFlawed}})
	s.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2}, "contentChanges": []any{map[string]any{"text": lspClean}}})
	unknownID := s.request("textDocument/hover", map[string]any{})
	s.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	shutdownID := s.request("shutdown", nil)
	s.notify("exit", nil)
	status, msgs := s.run(t)
	if status != 0 {
		t.Errorf("exit status %d after shutdown and exit, want 0", status)
	}

	var caps struct {
		Capabilities struct {
			TextDocumentSync struct {
				OpenClose bool `json:"openClose"`
				Change    int  `json:"change"`
			} `json:"textDocumentSync"`
		} `json:"capabilities"`
		ServerInfo struct{ Name string } `json:"serverInfo"`
	}
	for _, m := range msgs {
		switch {
		case m.ID != nil && *m.ID == initID:
			if err := json.Unmarshal(m.Result, &caps); err != nil {
				t.Fatal(err)
			}
		case m.ID != nil && *m.ID == unknownID:
			if m.Error == nil || m.Error.Code != lspMethodNotFound {
				t.Errorf("hover: %+v, want a method-not-found error", m)
			}
		case m.ID != nil && *m.ID == shutdownID:
			if string(m.Result) != "null" {
				t.Errorf("shutdown result %s, want null", m.Result)
			}
		}
	}
	if !caps.Capabilities.TextDocumentSync.OpenClose || caps.Capabilities.TextDocumentSync.Change != 1 || caps.ServerInfo.Name != "inboxlint" {
		t.Errorf("initialize result %+v", caps)
	}

	pubs := published(t, msgs)
	if len(pubs) != 3 {
		t.Fatalf("%d publishDiagnostics, want 3 (open, change, close): %+v", len(pubs), pubs)
	}
	open := pubs[0]
	if open.URI != uri {
		t.Errorf("published for %q, want %q", open.URI, uri)
	}
	var got []string
	for _, d := range open.Diagnostics {
		got = append(got, fmt.Sprintf("%d:%d-%d:%d %d %s %s", d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character, d.Severity, d.Code, d.Source))
	}
	// "Hi " is 3 UTF-16 units and the emoji 2 more, so "[Speaker name]"
	// starts at character 6 of line 5 (0-based) and is 14 long.
	want := []string{"5:6-5:20 1 placeholder inboxlint"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics after open:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(open.Diagnostics) > 0 && open.Diagnostics[0].CodeDescription["href"] != "https://github.com/inboxlint/inboxlint#placeholder" {
		t.Errorf("codeDescription %v", open.Diagnostics[0].CodeDescription)
	}
	if len(pubs[1].Diagnostics) != 0 || len(pubs[2].Diagnostics) != 0 {
		t.Errorf("after the fix and after close: %+v, want none", pubs[1:])
	}
}

// Each document gets the config its path would get on disk, re-read on
// every lint; a Markdown file that is no template gets no diagnostics and
// no complaint.
func TestLSPConfigAndReadme(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".inboxlint.yaml"), []byte("rules:\n  placeholder: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var s lspSession
	s.request("initialize", map[string]any{"capabilities": map[string]any{}})
	s.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "file://" + filepath.ToSlash(filepath.Join(dir, "ad.md")), "text": lspFlawed}})
	s.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "file://" + filepath.ToSlash(filepath.Join(dir, "README.md")), "text": "# Copy\n\nNotes.\n"}})
	status, msgs := s.run(t)
	if status != 1 {
		t.Errorf("exit status %d at end of input without shutdown, want 1", status)
	}
	for _, m := range msgs {
		if m.Method == "window/logMessage" {
			t.Errorf("unexpected log message %s", m.Params)
		}
	}
	pubs := published(t, msgs)
	if len(pubs) != 2 || len(pubs[0].Diagnostics) != 0 || len(pubs[1].Diagnostics) != 0 {
		t.Errorf("published %+v, want two empty lists (placeholder off by config; README not a template)", pubs)
	}
}

// A message that is not JSON gets a parse error, and the server goes on.
func TestLSPBadMessage(t *testing.T) {
	var s lspSession
	s.in.WriteString("Content-Length: 5\r\n\r\nnot{}")
	id := s.request("shutdown", nil)
	s.notify("exit", nil)
	status, msgs := s.run(t)
	if status != 0 || len(msgs) != 2 {
		t.Fatalf("status %d, messages %+v", status, msgs)
	}
	if msgs[0].Error == nil || msgs[0].Error.Code != lspParseError {
		t.Errorf("first reply %+v, want a parse error", msgs[0])
	}
	if msgs[1].ID == nil || *msgs[1].ID != id {
		t.Errorf("second reply %+v, want the shutdown's", msgs[1])
	}
}
