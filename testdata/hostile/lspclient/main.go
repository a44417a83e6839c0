// Command lspclient drives inboxlint's language server through one hostile
// scenario for the red-team suite (issue 9, §5) and says whether the server
// kept answering. It starts the server given after --, writes the hostile
// bytes, then talks to it as an editor would: initialize, open a document,
// shutdown, exit. Every message the server sends is printed on stdout as
// "< JSON" and its standard error as "server stderr: ...", so the runner's
// checks (no environment, no out-of-repository content, no raw control
// characters) see all of it.
//
//	lspclient [flags] -- inboxlint lsp
//
// The steps, each optional:
//
//  1. -fill N (N bytes of "a", no line break) then -raw TEXT (a Go string
//     literal without the quotes, so \r\n and \x00 work), or -frame N (a
//     well-formed didOpen frame whose text is N bytes);
//  2. -want-error: the server answers that with a JSON-RPC error (or logs
//     an error or a warning through window/logMessage or showMessage);
//  3. initialize, which must be answered (skipped with -no-init: a frame
//     the server cannot skip, such as a 100 GB Content-Length, leaves
//     nothing to resynchronize on);
//  4. -open FILE: didOpen with FILE's text; with -diag REGEXP, the
//     diagnostics published for it must match REGEXP; with -no-wait the
//     shutdown follows at once, without waiting for them;
//  5. shutdown, which must be answered within -wait, then exit.
//
// It exits 0 when every check passed and prints "lspclient: ok: ..." lines,
// else it prints "lspclient: FAIL: ..." and exits 1. It uses the standard
// library only.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxPrinted bounds what is echoed of the server's messages and standard
// error, so that a server that floods does not flood the CI log too.
const maxPrinted = 16 << 20

type options struct {
	fill      int
	raw       string
	frame     int
	wantError bool
	noInit    bool
	open      string
	diag      string
	noWait    bool
	wait      time.Duration
}

func main() {
	var o options
	flag.IntVar(&o.fill, "fill", 0, "send this many bytes of \"a\" first (a header line with no end)")
	flag.StringVar(&o.raw, "raw", "", "send these bytes (Go string escapes) after -fill")
	flag.IntVar(&o.frame, "frame", 0, "send a well-formed didOpen frame whose text has this many bytes")
	flag.BoolVar(&o.wantError, "want-error", false, "the hostile bytes must be answered with an error")
	flag.BoolVar(&o.noInit, "no-init", false, "do not initialize after the hostile bytes (close the input instead)")
	flag.StringVar(&o.open, "open", "", "open this file as a document")
	flag.StringVar(&o.diag, "diag", "", "the diagnostics published for -open must match this regexp")
	flag.BoolVar(&o.noWait, "no-wait", false, "send shutdown right after didOpen, without waiting for diagnostics")
	flag.DurationVar(&o.wait, "wait", 5*time.Second, "how long to wait for each answer")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: lspclient [flags] -- SERVER [ARGS...]")
		os.Exit(2)
	}
	os.Exit(run(o, flag.Args()))
}

// client is one session with the server.
type client struct {
	stdin   io.WriteCloser
	msgs    chan map[string]any
	readErr chan error
	printed int
	mu      sync.Mutex
	failed  bool
}

func (c *client) ok(format string, args ...any) {
	fmt.Printf("lspclient: ok: "+format+"\n", args...)
}

func (c *client) fail(format string, args ...any) {
	c.failed = true
	fmt.Printf("lspclient: FAIL: "+format+"\n", args...)
}

func run(o options, server []string) int {
	raw, err := strconv.Unquote(`"` + o.raw + `"`)
	if err != nil {
		fmt.Fprintf(os.Stderr, "lspclient: -raw is not a Go string body: %v\n", err)
		return 2
	}
	var re *regexp.Regexp
	if o.diag != "" {
		if re, err = regexp.Compile(o.diag); err != nil {
			fmt.Fprintf(os.Stderr, "lspclient: -diag: %v\n", err)
			return 2
		}
	}
	cmd := exec.Command(server[0], server[1:]...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		fmt.Fprintf(os.Stderr, "lspclient: %v\n", err)
		return 2
	}
	// A pipe of our own rather than StdoutPipe: Wait closes that one as
	// soon as the server exits, under the reader's feet, and what the
	// server wrote last would be lost.
	stdout, w, err := os.Pipe()
	if err != nil {
		fmt.Fprintf(os.Stderr, "lspclient: %v\n", err)
		return 2
	}
	cmd.Stdout = w
	var stderr bytes.Buffer
	cmd.Stderr = &limitedWriter{w: &stderr, n: maxPrinted}
	err = cmd.Start()
	w.Close()
	if err != nil {
		fmt.Fprintf(os.Stderr, "lspclient: cannot start the server: %v\n", err)
		return 2
	}
	c := &client{stdin: stdin, msgs: make(chan map[string]any, 1024), readErr: make(chan error, 1)}
	go c.read(stdout)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	c.session(o, raw, re)

	// Close the input and give the server -wait to exit on its own.
	stdin.Close()
	select {
	case err := <-exited:
		c.report(err, &stderr)
	case <-time.After(o.wait):
		c.fail("the server did not exit within %v of its input closing; killed", o.wait)
		_ = cmd.Process.Kill()
		c.report(<-exited, &stderr)
	}
	if c.failed {
		return 1
	}
	fmt.Println("lspclient: ok: all checks passed")
	return 0
}

// report prints how the server ended and its standard error.
func (c *client) report(err error, stderr *bytes.Buffer) {
	var ee *exec.ExitError
	switch {
	case err == nil:
		fmt.Println("lspclient: the server exited with status 0")
	case errors.As(err, &ee):
		fmt.Printf("lspclient: the server exited: %v\n", ee)
	default:
		fmt.Printf("lspclient: waiting for the server: %v\n", err)
	}
	for _, line := range strings.Split(strings.TrimRight(stderr.String(), "\n"), "\n") {
		if line != "" {
			fmt.Printf("server stderr: %s\n", line)
		}
	}
}

func (c *client) session(o options, raw string, re *regexp.Regexp) {
	hostile := o.fill > 0 || raw != "" || o.frame > 0
	// the fill goes out in pieces of one reused megabyte: the case
	// measures the server, and a 256 MB buffer of the client's own was
	// most of the case's CPU (page faults) and RSS
	piece := bytes.Repeat([]byte("a"), min(o.fill, 1<<20))
	for left := o.fill; left > 0; left -= len(piece) {
		if !c.write(piece[:min(left, len(piece))]) {
			return
		}
	}
	if raw != "" && !c.write([]byte(raw)) {
		return
	}
	if o.frame > 0 && !c.sendFrame(o.frame) {
		return
	}
	if o.wantError {
		if _, ok := c.await(o.wait, "error answer to the hostile bytes", isError); !ok {
			return
		}
	}
	if o.noInit {
		return
	}
	c.send(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}})
	what := "answer to initialize"
	if hostile {
		what += " after the hostile bytes (the server keeps serving)"
	}
	if _, ok := c.await(o.wait, what, isResponse(1)); !ok {
		return
	}
	c.send(map[string]any{"jsonrpc": "2.0", "method": "initialized", "params": map[string]any{}})
	if o.open != "" {
		if !c.openDoc(o, re) {
			return
		}
	}
	start := time.Now()
	c.send(map[string]any{"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
	if _, ok := c.await(o.wait, "answer to shutdown", isResponse(2)); ok {
		c.ok("shutdown answered in %.1f s", time.Since(start).Seconds())
	} else {
		return
	}
	c.send(map[string]any{"jsonrpc": "2.0", "method": "exit"})
}

func (c *client) openDoc(o options, re *regexp.Regexp) bool {
	text, err := os.ReadFile(o.open)
	if err != nil {
		c.fail("cannot read %s: %v", o.open, err)
		return false
	}
	abs, err := filepath.Abs(o.open)
	if err != nil {
		c.fail("%v", err)
		return false
	}
	uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	c.send(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": string(text)},
	}})
	if o.noWait {
		return true
	}
	m, ok := c.await(o.wait, "diagnostics for "+o.open, func(m map[string]any) bool {
		if m["method"] != "textDocument/publishDiagnostics" {
			return false
		}
		p, _ := m["params"].(map[string]any)
		return p != nil && p["uri"] == uri
	})
	if !ok {
		return false
	}
	if re != nil {
		data, _ := json.Marshal(m["params"])
		if !re.Match(data) {
			c.fail("the diagnostics for %s do not match /%s/", o.open, re)
			return false
		}
		c.ok("diagnostics for %s match /%s/", o.open, re)
	}
	return true
}

// await waits up to d for a message that match accepts, skipping others.
func (c *client) await(d time.Duration, what string, match func(map[string]any) bool) (map[string]any, bool) {
	deadline := time.After(d)
	for {
		select {
		case m := <-c.msgs:
			if match(m) {
				c.ok("got %s", what)
				return m, true
			}
		case err := <-c.readErr:
			c.fail("no %s: the server's output ended (%v)", what, err)
			c.readErr <- err // later waits see it too
			return nil, false
		case <-deadline:
			c.fail("no %s within %v", what, d)
			return nil, false
		}
	}
}

func isError(m map[string]any) bool {
	if _, ok := m["error"]; ok {
		return true
	}
	if m["method"] == "window/logMessage" || m["method"] == "window/showMessage" {
		p, _ := m["params"].(map[string]any)
		t, _ := p["type"].(float64)
		return t == 1 || t == 2
	}
	return false
}

func isResponse(id float64) func(map[string]any) bool {
	return func(m map[string]any) bool {
		got, ok := m["id"].(float64)
		_, isCall := m["method"]
		return ok && got == id && !isCall
	}
}

func (c *client) write(b []byte) bool {
	if _, err := c.stdin.Write(b); err != nil {
		c.fail("the server stopped reading: %v", err)
		return false
	}
	return true
}

// send writes one message; a server that stopped reading shows as a
// failed write here and as a missing answer next.
func (c *client) send(m map[string]any) {
	data, err := json.Marshal(m)
	if err != nil {
		c.fail("%v", err)
		return
	}
	c.write([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(data), data)))
}

// sendFrame writes a well-formed didOpen frame with an n-byte text, in
// pieces, without building it in memory.
func (c *client) sendFrame(n int) bool {
	head := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///oversize.md","languageId":"markdown","version":1,"text":"`
	tail := `"}}}`
	if !c.write([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(head)+n+len(tail), head))) {
		return false
	}
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for left := n; left > 0; left -= len(chunk) {
		if left < len(chunk) {
			chunk = chunk[:left]
		}
		if !c.write(chunk) {
			return false
		}
	}
	return c.write([]byte(tail))
}

// read parses the server's frames, printing each message.
func (c *client) read(r io.Reader) {
	br := bufio.NewReader(r)
	for {
		length := -1
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				c.readErr <- err
				return
			}
			line = strings.TrimRight(line, "\r\n")
			if line == "" {
				break
			}
			if name, value, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
				length, _ = strconv.Atoi(strings.TrimSpace(value))
			}
		}
		if length < 0 || length > 256<<20 {
			c.readErr <- fmt.Errorf("a frame from the server has no usable Content-Length (%d)", length)
			return
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(br, body); err != nil {
			c.readErr <- err
			return
		}
		c.print(body)
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			c.readErr <- fmt.Errorf("the server sent a frame that is not JSON: %w", err)
			return
		}
		c.msgs <- m
	}
}

func (c *client) print(body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.printed >= maxPrinted {
		return
	}
	if c.printed+len(body) > maxPrinted {
		body = body[:maxPrinted-c.printed]
		fmt.Printf("< %s ... (output cut)\n", body)
	} else {
		fmt.Printf("< %s\n", body)
	}
	c.printed += len(body)
}

// limitedWriter keeps the first n bytes written to it and drops the rest.
type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		if _, err := l.w.Write(p[:k]); err != nil {
			return 0, err
		}
		l.n -= k
	}
	return len(p), nil
}
