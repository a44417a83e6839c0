//go:build browser

// The browser tests open the preview in real headless Chromium, driven
// with chromedp: the static page of testdata/examples (pickers, a
// conversation clicked through, highlighted findings, printing,
// screenshots at 1280 and 375 pixels checked against the page), the XSS
// cases, the live server, and the scale figures. They are behind the
// browser build tag so that go test ./... needs no browser:
//
//	go test -tags browser ./lint/preview -v
//
// .ci/preview-test.sh installs Chromium and runs them. Without Chromium
// they fail, never skip.
package preview

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var (
	chromiumPath = flag.String("chromium", "/usr/bin/chromium", "the Chromium binary the browser tests start")
	shotsDir     = flag.String("screenshots", "", "directory to save the screenshots in (default: a temporary one)")
)

// inboxlintBin is the CLI built for the tests; repoRoot the repository.
var inboxlintBin, repoRoot string

func TestMain(m *testing.M) {
	flag.Parse()
	root, err := filepath.Abs("../..")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	repoRoot = root
	tmp, err := os.MkdirTemp("", "inboxlint-browser-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	inboxlintBin = filepath.Join(tmp, "inboxlint")
	build := exec.Command("go", "build", "-o", inboxlintBin, "./cmd/inboxlint")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build ./cmd/inboxlint: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(tmp)
	os.Exit(code)
}

// watchScript runs before the page's own script in every document: it
// records dialogs, elements that could run or load something, CSP
// violations and script errors, for the tests to read from window.__il.
const watchScript = `window.__il = { alerts: [], created: [], csp: [], errors: [], loaded: false };
(function () {
  var w = window.__il, seen = new WeakSet();
  ["alert", "confirm", "prompt"].forEach(function (n) { window[n] = function (m) { w.alerts.push(n + ": " + m); }; });
  document.addEventListener("securitypolicyviolation", function (e) { w.csp.push(e.violatedDirective + " " + e.blockedURI); });
  window.addEventListener("error", function (e) { w.errors.push(String(e.message)); });
  window.addEventListener("unhandledrejection", function (e) { w.errors.push(String(e.reason)); });
  document.addEventListener("DOMContentLoaded", function () { w.loaded = true; });
  new MutationObserver(function (ms) {
    ms.forEach(function (m) { m.addedNodes.forEach(function (n) {
      if (n.nodeType !== 1) return;
      [n].concat(Array.from(n.querySelectorAll("script,img,image,iframe,object,embed,frame"))).forEach(function (e) {
        if (seen.has(e)) return;
        seen.add(e);
        if (/^(script|img|image|iframe|object|embed|frame)$/i.test(e.nodeName)) w.created.push(e.nodeName.toLowerCase() + (w.loaded ? " after load" : ""));
      });
    }); });
  }).observe(document, { childList: true, subtree: true });
})();`

// browser is one headless Chromium with one tab.
type browser struct {
	t   *testing.T
	ctx context.Context

	mu      sync.Mutex
	dialogs []string
}

func newBrowser(t *testing.T, width, height int64) *browser {
	t.Helper()
	if st, err := os.Stat(*chromiumPath); err != nil || st.IsDir() {
		t.Fatalf("Chromium is not at %s (install it: apt-get install -y chromium, or pass -chromium PATH): %v", *chromiumPath, err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(*chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(int(width), int(height)),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	b := &browser{t: t, ctx: ctx}
	dialogs := make(chan struct{}, 16)
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			b.mu.Lock()
			b.dialogs = append(b.dialogs, string(e.Type)+": "+e.Message)
			b.mu.Unlock()
			select {
			case dialogs <- struct{}{}:
			default:
			}
		}
	}); err != nil {
		t.Fatalf("cannot start Chromium: %v", err)
	}
	go func() { // a dialog would block the page: dismiss it (the test fails anyway)
		for {
			select {
			case <-ctx.Done():
				return
			case <-dialogs:
				_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}
		}
	}()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchScript}); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.EmulateViewport(width, height))
	return b
}

func (b *browser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression and returns its value.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// wait polls expr until it is true, for at most d.
func (b *browser) wait(expr string, d time.Duration) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(25*time.Millisecond), chromedp.WithPollingTimeout(d))); err != nil {
		b.t.Fatalf("waiting %v for %s: %v", d, expr, err)
	}
}

func (b *browser) open(url string) {
	b.t.Helper()
	b.do(chromedp.Navigate(url))
	b.wait(`document.querySelector(".card") !== null`, 30*time.Second)
}

// checkClean fails for anything the watch script saw: a dialog, an
// element that can run or load something created after the page loaded
// or beyond the page's two scripts, a CSP violation or a script error.
func (b *browser) checkClean() {
	b.t.Helper()
	b.mu.Lock()
	dialogs := append([]string(nil), b.dialogs...)
	b.mu.Unlock()
	if len(dialogs) > 0 {
		b.t.Errorf("dialogs opened: %q", dialogs)
	}
	var w struct {
		Alerts, Created, CSP, Errors []string
	}
	w.Alerts = eval[[]string](b, `window.__il.alerts`)
	w.Created = eval[[]string](b, `window.__il.created`)
	w.CSP = eval[[]string](b, `window.__il.csp`)
	w.Errors = eval[[]string](b, `window.__il.errors`)
	if len(w.Alerts) > 0 {
		b.t.Errorf("alert, confirm or prompt called: %q", w.Alerts)
	}
	if strings.Join(w.Created, ",") != "script,script" {
		b.t.Errorf("elements that run or load created: %q, want only the page's two scripts, while parsing", w.Created)
	}
	if len(w.CSP) > 0 {
		b.t.Errorf("Content-Security-Policy violations: %q", w.CSP)
	}
	if len(w.Errors) > 0 {
		b.t.Errorf("script errors: %q", w.Errors)
	}
	if n := eval[int](b, `document.scripts.length`); n != 2 {
		b.t.Errorf("%d script elements, want 2", n)
	}
}

// pick chooses an option of a picker by its text, as a reader does.
func (b *browser) pick(id, text string) {
	b.t.Helper()
	ok := eval[bool](b, fmt.Sprintf(`(function () {
		var s = document.getElementById(%q), o = Array.from(s.options).find(function (o) { return o.textContent === %q; });
		if (!o) return false;
		s.value = o.value; s.dispatchEvent(new Event("change", { bubbles: true })); return true; })()`, id, text))
	if !ok {
		b.t.Fatalf("no option %q in #%s", text, id)
	}
}

func (b *browser) check(id string, on bool) {
	b.t.Helper()
	eval[bool](b, fmt.Sprintf(`(function () { var c = document.getElementById(%q); if (c.checked !== %v) c.click(); return c.checked; })()`, id, on))
}

// dataFile finds the file a slot selector names.
var dataFile = regexp.MustCompile(`data-file=("(?:[^"\\]|\\.)*")`)

// slot is the selector of the slot of a card.
func slot(file, member string) string {
	return fmt.Sprintf(`.card-slot[data-file=%q][data-member=%q]`, file, member)
}

// show scrolls a slot to the top of the viewport and waits for its card,
// scrolling again until the cards above it, filled as they come near,
// stop moving it.
func (b *browser) show(sel string) {
	b.t.Helper()
	// a slot exists once its file's group has come near the viewport
	if m := dataFile.FindStringSubmatch(sel); m != nil && !eval[bool](b, fmt.Sprintf(`document.querySelector(%q) !== null`, sel)) {
		group := ".group[data-file=" + m[1] + "]"
		b.wait(fmt.Sprintf(`document.querySelector(%q) !== null`, group), 10*time.Second)
		eval[bool](b, fmt.Sprintf(`(document.querySelector(%q).scrollIntoView({ block: "start" }), true)`, group))
	}
	b.wait(fmt.Sprintf(`document.querySelector(%q) !== null`, sel), 10*time.Second)
	last := -1e9
	for i := 0; i < 20; i++ {
		top, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](fmt.Sprintf(`new Promise(function (done) {
			var e = document.querySelector(%q);
			e.scrollIntoView({ block: "start" });
			requestAnimationFrame(function () { requestAnimationFrame(function () { done(e.getBoundingClientRect().top); }); });
		})`, sel), chromedp.EvalAwaitPromise))
		if err != nil {
			b.t.Fatal(err)
		}
		if top > last-0.5 && top < last+0.5 {
			break
		}
		last = top
	}
	b.wait(fmt.Sprintf(`document.querySelector(%q + " > *") !== null`, sel), 10*time.Second)
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	return eval[string](b, fmt.Sprintf(`(function () { var e = document.querySelector(%q); return e ? e.textContent : %q; })()`, sel, "<none: "+sel+">"))
}

// visible reports whether the element is laid out inside the viewport and
// is what the reader sees at its centre (not covered by something else).
func (b *browser) visible(sel string) bool {
	b.t.Helper()
	return eval[bool](b, fmt.Sprintf(`(function () {
		var e = document.querySelector(%q); if (!e) return false;
		var r = e.getBoundingClientRect();
		if (r.width < 1 || r.height < 1 || r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight) return false;
		var hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
		return hit === e || e.contains(hit); })()`, sel))
}

// click clicks, with the mouse, the button with this text in the element.
func (b *browser) click(within, text string) {
	b.t.Helper()
	pt := eval[[]float64](b, fmt.Sprintf(`(function () {
		var e = Array.from(document.querySelectorAll(%q + " button, " + %q + " a")).find(function (e) { return e.textContent === %q; });
		if (!e) return [];
		e.scrollIntoView({ block: "center" });
		var r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()`, within, within, text))
	if len(pt) != 2 {
		b.t.Fatalf("no button %q in %s", text, within)
	}
	b.do(chromedp.MouseClickXY(pt[0], pt[1]))
}

// runInboxlint runs the CLI in dir and returns its standard output.
func runInboxlint(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(inboxlintBin, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Fatalf("inboxlint %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
	}
	return out
}

// screenshot saves the viewport as name.png and checks it against the
// page: the picture has the viewport's size, the element sel lies inside
// the viewport and is what the reader sees, the page does not scroll
// sideways, and there is text (dark pixels) where the subject is.
func (b *browser) screenshot(name, sel, subject string, width int) {
	b.t.Helper()
	if !b.visible(sel) && !eval[bool](b, fmt.Sprintf(`(function () { var r = document.querySelector(%q).getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth && r.top < innerHeight; })()`, sel)) {
		b.t.Errorf("%s: %s is not inside the viewport", name, sel)
	}
	if sw := eval[int](b, `document.documentElement.scrollWidth`); sw > width {
		b.t.Errorf("%s: the page is %d pixels wide in a %d-pixel viewport", name, sw, width)
	}
	if !b.visible(subject) {
		b.t.Errorf("%s: the subject %s is not visible", name, subject)
	}
	rect := eval[[]float64](b, fmt.Sprintf(`(function () { var r = document.querySelector(%q).getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })()`, subject))
	shot, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		b.t.Fatalf("%s: not a PNG: %v", name, err)
	}
	if img.Bounds().Dx() != width {
		b.t.Errorf("%s: %d pixels wide, want %d", name, img.Bounds().Dx(), width)
	}
	if n := darkPixels(img, rect); n < 20 {
		b.t.Errorf("%s: only %d dark pixels where the subject is (%v): no text drawn there", name, n, rect)
	}
	b.save(name, shot)
}

// save writes a screenshot into -screenshots (default: a temporary
// directory).
func (b *browser) save(name string, png []byte) {
	b.t.Helper()
	dir := *shotsDir
	if dir == "" {
		dir = b.t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", filepath.Join(dir, name+".png"))
}

func darkPixels(img image.Image, rect []float64) int {
	n := 0
	for y := int(rect[1]); y < int(rect[3]); y++ {
		for x := int(rect[0]); x < int(rect[2]); x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 < 0x5000 {
				n++
			}
		}
	}
	return n
}
