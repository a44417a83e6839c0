package lint_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/rules"
)

const cascadeAd = "---\nformat: message\nsender: Dana\nsubject: TODO synergy\n---\nBody TODO.\n"

// configFor is the effective config for file in a tree at dir, from
// inside dir.
func configFor(t *testing.T, dir, file string, opts lint.Options) (*lint.Config, error) {
	t.Helper()
	t.Chdir(dir)
	opts.Rules = rules.All()
	opts.Root = dir
	eng, err := lint.NewEngine(opts)
	if err != nil {
		return nil, err
	}
	defer eng.Close()
	return eng.ConfigFor(file)
}

func TestConfigCascade(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".inboxlint.yaml": `members: members.csv
count: graphemes
fail-on: warning
exclude: ["**/draft-*.md"]
rules:
  subject-length: {visible: 30, max: 50}
  placeholder: {severity: error}
  hype: off
custom:
  - {id: no-synergy, kind: forbidden, pattern: synergy, message: say what it does}
  - {id: no-hi, kind: forbidden, pattern: Hi, message: do not say hi}
`,
		"ads/.inboxlint.yaml": `count: utf16
rules:
  subject-length: {max: 45}
  hype: warning
custom:
  - {id: no-synergy, kind: forbidden, pattern: '(?i)synergy', message: name the benefit, severity: error}
`,
		"ads/q3/.inboxlint.yml": "fail-on: error\n",
	})
	c, err := configFor(t, dir, filepath.Join("ads", "q3", "x.md"), lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Count != render.CountUTF16 || c.FailOn != lint.FailOnError || c.Members != "members.csv" {
		t.Errorf("count %v, fail-on %q, members %q: want utf16 (ads/), error (ads/q3/), members.csv (root)", c.Count, c.FailOn, c.Members)
	}
	if c.Path != filepath.Join("ads", "q3", ".inboxlint.yml") {
		t.Errorf("Path = %q, want the nearest config", c.Path)
	}
	if want := []string{".inboxlint.yaml", filepath.Join("ads", ".inboxlint.yaml"), filepath.Join("ads", "q3", ".inboxlint.yml")}; strings.Join(c.Files, " ") != strings.Join(want, " ") {
		t.Errorf("Files = %q, want %q", c.Files, want)
	}
	// rules merge by id, options key by key
	sl := c.Rules["subject-length"]
	if sl == nil || sl.Options == nil {
		t.Fatalf("subject-length = %+v", sl)
	}
	var got []string
	for i := 0; i+1 < len(sl.Options.Content); i += 2 {
		got = append(got, sl.Options.Content[i].Value+"="+sl.Options.Content[i+1].Value)
	}
	if strings.Join(got, " ") != "visible=30 max=45" {
		t.Errorf("subject-length options = %q, want visible=30 (root) max=45 (ads/)", got)
	}
	if p := c.Rules["placeholder"]; p == nil || p.Severity != lint.SeverityError {
		t.Errorf("placeholder = %+v, want the root's severity error", p)
	}
	// a nearer severity turns a rule a farther config turned off back on
	if h := c.Rules["hype"]; h == nil || h.Enabled != nil || h.Severity != lint.SeverityWarning {
		t.Errorf("hype = %+v, want on (Enabled nil) at warning", h)
	}
	// custom rules merge by id, the nearer replacing the farther whole
	if len(c.Custom) != 2 || c.Custom[0].ID != "no-synergy" || c.Custom[0].Message != "name the benefit" || c.Custom[0].Severity != lint.SeverityError || c.Custom[1].ID != "no-hi" {
		t.Errorf("custom = %+v", c.Custom)
	}
	origins := map[string]string{}
	for k, o := range c.Origins {
		origins[k] = filepath.ToSlash(o.String())
	}
	for key, want := range map[string]string{
		"members":                      ".inboxlint.yaml:1",
		"count":                        "ads/.inboxlint.yaml:1",
		"fail-on":                      "ads/q3/.inboxlint.yml:1",
		"exclude":                      ".inboxlint.yaml:4",
		"rules.subject-length.visible": ".inboxlint.yaml:6",
		"rules.subject-length.max":     "ads/.inboxlint.yaml:3",
		"rules.hype.severity":          "ads/.inboxlint.yaml:4",
		"rules.hype.enabled":           ".inboxlint.yaml:8",
		"custom.no-synergy":            "ads/.inboxlint.yaml:6",
		"custom.no-hi":                 ".inboxlint.yaml:11",
	} {
		if origins[key] != want {
			t.Errorf("origin of %s = %q, want %q", key, origins[key], want)
		}
	}
	// the exclude glob stays relative to the root config's directory
	if c.Matches(filepath.Join("ads", "q3", "draft-1.md")) || !c.Matches(filepath.Join("ads", "q3", "final.md")) {
		t.Error("exclude **/draft-*.md from the root config does not apply in ads/q3/")
	}
}

// The whole chain, end to end: house custom rules keep applying in a
// subfolder whose config sets something else (the reproduction).
func TestConfigCascadeRun(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".inboxlint.yaml":     "custom:\n  - {id: no-synergy, kind: forbidden, pattern: synergy, message: say what it does, severity: error}\n",
		"ads/.inboxlint.yaml": "rules:\n  placeholder: off\n",
		"ads/x.md":            cascadeAd,
	})
	res, err := lint.Run(lint.Options{Rules: runRules(t), Root: dir}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "findings", diagLines(dir, res.Diagnostics), []string{
		`ads/x.md:4:15-4:22 no-synergy error say what it does (found "synergy")`,
	})
}

func TestConfigRootStopsTheWalk(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".inboxlint.yaml":         "fail-on: warning\ncount: graphemes\n",
		"team/.inboxlint.yaml":    "root: true\ncount: codepoints\n",
		"team/ads/.inboxlint.yml": "members: m.csv\n",
	})
	c, err := configFor(t, dir, filepath.Join("team", "ads", "x.md"), lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != 0 || c.Count != render.CountCodePoints || c.Members != filepath.Join("team", "ads", "m.csv") {
		t.Errorf("fail-on %q, count %v, members %q: want unset (above root: true), codepoints, team/ads/m.csv", c.FailOn, c.Count, c.Members)
	}
	if len(c.Files) != 2 {
		t.Errorf("Files = %q, want team/ and team/ads/ only", c.Files)
	}
}

func TestConfigExtends(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"shared/base.yaml":   "count: graphemes\nfail-on: warning\nrules:\n  hype: error\n  placeholder: off\n",
		"shared/brand.yaml":  "extends: base.yaml\nrules:\n  hype: info\ncustom:\n  - {id: no-hi, kind: forbidden, pattern: Hi, message: do not say hi}\n",
		".inboxlint.yaml":    "extends: [shared/brand.yaml, shared/strict.yaml]\nfail-on: error\n",
		"shared/strict.yaml": "rules:\n  placeholder: {severity: error}\n",
	})
	c, err := configFor(t, dir, "x.md", lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Count != render.CountGraphemes || c.FailOn != lint.FailOnError {
		t.Errorf("count %v, fail-on %q: want graphemes (base.yaml), error (the config's own)", c.Count, c.FailOn)
	}
	if h := c.Rules["hype"]; h == nil || h.Severity != lint.SeverityInfo {
		t.Errorf("hype = %+v, want info (brand.yaml over base.yaml)", h)
	}
	// strict.yaml comes after brand.yaml: its severity turns placeholder back on
	if p := c.Rules["placeholder"]; p == nil || p.Enabled != nil || p.Severity != lint.SeverityError {
		t.Errorf("placeholder = %+v, want on at error", p)
	}
	if len(c.Custom) != 1 || c.Custom[0].Config() != filepath.Join("shared", "brand.yaml") {
		t.Errorf("custom = %+v, want no-hi from shared/brand.yaml", c.Custom)
	}
	want := []string{filepath.Join("shared", "base.yaml"), filepath.Join("shared", "brand.yaml"), filepath.Join("shared", "strict.yaml"), ".inboxlint.yaml"}
	if strings.Join(c.Files, " ") != strings.Join(want, " ") {
		t.Errorf("Files = %q, want %q", c.Files, want)
	}
	// --config with extends: the same file and what it extends, alone
	c, err = configFor(t, dir, "x.md", lint.Options{ConfigFile: filepath.Join("shared", "brand.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != lint.FailOnWarning || len(c.Files) != 2 {
		t.Errorf("--config: fail-on %q, files %q; want warning from base.yaml, 2 files", c.FailOn, c.Files)
	}
}

func TestConfigExtendsErrors(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "shared.yaml"), []byte("count: graphemes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(t.TempDir(), outside)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"missing", map[string]string{".inboxlint.yaml": "count: utf16\nextends: nope.yaml\n"},
			[]string{`^\.inboxlint\.yaml:2:10: extends: cannot read config: nope\.yaml: .*no such file`}},
		{"cycle", map[string]string{".inboxlint.yaml": "extends: a.yaml\n", "a.yaml": "extends: b.yaml\n", "b.yaml": "extends: [a.yaml]\n"},
			[]string{`^b\.yaml:1:11: extends makes a cycle: a\.yaml → b\.yaml → a\.yaml$`}},
		{"itself", map[string]string{".inboxlint.yaml": "extends: .inboxlint.yaml\n"},
			[]string{`^\.inboxlint\.yaml:1:10: extends makes a cycle: \.inboxlint\.yaml → \.inboxlint\.yaml$`}},
		{"outside the repository", map[string]string{".inboxlint.yaml": "extends: ../" + filepath.ToSlash(filepath.Join(rel, "shared.yaml")) + "\n"},
			[]string{`^\.inboxlint\.yaml:1:10: extends: cannot read config: .*outside the repository`}},
		{"absolute", map[string]string{".inboxlint.yaml": "extends: " + filepath.Join(outside, "shared.yaml") + "\n"},
			[]string{`^\.inboxlint\.yaml:1:10: extends ".*"… is an absolute path: write it relative to this config's directory, inside the repository$`}},
		{"not a path", map[string]string{".inboxlint.yaml": "extends: {a: b}\n"},
			[]string{`^\.inboxlint\.yaml:1:10: extends must be a path or a list of paths to other configs$`}},
		{"an extended file's errors, all of them", map[string]string{".inboxlint.yaml": "extends: base.yaml\n", "base.yaml": "count: bytes\nfail-on: sometimes\n"},
			[]string{`^base\.yaml:1:8: unknown count mode "bytes"`, `^base\.yaml:2:10: unknown fail-on "sometimes"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			_, err := configFor(t, dir, "x.md", lint.Options{})
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.Split(err.Error(), "\n")
			if len(got) != len(tt.want) {
				t.Fatalf("errors:\n%s\nwant %d", err, len(tt.want))
			}
			for i, re := range tt.want {
				if !matches(re, filepath.ToSlash(got[i])) {
					t.Errorf("error %d = %q, want %s", i, got[i], re)
				}
			}
		})
	}
}

// All the errors of a file are reported at once, in the file's order,
// those the parser finds and those only the rule set can.
func TestConfigAllErrorsAtOnce(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".inboxlint.yaml": `count: bytes
colour: red
rules:
  hype: loud
  subject-lenght: off
  subject-length: {max: lots, visbile: 3}
custom:
  - {id: Bad, kind: forbidden, pattern: a, message: m}
  - {id: ok, kind: banned}
`,
	})
	_, err := lint.ParseConfig(".inboxlint.yaml", []byte(`count: bytes
colour: red
rules:
  hype: loud
custom:
  - {id: Bad, kind: forbidden, pattern: a, message: m}
  - {id: ok, kind: banned}
`))
	sameLines(t, "parse errors", strings.Split(err.Error(), "\n"), []string{
		`.inboxlint.yaml:1:8: unknown count mode "bytes": use utf16, graphemes or codepoints`,
		`.inboxlint.yaml:2:1: unknown key "colour": the keys are members, count, fail-on, lang, include, exclude, rules, custom, root, extends`,
		`.inboxlint.yaml:4:9: rule "hype": "loud" is not a setting: use off, on, a severity, or a mapping of options`,
		`.inboxlint.yaml:6:10: custom rule id "Bad" must be kebab-case, such as no-synergy`,
		`.inboxlint.yaml:7:20: custom rule "ok": unknown kind "banned": use forbidden, substitute or required`,
	})
	// the rule set's errors come once the file parses
	if err := os.WriteFile(filepath.Join(dir, ".inboxlint.yaml"), []byte("rules:\n  subject-lenght: off\n  subject-length: {max: lots, visbile: 3}\n  sender: {max: 2}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = configFor(t, dir, "x.md", lint.Options{})
	if err == nil {
		t.Fatal("no error")
	}
	sameLines(t, "rule errors", strings.Split(err.Error(), "\n"), []string{
		`.inboxlint.yaml:2:3: unknown rule "subject-lenght": did you mean "subject-length"?`,
		`.inboxlint.yaml:3:25: rule "subject-length": max must be a whole number`,
		`.inboxlint.yaml:3:31: rule "subject-length" has no option "visbile": did you mean "visible"?`,
		`.inboxlint.yaml:4:12: rule "sender" has no option "max": it takes only enabled and severity`,
	})
}

func matches(re, s string) bool { return regexp.MustCompile(re).MatchString(s) }
