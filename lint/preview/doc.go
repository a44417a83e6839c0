// Package preview builds the inbox preview: one self-contained HTML page
// that shows every template as its members would see it, for copywriters,
// brand and legal reviewers who would rather look than read.
//
// The parts fit like this. Build (build.go, card.go) turns a lint run
// into a Page (model.go): it parses and renders each file again with
// render (the same calls the engine makes), personalizes every variant for
// every sample member and for a member with personalization off, and
// places each finding of the run on the cards of the renders it was seen
// in, highlighted on the characters it came from (render.Text.OutRanges
// maps its source span through both rendering stages). Counts are taken in
// the configured counting mode against the limits the configuration sets
// (limits.go). A Conversation Ad's flow is laid out in layers and drawn as
// inline SVG (flow.go, no Graphviz). Write (html.go) executes the embedded
// html/template page: the CSS and the small plain-JavaScript script
// (assets/cards.js, assets/page.js) are embedded too, and the page data
// sits in a JSON script element, escaped by html/template's JavaScript
// context, from which the script builds only the cards near the viewport
// with DOM APIs, so a page of thousands of cards opens in a moment.
// Server (server.go) is the live preview: it watches the files with
// fsnotify, lints and rebuilds on save and tells open pages over
// Server-Sent Events, which fetch the new page and swap its data in place.
//
// Everything from templates and member files is untrusted: it reaches the
// page only as JSON data or html/template-escaped text, the script puts it
// in the DOM as text, links are made clickable only for http and https, and
// the page's Content-Security-Policy allows no script but its own and no
// network access at all.
package preview
