package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// linkLimits checks body links and button targets against LinkedIn's
// rules for links: how many, how long, and what a URL may look like. Its
// fields are the rule's options.
type linkLimits struct {
	MaxLinks           int `yaml:"max-links" bound:"not-negative"`
	MaxText            int `yaml:"max-text" bound:"positive"`
	MaxURLMessage      int `yaml:"max-url-message" bound:"positive"`
	MaxURLConversation int `yaml:"max-url-conversation" bound:"positive"`
}

func (r *linkLimits) check(p *lint.Pass) {
	t := p.Template
	conv := t.Format == render.FormatConversation
	maxURL := r.MaxURLMessage
	if conv {
		maxURL = r.MaxURLConversation
	}
	comments := linkCommentSpans(t.Source)
	lives := make([][]bool, len(t.Messages)) // by message and link
	for i, m := range t.Messages {
		// links the parser found inside template comments (an ignore
		// directive that cites a URL) never reach the member
		live := make([]bool, len(m.Links))
		lives[i] = live
		var links []render.Link
		for k, l := range m.Links {
			if !linkInComment(l.Span, comments) {
				live[k] = true
				links = append(links, l)
			}
		}
		if !conv && len(links) > r.MaxLinks {
			extra := links[r.MaxLinks]
			p.Reportf(extra.Span, "the body has %d links; a Message Ad allows %d: keep the ones that matter (%s is number %d)",
				len(links), r.MaxLinks, quote(extra.Text.Text.S), r.MaxLinks+1)
		}
		for k, l := range m.Links {
			if !live[k] || l.Bare {
				continue // in a comment, or a bare URL: its text is the URL, checked below
			}
			worst, ok := p.Longest(func(v *render.Variant) (render.Text, bool) {
				if i >= len(v.Messages) || k >= len(v.Messages[i].Links) {
					return render.Text{}, false
				}
				return v.Messages[i].Links[k].Text, true
			})
			if ok && worst.Len > r.MaxText {
				p.ReportIn(worst, l.Text.Span(), "link text %s is %d characters; LinkedIn allows %d: shorten it to the few words that say where it leads",
					quote(l.Text.Text.S), worst.Len, r.MaxText)
			}
		}
	}
	for _, v := range p.Variants {
		v.Fields(addresses, func(f render.VariantField) {
			if f.Message >= len(lives) {
				return
			}
			if f.Kind == render.FieldLinkURL {
				if live := lives[f.Message]; f.Index < len(live) && live[f.Index] {
					r.checkURL(p, v, f.Text, maxURL, conv, false)
				}
				return
			}
			r.checkURL(p, v, f.Text, maxURL, conv, true)
		})
	}
}

// checkURL checks one rendered body link URL or button target.
func (r *linkLimits) checkURL(p *lint.Pass, v *render.Variant, u render.Text, maxURL int, conv, button bool) {
	if !p.FirstSeen(u) {
		return // an earlier variant rendered it the same: its findings are reported
	}
	lead := len(u.S) - len(strings.TrimLeft(u.S, " \t"))
	s := strings.TrimSpace(u.S)
	span := u.Span(lead, lead+len(s))
	if s == "" {
		span = u.Anchor()
	}
	report := func(sp render.Span, format string, args ...any) {
		p.ReportIn(lint.Render{Variant: v}, sp, format, args...)
	}
	kind, _ := render.ClassifyTarget(s)
	if button {
		switch kind {
		case render.TargetMessage, render.TargetLeadForm:
			return
		case render.TargetInvalid:
			forms := "https://… or http://… (a landing page) or leadform:NAME (a Lead Gen Form)"
			if conv {
				forms = "https://… or http://… (a landing page), leadform:NAME (a Lead Gen Form) or #slug (another message)"
			}
			if s == "" {
				report(span, "the button has no target: use %s", forms)
				return
			}
			if fix := linkWithScheme(s); fix != "" {
				forms += "; here, write " + fix
			}
			reportFixable(p, v, u, []fixableFinding{{textFinding{lead, lead + len(s),
				fmt.Sprintf("button target %s is not one LinkedIn accepts: use %s", quote(s), forms)}, schemeFixes(s)}})
			return
		}
	} else if kind != render.TargetURL {
		if s == "" {
			report(span, "the link has no URL: give it an address that starts with https://")
			return
		}
		fix := "link to a web page"
		if w := linkWithScheme(s); w != "" {
			fix = "write " + w
		}
		reportFixable(p, v, u, []fixableFinding{{textFinding{lead, lead + len(s),
			fmt.Sprintf("link URL %s does not start with http:// or https://, which LinkedIn requires: %s", quote(s), fix)}, schemeFixes(s)}})
		return
	}
	if n := p.Count(s); n > maxURL {
		ad := "a Message Ad"
		if conv {
			ad = "a Conversation Ad"
		}
		report(span, "URL %s is %d characters; LinkedIn allows %d in %s: shorten it or trim its tracking parameters", quote(s), n, maxURL, ad)
	}
	q := strings.IndexByte(s, '?')
	if q < 0 {
		return
	}
	end := len(s)
	if h := strings.IndexByte(s[q:], '#'); h >= 0 {
		end = q + h
	}
	first := -1
	var found []string
	seen := map[byte]bool{}
	for j := q + 1; j < end; j++ {
		c := s[j]
		if !strings.ContainsRune(`"'<>{}[]`, rune(c)) {
			continue
		}
		if first < 0 {
			first = j
		}
		if !seen[c] {
			seen[c] = true
			found = append(found, fmt.Sprintf("%c as %%%02X", c, c))
		}
	}
	if first < 0 {
		return
	}
	report(u.Span(lead+first, lead+first+1), "the query string of %s has characters that can break the link: percent-encode %s", quote(s), strings.Join(found, ", "))
}

// linkComment matches a template comment, which the authoring stage
// removes.
var linkComment = lazyRE(`\{\{-?\s*/\*[\s\S]*?\*/\s*-?\}\}`)

// linkCommentSpans are the spans of the template comments in src.
func linkCommentSpans(src *render.Source) []render.Span {
	if src == nil || !strings.Contains(src.Text, "{{") {
		return nil // no comment, and no pattern to compile
	}
	var out []render.Span
	for _, m := range linkComment().FindAllStringIndex(src.Text, -1) {
		out = append(out, src.Span(m[0], m[1]))
	}
	return out
}

// linkInComment reports whether a link starts inside one of the comments,
// which are in source order and apart.
func linkInComment(link render.Span, comments []render.Span) bool {
	at := link.Start.Offset
	k := sort.Search(len(comments), func(k int) bool { return comments[k].End.Offset > at })
	return k < len(comments) && at >= comments[k].Start.Offset
}

// schemeFixes are the fixes for an address without its scheme: certain
// for a www. address (www.example.com is a web site, and LinkedIn requires
// https:// or http:// before it), a suggestion for other host names
// (example.com/page may be meant as a web address, or may not).
func schemeFixes(s string) []textFix {
	if linkWithScheme(s) == "" {
		return nil
	}
	if strings.HasPrefix(strings.ToLower(s), "www.") {
		return certainFix("https://" + s)
	}
	return suggestFix("https://" + s)
}

// linkWithScheme returns s with https:// added when s looks like a web
// address written without its scheme (www.example.com/page), else "", as
// an excerpt for a message.
func linkWithScheme(s string) string {
	host, _, _ := strings.Cut(s, "/")
	if strings.ContainsAny(s, ": ") || strings.HasPrefix(s, "#") || !strings.Contains(host, ".") {
		return "" // another scheme (ftp:, mailto:) or not an address at all
	}
	return excerpt("https://" + s)
}
