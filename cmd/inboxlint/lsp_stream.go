package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/inboxlint/inboxlint/render/escape"
)

// The framing of the language server: LSP's base protocol, a header block
// ("Content-Length: N", CRLF line ends, a blank line) and then N bytes of
// JSON. jsonrpc2.Conn closes the connection on any error ReadObject
// returns, so lspStream returns only the end of the input or a failed
// read: every malformed message is answered here, with a JSON-RPC error
// whose id is null (or the message's own id when it has a usable one),
// and reading goes on with the next message.
//
// Limits, so that no input costs unbounded memory:
//   - a body may be at most maxLSPMessage bytes. A longer one is answered
//     at once and then skipped by reading and discarding its bytes, never
//     buffering them.
//   - a header line may be at most maxLSPHeaderLine bytes, a header block at
//     most maxLSPHeaderLines lines.
//
// Resynchronising. After a header block that gives no usable length (no
// Content-Length, a value that is no number of bytes, a line without a
// colon, an overlong line or block) the end of that message cannot be
// known, so the server skips to the next "Content-Length:" wherever it
// appears and reads a header block from there. An oversized body is
// skipped for exactly the length it gives, except that a line inside it
// that begins with "Content-Length:" is taken as the next message: no JSON
// text can hold such a line (a JSON string has no raw line break, and no
// JSON token starts with C), so only a length that lied is cut short, and
// a lie such as "Content-Length: 100000000000" cannot swallow the rest of
// the session.

const (
	// maxLSPMessage bounds one message body: a template may be 1 MiB, and
	// JSON can make it six times longer at worst (a control character
	// becomes \u00XX), plus the request around it.
	maxLSPMessage = 8 << 20
	// maxLSPHeaderLine and maxLSPHeaderLines bound the header block; a real
	// one is a line or two.
	maxLSPHeaderLine = 4096
	// lspReadBuffer is the size of the input buffer.
	lspReadBuffer     = 64 << 10
	maxLSPHeaderLines = 32
)

// lspHeaderName is what a resynchronisation looks for, in lower case.
const lspHeaderName = "content-length:"

// lspStream is the server's jsonrpc2.ObjectStream over standard input and
// output.
type lspStream struct {
	r      *bufio.Reader
	in     io.Reader
	maxMsg int64

	// atEOF runs once when the input ends, before ReadObject reports it:
	// the connection is still open then, so the server can publish what
	// it is still linting.
	atEOF   func()
	eofOnce sync.Once

	wmu    sync.Mutex
	w      io.Writer
	closed bool
}

func newLSPStream(in io.Reader, out io.Writer, maxMsg int64) *lspStream {
	// a buffer larger than a header line, so that skipping a long run of
	// garbage reads the input in large pieces, not a header line at a time
	return &lspStream{r: bufio.NewReaderSize(in, lspReadBuffer), in: in, w: out, maxMsg: maxMsg}
}

// WriteObject writes one message, header and body in a single write, so
// that messages from the reading goroutine and from the linting ones never
// interleave.
func (s *lspStream) WriteObject(obj any) error {
	body, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	frame := make([]byte, 0, len(body)+32)
	frame = fmt.Appendf(frame, "Content-Length: %d\r\n\r\n", len(body))
	frame = append(frame, body...)
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.closed {
		return jsonrpc2.ErrClosed
	}
	_, err = s.w.Write(frame)
	return err
}

// Close stops writing and closes the input when it can be closed, which
// ends a read blocked on it.
func (s *lspStream) Close() error {
	s.wmu.Lock()
	s.closed = true
	s.wmu.Unlock()
	if c, ok := s.in.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// lspFrameError is a malformed message: what to answer, and how much input
// to skip before reading the next header block.
type lspFrameError struct {
	id   json.RawMessage // null unless the message had a usable id
	code int64
	msg  string
	// skip, when positive, is how many bytes to discard; anywhere says
	// whether a "Content-Length:" ends the skip anywhere or only at the
	// start of a line.
	skip     int64
	anywhere bool
}

func (e *lspFrameError) Error() string { return e.msg }

// resync marks a header problem after which the message's end is unknown.
func resync(format string, args ...any) *lspFrameError {
	return &lspFrameError{code: lspCodeParseError, msg: fmt.Sprintf(format, args...), skip: math.MaxInt64, anywhere: true}
}

// ReadObject reads the next well-formed message into v. Malformed ones are
// answered and skipped; the error is the end of the input (io.EOF) or a
// failed read.
func (s *lspStream) ReadObject(v any) error {
	for {
		s.wmu.Lock()
		closed := s.closed
		s.wmu.Unlock()
		if closed {
			return jsonrpc2.ErrClosed
		}
		body, err := s.readFrame()
		if err == nil {
			err = decodeMessage(body, v)
			if err == nil {
				return nil
			}
		}
		var fe *lspFrameError
		if !errors.As(err, &fe) {
			return s.end(err)
		}
		s.answer(fe)
		if fe.skip > 0 {
			if err := s.skip(fe.skip, fe.anywhere); err != nil {
				return s.end(err)
			}
		}
	}
}

// end reports the end of the input, after atEOF.
func (s *lspStream) end(err error) error {
	if errors.Is(err, io.EOF) {
		s.eofOnce.Do(func() {
			if s.atEOF != nil {
				s.atEOF()
			}
		})
		return io.EOF
	}
	return err
}

// lspErrorResponse is a response the library cannot write: one whose id is
// null.
type lspErrorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   jsonrpc2.Error  `json:"error"`
}

func (s *lspStream) answer(fe *lspFrameError) {
	id := fe.id
	if id == nil {
		id = json.RawMessage("null")
	}
	// A failed write means the client is gone; the next read says so.
	_ = s.WriteObject(lspErrorResponse{JSONRPC: "2.0", ID: id, Error: jsonrpc2.Error{Code: fe.code, Message: escape.Controls(fe.msg)}})
}

// readFrame reads one header block and its body.
func (s *lspStream) readFrame() ([]byte, error) {
	n, digits, err := s.readHeader()
	if err != nil {
		return nil, err
	}
	if n > s.maxMsg {
		if len(digits) > 19 {
			digits = "more than " + strconv.FormatInt(math.MaxInt64, 10)
		}
		return nil, &lspFrameError{code: lspCodeInvalidRequest, skip: n,
			msg: fmt.Sprintf("message of %s bytes skipped: a message may be at most %d bytes", digits, s.maxMsg)}
	}
	body := make([]byte, n)
	if got, err := io.ReadFull(s.r, body); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			// answered; the next read finds the end of the input
			return nil, &lspFrameError{code: lspCodeParseError, msg: fmt.Sprintf("the input ended after %d of the %d bytes the message's Content-Length gives", got, n)}
		}
		return nil, err
	}
	return body, nil
}

// readHeader reads a header block and returns its Content-Length, as a
// number and as written. Blank lines before a block are skipped.
func (s *lspStream) readHeader() (int64, string, error) {
	length, digits := int64(-1), ""
	lines := 0
	for {
		line, err := s.r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) || len(line) > maxLSPHeaderLine {
			// (the second: an input that was a larger bufio.Reader already)
			return 0, "", resync("a header line is longer than %d bytes", maxLSPHeaderLine)
		}
		if err != nil {
			if errors.Is(err, io.EOF) && (lines > 0 || len(bytes.TrimSpace(line)) > 0) {
				return 0, "", &lspFrameError{code: lspCodeParseError, msg: "the input ended inside a message's header"}
			}
			return 0, "", err
		}
		text := strings.TrimSuffix(strings.TrimSuffix(string(line), "\n"), "\r")
		if text == "" {
			if lines == 0 {
				continue
			}
			break
		}
		lines++
		if lines > maxLSPHeaderLines {
			return 0, "", resync("a message's header has more than %d lines", maxLSPHeaderLines)
		}
		name, value, ok := strings.Cut(text, ":")
		if !ok {
			return 0, "", resync("header line %s has no colon: each is \"Name: value\"", escape.Excerpt(text))
		}
		if !strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			continue // Content-Type, the only other header, says UTF-8 JSON
		}
		n, err := parseContentLength(value)
		if err != nil {
			return 0, "", err
		}
		if length >= 0 && n != length {
			return 0, "", resync("a message has two Content-Length headers, %d and %d", length, n)
		}
		length, digits = n, strings.TrimSpace(value)
	}
	if length < 0 {
		return 0, "", resync("a message has no Content-Length header")
	}
	return length, digits, nil
}

// parseContentLength reads a byte count: decimal digits only. A count too
// large for int64 is still a count, and skipped as an oversized message.
func parseContentLength(value string) (int64, error) {
	v := strings.TrimSpace(value)
	digits := v
	if strings.HasPrefix(v, "-") {
		digits = v[1:]
	}
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, resync("Content-Length %s is not a number of bytes", escape.Excerpt(v))
	}
	if len(digits) < len(v) {
		return 0, resync("Content-Length %s is negative", escape.Excerpt(v))
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return math.MaxInt64, nil // out of range: oversized
	}
	return n, nil
}

// skip discards up to n bytes, stopping early in front of a
// "Content-Length:" (ASCII case-insensitive) anywhere, or only at the
// start of a line unless anywhere is set. The start of the skipped bytes
// counts as the start of a line: they follow a header block.
func (s *lspStream) skip(n int64, anywhere bool) error {
	lineStart := true
	for n > 0 {
		if _, err := s.r.Peek(1); err != nil {
			return err
		}
		buf, _ := s.r.Peek(s.r.Buffered())
		if int64(len(buf)) > n {
			buf = buf[:n]
		}
		i := headerCandidate(buf, anywhere, lineStart)
		if i < 0 {
			lineStart = buf[len(buf)-1] == '\n'
			n -= s.discard(len(buf))
			continue
		}
		n -= s.discard(i)
		if n < int64(len(lspHeaderName)) && !anywhere {
			// too little of the message is left to hold a header line
			s.discard(int(n))
			return nil
		}
		p, err := s.r.Peek(len(lspHeaderName))
		if err != nil {
			return err
		}
		if asciiEqualFold(p, lspHeaderName) {
			return nil
		}
		lineStart = p[0] == '\n'
		n -= s.discard(1)
	}
	return nil
}

func (s *lspStream) discard(n int) int64 {
	d, _ := s.r.Discard(n) // past what is buffered, Discard reads on
	return int64(d)
}

// headerCandidate is the index in buf where a header name could begin, or
// -1. lineStart says whether buf[0] begins a line.
func headerCandidate(buf []byte, anywhere, lineStart bool) int {
	if anywhere {
		// two byte searches (vectorised) beat one IndexAny over a set
		lo, up := bytes.IndexByte(buf, 'c'), bytes.IndexByte(buf, 'C')
		if lo < 0 || up >= 0 && up < lo {
			return up
		}
		return lo
	}
	if lineStart {
		return 0
	}
	if i := bytes.IndexByte(buf, '\n'); i >= 0 && i+1 < len(buf) {
		return i + 1
	}
	return -1
}

func asciiEqualFold(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i := range b {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// decodeMessage checks the JSON-RPC envelope of body and decodes it into
// v, the library's message. The library itself would fail the whole
// connection on an envelope it cannot read (an id of true, a method that
// is a number), so each of those is answered here.
func decodeMessage(body []byte, v any) error {
	// a map, not a struct: keys match exactly, as the library reads them
	var env map[string]json.RawMessage
	err := json.Unmarshal(body, &env)
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &syntax):
		return &lspFrameError{code: lspCodeParseError, msg: fmt.Sprintf("the message is not JSON: %v (at byte %d)", err, syntax.Offset)}
	case err != nil || env == nil:
		// an array (a batch, which LSP does not use), a string, a number
		return &lspFrameError{code: lspCodeInvalidRequest, msg: "a message must be a JSON object"}
	}
	id, idErr := usableID(env["id"])
	method, params, result, rpcErr := env["method"], env["params"], env["result"], env["error"]
	bad := func(msg string) error {
		return &lspFrameError{id: id, code: lspCodeInvalidRequest, msg: msg}
	}
	switch {
	case idErr != "":
		return bad(idErr)
	case string(env["jsonrpc"]) != `"2.0"`:
		return bad(`the message's "jsonrpc" must be "2.0"`)
	case method != nil && method[0] != '"':
		return bad(`the message's "method" must be a string`)
	case method != nil && (result != nil || rpcErr != nil):
		return bad(`a message cannot have both a "method" and a "result" or "error"`)
	case method == nil && result == nil && rpcErr == nil:
		return bad(`a message needs a "method" (a request) or a "result" or "error" (a response)`)
	case params != nil && string(params) != "null" && params[0] != '{' && params[0] != '[':
		return bad(`the message's "params" must be an object or an array`)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return bad("the message is not a JSON-RPC request or response: " + err.Error())
	}
	return nil
}

// usableID returns the id to answer a malformed message with, and why
// the id itself is malformed ("" when it is not). The library reads an
// id as a string or a number in uint64 that it also reads as an int64.
func usableID(raw json.RawMessage) (json.RawMessage, string) {
	switch {
	case raw == nil || string(raw) == "null":
		return nil, ""
	case raw[0] == '"':
		return raw, ""
	case raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9':
		if _, err := strconv.ParseInt(string(raw), 10, 64); err != nil || raw[0] == '-' {
			// answer under the id the client sent, so that it stops waiting
			return raw, "the message's id must be a string or a non-negative integer"
		}
		return raw, ""
	}
	return nil, "the message's id must be a string or a non-negative integer"
}
