package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/sourcegraph/jsonrpc2"
)

// lspFrame frames body as LSP's base protocol does.
func lspFrame(body string) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

const lspInitBody = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`

// lspRawMessage is any message the server writes, with its id as sent.
type lspRawMessage struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
	Result  json.RawMessage `json:"result"`
	Error   *jsonrpc2.Error `json:"error"`
}

// lspReadAll splits what the server wrote into messages with the
// library's own Content-Length codec, so that the server's framing is
// checked by a reader it does not share code with.
func lspReadAll(t testing.TB, out []byte) []lspRawMessage {
	t.Helper()
	r := bufio.NewReader(bytes.NewReader(out))
	var msgs []lspRawMessage
	for {
		var m lspRawMessage
		err := jsonrpc2.VSCodeObjectCodec{}.ReadObject(r, &m)
		if errors.Is(err, io.EOF) {
			return msgs
		}
		if err != nil {
			t.Fatalf("the server wrote a malformed message: %v\n%q", err, out)
		}
		if m.JSONRPC != "2.0" {
			t.Fatalf("a message without jsonrpc 2.0: %+v", m)
		}
		msgs = append(msgs, m)
	}
}

// Every malformed message is answered with a JSON-RPC error, and the
// server goes on to answer the valid initialize that follows it.
func TestLSPMalformedFrames(t *testing.T) {
	hugeBody := strings.Repeat("x", 5000) // longer than a header line may be
	for _, tc := range []struct {
		name string
		in   string
		id   string // the id the error is answered under; "" is null
		code int64
		msg  string
		// after: the malformed input comes after the valid request (the
		// input ends with it)
		after bool
	}{
		{name: "huge length", in: "Content-Length: 100000000000\r\n\r\n", code: lspCodeInvalidRequest,
			msg: `^message of 100000000000 bytes skipped: a message may be at most 8388608 bytes$`},
		{name: "max int64 length", in: "Content-Length: 9223372036854775807\r\n\r\n", code: lspCodeInvalidRequest,
			msg: `^message of 9223372036854775807 bytes skipped`},
		{name: "length beyond int64", in: "Content-Length: 123456789012345678901234567890\r\n\r\n", code: lspCodeInvalidRequest,
			msg: `^message of more than 9223372036854775807 bytes skipped`},
		{name: "huge length with a body", in: "Content-Length: 100000000000\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"initialize\",\"params\":{}}\r\n", code: lspCodeInvalidRequest,
			msg: `^message of 100000000000 bytes skipped`},
		{name: "oversized, honest", in: "Content-Length: 8388609\r\n\r\n" + strings.Repeat("{", 8388609), code: lspCodeInvalidRequest,
			msg: `^message of 8388609 bytes skipped: a message may be at most 8388608 bytes$`},
		{name: "negative length", in: "Content-Length: -5\r\n\r\nhello", code: lspCodeParseError,
			msg: `^Content-Length "-5" is negative$`},
		{name: "non-numeric length", in: "Content-Length: abc\r\n\r\n{}", code: lspCodeParseError,
			msg: `^Content-Length "abc" is not a number of bytes$`},
		{name: "signed length", in: "Content-Length: +12\r\n\r\n{}", code: lspCodeParseError,
			msg: `^Content-Length "\+12" is not a number of bytes$`},
		{name: "empty length", in: "Content-Length:\r\n\r\n{}", code: lspCodeParseError,
			msg: `^Content-Length "" is not a number of bytes$`},
		{name: "escaped length", in: "Content-Length: 1\x1b[2K\r\n\r\n{}", code: lspCodeParseError,
			msg: `^Content-Length "1\\x1b\[2K" is not a number of bytes$`},
		{name: "missing header", in: "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + `{"jsonrpc":"2.0","id":7,"method":"initialize","params":{}}`,
			code: lspCodeParseError, msg: `^a message has no Content-Length header$`},
		{name: "header without colon", in: "Content-Length 58\r\n\r\n" + `{"jsonrpc":"2.0","id":7,"method":"initialize","params":{}}`,
			code: lspCodeParseError, msg: `^header line "Content-Length 58" has no colon: each is "Name: value"$`},
		{name: "disagreeing lengths", in: "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", code: lspCodeParseError,
			msg: `^a message has two Content-Length headers, 2 and 3$`},
		{name: "overlong header line", in: "X-Pad: " + hugeBody + "\r\n\r\n", code: lspCodeParseError,
			msg: `^a header line is longer than 4096 bytes$`},
		{name: "too many header lines", in: strings.Repeat("X-Pad: 1\r\n", 40) + "\r\n{}", code: lspCodeParseError,
			msg: `^a message's header has more than 32 lines$`},
		{name: "not JSON", in: lspFrame("not{}"), code: lspCodeParseError,
			msg: `^the message is not JSON: invalid character 'o' in literal null \(expecting 'u'\) \(at byte 2\)$`},
		{name: "empty body", in: lspFrame(""), code: lspCodeParseError,
			msg: `^the message is not JSON: unexpected end of JSON input \(at byte 0\)$`},
		{name: "JSON array", in: lspFrame(`[{"jsonrpc":"2.0","id":3,"method":"initialize"}]`), code: lspCodeInvalidRequest,
			msg: `^a message must be a JSON object$`},
		{name: "JSON string", in: lspFrame(`"initialize"`), code: lspCodeInvalidRequest, msg: `^a message must be a JSON object$`},
		{name: "JSON number", in: lspFrame(`42`), code: lspCodeInvalidRequest, msg: `^a message must be a JSON object$`},
		{name: "JSON null", in: lspFrame(`null`), code: lspCodeInvalidRequest, msg: `^a message must be a JSON object$`},
		{name: "boolean id", in: lspFrame(`{"jsonrpc":"2.0","id":true,"method":"initialize"}`), code: lspCodeInvalidRequest,
			msg: `^the message's id must be a string or a non-negative integer$`},
		{name: "negative id", in: lspFrame(`{"jsonrpc":"2.0","id":-1,"method":"initialize"}`), id: "-1", code: lspCodeInvalidRequest,
			msg: `^the message's id must be a string or a non-negative integer$`},
		{name: "fractional id", in: lspFrame(`{"jsonrpc":"2.0","id":1.5,"method":"initialize"}`), id: "1.5", code: lspCodeInvalidRequest,
			msg: `^the message's id must be a string or a non-negative integer$`},
		{name: "no jsonrpc", in: lspFrame(`{"id":"a","method":"initialize"}`), id: `"a"`, code: lspCodeInvalidRequest,
			msg: `^the message's "jsonrpc" must be "2.0"$`},
		{name: "method not a string", in: lspFrame(`{"jsonrpc":"2.0","id":4,"method":5}`), id: "4", code: lspCodeInvalidRequest,
			msg: `^the message's "method" must be a string$`},
		{name: "method and result", in: lspFrame(`{"jsonrpc":"2.0","id":4,"method":"initialize","result":null}`), id: "4", code: lspCodeInvalidRequest,
			msg: `^a message cannot have both a "method" and a "result" or "error"$`},
		{name: "neither request nor response", in: lspFrame(`{"jsonrpc":"2.0","id":4}`), id: "4", code: lspCodeInvalidRequest,
			msg: `^a message needs a "method" \(a request\) or a "result" or "error" \(a response\)$`},
		{name: "params not structured", in: lspFrame(`{"jsonrpc":"2.0","id":4,"method":"initialize","params":"x"}`), id: "4", code: lspCodeInvalidRequest,
			msg: `^the message's "params" must be an object or an array$`},
		{name: "response with a bad error", in: lspFrame(`{"jsonrpc":"2.0","id":4,"error":"boom"}`), id: "4", code: lspCodeInvalidRequest,
			msg: `^the message is not a JSON-RPC request or response: `},
		{name: "truncated body", in: "Content-Length: 100\r\n\r\n{\"jsonrpc\"", after: true, code: lspCodeParseError,
			msg: `^the input ended after 10 of the 100 bytes the message's Content-Length gives$`},
		{name: "truncated header", in: "Content-Length: 10", after: true, code: lspCodeParseError,
			msg: `^the input ended inside a message's header$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in + lspFrame(lspInitBody)
			if tc.after {
				in = lspFrame(lspInitBody) + tc.in
			}
			var out, errOut bytes.Buffer
			status := run([]string{"lsp"}, strings.NewReader(in), &out, &errOut)
			if status != 1 || errOut.Len() > 0 {
				t.Errorf("exit status %d, stderr %q; want 1 (no shutdown) and nothing", status, errOut.String())
			}
			msgs := lspReadAll(t, out.Bytes())
			if len(msgs) != 2 {
				t.Fatalf("%d messages, want 2 (the error and initialize's result): %+v", len(msgs), msgs)
			}
			bad, init := msgs[0], msgs[1]
			if tc.after {
				bad, init = init, bad
			}
			wantID := tc.id
			if wantID == "" {
				wantID = "null"
			}
			if bad.Error == nil || bad.Error.Code != tc.code || string(bad.ID) != wantID || !regexp.MustCompile(tc.msg).MatchString(bad.Error.Message) {
				t.Errorf("error %s %+v, want id %s, code %d, message matching %s", bad.ID, bad.Error, wantID, tc.code, tc.msg)
			}
			if string(init.ID) != "1" || init.Error != nil || !bytes.Contains(init.Result, []byte(`"capabilities"`)) {
				t.Errorf("initialize answered with %s %s %+v, want its capabilities", init.ID, init.Result, init.Error)
			}
		})
	}
}

// Framing the protocol allows, or that clients are known to send, is
// read: bare LF line ends, any case of the header name, a Content-Type,
// blank lines between messages.
func TestLSPFramingVariants(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"LF line ends", fmt.Sprintf("Content-Length: %d\n\n%s", len(lspInitBody), lspInitBody)},
		{"lower-case name", fmt.Sprintf("content-length:%d\r\n\r\n%s", len(lspInitBody), lspInitBody)},
		{"content type first", fmt.Sprintf("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length:  %d \r\n\r\n%s", len(lspInitBody), lspInitBody)},
		{"blank lines before", "\r\n\r\n\n" + lspFrame(lspInitBody)},
		{"the same length twice", fmt.Sprintf("Content-Length: %d\r\nContent-Length: %[1]d\r\n\r\n%s", len(lspInitBody), lspInitBody)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			status := run([]string{"lsp"}, strings.NewReader(tc.in), &out, &errOut)
			msgs := lspReadAll(t, out.Bytes())
			if status != 1 || errOut.Len() > 0 || len(msgs) != 1 || string(msgs[0].ID) != "1" || msgs[0].Error != nil {
				t.Errorf("status %d, stderr %q, messages %+v; want initialize's result alone", status, errOut.String(), msgs)
			}
		})
	}
}

// patternReader yields n bytes of its block, over and over, without
// holding them.
type patternReader struct {
	n     int64
	block []byte
}

func newPatternReader(n int64, c byte) *patternReader {
	return &patternReader{n: n, block: bytes.Repeat([]byte{c}, 32<<10)}
}

func (r *patternReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.n {
		p = p[:r.n]
	}
	n := 0
	for n < len(p) {
		n += copy(p[n:], r.block)
	}
	r.n -= int64(n)
	return n, nil
}

// An oversized message is skipped without being held: 32 MiB of body, or
// a length of 100 GB that lies, cost the server a few KiB.
func TestLSPOversizedMemory(t *testing.T) {
	const body = 32 << 20
	next := lspFrame(lspInitBody)
	for _, tc := range []struct {
		name string
		in   func() io.Reader
	}{
		{"honest length", func() io.Reader {
			return io.MultiReader(strings.NewReader(fmt.Sprintf("Content-Length: %d\r\n\r\n", body)), newPatternReader(body, 'x'), strings.NewReader(next))
		}},
		{"lying length", func() io.Reader {
			return io.MultiReader(strings.NewReader("Content-Length: 100000000000\r\n\r\n"), newPatternReader(body, 'x'), strings.NewReader("\r\n"+next))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			s := newLSPStream(tc.in(), &out, maxLSPMessage)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var m map[string]any
			err := s.ReadObject(&m)
			runtime.ReadMemStats(&after)
			if err != nil || m["method"] != "initialize" {
				t.Fatalf("ReadObject: %v, %v; want the initialize after the skipped message", err, m)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
				t.Errorf("skipping the message allocated %d bytes, want at most 1 MiB", alloc)
			}
			if msgs := lspReadAll(t, out.Bytes()); len(msgs) != 1 || msgs[0].Error == nil || msgs[0].Error.Code != lspCodeInvalidRequest {
				t.Errorf("answers %+v, want one invalid-request error", msgs)
			}
		})
	}
}

// Resynchronisation in an oversized body happens only at the start of a
// line: a Content-Length inside the body's JSON strings is body.
func TestLSPSkipOnlyAtLineStart(t *testing.T) {
	inner := lspFrame(`{"jsonrpc":"2.0","id":9,"method":"initialize","params":{}}`)
	text, _ := json.Marshal("a document that quotes a message: " + inner)
	big := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x.md","text":` + string(text) + `}}}`
	big += strings.Repeat(" ", 9<<20-len(big))
	var out bytes.Buffer
	s := newLSPStream(strings.NewReader(lspFrame(big)+lspFrame(lspInitBody)), &out, maxLSPMessage)
	var m struct {
		ID json.RawMessage `json:"id"`
	}
	if err := s.ReadObject(&m); err != nil || string(m.ID) != "1" {
		t.Fatalf("ReadObject: %v, id %s; want the message after the oversized one (id 1), not the one quoted inside it", err, m.ID)
	}
}
