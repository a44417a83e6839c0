package main

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// Completion offers what may be typed where the cursor is: the five
// macros after "%", the conversation's #slugs in a button's link, the
// lead forms the repository's other templates use after "leadform:", and
// the template's vars inside "{{ .". Each item replaces what is typed of
// it, so accepting one never leaves a half-word behind.
func (s *lspServer) completion(a *lspAnalysis, p lspPosition) lspCompletionList {
	off := a.offset(p)
	ls := strings.LastIndexByte(a.src.Text[:off], '\n') + 1
	prefix := a.src.Text[ls:off]
	rest := a.src.Text[off:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	list := lspCompletionList{Items: []lspCompletionItem{}}
	switch {
	case varPrefixRE().MatchString(prefix):
		m := varPrefixRE().FindStringSubmatchIndex(prefix)
		typed := ls + m[2]
		end := off + len(identRE().FindString(rest))
		for _, name := range a.varNames() {
			if !varNameRE().MatchString(name) {
				continue // {{ .name }} cannot read it
			}
			detail := ""
			if v, ok := lookupVar(a.t.Vars, nil, []string{name}); ok {
				detail = varText(v)
			}
			list.Items = append(list.Items, a.item(name, lspCompletionVariable, detail, typed, end))
		}
	case buttonTargetRE().MatchString(prefix):
		m := buttonTargetRE().FindStringSubmatchIndex(prefix)
		kind := prefix[m[2]:m[3]]
		typed := ls + m[2]
		end := off + len(targetRE().FindString(rest))
		if kind == "#" {
			for _, msg := range a.t.Messages {
				if msg.Slug != "" {
					list.Items = append(list.Items, a.item("#"+msg.Slug, lspCompletionReference, fmt.Sprintf("message %q (line %d)", msg.Title.Text.S, msg.Heading.Start.Line), typed, end))
				}
			}
		} else {
			for _, f := range s.leadForms(a) {
				list.Items = append(list.Items, a.item("leadform:"+f.name, lspCompletionValue, fmt.Sprintf("used by %d button(s) in the repository", f.uses), typed, end))
			}
		}
	case macroPrefixRE().MatchString(prefix):
		m := macroPrefixRE().FindStringSubmatchIndex(prefix)
		typed := ls + m[2]
		end := off + len(macroRestRE().FindString(rest))
		for _, mac := range render.Macros {
			list.Items = append(list.Items, a.item(mac.String(), lspCompletionConstant, "fallback: "+mac.Fallback(), typed, end))
		}
	}
	for i := range list.Items {
		list.Items[i].SortText = fmt.Sprintf("%04d", i)
	}
	return list
}

// The completion patterns, compiled the first time the language server
// completes: no other command needs them.
var (
	// macroPrefixRE: a "%" and what is typed of a macro's name, not after
	// a digit ("within 5%" is no macro).
	macroPrefixRE = lazyRE(`(?:^|[^0-9%])(%[A-Za-z]*)$`)
	macroRestRE   = lazyRE(`^[A-Za-z]*%?`)
	// buttonTargetRE: a list item's link whose target so far is "#..." or
	// "leadform:...".
	buttonTargetRE = lazyRE(`^\s*[-*+]\s+\[[^\]]*\]\((#|leadform:)[^)\s]*$`)
	targetRE       = lazyRE(`^[^)\s]*`)
	// varPrefixRE: inside "{{ ." with what is typed of a name.
	varPrefixRE = lazyRE(`\{\{-?\s*\$?\.([A-Za-z0-9_]*)$`)
	identRE     = lazyRE(`^[A-Za-z0-9_]*`)
	varNameRE   = lazyRE(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// lazyRE returns a function that compiles pattern the first time it is
// called and returns that regexp from then on.
func lazyRE(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

// item is a completion that replaces Source.Text[start:end] with label.
func (a *lspAnalysis) item(label string, kind lspCompletionItemKind, detail string, start, end int) lspCompletionItem {
	return lspCompletionItem{
		Label:      label,
		Kind:       kind,
		Detail:     escape.Controls(detail),
		FilterText: label,
		TextEdit:   &lspTextEdit{Range: a.textRange(start, end), NewText: label},
	}
}

// varNames are the names {{ . }} may read: the file's vars and every
// variant's values.
func (a *lspAnalysis) varNames() []string {
	names := map[string]bool{}
	for k := range a.t.Vars {
		names[k] = true
	}
	for _, v := range a.t.Variants {
		for k := range v.Values {
			names[k] = true
		}
	}
	return slices.Sorted(maps.Keys(names))
}
