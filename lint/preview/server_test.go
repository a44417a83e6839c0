package preview

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

const serverAd = "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, saving you a seat?\"\n---\n" +
	"Hi %FIRSTNAME%,\n\nCan I save you a seat?\n\n- [Save my seat](leadform:x)\n"

func newTestServer(t *testing.T, files map[string]string) (*Server, string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := NewServer(ServeOptions{
		Lint:     lint.Options{Rules: rules.All(), Root: dir},
		Preview:  Options{Rules: rules.All()},
		Paths:    []string{dir},
		debounce: 20 * time.Millisecond,
	})
	return s, dir
}

func get(t *testing.T, h http.Handler, method, target, host string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	r.Host = host
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestServerServesOnlyThePage(t *testing.T) {
	s, _ := newTestServer(t, map[string]string{"ad.md": serverAd})
	w := get(t, s, "GET", "/", "127.0.0.1:8080")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET /: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	body := w.Body.String()
	for _, want := range []string{`"live":true`, `"version":1`, "Emily, saving you a seat?", "connect-src &#39;self&#39;"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy header %q", csp)
	}
	for _, tt := range []struct {
		method, target, host string
		code                 int
	}{
		{"GET", "/", "localhost:8080", 200},
		{"GET", "/", "[::1]:8080", 200},
		{"HEAD", "/", "127.0.0.1", 200},
		{"GET", "/", "attacker.example:8080", http.StatusMisdirectedRequest}, // DNS rebinding
		{"GET", "/", "10.0.0.5:8080", http.StatusMisdirectedRequest},
		{"POST", "/", "127.0.0.1:8080", http.StatusMethodNotAllowed},
		{"GET", "/ad.md", "127.0.0.1:8080", 404},
		{"GET", "/../../../etc/passwd", "127.0.0.1:8080", 404},
		{"GET", "/index.html", "127.0.0.1:8080", 404},
	} {
		if w := get(t, s, tt.method, tt.target, tt.host); w.Code != tt.code {
			t.Errorf("%s %s (Host %s): %d, want %d", tt.method, tt.target, tt.host, w.Code, tt.code)
		} else if tt.code == 404 && strings.Contains(w.Body.String(), "format: message") {
			t.Errorf("%s served a file", tt.target)
		}
	}
}

func TestServerEventsAndRebuild(t *testing.T) {
	s, dir := newTestServer(t, map[string]string{"ad.md": serverAd})
	srv := httptest.NewServer(s)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events Content-Type %q", ct)
	}
	events := readEvents(resp.Body)
	if ev := <-events; ev != "update 1" {
		t.Fatalf("first event %q, want update 1", ev)
	}
	// a broken template shows its syntax finding, not a blank page
	if err := os.WriteFile(filepath.Join(dir, "ad.md"), []byte("---\nformat: message\nsubject: [oops\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.rebuild()
	select {
	case ev := <-events:
		if ev != "update 2" {
			t.Fatalf("event %q, want update 2", ev)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no event after a rebuild")
	}
	body := get(t, s, "GET", "/", "127.0.0.1").Body.String()
	if !strings.Contains(body, `"version":2`) || !strings.Contains(body, `"r":"syntax"`) {
		t.Errorf("the rebuilt page lacks the version or the syntax finding")
	}
}

// readEvents turns a Server-Sent Events stream into "event data" strings.
func readEvents(r io.Reader) <-chan string {
	out := make(chan string, 16)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(r)
		ev := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				out <- ev + " " + strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return out
}

// TestServerWatches runs the server for real: saving a template, a config
// and a template in a new directory each give a new page, and cancelling
// ends Run even with an event stream open.
func TestServerWatches(t *testing.T) {
	s, dir := newTestServer(t, map[string]string{"ad.md": serverAd})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	url := "http://" + ln.Addr().String()
	page := func() string {
		resp, err := http.Get(url + "/")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	waitFor := func(what, want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if strings.Contains(page(), want) {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("%s: the page never showed %q", what, want)
	}
	waitFor("start", "Emily, saving you a seat?")
	stream, err := http.Get(url + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()

	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ad.md", strings.Replace(serverAd, "saving you a seat?", "one seat left", 1))
	waitFor("edit", "Emily, one seat left")
	write(".inboxlint.yaml", "count: graphemes\n")
	waitFor("config", `"mode":"graphemes"`)
	write("more/new.md", strings.Replace(serverAd, "saving you a seat?", "a new ad", 1))
	waitFor("new directory", "Emily, a new ad")
	write("more/new.md", strings.Replace(serverAd, "saving you a seat?", "edited in the new directory", 1))
	waitFor("file in the new directory", "Emily, edited in the new directory")

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop")
	}
	if resp, err := http.Get(url + "/"); err == nil {
		resp.Body.Close()
		t.Errorf("the server still answers after stopping")
	}
}

func TestServerConfigError(t *testing.T) {
	s, _ := newTestServer(t, map[string]string{"ad.md": serverAd, ".inboxlint.yaml": "rules:\n  no-such-rule: off\n"})
	body := get(t, s, "GET", "/", "localhost").Body.String()
	if !strings.Contains(body, `no-such-rule`) || !strings.Contains(body, `"errors":[`) {
		t.Errorf("the page does not show the config error")
	}
}
