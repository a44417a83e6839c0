package preview

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"io"
	"sync"
)

//go:embed assets/page.html assets/preview.css assets/cards.js assets/page.js
var assets embed.FS

// pageAssets are the page's style, script and template, read and parsed
// the first time a page is written: every command links this package, and
// only the preview and the HTML format need them.
type pageAssets struct {
	css string
	// js is the page's one script: cards.js (state, building the items)
	// and page.js (placeholders, pickers, live updates) in one strict-mode
	// function, so that they share a scope and leak nothing into the
	// page's globals.
	js   string
	tmpl *template.Template
}

var loadedAssets = sync.OnceValue(func() *pageAssets {
	return &pageAssets{
		css:  mustAsset("assets/preview.css"),
		js:   "(function () {\n\"use strict\";\n" + mustAsset("assets/cards.js") + mustAsset("assets/page.js") + "})();\n",
		tmpl: template.Must(template.ParseFS(assets, "assets/page.html")),
	}
})

func mustAsset(name string) string {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// contentPolicy is the page's Content-Security-Policy: its own style and
// script (by hash) and nothing else; no image, font, frame or form, and no
// connection at all except, for the live server's page, to the server.
// Even copy that escaped every other layer could not run or load anything.
func contentPolicy(live bool) string {
	connect := "'none'"
	if live {
		connect = "'self'"
	}
	return "default-src 'none'; script-src '" + hash(loadedAssets().js) + "'; style-src '" + hash(loadedAssets().css) +
		"'; img-src 'none'; connect-src " + connect + "; base-uri 'none'; form-action 'none'"
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(h[:])
}

// pageView is what the page template reads. CSS and JS are the embedded
// assets (trusted, hence the typed strings); everything from the files is
// in Data, which html/template escapes for the script element it sits in,
// and in Flows, which it escapes as HTML.
type pageView struct {
	Title string
	CSP   string
	CSS   template.CSS
	JS    template.JS
	Data  pageData
	Flows []*flowMap
}

// Write writes the page for p: one self-contained HTML document.
func Write(w io.Writer, p *Page) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	a := loadedAssets()
	v := pageView{Title: p.Title, CSP: contentPolicy(p.Live), CSS: template.CSS(a.css), JS: template.JS(a.js), Data: pageData{p}, Flows: p.Flows}
	if err := a.tmpl.Execute(bw, v); err != nil {
		return err
	}
	return bw.Flush()
}

// pageData is the page as JSON for the data script element, written by
// pagejson.go. Beyond what encoding/json escapes (control characters, <, >,
// &, U+2028 and U+2029), it writes DEL, the C1 controls and the
// bidirectional formatting characters as \u escapes too, so that no raw
// control character is in the file; the page's strings still hold them,
// as the member's copy does.
type pageData struct{ p *Page }

// MarshalJSON implements json.Marshaler.
func (d pageData) MarshalJSON() ([]byte, error) {
	cards := 0
	for _, f := range d.p.Files {
		for _, v := range f.Variants {
			cards += len(v.Cards)
		}
	}
	b := make(jsonBuf, 0, 64<<10+cards*768) // about what a card takes: one allocation
	b.page(d.p)
	return b, nil
}

// unsafeInPage reports the characters escape.Controls escapes that
// encoding/json leaves raw.
func unsafeInPage(r rune) bool {
	switch {
	case r == 0x7F, r >= 0x80 && r <= 0x9F:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	case r == 0x061C, r == 0x200E, r == 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
