package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sourcegraph/jsonrpc2"
)

// lspConversation is a Conversation Ad with two variants, a var, macros,
// a placeholder after an emoji, buttons to messages, a lead form and a
// landing page.
const lspConversation = `---
format: conversation
sender: Dana Reyes
subject: "%FIRSTNAME%, a question about {{ .topic }}"
vars:
  topic: forecasting
variants:
  - name: vp
    topic: pipeline
  - name: ops
---
# Welcome

Hi %FIRSTNAME% 👋 want the {{ .topic }} playbook? [Speaker name] explains.

- [Yes please](#the-playbook)
- [Register](leadform:webinar)

# The playbook

Here it is, %COMPANYNAME%.

- [Back to start](#welcome)
- [Get it](https://example.com/playbook)
`

// lspSession opens text as ad.md in a fresh workspace (with extra files
// written there first) and returns the client, the document's URI and
// the first diagnostics published.
func lspSession(t *testing.T, text string, files map[string]string) (*lspClient, string, lspPublishDiagnosticsParams) {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	uri := fileURI(filepath.Join(dir, "ad.md"))
	c := startLSP(t, newLSPServer("").serve)
	if err := c.call(lspMethodInitialize, map[string]any{"processId": nil, "rootUri": fileURI(dir), "capabilities": map[string]any{}}, nil); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	c.notify(lspMethodInitialized, map[string]any{})
	c.notify(lspMethodDidOpen, lspDidOpenParams{TextDocument: lspTextDocumentItem{URI: uri, LanguageID: "markdown", Version: 1, Text: text}})
	return c, uri, c.published()
}

// request calls method with params and returns the raw result.
func (c *lspClient) request(method string, params any) string {
	c.t.Helper()
	var raw json.RawMessage
	if err := c.call(method, params, &raw); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
	return string(raw)
}

func at(uri string, line, char int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": lspPosition{Line: line, Character: char}}
}

// applyEdits applies LSP text edits to text, as an editor does: each
// range's positions count UTF-16 units of their line; edits are applied
// from the last to the first.
func applyEdits(t *testing.T, text string, edits []lspTextEdit) string {
	t.Helper()
	offset := func(p lspPosition) int {
		off := 0
		for l := 0; l < p.Line; l++ {
			i := strings.IndexByte(text[off:], '\n')
			if i < 0 {
				t.Fatalf("edit at line %d of a %d-line text", p.Line, l+1)
			}
			off += i + 1
		}
		for units := 0; units < p.Character; {
			r, size := utf8.DecodeRuneInString(text[off:])
			if r == '\n' || size == 0 {
				t.Fatalf("edit at %d:%d, past the end of the line", p.Line, p.Character)
			}
			units += utf16.RuneLen(r)
			off += size
		}
		return off
	}
	sort.SliceStable(edits, func(i, j int) bool { return posBefore(edits[j].Range.Start, edits[i].Range.Start) })
	for _, e := range edits {
		text = text[:offset(e.Range.Start)] + e.NewText + text[offset(e.Range.End):]
	}
	return text
}

func doc(uri string) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}}
}

// mustMatch fails unless every pattern matches s.
func mustMatch(t *testing.T, what, s string, patterns ...string) {
	t.Helper()
	for _, p := range patterns {
		if !regexp.MustCompile(p).MatchString(s) {
			t.Errorf("%s: no match for %s in\n%s", what, p, s)
		}
	}
}

// TestLSPHover hovers over a macro, a var, a button and plain subject
// text, after an emoji on the line (so a miscount of UTF-16 units would
// land on the wrong thing).
func TestLSPHover(t *testing.T) {
	c, uri, _ := lspSession(t, lspConversation, nil)
	var h lspHover
	hover := func(line, char int) string {
		t.Helper()
		h = lspHover{}
		raw := c.request(lspMethodHover, at(uri, line, char))
		if raw == "null" {
			return raw
		}
		if err := json.Unmarshal([]byte(raw), &h); err != nil {
			t.Fatal(err)
		}
		if h.Contents.Kind != lspMarkdown {
			t.Errorf("hover kind %q, want markdown", h.Contents.Kind)
		}
		return h.Contents.Value
	}
	rangeIs := func(what string, want lspRange) {
		t.Helper()
		if h.Range == nil || *h.Range != want {
			t.Errorf("%s: hover range %+v, want %+v", what, h.Range, want)
		}
	}
	// %FIRSTNAME% in the body: every sample member's value, the fallback,
	// the body's worst case against body-length's limits
	v := hover(13, 5)
	mustMatch(t, "macro", v, `^\*\*%FIRSTNAME%\*\* for each sample member:\n\n- Emily Carter: `+"` Emily `"+`\n- Alexandra Konstantinopoulou: `+"` Alexandra `",
		`- Sam 🚀 Okafor: `+"` Sam 🚀 `", `- Jordan Lee \\\(personalization off\\\): `+"` LinkedIn Member `",
		`LinkedIn's fallback, when a member has no value or personalization is off: `+"` LinkedIn Member `",
		`\nbody: 74 characters as written, at most 77 rendered \(Jordan Lee \\\(personalization off\\\) · variant ops\)\n- guidance 500 \(`+"`body-length`"+`\): fits\n- LinkedIn's limit 8000 \(`+"`body-length`"+`\): fits$`)
	rangeIs("macro", lspRange{Start: lspPosition{Line: 13, Character: 3}, End: lspPosition{Line: 13, Character: 14}})
	if n := strings.Count(v, "\n- "); n != 13+2 {
		t.Errorf("macro hover lists %d members and limits, want 13 members and 2 limits", n)
	}

	// {{ .topic }} after the emoji (character 27 is "{{": 👋 counts two)
	v = hover(13, 30)
	mustMatch(t, "var", v, "^\\*\\*\\\\.topic\\*\\* in each variant:\n\n- variant vp: ` pipeline `\n- variant ops: ` forecasting `\n\nbody: ")
	rangeIs("var", lspRange{Start: lspPosition{Line: 13, Character: 27}, End: lspPosition{Line: 13, Character: 39}})

	// a button: where it leads (the same in both variants: one line) and
	// its label's length against cta-length's Conversation Ad limit
	v = hover(15, 4)
	if want := "**Button** ` Yes please `\n\nLeads to the message ` The playbook ` (line 19)\n\nbutton label: 10 characters as written, at most 10 rendered (Emily Carter · variant vp)\n- button limit 25 (`cta-length`): fits"; v != want {
		t.Errorf("button hover:\n%s\nwant:\n%s", v, want)
	}
	rangeIs("button", lspRange{Start: lspPosition{Line: 15, Character: 2}, End: lspPosition{Line: 15, Character: 29}})
	v = hover(16, 20)
	mustMatch(t, "lead form button", v, "Leads to the Lead Gen Form ` webinar `")
	v = hover(23, 12)
	mustMatch(t, "landing page button", v, "Leads to the landing page ` https://example.com/playbook `")

	// plain text of the subject: its length against both limits
	v = hover(3, 35)
	if want := "subject: 42 characters as written, at most 45 rendered (Jordan Lee \\(personalization off\\) · variant ops)\n- inbox preview 40 (`subject-length`): over by 5\n- LinkedIn's limit 60 (`subject-length`): fits"; v != want {
		t.Errorf("subject hover:\n%s\nwant:\n%s", v, want)
	}
	// the front matter's fences and keys: nothing to say
	if v := hover(0, 1); v != "null" {
		t.Errorf("hover on ---: %s, want null", v)
	}
}

// A button whose target differs by variant names the variants per
// destination; a broken #slug says so; values of a var come from each
// variant over vars, and an unset one says it renders <no value>.
func TestLSPHoverByVariant(t *testing.T) {
	text := "---\nformat: conversation\nsender: Dana\nsubject: Hi\nvars:\n  next: a\nvariants:\n  - name: one\n  - name: two\n    next: b\n---\n" +
		"# A\n\nHi {{ .nope }} there?\n\n- [Go]({{.next}})\n- [Lost](#nowhere)\n\n# B\n\nBye?\n"
	c, uri, _ := lspSession(t, text, nil)
	var h lspHover
	raw := c.request(lspMethodHover, at(uri, 15, 4))
	if err := json.Unmarshal([]byte(raw), &h); err != nil {
		t.Fatal(err)
	}
	mustMatch(t, "dynamic target", h.Contents.Value, "\nLeads to the message ` A ` \\(line 12\\) \\(variant one\\)\nLeads to `` #b `` |` #b `, which no message has|\\(variant two\\)")
	raw = c.request(lspMethodHover, at(uri, 16, 4))
	if err := json.Unmarshal([]byte(raw), &h); err != nil {
		t.Fatal(err)
	}
	mustMatch(t, "broken target", h.Contents.Value, "Leads to ` #nowhere `, which no message has: a broken link")
	raw = c.request(lspMethodHover, at(uri, 13, 6))
	if err := json.Unmarshal([]byte(raw), &h); err != nil {
		t.Fatal(err)
	}
	mustMatch(t, "unset var", h.Contents.Value, "- variant one: not set: renders `<no value>`\n- variant two: not set")
}

// TestLSPCompletion completes a macro after %, a #slug in a button link,
// a lead form another template of the repository uses (and none from
// outside it), and a var inside {{ .
func TestLSPCompletion(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "far.md"), []byte("---\nformat: message\nsender: A\nsubject: s\n---\nHi.\n\n- [Go](leadform:outside-root)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, uri, _ := lspSession(t, lspConversation, map[string]string{
		"other/old.md":     "---\nformat: message\nsender: A\nsubject: s\n---\nHi.\n\n- [Go](leadform:demo-request)\n",
		"other/again.md":   "---\nformat: message\nsender: A\nsubject: s\n---\nHi.\n\n- [Go](leadform:demo-request)\n",
		"README.md":        "# not a template\n\n- [Go](leadform:readme-form)\n",
		".hidden/skip.md":  "---\nformat: message\nsender: A\nsubject: s\n---\nHi.\n\n- [Go](leadform:hidden-form)\n",
		"other/action.md":  "---\nformat: message\nsender: A\nsubject: s\n---\nHi.\n\n- [Go](leadform:{{.f}})\n",
		"other/comment.md": "---\nformat: message\nsender: A\nsubject: s\n---\nHi {{/* [x](leadform:in-comment) */}}.\n\n- [Go](https://x.test)\n",
	})
	if err := os.Symlink(filepath.Join(outside, "far.md"), filepath.Join(filepath.Dir(strings.TrimPrefix(uri, "file://")), "link.md")); err != nil {
		t.Fatal(err)
	}
	complete := func(line, char int) (labels []string, list lspCompletionList) {
		t.Helper()
		if err := json.Unmarshal([]byte(c.request(lspMethodCompletion, at(uri, line, char))), &list); err != nil {
			t.Fatal(err)
		}
		for _, it := range list.Items {
			labels = append(labels, it.Label+"|"+it.Detail)
		}
		return labels, list
	}
	check := func(what string, got []string, want ...string) {
		t.Helper()
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	// after "%F" of %FIRSTNAME%: every macro, each replacing the whole word
	got, list := complete(13, 5)
	check("macros", got, "%FIRSTNAME%|fallback: LinkedIn Member", "%LASTNAME%|fallback: LinkedIn Member",
		"%JOBTITLE%|fallback: professional", "%COMPANYNAME%|fallback: your company", "%INDUSTRY%|fallback: industry")
	if e := list.Items[3].TextEdit; e == nil || e.NewText != "%COMPANYNAME%" || e.Range != (lspRange{Start: lspPosition{Line: 13, Character: 3}, End: lspPosition{Line: 13, Character: 14}}) {
		t.Errorf("macro edit %+v, want %%COMPANYNAME%% over 13:3-13:14", e)
	}
	// after "(#" of a button
	got, list = complete(15, 16)
	check("slugs", got, `#welcome|message "Welcome" (line 12)`, `#the-playbook|message "The playbook" (line 19)`)
	if e := list.Items[0].TextEdit; e == nil || e.Range != (lspRange{Start: lspPosition{Line: 15, Character: 15}, End: lspPosition{Line: 15, Character: 28}}) {
		t.Errorf("slug edit %+v, want over 15:15-15:28", e)
	}
	// after "(leadform:": the repository's names, the most used first
	got, _ = complete(16, 22)
	check("lead forms", got, "leadform:demo-request|used by 2 button(s) in the repository", "leadform:webinar|used by 1 button(s) in the repository")
	// after "{{ ."
	got, list = complete(13, 31)
	check("vars", got, "topic|forecasting")
	if e := list.Items[0].TextEdit; e == nil || e.Range != (lspRange{Start: lspPosition{Line: 13, Character: 31}, End: lspPosition{Line: 13, Character: 36}}) {
		t.Errorf("var edit %+v, want over 13:31-13:36", e)
	}
	// nothing to complete in plain text, or after "5%"
	if got, _ := complete(20, 4); len(got) != 0 {
		t.Errorf("plain text: %v, want nothing", got)
	}
	c.notify(lspMethodDidChange, lspDidChangeParams{TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: 2}, ContentChanges: []lspContentChange{{Text: strings.Replace(lspConversation, "Here it is,", "Within 5%", 1)}}})
	if got, _ := complete(20, 9); len(got) != 0 {
		t.Errorf("after 5%%: %v, want nothing", got)
	}
}

// TestLSPNavigation: the messages as symbols, a #slug's definition and
// references, rename of a heading with its buttons, and the renames
// refused.
func TestLSPNavigation(t *testing.T) {
	c, uri, _ := lspSession(t, lspConversation, nil)
	r := func(l1, c1, l2, c2 int) lspRange {
		return lspRange{Start: lspPosition{Line: l1, Character: c1}, End: lspPosition{Line: l2, Character: c2}}
	}
	var syms []lspDocumentSymbol
	if err := json.Unmarshal([]byte(c.request(lspMethodDocumentSymbol, doc(uri))), &syms); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range syms {
		got = append(got, fmt.Sprintf("%s %s %d %v %v", s.Name, s.Detail, s.Kind, s.Range, s.SelectionRange))
		for _, b := range s.Children {
			got = append(got, fmt.Sprintf("  %s %s %d %v", b.Name, b.Detail, b.Kind, b.Range))
		}
	}
	want := []string{
		"Welcome #welcome 3 {{11 0} {16 30}} {{11 0} {11 9}}",
		"  Yes please → #the-playbook 24 {{15 2} {15 29}}",
		"  Register → leadform:webinar 24 {{16 2} {16 30}}",
		"The playbook #the-playbook 3 {{18 0} {23 40}} {{18 0} {18 14}}",
		"  Back to start → #welcome 24 {{22 2} {22 27}}",
		"  Get it → https://example.com/playbook 24 {{23 2} {23 40}}",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("symbols:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	locs := func(method string, params any) []lspRange {
		t.Helper()
		var ls []lspLocation
		if err := json.Unmarshal([]byte(c.request(method, params)), &ls); err != nil {
			t.Fatal(err)
		}
		var out []lspRange
		for _, l := range ls {
			if l.URI != uri {
				t.Errorf("location in %s, want %s", l.URI, uri)
			}
			out = append(out, l.Range)
		}
		return out
	}
	if got := locs(lspMethodDefinition, at(uri, 15, 18)); !reflect.DeepEqual(got, []lspRange{r(18, 0, 18, 14)}) {
		t.Errorf("definition of #the-playbook: %v", got)
	}
	if got := locs(lspMethodDefinition, at(uri, 22, 20)); !reflect.DeepEqual(got, []lspRange{r(11, 0, 11, 9)}) {
		t.Errorf("definition of #welcome: %v", got)
	}
	if got := locs(lspMethodDefinition, at(uri, 16, 20)); len(got) != 0 {
		t.Errorf("definition of a lead form: %v, want none", got)
	}
	refs := func(line, char int, decl bool) []lspRange {
		return locs(lspMethodReferences, map[string]any{"textDocument": map[string]any{"uri": uri}, "position": lspPosition{Line: line, Character: char}, "context": map[string]any{"includeDeclaration": decl}})
	}
	if got := refs(18, 4, true); !reflect.DeepEqual(got, []lspRange{r(18, 0, 18, 14), r(15, 15, 15, 28)}) {
		t.Errorf("references from the heading: %v", got)
	}
	if got := refs(15, 20, false); !reflect.DeepEqual(got, []lspRange{r(15, 15, 15, 28)}) {
		t.Errorf("references from the button: %v", got)
	}

	var prep lspPrepareRenameResult
	if err := json.Unmarshal([]byte(c.request(lspMethodPrepareRename, at(uri, 15, 20))), &prep); err != nil {
		t.Fatal(err)
	}
	if prep != (lspPrepareRenameResult{Range: r(18, 2, 18, 14), Placeholder: "The playbook"}) {
		t.Errorf("prepareRename: %+v", prep)
	}
	if got := c.request(lspMethodPrepareRename, at(uri, 13, 2)); got != "null" {
		t.Errorf("prepareRename in the body: %s, want null", got)
	}
	var we lspWorkspaceEdit
	if err := json.Unmarshal([]byte(c.request(lspMethodRename, map[string]any{"textDocument": map[string]any{"uri": uri}, "position": lspPosition{Line: 18, Character: 4}, "newName": "Your playbook"})), &we); err != nil {
		t.Fatal(err)
	}
	renamed := applyEdits(t, lspConversation, we.Changes[uri])
	if want := strings.NewReplacer("# The playbook", "# Your playbook", "(#the-playbook)", "(#your-playbook)").Replace(lspConversation); renamed != want || len(we.Changes) != 1 {
		t.Errorf("rename gave:\n%s\nwant:\n%s", renamed, want)
	}
	for _, tc := range []struct{ name, msg string }{
		{"Welcome", "message 1 (line 12) already has the id #welcome: choose another heading"},
		{"👋!?", `heading "👋!?" has no letters or digits, so buttons could not link to it`},
		{"  ", "a heading is one line of text: give the message a name"},
	} {
		err := c.call(lspMethodRename, map[string]any{"textDocument": map[string]any{"uri": uri}, "position": lspPosition{Line: 18, Character: 4}, "newName": tc.name}, nil)
		if err == nil || err.Code != lspCodeRequestFailed || err.Message != tc.msg {
			t.Errorf("rename to %q: %v, want %q", tc.name, err, tc.msg)
		}
	}
}

// A rename refuses to leave behind a link an action builds.
func TestLSPRenameDynamicTarget(t *testing.T) {
	text := "---\nformat: conversation\nsender: Dana\nsubject: Hi\nvars:\n  next: \"#b\"\n---\n# A\n\nHi there?\n\n- [Go]({{.next}})\n\n# B\n\nBye?\n"
	c, uri, _ := lspSession(t, text, nil)
	err := c.call(lspMethodRename, map[string]any{"textDocument": map[string]any{"uri": uri}, "position": lspPosition{Line: 13, Character: 2}, "newName": "Beta"}, nil)
	if err == nil || err.Message != "the link at line 12 builds its target with a template action: change it by hand, then rename" {
		t.Errorf("rename: %v", err)
	}
}

// TestLSPCodeActionIgnore applies each ignore action the way an editor
// does and checks what the next lint says: the finding is gone and the
// placeholder reason is reported; with a reason written, nothing is left.
// In the front matter the directive is a YAML comment; a CRLF document
// gets CRLF.
func TestLSPCodeActionIgnore(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n"} {
		text := strings.ReplaceAll(lspFlawed, "\n", eol)
		c, uri, pub := lspSession(t, text, nil)
		version := int32(1)
		actions := func(diags []lspDiagnostic) []lspCodeAction {
			t.Helper()
			var out []lspCodeAction
			p := map[string]any{"textDocument": map[string]any{"uri": uri}, "range": diags[0].Range, "context": map[string]any{"diagnostics": diags}}
			if err := json.Unmarshal([]byte(c.request(lspMethodCodeAction, p)), &out); err != nil {
				t.Fatal(err)
			}
			return out
		}
		edit := func(text string, a lspCodeAction) string {
			t.Helper()
			version++
			text = applyEdits(t, text, a.Edit.Changes[uri])
			c.notify(lspMethodDidChange, lspDidChangeParams{TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: version}, ContentChanges: []lspContentChange{{Text: text}}})
			return text
		}
		if len(pub.Diagnostics) != 1 || pub.Diagnostics[0].Code != "placeholder" {
			t.Fatalf("diagnostics %+v, want the placeholder", pub.Diagnostics)
		}
		acts := actions(pub.Diagnostics)
		var titles []string
		for _, a := range acts {
			titles = append(titles, a.Title+" "+string(a.Kind))
			if len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != "placeholder" {
				t.Errorf("%s: diagnostics %+v", a.Title, a.Diagnostics)
			}
		}
		if want := "Ignore placeholder on this line (then write the reason) quickfix\nIgnore placeholder in this file (then write the reason) quickfix"; strings.Join(titles, "\n") != want {
			t.Fatalf("actions:\n%s\nwant:\n%s", strings.Join(titles, "\n"), want)
		}
		lined := edit(text, acts[0])
		if want := strings.Replace(text, "Can I save you a seat?"+eol, "Can I save you a seat? {{- /* inboxlint:ignore placeholder <reason> */}}"+eol, 1); lined != want {
			t.Errorf("%q: line action gave\n%q\nwant\n%q", eol, lined, want)
		}
		// the placeholder is no reason: the directive silences nothing yet
		// and is reported where the reason goes
		p := c.published()
		if len(p.Diagnostics) != 2 || p.Diagnostics[0].Code != "placeholder" || p.Diagnostics[1].Code != "syntax" ||
			p.Diagnostics[1].Message != "inboxlint:ignore placeholder: replace <reason> with why the rule does not apply here" ||
			p.Diagnostics[1].Range != (lspRange{Start: lspPosition{Line: 5, Character: 105}, End: lspPosition{Line: 5, Character: 113}}) {
			t.Errorf("%q: after the line action: %+v", eol, p.Diagnostics)
		}
		edit(strings.Replace(lined, "<reason>", "the speaker is announced on the day", 1), lspCodeAction{Edit: &lspWorkspaceEdit{}})
		if p := c.published(); len(p.Diagnostics) != 0 {
			t.Errorf("%q: with a reason: %+v", eol, p.Diagnostics)
		}
		// back to the flawed text: the file action, in the front matter
		version++
		c.notify(lspMethodDidChange, lspDidChangeParams{TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: version}, ContentChanges: []lspContentChange{{Text: text}}})
		c.published()
		filed := edit(text, acts[1])
		if want := strings.Replace(text, "---"+eol, "---"+eol+"# inboxlint:ignore-file placeholder <reason>"+eol, 1); filed != want {
			t.Errorf("%q: file action gave\n%q\nwant\n%q", eol, filed, want)
		}
		if p := c.published(); len(p.Diagnostics) != 2 || p.Diagnostics[0].Code != "syntax" || p.Diagnostics[0].Range.Start.Line != 1 {
			t.Errorf("%q: after the file action: %+v", eol, p.Diagnostics)
		}
		edit(strings.Replace(filed, "<reason>", "legal fills the names", 1), lspCodeAction{Edit: &lspWorkspaceEdit{}})
		if p := c.published(); len(p.Diagnostics) != 0 {
			t.Errorf("%q: file directive with a reason: %+v", eol, p.Diagnostics)
		}
		// a subject finding: a YAML comment on the subject's line
		long := strings.Replace(text, "saving you a seat?", "saving you a seat at our forecasting session next week?", 1)
		version++
		c.notify(lspMethodDidChange, lspDidChangeParams{TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: version}, ContentChanges: []lspContentChange{{Text: long}}})
		var subject []lspDiagnostic
		for _, d := range c.published().Diagnostics {
			if d.Code == "subject-length" {
				subject = append(subject, d)
			}
		}
		if len(subject) != 1 {
			t.Fatalf("%q: no subject-length finding", eol)
		}
		yamlAct := actions(subject)[0]
		got := edit(long, yamlAct)
		if want := strings.Replace(long, "session next week?\""+eol, "session next week?\" # inboxlint:ignore subject-length <reason>"+eol, 1); got != want {
			t.Errorf("%q: subject action gave\n%q\nwant\n%q", eol, got, want)
		}
		c.published()
		edit(strings.Replace(got, "<reason>", "the long name is the point", 1), lspCodeAction{Edit: &lspWorkspaceEdit{}})
		for _, d := range c.published().Diagnostics {
			if d.Code == "subject-length" || d.Code == "syntax" {
				t.Errorf("%q: %s reported after the YAML directive: %s", eol, d.Code, d.Message)
			}
		}
	}
}

// A client that sends no diagnostics in the context gets the actions of
// the last lint's findings in the range; a request only for other kinds
// gets none; the syntax rule is never offered for ignoring.
func TestLSPCodeActionContext(t *testing.T) {
	c, uri, _ := lspSession(t, lspFlawed, nil)
	ask := func(rng lspRange, only []string) []string {
		t.Helper()
		ctx := map[string]any{"diagnostics": []any{}}
		if only != nil {
			ctx["only"] = only
		}
		var out []lspCodeAction
		if err := json.Unmarshal([]byte(c.request(lspMethodCodeAction, map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng, "context": ctx})), &out); err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, a := range out {
			titles = append(titles, a.Title)
		}
		return titles
	}
	line5 := lspRange{Start: lspPosition{Line: 5, Character: 0}, End: lspPosition{Line: 5, Character: 1}}
	if got := ask(lspRange{Start: lspPosition{Line: 5, Character: 8}, End: lspPosition{Line: 5, Character: 8}}, nil); len(got) != 2 || !strings.HasPrefix(got[0], "Ignore placeholder on this line") {
		t.Errorf("range on the finding: %v", got)
	}
	if got := ask(line5, nil); len(got) != 0 {
		t.Errorf("range before the finding: %v, want none", got)
	}
	if got := ask(lspRange{Start: lspPosition{Line: 5, Character: 8}, End: lspPosition{Line: 5, Character: 8}}, []string{"refactor"}); len(got) != 0 {
		t.Errorf("only refactor: %v, want none", got)
	}
	syntax := lspDiagnostic{Range: line5, Code: "syntax", Source: "inboxlint", Message: "x"}
	var out []lspCodeAction
	if err := json.Unmarshal([]byte(c.request(lspMethodCodeAction, map[string]any{"textDocument": map[string]any{"uri": uri}, "range": line5, "context": map[string]any{"diagnostics": []lspDiagnostic{syntax}}})), &out); err != nil || len(out) != 0 {
		t.Errorf("syntax: %+v %v, want no action", out, err)
	}
}

// A change to a watched config re-lints the open documents under it,
// and a changed members file re-lints every one: the reload.
func TestLSPWatchedFiles(t *testing.T) {
	c, uri, pub := lspSession(t, lspFlawed, nil)
	if len(pub.Diagnostics) != 1 || pub.Diagnostics[0].Severity != lspSeverityError {
		t.Fatalf("first lint: %+v", pub.Diagnostics)
	}
	dir := filepath.Dir(strings.TrimPrefix(uri, "file://"))
	cfg := filepath.Join(dir, ".inboxlint.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  placeholder: warning\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(lspMethodDidChangeWatched, lspDidChangeWatchedFilesParams{Changes: []lspFileEvent{{URI: fileURI(cfg), Type: 1}}})
	if p := c.published(); len(p.Diagnostics) != 1 || p.Diagnostics[0].Severity != lspSeverityWarning {
		t.Errorf("after the config changed: %+v", p.Diagnostics)
	}
	// a config elsewhere concerns no open document
	c.notify(lspMethodDidChangeWatched, lspDidChangeWatchedFilesParams{Changes: []lspFileEvent{{URI: fileURI(filepath.Join(dir, "sub", ".inboxlint.yaml")), Type: 1}}})
	// a members file the config names
	members := filepath.Join(dir, "members.csv")
	if err := os.WriteFile(members, []byte("first_name,last_name,job_title,company_name,industry\nAda,Lovelace,Analyst,Engines,Computing\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte("members: members.csv\nrules:\n  placeholder: warning\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(lspMethodDidChangeWatched, lspDidChangeWatchedFilesParams{Changes: []lspFileEvent{{URI: fileURI(members), Type: 2}}})
	c.published()
	var h lspHover
	if err := json.Unmarshal([]byte(c.request(lspMethodHover, at(uri, 3, 12))), &h); err != nil {
		t.Fatal(err)
	}
	mustMatch(t, "members reloaded", h.Contents.Value, "^\\*\\*%FIRSTNAME%\\*\\* for each sample member:\n\n- Ada Lovelace: ` Ada `\n\nLinkedIn's fallback")
	c.noMoreNotes()
}

// A client that can watch files is asked to, once initialized.
func TestLSPRegistersWatchers(t *testing.T) {
	s := newLSPServer("")
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	go s.serve(inR, outW, io.Discard)
	got := make(chan string, 1)
	handler := jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
		if !req.Notif {
			got <- req.Method + " " + paramsOf(req)
		}
		return nil, nil
	})
	conn := jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(pipes{Reader: outR, Writer: inW, closers: []io.Closer{inW, outR}}, jsonrpc2.VSCodeObjectCodec{}), handler)
	defer conn.Close()
	caps := map[string]any{"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}
	if err := conn.Call(context.Background(), lspMethodInitialize, map[string]any{"capabilities": caps}, nil); err != nil {
		t.Fatal(err)
	}
	if err := conn.Notify(context.Background(), lspMethodInitialized, map[string]any{}); err != nil {
		t.Fatal(err)
	}
	select {
	case g := <-got:
		want := `client/registerCapability {"registrations":[{"id":"inboxlint-watch","method":"workspace/didChangeWatchedFiles","registerOptions":{"watchers":[{"globPattern":"**/.inboxlint.yaml"},{"globPattern":"**/.inboxlint.yml"},{"globPattern":"**/*.{csv,json,yaml,yml}"},{"globPattern":"**/*.md"}]}}]}`
		if g != want {
			t.Errorf("request\n%s\nwant\n%s", g, want)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("no registration")
	}
}

// A members file of many members: the hover lists the first 25 and says
// how many more there are. A var whose name {{ . }} cannot read is not
// offered.
func TestLSPHoverManyMembers(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("first_name,last_name,job_title,company_name,industry\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&csv, "Ada%d,Lovelace,Analyst,Engines,Computing\n", i)
	}
	text := strings.Replace(lspFlawed, "format: message\n", "format: message\nmembers: members.csv\nvars:\n  ok_name: 1\n  bad-name: 2\n", 1)
	c, uri, _ := lspSession(t, text, map[string]string{"members.csv": csv.String()})
	var h lspHover
	if err := json.Unmarshal([]byte(c.request(lspMethodHover, at(uri, 7, 12))), &h); err != nil {
		t.Fatal(err)
	}
	mustMatch(t, "many members", h.Contents.Value, "\n- Ada25 Lovelace: ` Ada25 `\n- … and 5 more\n\nLinkedIn's fallback")
	if strings.Contains(h.Contents.Value, "Ada26") {
		t.Errorf("hover lists more than 25 members")
	}
	c.notify(lspMethodDidChange, lspDidChangeParams{TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: 2}, ContentChanges: []lspContentChange{{Text: strings.Replace(text, "Hi 😀", "Hi {{ .", 1)}}})
	var list lspCompletionList
	if err := json.Unmarshal([]byte(c.request(lspMethodCompletion, at(uri, 9, 7))), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 1 || list.Items[0].Label != "ok_name" {
		t.Errorf("vars offered: %+v, want ok_name only", list.Items)
	}
}

// A fix becomes a quick fix for its finding with its edits; a certain
// one is preferred; the title is escaped and capitalized.
func TestLSPFixAction(t *testing.T) {
	diag := placeholderAt(5, 6, 20)
	edits := []lspTextEdit{{Range: diag.Range, NewText: "%FIRSTNAME%"}}
	got := lspFixAction("file:///a.md", diag, lspFix{title: "write %FIRSTNAME%\x1b[2J", certain: true, edits: edits})
	j, _ := json.Marshal(got)
	want := `{"title":"Write %FIRSTNAME%\\x1b[2J","kind":"quickfix","diagnostics":[` + string(mustJSON(t, diag)) + `],"isPreferred":true,` +
		`"edit":{"changes":{"file:///a.md":[{"range":{"start":{"line":5,"character":6},"end":{"line":5,"character":20}},"newText":"%FIRSTNAME%"}]}}}`
	if string(j) != want {
		t.Errorf("certain fix:\n%s\nwant\n%s", j, want)
	}
	if got := lspFixAction("file:///a.md", diag, lspFix{title: "shorten the subject", edits: edits}); got.IsPreferred || got.Title != "Shorten the subject" {
		t.Errorf("suggestion: %+v", got)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Hover's limits are the config's: a rule's options as the nearest
// .inboxlint.yaml sets them, none for a rule it turns off.
func TestLSPHoverConfiguredLimits(t *testing.T) {
	cfg := "rules:\n  subject-length:\n    visible: 30\n    max: 50\n  cta-length: off\n"
	c, uri, _ := lspSession(t, lspConversation, map[string]string{".inboxlint.yaml": cfg})
	var h lspHover
	if err := json.Unmarshal([]byte(c.request(lspMethodHover, at(uri, 3, 35))), &h); err != nil {
		t.Fatal(err)
	}
	if want := "subject: 42 characters as written, at most 45 rendered (Jordan Lee \\(personalization off\\) · variant ops)\n- inbox preview 30 (`subject-length`): over by 15\n- LinkedIn's limit 50 (`subject-length`): fits"; h.Contents.Value != want {
		t.Errorf("subject hover:\n%s\nwant:\n%s", h.Contents.Value, want)
	}
	if err := json.Unmarshal([]byte(c.request(lspMethodHover, at(uri, 15, 4))), &h); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(h.Contents.Value, "cta-length") || !strings.HasSuffix(h.Contents.Value, "button label: 10 characters as written, at most 10 rendered (Emily Carter · variant vp)") {
		t.Errorf("button hover with cta-length off:\n%s", h.Contents.Value)
	}
}

// A finding's own fixes come first among its code actions: a macro in the
// wrong case gets the certain fix, preferred, whose edit replaces exactly
// the macro (UTF-16 columns, after an emoji).
func TestLSPCodeActionFixes(t *testing.T) {
	doc := "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, saving you a seat?\"\n---\n" +
		"Hi 😀 %firstname%, our head of analytics walks through the model. Can I save you a seat?\n\n- [Save my seat](leadform:webinar)\n"
	c, uri, _ := lspSession(t, doc, nil)
	at := lspRange{Start: lspPosition{Line: 5, Character: 7}, End: lspPosition{Line: 5, Character: 7}}
	var out []lspCodeAction
	if err := json.Unmarshal([]byte(c.request(lspMethodCodeAction, map[string]any{"textDocument": map[string]any{"uri": uri}, "range": at, "context": map[string]any{"diagnostics": []any{}}})), &out); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no code actions")
	}
	fix := out[0]
	edits := fix.Edit.Changes[uri]
	want := lspRange{Start: lspPosition{Line: 5, Character: 6}, End: lspPosition{Line: 5, Character: 17}}
	if !fix.IsPreferred || fix.Kind != lspCodeActionQuickFix || len(edits) != 1 || edits[0].NewText != "%FIRSTNAME%" || edits[0].Range != want {
		t.Errorf("first action %+v (edits %+v), want the preferred quick fix writing %%FIRSTNAME%% at %+v", fix, edits, want)
	}
	if !strings.Contains(fix.Title, "%FIRSTNAME%") {
		t.Errorf("title %q", fix.Title)
	}
	if last := out[len(out)-1]; !strings.HasPrefix(last.Title, "Ignore unknown-macro in this file") {
		t.Errorf("last action %q, want the ignore-in-file one", last.Title)
	}
}
