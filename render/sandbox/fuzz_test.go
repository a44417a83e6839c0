package sandbox

// Native fuzz targets for the sandbox. Each asserts invariants, not only
// the absence of a panic: errors have valid spans and one-line messages,
// output stays under the output cap, results are deterministic and the
// sandbox never hands out the environment or a file's content. Seeds come
// from the hostile inputs in testdata/fuzz/<Target>/. Run one target at a
// time:
//
//	go test ./render/sandbox -run '^$' -fuzz '^FuzzSandbox$' -fuzztime 60s
//
// .ci/fuzz.sh runs each briefly.

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// fzLimits are the limits the targets render with: DefaultLimits, whose
// work budgets make every result the same on every run, so the targets
// compare runs. Only the safety time limit depends on the machine.
var fzLimits = DefaultLimits

// fzTimedOut reports whether a problem is the sandbox's safety time limit,
// which depends on the machine's speed: such runs are not compared.
func fzTimedOut(msg string) bool { return strings.Contains(msg, "safety time limit") }

const fzSecretEnv = "INBOXLINT_FUZZ_SECRET"

// fzSecrets puts a random secret in the environment and another in a file,
// for the sandbox targets to look for in their output.
func fzSecrets(f *testing.F) (envSecret, fileSecret, path string) {
	f.Helper()
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		f.Fatal(err)
	}
	envSecret = "env-" + hex.EncodeToString(b[:12])
	fileSecret = "file-" + hex.EncodeToString(b[12:])
	// f.Setenv cannot be used with f.Fuzz; the value only matters to this
	// process, and a random one cannot collide with anything.
	if err := os.Setenv(fzSecretEnv, envSecret); err != nil {
		f.Fatal(err)
	}
	path = filepath.Join(f.TempDir(), "secret.txt")
	if err := os.WriteFile(path, []byte(fileSecret+"\n"), 0o600); err != nil {
		f.Fatal(err)
	}
	return envSecret, fileSecret, path
}

// FuzzSandbox parses and executes one field with data that names the
// secrets. Invariants: errors have a valid span and a one-line message; the
// output is at most the output cap; the segments cover the output and the
// text in order, literal ones verbatim; the environment's and the file's
// secrets never appear in the output or an error; executing twice with the
// same data gives the same result (so nothing modifies the data).
func FuzzSandbox(f *testing.F) {
	envSecret, fileSecret, path := fzSecrets(f)
	for _, s := range []string{
		`Hi {{ .name }}, {{ .n | add 1 }} seats`,
		`{{ env "` + fzSecretEnv + `" }}{{ env .envname }}{{ expandenv "$` + fzSecretEnv + `" }}`,
		`{{ readFile .path }}{{ .path | osBase }}{{ include .path . }}{{ tpl .path . }}`,
		`{{ range .big }}{{ end }}{{ range until 100000 }}{{ end }}{{ repeat 100000000 "x" }}`,
		`{{ range $i, $e := .list }}{{ $i }}={{ $e }}{{ end }}{{ printf "%v %#v" . $ }}`,
		`{{ define "x" }}{{ template "x" }}{{ end }}{{ template "x" }}`,
		`{{ div 1 0 }}{{ mod 1 0 }}{{ index .list 9 }}{{ slice .name 9 1 }}`,
		`{{ $s := "ab" }}{{ range until 20 }}{{ $s = printf "%s%s" $s $s }}{{ end }}{{ $s }}`,
		`{{ regexReplaceAll "" (repeat 60000 "a") "$0$0$0" }}{{ printf "%*d" 1000000 1 }}`,
		`{{ .m.k | upper | quote }} {{ keys .m | join "," }} {{ sortAlpha .list }} {{ uniq .list }}`,
		`{{/* comment */}} {{- .name -}} {{ "}}" }} {{ if .name }}y{{ else }}n{{ end }}`,
		`{{ .missing }}{{ .name.field }}{{ call .name }}{{ now }}{{ randAlpha 3 }}`,
		"{{ .name\n}}\n{{ unclosed",
	} {
		f.Add(s, "Ada", int64(3))
	}
	f.Fuzz(func(t *testing.T, text, val string, n int64) {
		data := map[string]any{
			"name": val, "n": n, "big": int64(2_000_000_000),
			"list":    []any{val, n, "x", []any{val}},
			"m":       map[string]any{"k": val, "z": n},
			"path":    path,
			"envname": fzSecretEnv,
		}
		leak := func(where, s string) {
			if strings.Contains(s, envSecret) || strings.Contains(s, fileSecret) {
				t.Fatalf("%s reveals a secret: %q", where, s)
			}
		}
		checkErr := func(stage string, e *Error) {
			if e == nil {
				return
			}
			unknown := e.Offset == -1 && e.End == -1
			inside := 0 <= e.Offset && e.Offset <= e.End && e.End <= len(text)
			if !unknown && !inside {
				t.Fatalf("%s error %q at %d..%d, outside the text of %d bytes", stage, e.Msg, e.Offset, e.End, len(text))
			}
			if e.Msg == "" || strings.Contains(e.Msg, "\n") {
				t.Fatalf("%s error message %q is not one line", stage, e.Msg)
			}
			leak(stage+" error", e.Msg)
		}
		ft, perr := Parse(text)
		checkErr("parse", perr)
		if perr != nil {
			return
		}
		out, segs, _, xerr := ft.Execute(NewData(data), NewBudget(fzLimits))
		checkErr("execution", xerr)
		leak("output", out)
		if len(out) > DefaultLimits.MaxOutput {
			t.Fatalf("output is %d bytes, over the cap of %d", len(out), DefaultLimits.MaxOutput)
		}
		if xerr == nil {
			fzCheckSegs(t, text, out, segs)
		}
		if xerr != nil && fzTimedOut(xerr.Msg) {
			return
		}
		out2, segs2, _, xerr2 := ft.Execute(NewData(data), NewBudget(fzLimits))
		if xerr2 != nil && fzTimedOut(xerr2.Msg) {
			return
		}
		if out2 != out || !reflect.DeepEqual(segs2, segs) || !reflect.DeepEqual(xerr2, xerr) {
			t.Fatalf("executing twice differs:\n%q %v %v\n%q %v %v", out, segs, xerr, out2, segs2, xerr2)
		}
		// in a scratch another field's execution used first, the same
		// output and segments, and nothing of the first
		var sc Scratch
		other, _ := Parse("{{ .name }}{{ .name }} and more text than most outputs {{ .n }}")
		_, _, _, _ = other.ExecuteIn(NewData(data), NewBudget(fzLimits), &sc)
		out3, segs3, _, xerr3 := ft.ExecuteIn(NewData(data), NewBudget(fzLimits), &sc)
		if xerr3 != nil && fzTimedOut(xerr3.Msg) {
			return
		}
		if out3 != out || !reflect.DeepEqual(segs3, segs) || !reflect.DeepEqual(xerr3, xerr) {
			t.Fatalf("executing in a scratch differs:\n%q %v %v\n%q %v %v", out, segs, xerr, out3, segs3, xerr3)
		}
	})
}

// fzCheckSegs asserts what Execute promises of its segments.
func fzCheckSegs(t *testing.T, text, out string, segs []Seg) {
	t.Helper()
	if len(segs) == 0 {
		t.Fatal("no segments")
	}
	outAt, srcAt := 0, 0
	for i, s := range segs {
		if s.Out != outAt || s.OutEnd < s.Out || s.Src != srcAt || s.SrcEnd < s.Src {
			t.Fatalf("segment %d %+v is not adjacent to out %d, src %d", i, s, outAt, srcAt)
		}
		if s.SrcEnd > len(text) || s.OutEnd > len(out) {
			t.Fatalf("segment %d %+v is past the text (%d) or output (%d)", i, s, len(text), len(out))
		}
		if s.Literal && out[s.Out:s.OutEnd] != text[s.Src:s.SrcEnd] {
			t.Fatalf("literal segment %d %+v: %q != %q", i, s, out[s.Out:s.OutEnd], text[s.Src:s.SrcEnd])
		}
		outAt, srcAt = s.OutEnd, s.SrcEnd
	}
	if outAt != len(out) || srcAt != len(text) {
		t.Fatalf("segments end at out %d, src %d; want %d, %d", outAt, srcAt, len(out), len(text))
	}
}

// FuzzPattern matches a pattern through the metered matcher and through
// Go's regexp. Invariants: with enough allowance every match, and every
// submatch, is the one Go's FindAll finds, and MatchString agrees; with a
// small allowance the work done never exceeds it.
func FuzzPattern(f *testing.F) {
	for i, p := range regexEquivPatterns {
		f.Add(p, regexEquivTexts[i%len(regexEquivTexts)])
	}
	f.Fuzz(func(t *testing.T, expr, text string) {
		if len(text) > 2000 {
			return
		}
		p, err := CompilePattern(expr, Limits{MaxProgram: 500})
		if err != nil {
			return
		}
		re := regexp.MustCompile(expr)
		got, _, ok := p.FindAll(text, -1, true, 1<<40)
		if want := re.FindAllStringSubmatchIndex(text, -1); !ok || !reflect.DeepEqual(got, want) {
			t.Fatalf("FindAll(%q, %q) = %v, want %v", expr, text, got, want)
		}
		got, _, _ = p.FindAll(text, 3, false, 1<<40)
		if want := re.FindAllStringIndex(text, 3); !reflect.DeepEqual(got, want) {
			t.Fatalf("FindAll(%q, %q, 3) = %v, want %v", expr, text, got, want)
		}
		if m, _, _ := p.MatchString(text, 1<<40); m != re.MatchString(text) {
			t.Fatalf("MatchString(%q, %q) = %v", expr, text, m)
		}
		allow := int64(len(text)) * int64(p.program()) / 3
		if _, used, _ := p.FindAll(text, -1, true, allow); used > allow {
			t.Fatalf("FindAll(%q, %q) used %d of %d", expr, text, used, allow)
		}
	})
}
