package main

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzLSPFraming feeds random bytes to the language server, then a valid
// initialize. The server must never panic, must write only well-formed
// messages, and must answer the initialize: after any garbage, a blank
// line and more newlines than a message may hold bytes (the cap is made
// small here) bring the framing back to the start of a message, whatever
// state the garbage left it in. Only an exit inside the garbage may end
// the server first; a second initialize or one after a shutdown is
// answered with an error.
func FuzzLSPFraming(f *testing.F) {
	open := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///fuzz/ad.md","version":1,"text":` +
		`"---\nformat: message\nsender: Dana\nsubject: \"Hi %FIRSTNAME%\"\n---\nHi [Speaker name]\n"}}}`
	for _, seed := range []string{
		"",
		lspFrame(lspInitBody),
		lspFrame(lspInitBody) + lspFrame(open),
		lspFrame(lspInitBody) + lspFrame(open) + lspFrame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///fuzz/ad.md","version":2},"contentChanges":[{"text":"x"}]}}`),
		lspFrame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`),
		"Content-Length: 100000000000\r\n\r\n",
		"Content-Length: 9223372036854775807\r\n\r\n{",
		"Content-Length: -5\r\n\r\n",
		"Content-Length: abc\r\n\r\n",
		"Content-Length 12\r\n\r\n{}",
		"Content-Type: x\r\n\r\n{}",
		"Content-Length: 5\r\n\r\nnot{}",
		"Content-Length: 5\r\n\r\n[1,2]",
		"Content-Length: 100\r\n\r\n{\"jsonrpc\"",
		lspFrame(`{"jsonrpc":"2.0","id":true,"method":"x"}`),
		lspFrame(`{"jsonrpc":"2.0","id":-1,"method":"initialize"}`),
		lspFrame(`{"jsonrpc":"2.0","id":1,"result":{}}`),
		lspFrame(`{"jsonrpc":"2.0","id":1,"error":{"code":"x"}}`),
		strings.Repeat("X: y\r\n", 40),
		"Content-Length: 3\r\n\r\n{}}Content-Length: 2\r\n\r\n{}",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, garbage []byte) {
		const maxMsg = 4096
		s := newLSPServer("")
		s.maxMsg = maxMsg
		var in bytes.Buffer
		in.Write(garbage)
		in.WriteString("\r\n\r\n")
		in.WriteString(strings.Repeat("\n", maxMsg+16))
		in.WriteString(lspFrame(`{"jsonrpc":"2.0","id":"fuzz-initialize","method":"initialize","params":{}}`))
		var out, stderr lockedBuffer
		s.serve(&in, &out, &stderr)
		s.lints.Wait()
		msgs := lspReadAll(t, []byte(out.String()))
		select {
		case <-s.exitCh:
			return // the garbage held an exit
		default:
		}
		var answers []lspRawMessage
		for _, m := range msgs {
			if string(m.ID) == `"fuzz-initialize"` {
				answers = append(answers, m)
			}
		}
		if len(answers) != 1 {
			t.Fatalf("%d answers to the final initialize, want 1; the server wrote %q", len(answers), out.String())
		}
		a := answers[0]
		s.mu.Lock()
		refused := s.inits > 1 || s.state == lspShutDown
		s.mu.Unlock()
		switch {
		case a.Error != nil && (!refused || a.Error.Code != lspCodeInvalidRequest):
			t.Fatalf("initialize refused: %+v", a.Error)
		case a.Error == nil && !bytes.Contains(a.Result, []byte(`"capabilities"`)):
			t.Fatalf("initialize answered with %s", a.Result)
		}
	})
}
