//go:build browser

package preview

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/inboxlint/inboxlint/lint/corpus"
)

// TestBrowserXSS opens the page of copy and members written to break out
// of it (the hostile fixture of html_test.go): every card is built, the
// conversation clicked and the javascript: button pressed, and nothing
// runs, loads or becomes a link.
func TestBrowserXSS(t *testing.T) {
	dir := t.TempDir()
	for name, text := range hostile {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "hostile.html")
	runInboxlint(t, dir, "preview", "-o", out, ".")
	b := newBrowser(t, 1280, 900)
	b.open("file://" + out)
	start := eval[string](b, `location.href`)
	eval[bool](b, `window.dispatchEvent(new Event("beforeprint")), true`) // build every card

	member := "<script>alert(1)</script> </script><script>alert(2)</script>"
	card := slot("ad.md", member)
	b.show(card)
	if got := b.text(card + " .msg-subject"); !strings.HasPrefix(got, "\"><img src=x onerror=alert(1)> <script>alert(1)</script>") {
		t.Errorf("the subject is not shown as text: %q", got)
	}
	if got := b.text(card + " .card-head .who"); got != member {
		t.Errorf("the member's name is not shown as text: %q", got)
	}
	if got := eval[[]string](b, `Array.from(document.getElementById("pick-member").options).map(function (o) { return o.textContent; })`); !contains(got, member) {
		t.Errorf("member picker %q", got)
	}
	if got := b.text(card + " .thread .bubble"); !strings.Contains(got, "<svg onload=alert(4)>") {
		t.Errorf("the body is not shown as text: %q", got)
	}
	// javascript: links and buttons are inert text
	if got := eval[string](b, fmt.Sprintf(`document.querySelector(%q).title`, card+" .thread .link-inert")); !strings.Contains(got, "javascript:alert(5)") {
		t.Errorf("the javascript: link is not marked inert: %q", got)
	}
	b.click(card, "Click <i>me</i>")
	if got := b.text(card + " .message .dest"); got != "Not a message, a web page or a lead form, so it leads nowhere: javascript:alert(6)" {
		t.Errorf("the javascript: button says %q", got)
	}
	conv := slot("conv.md", "Emily Carter")
	b.show(conv)
	b.click(conv, "<img src=x onerror=alert(8)>")
	b.wait(fmt.Sprintf(`document.querySelector(%q) !== null`, conv+" .bubble.mine"), 5*time.Second)
	flow := `.flow-slot[data-file="conv.md"]`
	b.show(flow)
	if got := eval[[]string](b, `Array.from(document.querySelectorAll("svg.flow text")).map(function (e) { return e.textContent; })`); !contains(got, "<svg onload=alert(7)>") {
		t.Errorf("the flow map does not show the heading as text: %q", got)
	}
	time.Sleep(300 * time.Millisecond) // give anything that was injected time to fire

	if got := eval[string](b, `location.href`); got != start {
		t.Errorf("the page navigated to %q", got)
	}
	if n := eval[int](b, `document.querySelectorAll("img, image, iframe, object, embed, frame").length`); n != 0 {
		t.Errorf("%d elements that load something", n)
	}
	if bad := eval[[]string](b, `Array.from(document.querySelectorAll("*")).flatMap(function (e) {
		return Array.from(e.attributes).filter(function (a) { return /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value); }).map(function (a) { return e.nodeName + " " + a.name + "=" + a.value; }); })`); len(bad) > 0 {
		t.Errorf("event handler or javascript: attributes: %q", bad)
	}
	if bad := eval[[]string](b, `Array.from(document.querySelectorAll("a[href]")).filter(function (a) {
		return !/^https?:$/.test(a.protocol) && a.getAttribute("href").charAt(0) !== "#"; }).map(function (a) { return a.href; })`); len(bad) > 0 {
		t.Errorf("links that are not http(s): %q", bad)
	}
	b.checkClean()
}

// TestBrowserServe starts inboxlint preview --serve on a free loopback
// port, edits a template on disk and checks that the open page updates in
// place within 2 s: no reload, the pickers and the scroll position kept;
// then a broken template shows its syntax finding, and Ctrl-C stops the
// server cleanly.
func TestBrowserServe(t *testing.T) {
	dir := t.TempDir()
	ads := filepath.Join(dir, "ads")
	if err := os.MkdirAll(ads, 0o755); err != nil {
		t.Fatal(err)
	}
	examples, _ := filepath.Glob(filepath.Join(repoRoot, "testdata/examples/*.md"))
	for _, f := range examples {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(ads, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(inboxlintBin, "preview", "--serve", "--addr", "127.0.0.1:0", "ads")
	cmd.Dir = dir
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	lines := make(chan string, 64)
	rebuilt := make(chan time.Time, 16)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "inboxlint: preview ") {
				rebuilt <- time.Now()
			}
			lines <- sc.Text()
		}
		close(lines)
		exited <- cmd.Wait()
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	var url string
	serving := regexp.MustCompile(`^inboxlint: serving the preview at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)$`)
	for url == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("the server ended before serving")
			}
			if m := serving.FindStringSubmatch(l); m != nil {
				url = m[1]
			}
		case <-time.After(30 * time.Second):
			t.Fatal("the server did not say where it serves")
		}
	}

	b := newBrowser(t, 1280, 900)
	b.open(url)
	b.wait(`!document.getElementById("live").hidden && document.getElementById("live").textContent === "live"`, 10*time.Second)
	eval[bool](b, `window.__marker = "kept", true`)
	b.pick("pick-member", "Alexandra Konstantinopoulou")
	card := slot("ads/event-invitation.md", "Alexandra Konstantinopoulou")
	b.show(card)
	eval[bool](b, `window.scrollBy(0, -60), true`)
	y := eval[float64](b, `window.scrollY`)
	version := eval[string](b, `document.documentElement.dataset.version`)

	edit := func(name, from, to string) time.Time {
		t.Helper()
		p := filepath.Join(ads, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// as editors save: a new file renamed over the old one
		tmp := p + ".tmp~"
		if err := os.WriteFile(tmp, []byte(strings.Replace(string(data), from, to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		at := time.Now()
		if err := os.Rename(tmp, p); err != nil {
			t.Fatal(err)
		}
		return at
	}
	for len(rebuilt) > 0 {
		<-rebuilt
	}
	at := edit("event-invitation.md", "saving you a seat?", "one seat left for you")
	b.wait(fmt.Sprintf(`(document.querySelector(%q) || {}).textContent === "Alexandra, one seat left for you"`, card+" .msg-subject"), 2*time.Second)
	shown := time.Since(at)
	select {
	case r := <-rebuilt:
		t.Logf("preview-serve: the page showed the edit %v after it was saved (the server had rebuilt it after %v)", shown.Round(time.Millisecond), r.Sub(at).Round(time.Millisecond))
	default:
		t.Logf("preview-serve: the page showed the edit %v after it was saved", shown.Round(time.Millisecond))
	}
	if got := eval[string](b, `String(window.__marker)`); got != "kept" {
		t.Errorf("the page reloaded (marker %q)", got)
	}
	if n := eval[int](b, `performance.getEntriesByType("navigation").length`); n != 1 {
		t.Errorf("%d navigations", n)
	}
	if got := eval[string](b, `document.documentElement.dataset.version`); got == version {
		t.Errorf("the page's version did not change")
	}
	if got := eval[string](b, `document.getElementById("pick-member").selectedOptions[0].textContent`); got != "Alexandra Konstantinopoulou" {
		t.Errorf("the member picker now says %q", got)
	}
	if got := eval[float64](b, `window.scrollY`); got < y-2 || got > y+2 {
		t.Errorf("scrolled from %v to %v", y, got)
	}

	edit("event-invitation.md", "format: message", "format: message\nsubject: [unclosed")
	head := `.file-slot[data-file="ads/event-invitation.md"]`
	b.wait(fmt.Sprintf(`/syntax/.test((document.querySelector(%q) || {}).textContent)`, head+" .all-findings"), 2*time.Second)
	if got := b.text(head + " .note"); !strings.Contains(got, "could not be parsed") {
		t.Errorf("the broken template's note: %q", got)
	}
	b.checkClean()

	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	var rest []string
	for l := range lines {
		rest = append(rest, l)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("after Ctrl-C the server exited with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-C did not stop the server")
	}
	if len(rest) == 0 || rest[len(rest)-1] != "inboxlint: stopped" {
		t.Errorf("the last lines are %q, want inboxlint: stopped", rest)
	}
}

// TestBrowserScale is the scale case: lint --format html on 1,000
// generated templates with the 13 embedded members writes the page (its
// size must be at most 30 MB), and Chromium shows the first card. The
// times are reported, not asserted (BenchmarkPage measures the writing).
func TestBrowserScale(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.WriteMessageAds(dir, 1, 1000); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "scale.html")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	// The corpus is its own repository: templates named on the command
	// line must lie inside the repository inboxlint runs in.
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(inboxlintBin, "lint", "--format", "html", "--fail-on", "never", ".")
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, f, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, stderr.Bytes())
	}
	wrote := time.Since(start)
	f.Close()
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > 30<<20 {
		t.Errorf("the page is %.1f MB, more than 30 MB", float64(st.Size())/(1<<20))
	}
	b := newBrowser(t, 1280, 900)
	b.open("file://" + out)
	first := eval[float64](b, `performance.getEntriesByName("inboxlint:first-card")[0].startTime`)
	phases := eval[[]float64](b, `(function () { var n = performance.getEntriesByType("navigation")[0];
		return [n.responseEnd, n.domInteractive, performance.getEntriesByName("inboxlint:data")[0].startTime, performance.getEntriesByName("inboxlint:layout")[0].startTime]; })()`)
	t.Logf("preview-scale: in Chromium: file read %.0f ms, HTML parsed %.0f ms, data parsed %.0f ms, slots laid out %.0f ms, first card %.0f ms", phases[0], phases[1], phases[2], phases[3], first)
	t.Logf("preview-scale: 1,000 templates × 13 members: page %.1f MB written in %v; Chromium showed the first card %.0f ms after navigation started",
		float64(st.Size())/1e6, wrote.Round(time.Millisecond), first)
	if got := b.text("#shown"); got != "showing 13000 cards" {
		t.Errorf("%q, want 13000 cards (1,000 templates × 13 members)", got)
	}
	if n := eval[int](b, `document.querySelectorAll(".group").length`); n != 1000 {
		t.Errorf("%d file groups, want 1,000", n)
	}
	if n := eval[int](b, `document.querySelectorAll(".card").length`); n > 60 {
		t.Errorf("%d cards built at once: only those near the viewport should be", n)
	}
	// the last card is built when the reader gets there
	last := slot("ad-00999.md", "Jordan Lee (personalization off)")
	b.show(last)
	if got := b.text(last + " .card-head .who"); got != "Jordan Lee (personalization off)" {
		t.Errorf("the last card is of %q", got)
	}
	b.checkClean()
}
