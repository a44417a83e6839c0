//go:build browser

package preview

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

const (
	invitation = "testdata/examples/event-invitation.md"
	demo       = "testdata/examples/demo-request.md"
	conv       = "testdata/examples/software-demo.md"
	convFlawed = "testdata/examples/software-demo-flawed.md"
)

// examplesPage writes the static page of testdata/examples, as the README
// shows it: inboxlint preview -o FILE testdata/examples.
func examplesPage(t *testing.T, args ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "examples.html")
	runInboxlint(t, repoRoot, append(append([]string{"preview", "-o", out}, args...), "testdata/examples")...)
	return "file://" + out
}

func TestBrowserExamples(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	b.open(examplesPage(t))

	t.Run("member picker", func(t *testing.T) {
		b.t = t
		b.pick("pick-member", "Alexandra Konstantinopoulou")
		card := slot(invitation, "Alexandra Konstantinopoulou")
		b.show(card)
		for sel, want := range map[string]string{
			card + " .msg-subject":                 "Alexandra, saving you a seat?",
			card + " .inbox .subject":              "Alexandra, saving you a seat?",
			card + " .inbox .sender":               "Dana Reyes",
			card + " .message .buttons .cta":       "Save my seat",
			card + " .message .dest":               "Opens the lead form “forecasting-webinar”",
			card + " .card-head .who":              "Alexandra Konstantinopoulou",
			card + " .counts tr:nth-of-type(1) .n": "29",
			card + " .message .thread .bubble .fb": "<none: " + card + " .message .thread .bubble .fb>",
		} {
			if got := b.text(sel); got != want {
				t.Errorf("%s: %q, want %q", sel, got, want)
			}
		}
		body := b.text(card + " .thread .bubble")
		if !strings.HasPrefix(body, "Hi Alexandra,\n\nMost revenue teams we talk to") || !strings.HasSuffix(body, "Can I save you a seat?") {
			t.Errorf("body %q", body)
		}
		for _, sel := range []string{card + " .msg-subject", card + " .thread .bubble", card + " .message .cta"} {
			if !b.visible(sel) {
				t.Errorf("%s is not visible", sel)
			}
		}
		if others := eval[int](b, `Array.from(document.querySelectorAll(".card")).filter(function (c) { return c.dataset.member !== "Alexandra Konstantinopoulou"; }).length`); others != 0 {
			t.Errorf("%d cards of other members are shown", others)
		}
	})

	t.Run("personalization off", func(t *testing.T) {
		b.t = t
		b.check("pick-off", true)
		card := slot(invitation, "personalization off")
		b.show(card)
		if got := b.text(card + " .msg-subject"); got != "LinkedIn Member, saving you a seat?" {
			t.Errorf("subject %q", got)
		}
		fb := eval[[]string](b, fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(function (e) { return e.textContent + "|" + e.title; })`, card+" .msg-subject .fb"))
		if len(fb) != 1 || !strings.HasPrefix(fb[0], "LinkedIn Member|LinkedIn's fallback text for %FIRSTNAME%") {
			t.Errorf("fallback marks %q", fb)
		}
		if eval[bool](b, `!document.getElementById("pick-member").disabled`) {
			t.Errorf("the member picker is still enabled")
		}
		b.check("pick-off", false)
	})

	t.Run("only cards with findings", func(t *testing.T) {
		b.t = t
		b.pick("pick-member", "All members")
		b.check("pick-findings", true)
		if n := eval[int](b, fmt.Sprintf(`document.querySelectorAll('.slot[data-file=%q]').length`, invitation)); n != 0 {
			t.Errorf("the clean template still has %d slots", n)
		}
		if n := eval[int](b, fmt.Sprintf(`document.querySelectorAll('.card-slot[data-file=%q]').length`, demo)); n != 14-1 {
			t.Errorf("demo-request has %d card slots, want 13 (every member's render has findings)", n)
		}
		b.check("pick-findings", false)
	})

	t.Run("highlighted findings", func(t *testing.T) {
		b.t = t
		b.pick("pick-member", "Alexandra Konstantinopoulou")
		card := slot(demo, "Alexandra Konstantinopoulou")
		b.show(card)
		finding := func(rule, part string) string {
			k := eval[string](b, fmt.Sprintf(`(function () {
				var li = Array.from(document.querySelectorAll(%q)).find(function (li) {
					return li.querySelector(".rule").textContent === %q && li.querySelector(".msg").textContent.indexOf(%q) >= 0; });
				return li ? li.dataset.finding : ""; })()`, card+" .findings .finding", rule, part))
			if k == "" {
				t.Fatalf("no %s finding with %q in the card", rule, part)
			}
			return k
		}
		marks := func(k string) string {
			return eval[string](b, fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(function (e) { return e.textContent; }).join("")`, fmt.Sprintf(`%s .message [data-f~="%s"]`, card, k)))
		}
		todo := finding("placeholder", "TODO")
		if got := marks(todo); got != "TODO" {
			t.Errorf("the TODO finding highlights %q", got)
		}
		long := finding("subject-length", "LinkedIn's limit is 60")
		if got, want := marks(long), "Hi %firstname%, want to see how Acme helps Konstantinopoulou & Papadimitriou International Logistics Holdings S.A. grow faster?"; got != want {
			t.Errorf("subject-length highlights %q, want the whole subject %q", got, want)
		}
		// hovering the finding lights its span up
		mark := fmt.Sprintf(`%s .message [data-f~="%s"]`, card, todo)
		li := fmt.Sprintf(`%s .finding[data-finding="%s"]`, card, todo)
		pt := eval[[]float64](b, fmt.Sprintf(`(function () { var e = document.querySelector(%q); e.scrollIntoView({ block: "center" }); var r = e.getBoundingClientRect(); return [r.left + 10, r.top + r.height / 2]; })()`, li))
		b.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, pt[0], pt[1]))
		b.wait(fmt.Sprintf(`document.querySelector(%q).classList.contains("active")`, mark), 5*time.Second)
		if bg := eval[string](b, fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).backgroundColor`, mark)); bg == "rgba(0, 0, 0, 0)" {
			t.Errorf("the active span has no background")
		}
		if sev := eval[string](b, fmt.Sprintf(`document.querySelector(%q).className`, mark)); !strings.Contains(sev, "sev-error") {
			t.Errorf("the TODO span's classes %q lack its severity", sev)
		}
		// the rule id leads to its explain text in the page
		b.click(li, "placeholder")
		b.wait(`location.hash === "#rule-placeholder"`, 5*time.Second)
		if txt := b.text("#rule-placeholder"); !strings.Contains(txt, "Drafts carry [Speaker name]-style brackets") {
			t.Errorf("rule text %q", txt)
		}
	})

	t.Run("conversation", func(t *testing.T) {
		b.t = t
		b.pick("pick-member", "Emily Carter")
		card := slot(conv, "Emily Carter")
		b.show(card)
		if got := b.text(card + " .thread"); !strings.HasPrefix(got, "Hi Emily, when a quarter goes sideways") {
			t.Errorf("opening %q", got)
		}
		if got := eval[[]string](b, fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(function (e) { return e.textContent; })`, card+" .buttons .cta")); strings.Join(got, "|") != "Forecasts that miss|Hours lost to data entry|Deals that stall late|Just browsing|Not interested" {
			t.Errorf("opening buttons %q", got)
		}
		b.click(card, "Hours lost to data entry")
		b.wait(fmt.Sprintf(`document.querySelectorAll(%q).length === 1`, card+" .bubble.mine"), 5*time.Second)
		if got := b.text(card + " .bubble.mine"); got != "Hours lost to data entry" {
			t.Errorf("the member's reply %q", got)
		}
		if got := eval[string](b, fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).pop().textContent`, card+" .bubble:not(.mine)")); !strings.HasPrefix(got, "Most reps spend about five hours a week") {
			t.Errorf("the next message %q", got)
		}
		if got := b.text(card + " .counts tr:nth-of-type(2) th"); got != "body #data-entry" {
			t.Errorf("counts follow the shown message: %q", got)
		}
		b.click(card, "Read the case study")
		b.wait(fmt.Sprintf(`document.querySelector(%q) !== null`, card+" .message > .dest"), 5*time.Second)
		url := "https://example.com/case-studies/data-entry?utm_source=linkedin"
		if got := b.text(card + " .message > .dest"); got != "Opens the landing page "+url {
			t.Errorf("terminal button: %q", got)
		}
		if href := eval[string](b, fmt.Sprintf(`document.querySelector(%q).href`, card+" .message > .dest a")); href != url {
			t.Errorf("landing page link %q", href)
		}
		b.click(card, "Start over")
		b.click(card, "Not interested")
		b.wait(fmt.Sprintf(`document.querySelector(%q) !== null`, card+" .message > .dest"), 5*time.Second)
		if got := b.text(card + " .message > .dest"); got != "LinkedIn ends the conversation here" {
			t.Errorf("not interested: %q", got)
		}

		// the flawed one: a button to a missing message, and the flow map
		flawed := slot(convFlawed, "Emily Carter")
		b.show(flawed)
		b.click(flawed, "Deals that stall late")
		b.wait(fmt.Sprintf(`document.querySelector(%q) !== null`, flawed+" .message > .dest.bad"), 5*time.Second)
		if got := b.text(flawed + " .message > .dest.bad"); got != "No message #stalled-deal: this button leads nowhere" {
			t.Errorf("missing message: %q", got)
		}
		flow := fmt.Sprintf(`.flow-slot[data-file=%q]`, convFlawed)
		b.show(flow)
		marks := eval[[]string](b, fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(function (g) { return g.querySelector("title").textContent + ":" + g.getAttribute("class"); })`, flow+" svg.flow g.box"))
		for _, want := range []string{"Stalled deals:box message unreachable sev-warning", "Stay in touch:box message dead-end sev-warning", "Data entry:box message cycle sev-warning", "no such message: #stalled-deal:box missing sev-error"} {
			if !contains(marks, want) {
				t.Errorf("flow map lacks %q: %q", want, marks)
			}
		}
		if n := eval[int](b, flowCount(flow)); n != 21 {
			t.Errorf("%d lines in the flow map, want one per button (21)", n)
		}
	})

	t.Run("print renders every card", func(t *testing.T) {
		b.t = t
		b.pick("pick-member", "All members")
		eval[bool](b, `window.dispatchEvent(new Event("beforeprint")), true`)
		slots, cards := eval[int](b, `document.querySelectorAll(".card-slot").length`), eval[int](b, `document.querySelectorAll(".card").length`)
		if slots != 7*13 || cards != slots {
			t.Errorf("%d cards for %d card slots, want 91", cards, slots)
		}
	})
	b.t = t
	b.checkClean()
}

func flowCount(sel string) string {
	return fmt.Sprintf(`document.querySelectorAll(%q).length`, sel+" svg.flow path.edge")
}

// TestBrowserPrint prints the page of one member to PDF: one card a page.
func TestBrowserPrint(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	b.open(examplesPage(t, "--member", "1"))
	pdf, err := chromedp.Run(b.ctx, chromedp.PrintToPDF())
	if err != nil {
		t.Fatal(err)
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page\b[^s]`).FindAll(pdf, -1))
	// seven templates, one member: seven cards, each on a page of its
	// own, after the file headers and flow maps
	if shown := b.text("#shown"); shown != "showing 7 cards" || pages < 7 {
		t.Errorf("%d pages for %q: want each card on a page of its own", pages, shown)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("not a PDF")
	}
	b.checkClean()
}

// TestBrowserScreenshots takes screenshots of a Message Ad card and of a
// conversation with its flow map, at 1280 and 375 pixels, and checks them
// against the page. The README shows the 1280-pixel pair (copied to
// lint/preview/testdata/ from -screenshots DIR).
func TestBrowserScreenshots(t *testing.T) {
	for _, size := range []struct{ w, h int64 }{{1280, 1400}, {375, 812}} {
		t.Run(fmt.Sprint(size.w), func(t *testing.T) {
			b := newBrowser(t, size.w, size.h)
			b.open(examplesPage(t, "--member", "1"))
			card := slot("testdata/examples/webinar-flawed.md", "Emily Carter")
			b.show(card)
			b.screenshot(fmt.Sprintf("message-%d", size.w), card+" .card", card+" .msg-subject", int(size.w))
			flow := fmt.Sprintf(`.flow-slot[data-file=%q]`, convFlawed)
			b.show(flow)
			b.screenshot(fmt.Sprintf("conversation-%d", size.w), flow+" .flow-item", flow+" svg.flow g.box.opening", int(size.w))
			b.checkClean()
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestBrowserVariants picks a variant: only its cards remain, with its
// copy, and files without that variant leave the page.
func TestBrowserVariants(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"variants.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, {{ .hook }}\"\nvariants:\n  - name: short\n    hook: a seat?\n  - name: long\n    hook: saving you a seat next Thursday?\n---\nHi %FIRSTNAME%, can I save you a seat?\n\n- [Save my seat](leadform:webinar)\n",
		"plain.md":    "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a seat?\"\n---\nHi %FIRSTNAME%, can I save you a seat?\n\n- [Save my seat](leadform:webinar)\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "variants.html")
	runInboxlint(t, dir, "preview", "-o", out, ".")
	b := newBrowser(t, 1280, 900)
	b.open("file://" + out)
	if got := eval[[]string](b, `Array.from(document.getElementById("pick-variant").options).map(function (o) { return o.textContent; })`); strings.Join(got, "|") != "All variants|short|long" {
		t.Errorf("variant picker %q", got)
	}
	b.pick("pick-variant", "long")
	b.pick("pick-member", "Emily Carter")
	card := `.card-slot[data-file="variants.md"][data-variant="long"][data-member="Emily Carter"]`
	b.show(card)
	if got := b.text(card + " .msg-subject"); got != "Emily, saving you a seat next Thursday?" {
		t.Errorf("subject %q", got)
	}
	if got := b.text(card + " .card-head .variant"); got != "variant long" {
		t.Errorf("card head %q", got)
	}
	if n := eval[int](b, `document.querySelectorAll('.card-slot:not([data-variant="long"]), .slot[data-file="plain.md"]').length`); n != 0 {
		t.Errorf("%d slots of other variants or files", n)
	}
	if got := b.text("#shown"); got != "showing 1 card" {
		t.Errorf("%q", got)
	}
	b.checkClean()
}
