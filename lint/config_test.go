package lint_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/rules"
)

const fullConfig = `members: testdata/members.csv
count: graphemes
fail-on: warning
include: ["ads/**/*.md"]
exclude: ads/archive/**
rules:
  subject-length: {visible: 30, max: 50}
  closing-question: {enabled: false}
  cta-specificity: {severity: error, vague: ["Learn More"]}
  body-length: off
  hype: on
  placeholder: warning
custom:
  - id: no-synergy
    kind: forbidden
    pattern: '(?i)\bsynerg(y|ies)\b'
    message: say what the product does instead of "synergy"
    scope: [subject, body]
    severity: error
  - id: e-mail
    kind: substitute
    replace:
      email: e-mail
  - id: disclaimer
    kind: required
    pattern: Terms apply
    message: add the disclaimer
`

func TestParseConfig(t *testing.T) {
	name := filepath.Join("team", "ads", ".inboxlint.yaml")
	c, err := lint.ParseConfig(name, []byte("\xEF\xBB\xBF"+fullConfig))
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != name || c.Dir != filepath.Join("team", "ads") {
		t.Errorf("Path, Dir = %q, %q", c.Path, c.Dir)
	}
	if want := filepath.Join("team", "ads", "testdata", "members.csv"); c.Members != want {
		t.Errorf("Members = %q, want %q", c.Members, want)
	}
	if c.Count != render.CountGraphemes || !c.CountSet() {
		t.Errorf("Count = %v (set %v), want graphemes", c.Count, c.CountSet())
	}
	if c.FailOn != lint.FailOnWarning {
		t.Errorf("FailOn = %q", c.FailOn)
	}
	if !reflect.DeepEqual(c.Include, []string{"ads/**/*.md"}) || !reflect.DeepEqual(c.Exclude, []string{"ads/archive/**"}) {
		t.Errorf("Include, Exclude = %q, %q", c.Include, c.Exclude)
	}

	type ruleWant struct {
		enabled  string // "", "true", "false"
		severity lint.Severity
		options  []string // option keys
		line     int
		col      int
	}
	wantRules := map[string]ruleWant{
		"subject-length":   {"", 0, []string{"visible", "max"}, 7, 3},
		"closing-question": {"false", 0, nil, 8, 3},
		"cta-specificity":  {"", lint.SeverityError, []string{"vague"}, 9, 3},
		"body-length":      {"false", 0, nil, 10, 3},
		"hype":             {"true", 0, nil, 11, 3},
		"placeholder":      {"", lint.SeverityWarning, nil, 12, 3},
	}
	if len(c.Rules) != len(wantRules) {
		t.Errorf("%d rules configured, want %d", len(c.Rules), len(wantRules))
	}
	for id, w := range wantRules {
		rc := c.Rules[id]
		if rc == nil {
			t.Errorf("rule %s not configured", id)
			continue
		}
		enabled := ""
		if rc.Enabled != nil {
			enabled = map[bool]string{true: "true", false: "false"}[*rc.Enabled]
		}
		var opts []string
		if rc.Options != nil {
			for i := 0; i < len(rc.Options.Content); i += 2 {
				opts = append(opts, rc.Options.Content[i].Value)
			}
		}
		if rc.ID() != id || enabled != w.enabled || rc.Severity != w.severity || !reflect.DeepEqual(opts, w.options) || rc.Line() != w.line || rc.Col() != w.col {
			t.Errorf("rule %s = {id %s enabled %q severity %v options %q at %d:%d}, want %+v", id, rc.ID(), enabled, rc.Severity, opts, rc.Line(), rc.Col(), w)
		}
	}

	if len(c.Custom) != 3 {
		t.Fatalf("%d custom rules, want 3", len(c.Custom))
	}
	syn, sub, req := c.Custom[0], c.Custom[1], c.Custom[2]
	if syn.ID != "no-synergy" || syn.Kind != lint.CustomForbidden || syn.Pattern.String() != `(?i)\bsynerg(y|ies)\b` ||
		syn.Message != `say what the product does instead of "synergy"` || syn.Scope != render.NewFieldSet(render.FieldSubject, render.FieldBody) ||
		syn.Severity != lint.SeverityError || syn.Config() != name || syn.Line() != 14 || syn.Col() != 5 {
		t.Errorf("no-synergy = %+v", syn)
	}
	if sub.ID != "e-mail" || sub.Kind != lint.CustomSubstitute || len(sub.Replace) != 1 || sub.Replace[0].Wrong.String() != "email" ||
		sub.Replace[0].Right != "e-mail" || sub.Severity != lint.SeverityWarning || sub.Scope != render.NewFieldSet(render.FieldSubject, render.FieldBody, render.FieldButtonLabel, render.FieldFooter) {
		t.Errorf("e-mail = %+v", sub)
	}
	if req.ID != "disclaimer" || req.Kind != lint.CustomRequired || req.Pattern.String() != "Terms apply" || req.Line() != 24 {
		t.Errorf("disclaimer = %+v", req)
	}
}

func TestParseConfigEmpty(t *testing.T) {
	for _, in := range []string{"", "# only a comment\n", "\xEF\xBB\xBF"} {
		c, err := lint.ParseConfig("c.yaml", []byte(in))
		if err != nil {
			t.Errorf("ParseConfig(%q): %v", in, err)
			continue
		}
		if c.Count != render.CountUTF16 || c.CountSet() || c.FailOn != 0 || c.Members != "" || len(c.Rules) != 0 || len(c.Custom) != 0 {
			t.Errorf("ParseConfig(%q) = %+v, want the defaults", in, c)
		}
	}
	if c := lint.DefaultConfig(); c.Path != "" || c.Rules == nil {
		t.Errorf("DefaultConfig() = %+v", c)
	}
}

func TestParseConfigErrors(t *testing.T) {
	const f = "cfg/.inboxlint.yaml"
	custom := func(body string) string {
		return "custom:\n  - " + strings.ReplaceAll(strings.TrimSpace(body), "\n", "\n    ") + "\n"
	}
	tests := []struct {
		name, in, want string
	}{
		{"unknown key, did you mean", "count: utf16\nrulez: {}\n", f + `:2:1: unknown key "rulez": did you mean "rules"?`},
		{"lang not a tag", "lang: en_US!\n", f + `:1:7: lang "en_US!" is not a BCP 47 language tag: write one such as de, fr-CA or pt-BR`},
		{"lang empty", "lang: \"\"\n", f + `:1:7: lang is empty: give a BCP 47 language tag such as de, fr-CA or pt-BR`},
		{"unknown key", "colour: red\n", f + `:1:1: unknown key "colour": the keys are members, count, fail-on, lang, include, exclude, rules, custom, root, extends`},
		{"root not a boolean", "root: maybe\n", f + `:1:7: root must be true or false`},
		{"root a list", "root: [true]\n", f + `:1:7: root must be true or false`},
		{"members absolute", "members: /etc/passwd\n", f + `:1:10: members must be a path relative to the config's directory`},
		// file content is quoted only as a short escaped excerpt
		{"long unknown key", strings.Repeat("k", 500) + ": 1\n", f + `:1:1: unknown key "` + strings.Repeat("k", 40) + `"…: the keys are members, count, fail-on, lang, include, exclude, rules, custom, root, extends`},
		{"control characters in a key", "\"a\\x1b[2Kb\": 1\n", f + `:1:1: unknown key "a\x1b[2Kb": the keys are members, count, fail-on, lang, include, exclude, rules, custom, root, extends`},
		{"long bad setting", "rules:\n  hype: " + strings.Repeat("v", 300) + "\n", f + `:2:9: rule "hype": "` + strings.Repeat("v", 40) + `"… is not a setting: use off, on, a severity, or a mapping of options`},
		{"long bad count", "count: " + strings.Repeat("c", 300) + "\n", f + `:1:8: unknown count mode "` + strings.Repeat("c", 40) + `"…: use utf16, graphemes or codepoints`},
		{"long bad fail-on", "fail-on: " + strings.Repeat("f", 300) + "\n", f + `:1:10: unknown fail-on "` + strings.Repeat("f", 40) + `"…: use error, warning, info or never`},
		{"long bad glob", "include: [\"[" + strings.Repeat("g", 300) + "\"]\n", f + `:1:11: include: "[` + strings.Repeat("g", 39) + `"… is not a valid glob pattern`},
		{"long custom bad regexp", custom("id: x\nkind: forbidden\npattern: '(" + strings.Repeat("p", 300) + "'\nmessage: m"), f + ":4:14: custom rule \"x\": invalid pattern: missing closing ): `(" + strings.Repeat("p", 39) + "…`"},
		{"long custom bad id", custom("id: " + strings.Repeat("I", 300) + "\nkind: forbidden\npattern: a\nmessage: m"), f + `:2:9: custom rule id "` + strings.Repeat("I", 40) + `"… must be kebab-case, such as no-synergy`},
		{"duplicate key", "count: utf16\ncount: graphemes\n", f + `:2:1: key "count" appears twice`},
		{"bad count", "count: bytes\n", f + `:1:8: unknown count mode "bytes": use utf16, graphemes or codepoints`},
		{"count not a value", "count: [utf16]\n", f + `:1:8: count must be a single value`},
		{"bad fail-on", "fail-on: sometimes\n", f + `:1:10: unknown fail-on "sometimes": use error, warning, info or never`},
		{"members not a value", "members: {a: b}\n", f + `:1:10: members must be a single value`},
		{"bad glob", "include: [\"ads/**\", \"ads/[\"]\n", f + `:1:21: include: "ads/[" is not a valid glob pattern`},
		{"bad exclude glob", "exclude: \"{a,b\"\n", f + `:1:10: exclude: "{a,b" is not a valid glob pattern`},
		{"glob not a list", "include: {a: b}\n", f + `:1:10: include must be a list of glob patterns`},
		{"rules not a mapping", "rules: [hype]\n", f + `:1:8: rules must be a mapping of rule ids to settings`},
		// yaml.v3 ends a line at U+2028, NEL and U+2029 too; editors and
		// GitHub do not, and the positions are theirs
		{"after a line separator", "members: a.csv\u2028rules: [hype]\n", f + `:1:23: rules must be a mapping of rule ids to settings`},
		{"after a NEL, CRLF", "count: utf16\r\nmembers: a.csv\u0085rules:\u2029- hype\r\n", f + `:2:23: rules must be a mapping of rule ids to settings`},
		{"rule option after a paragraph separator", "rules:\u2029  hype: {severity: fatal}\n", f + `:1:27: rule "hype": unknown severity "fatal": use error, warning or info`},
		{"bad rule setting", "rules:\n  hype: loud\n", f + `:2:9: rule "hype": "loud" is not a setting: use off, on, a severity, or a mapping of options`},
		{"rule setting a list", "rules:\n  hype: [1]\n", f + `:2:9: rule "hype": settings must be a mapping such as {severity: warning}`},
		{"bad severity", "rules:\n  hype: {severity: fatal}\n", f + `:2:20: rule "hype": unknown severity "fatal": use error, warning or info`},
		{"bad enabled", "rules:\n  hype: {enabled: maybe}\n", f + `:2:19: rule "hype": enabled must be true or false`},
		{"rule twice", "rules:\n  hype: off\n  hype: on\n", f + `:3:3: rule "hype" is configured twice`},
		{"not a mapping", "- rules\n", f + `:1:1: config must be a mapping of keys such as rules and members`},
		{"custom not a list", "custom: {id: x}\n", f + `:1:9: custom must be a list of rules, each with id, kind, pattern and message`},
		{"custom item not a mapping", "custom:\n  - x\n", f + `:2:5: a custom rule must be a mapping with id, kind, pattern and message`},
		{"custom bad regexp", custom("id: x\nkind: forbidden\npattern: 'a(b'\nmessage: m"), f + ":4:14: custom rule \"x\": invalid pattern: missing closing ): `a(b`"},
		{"custom bad replace regexp", custom("id: x\nkind: substitute\nreplace: {'[a': b}"), f + ":4:15: custom rule \"x\": invalid pattern \"[a\": missing closing ]: `[a`"},
		{"custom unknown kind", custom("id: x\nkind: banned\npattern: a\nmessage: m"), f + `:3:11: custom rule "x": unknown kind "banned": use forbidden, substitute or required`},
		{"custom no kind", custom("id: x\npattern: a\nmessage: m"), f + `:2:5: custom rule "x": unknown kind "": use forbidden, substitute or required`},
		{"custom bad id", custom("id: NoSynergy\nkind: forbidden\npattern: a\nmessage: m"), f + `:2:9: custom rule id "NoSynergy" must be kebab-case, such as no-synergy`},
		{"custom missing id", custom("kind: forbidden\npattern: a\nmessage: m"), f + `:2:5: custom rule id "" must be kebab-case, such as no-synergy`},
		{"custom duplicate id", "custom:\n  - {id: x, kind: required, pattern: a, message: m}\n  - {id: x, kind: required, pattern: b, message: m}\n", f + `:3:10: custom rule "x" is declared twice`},
		{"custom unknown key", custom("id: x\nkind: forbidden\npatern: a"), f + `:4:5: unknown key "patern" in custom rule: did you mean "pattern"?`},
		{"custom unknown scope", custom("id: x\nkind: forbidden\npattern: a\nmessage: m\nscope: [subject, title]"), f + `:6:12: unknown scope "title": use subject, body, button, footer, sender`},
		{"custom bad severity", custom("id: x\nkind: forbidden\npattern: a\nmessage: m\nseverity: fatal"), f + `:6:15: unknown severity "fatal": use error, warning or info`},
		{"custom no pattern", custom("id: x\nkind: forbidden\nmessage: m"), f + `:2:5: custom rule "x" needs a pattern`},
		{"custom no message", custom("id: x\nkind: required\npattern: a"), f + `:2:5: custom rule "x" needs a message that says what to write instead`},
		{"custom substitute without replace", custom("id: x\nkind: substitute\npattern: a"), f + `:2:5: custom rule "x" needs replace: a mapping of wrong to right`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := lint.ParseConfig(f, []byte(tt.in))
			if err == nil {
				t.Fatalf("no error; config %+v", c)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tt.want)
			}
			var ce *render.FileError
			if !errors.As(err, &ce) {
				t.Errorf("error is a %T, want *render.FileError", err)
			}
		})
	}
}

func TestParseConfigInvalidYAML(t *testing.T) {
	_, err := lint.ParseConfig("c.yaml", []byte("count: utf16\ninclude: \"ads/**\n"))
	if err == nil {
		t.Fatal("no error")
	}
	if want := "c.yaml:2: invalid YAML: found unexpected end of stream"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

// yaml.v3 quotes an alias's anchor whole; a config's error quotes at most
// 40 characters of it, as every YAML input's does (yaml.v3 gives this
// error no line).
func TestParseConfigLongAnchor(t *testing.T) {
	_, err := lint.ParseConfig("c.yaml", []byte("count: *"+strings.Repeat("a", 5000)+"\n"))
	want := "c.yaml: invalid YAML: unknown anchor '" + strings.Repeat("a", 40) + "…' referenced"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
}

// yaml.v3 numbers the lines of parser errors (as opposed to scanner
// errors) from 0, so the line must be corrected before it is shown.
func TestParseConfigInvalidYAMLLine(t *testing.T) {
	_, err := lint.ParseConfig("c.yaml", []byte("count: utf16\ninclude: [a, b\nrules: {}\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "c.yaml:2:") && !strings.HasPrefix(err.Error(), "c.yaml:2: ") {
		t.Errorf("error = %v, want it at line 2", err)
	}
}

func TestConfigErrorFormat(t *testing.T) {
	tests := []struct {
		e    render.FileError
		want string
	}{
		{render.FileError{File: "c.yaml", Line: 3, Col: 7, Msg: "bad"}, "c.yaml:3:7: bad"},
		{render.FileError{File: "c.yaml", Line: 3, Msg: "bad"}, "c.yaml:3: bad"},
		{render.FileError{File: "c.yaml", Msg: "bad"}, "c.yaml: bad"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

// writeConfig writes a config into a temp dir and returns its path.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), lint.ConfigName)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Errors only the engine can find: they depend on the rule set.
func TestConfigRuleErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"unknown option", "rules:\n  subject-length: {visble: 40}\n", `:2:20: rule "subject-length" has no option "visble": did you mean "visible"?`},
		{"option of the wrong type", "rules:\n  subject-length: {max: lots}\n", `:2:25: rule "subject-length": max must be a whole number`},
		{"option the rule rejects", "rules:\n  subject-length: {max: -1}\n", `:2:3: rule "subject-length": visible and max must be positive`},
		{"unknown rule id", "rules:\n  subject-lenght: off\n", `:2:3: unknown rule "subject-lenght": did you mean "subject-length"?`},
		{"custom rule clashes with a built-in", "custom:\n  - id: placeholder\n    kind: forbidden\n    pattern: x\n    message: m\n", `:2:5: custom rule "placeholder" has the id of a built-in rule: choose another id`},
		// config content is quoted only as a short escaped excerpt
		{"long unknown option", "rules:\n  subject-length: {" + strings.Repeat("o", 300) + ": 1}\n", `:2:20: rule "subject-length" has no option "` + strings.Repeat("o", 40) + `"…: its options are enabled, severity, max, visible`},
		{"long option of a rule without options", "rules:\n  sender: {" + strings.Repeat("o", 300) + ": 1}\n", `:2:12: rule "sender" has no option "` + strings.Repeat("o", 40) + `"…: it takes only enabled and severity`},
		{"long unknown rule id", "rules:\n  " + strings.Repeat("r", 300) + ": off\n", `:2:3: unknown rule "` + strings.Repeat("r", 40) + `"…`},
		{"unknown rule id with an escape sequence", "rules:\n  \"a\\e[2Kb\": off\n", `:2:3: unknown rule "a\x1b[2Kb"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeConfig(t, tt.in)
			_, err := lint.NewEngine(lint.Options{Rules: rules.All(), ConfigFile: p})
			if err == nil {
				t.Fatal("no error")
			}
			if want := p + tt.want; err.Error() != want {
				t.Errorf("error:\n%s\nwant:\n%s", err, want)
			}
		})
	}
}

// A rule without options (not lint.Configurable) must reject options
// too, instead of ignoring them and turning the rule on.
func TestConfigOptionOfRuleWithoutOptions(t *testing.T) {
	p := writeConfig(t, "rules:\n  sender: {max: 3}\n")
	_, err := lint.NewEngine(lint.Options{Rules: rules.All(), ConfigFile: p})
	if want := p + `:2:12: rule "sender" has no option "max": it takes only enabled and severity`; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

// A custom rule can be configured in rules: like a built-in one.
func TestConfigCustomRuleConfigured(t *testing.T) {
	p := writeConfig(t, "rules:\n  no-synergy: error\ncustom:\n  - id: no-synergy\n    kind: forbidden\n    pattern: synergy\n    message: avoid synergy\n")
	if _, err := lint.NewEngine(lint.Options{Rules: rules.All(), ConfigFile: p}); err != nil {
		t.Fatal(err)
	}
}

func TestLoadConfigMissing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "nope.yaml")
	for _, root := range []string{dir, "."} { // inside the root and outside it
		r := openRoot(t, root)
		_, err := lint.LoadConfig(r, p)
		if err == nil || err.Error() != "cannot read config: "+p+": no such file or directory" {
			t.Errorf("root %s: error = %v", root, err)
		}
	}
}

func openRoot(t *testing.T, dir string) *repofs.Root {
	t.Helper()
	r, err := repofs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// TestLoadConfigConfined: a config is a regular file under 1 MiB, and one
// found inside the repository is read only there.
func TestLoadConfigConfined(t *testing.T) {
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	if err := os.MkdirAll(filepath.Join(repo, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(base, "outside.yaml"), []byte("count: graphemes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(repo, "big.yaml")
	if err := os.WriteFile(big, []byte("count: utf16\n"+strings.Repeat("#", repofs.MaxConfigSize)), 0o644); err != nil {
		t.Fatal(err)
	}
	root := openRoot(t, repo)
	if _, err := lint.LoadConfig(root, big); err == nil || err.Error() != "cannot read config: "+big+": larger than 1 MiB, the most a config may be" {
		t.Errorf("a config over 1 MiB: %v", err)
	}
	if _, err := lint.LoadConfig(root, repo); err == nil || err.Error() != "cannot read config: "+repo+": a directory, not a regular file" {
		t.Errorf("a directory: %v", err)
	}
	link := filepath.Join(repo, "sub", lint.ConfigName)
	if err := os.Symlink(filepath.Join("..", "..", "outside.yaml"), link); err != nil {
		t.Skip(err)
	}
	if _, err := lint.LoadConfig(root, link); err == nil || err.Error() != "cannot read config: "+link+": a symbolic link that leads outside the repository" {
		t.Errorf("a link out of the repository: %v", err)
	}
	// named outside the repository, the user's choice
	if c, err := lint.LoadConfig(root, filepath.Join(base, "outside.yaml")); err != nil || c.Count != render.CountGraphemes {
		t.Errorf("a config outside the repository: %+v, %v", c, err)
	}
}

func TestConfigMatches(t *testing.T) {
	dir := t.TempDir()
	c := &lint.Config{Dir: dir, Include: []string{"ads/**/*.md"}, Exclude: []string{"ads/archive/**"}}
	tests := []struct {
		path string
		want bool
	}{
		{filepath.Join(dir, "ads", "webinar.md"), true},
		{filepath.Join(dir, "ads", "q3", "demo.md"), true},
		{filepath.Join(dir, "ads", "archive", "old.md"), false},
		{filepath.Join(dir, "ads", "archive", "2023", "old.md"), false},
		{filepath.Join(dir, "drafts", "new.md"), false},
		{filepath.Join(dir, "README.md"), false},
		{filepath.Join(dir, "ads", "notes.txt"), false},
	}
	for _, tt := range tests {
		if got := c.Matches(tt.path); got != tt.want {
			t.Errorf("Matches(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	// A relative path is taken from the working directory.
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rc := &lint.Config{Dir: wd, Exclude: []string{"drafts/**"}}
	if rc.Matches(filepath.Join("drafts", "x.md")) || !rc.Matches(filepath.Join("ads", "x.md")) {
		t.Errorf("relative paths are not matched against the config's directory")
	}
	// No globs: everything.
	if !(&lint.Config{Dir: dir}).Matches("/anywhere/x.md") {
		t.Errorf("a config without globs does not match everything")
	}
	// Exclude only.
	ex := &lint.Config{Dir: dir, Exclude: []string{"**/draft-*.md"}}
	if ex.Matches(filepath.Join(dir, "a", "draft-1.md")) || !ex.Matches(filepath.Join(dir, "a", "final.md")) {
		t.Errorf("exclude-only config matches wrongly")
	}
}

func TestFindConfig(t *testing.T) {
	// base holds a config above the repository (a shared /tmp or $HOME):
	// it never applies.
	base := t.TempDir()
	root := filepath.Join(base, "repo")
	mk := func(parts ...string) string {
		p := filepath.Join(append([]string{root}, parts...)...)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write := func(p string) {
		if err := os.WriteFile(p, []byte("count: utf16\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk()
	if err := os.WriteFile(filepath.Join(base, lint.ConfigName), []byte("count: graphemes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a := mk("a")
	deep := mk("a", "b", "c", "d")
	yml := mk("a", "yml")
	dirNamed := mk("a", "dir", lint.ConfigName) // a directory, not a config
	none := mk("none", "x")
	write(filepath.Join(a, lint.ConfigName))
	write(filepath.Join(yml, ".inboxlint.yml"))

	r := openRoot(t, root)
	if above := lint.FindConfig(r, root); above != "" {
		t.Fatalf("FindConfig(root) = %q, want nothing: the config above the repository does not count", above)
	}
	const above = ""
	tests := []struct {
		dir, want string
	}{
		{a, filepath.Join(a, lint.ConfigName)},
		{deep, filepath.Join(a, lint.ConfigName)},
		{yml, filepath.Join(yml, ".inboxlint.yml")},
		{filepath.Join(yml, "sub"), filepath.Join(yml, ".inboxlint.yml")}, // need not exist
		{filepath.Dir(dirNamed), filepath.Join(a, lint.ConfigName)},
		{dirNamed, filepath.Join(a, lint.ConfigName)},
		{none, above},
	}
	for _, tt := range tests {
		if got := lint.FindConfig(r, tt.dir); got != tt.want {
			t.Errorf("FindConfig(%q) = %q, want %q", tt.dir, got, tt.want)
		}
	}
	// .inboxlint.yaml wins over .inboxlint.yml in the same directory.
	write(filepath.Join(yml, lint.ConfigName))
	if got, want := lint.FindConfig(r, yml), filepath.Join(yml, lint.ConfigName); got != want {
		t.Errorf("FindConfig with both names = %q, want %q", got, want)
	}
}

func TestParseFailOn(t *testing.T) {
	tests := []struct {
		in   string
		want lint.FailOn
		err  string
	}{
		{"error", lint.FailOnError, ""},
		{"warning", lint.FailOnWarning, ""},
		{"info", lint.FailOnInfo, ""},
		{"never", lint.FailOnNever, ""},
		{"Error", 0, `unknown fail-on "Error": use error, warning, info or never`},
		{"", 0, `unknown fail-on "": use error, warning, info or never`},
	}
	for _, tt := range tests {
		got, err := lint.ParseFailOn(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && err.Error() != tt.err {
			t.Errorf("ParseFailOn(%q) = %v, %v, want %v, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}
