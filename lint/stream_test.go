package lint_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/corpus"
	"github.com/inboxlint/inboxlint/rules"
)

// streamTree is a repository of generated ads in two directories, the
// examples, copy with characters the JSON writer must escape, a file that
// is not a template and a config with its own fail-on.
func streamTree(t *testing.T) (dir string, paths []string) {
	dir = t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i, f := range corpus.MessageAds(3, 60) {
		write(filepath.Join([]string{"b", "a"}[i%2], f.Name), f.Data)
	}
	for name, data := range exampleFiles(t) {
		write(filepath.Join("c", name), data)
	}
	write("c/escapes.md", []byte("---\nformat: message\nsender: \"Dana \\u2028 ##[x] <b>&\"\nsubject: \"ACT NOW!! \\u0085 ##[group]\"\n---\nHi %firstname% \u202e !!\n\n- [Learn more](https://example.com/?a=1&b=<2>)\n"))
	write("n/notes.md", []byte("# just notes\n"))
	write("c/.inboxlint.yaml", []byte("fail-on: never\n"))
	return dir, []string{filepath.Join(dir, "c"), filepath.Join(dir, "b"), filepath.Join(dir, "a"), filepath.Join(dir, "n", "notes.md")}
}

// A streamed run writes, in every format that streams, byte for byte what
// the whole run does, at every parallelism, with paths named out of order;
// and it counts, fails and reports errors alike.
func TestStreamIsRun(t *testing.T) {
	dir, paths := streamTree(t)
	for _, jobs := range []int{1, 2, 8} {
		for _, format := range []string{"json", "text", "unix", "github", "sarif"} {
			f, err := lint.NewFormatter(format, lint.FormatOptions{Rules: rules.All(), Root: dir})
			if err != nil {
				t.Fatal(err)
			}
			var outputs [2]bytes.Buffer
			var results [2]*lint.Result
			for i := range 2 {
				e, err := lint.NewEngine(lint.Options{Rules: rules.All(), Root: dir, Jobs: jobs})
				if err != nil {
					t.Fatal(err)
				}
				run := e.Run
				if i == 1 {
					run = e.Stream
				}
				results[i] = run(paths)
				if err := f.Format(&outputs[i], results[i]); err != nil {
					t.Fatal(err)
				}
			}
			whole, streamed := results[0], results[1]
			if !bytes.Equal(outputs[0].Bytes(), outputs[1].Bytes()) {
				t.Errorf("-j %d, %s: the streamed output differs\nwhole:\n%.2000s\nstreamed:\n%.2000s", jobs, format, outputs[0].String(), outputs[1].String())
			}
			if len(whole.Diagnostics) < 100 || whole.Files != streamed.Files || lint.Summarize(whole) != lint.Summarize(streamed) {
				t.Errorf("-j %d, %s: %d findings, files %d / %d, summaries %+v / %+v", jobs, format, len(whole.Diagnostics), whole.Files, streamed.Files, lint.Summarize(whole), lint.Summarize(streamed))
			}
			if len(whole.Errors) != 1 || len(streamed.Errors) != 1 || whole.Errors[0].Error() != streamed.Errors[0].Error() {
				t.Errorf("-j %d, %s: errors %v / %v", jobs, format, whole.Errors, streamed.Errors)
			}
			for _, fo := range []lint.FailOn{lint.FailOnError, lint.FailOnWarning, lint.FailOnNever} {
				for _, set := range []bool{false, true} {
					if a, b := whole.Fails(fo, set), streamed.Fails(fo, set); a != b {
						t.Errorf("-j %d: Fails(%v, %v) = %v, streamed %v", jobs, fo, set, a, b)
					}
				}
			}
		}
	}
}

// Files under a config with fail-on: never fail no run unless --fail-on
// says so; the others do.
func TestResultFails(t *testing.T) {
	dir, _ := streamTree(t)
	e, err := lint.NewEngine(lint.Options{Rules: rules.All(), Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	only := []string{filepath.Join(dir, "c", "escapes.md")}
	for _, run := range []func([]string) *lint.Result{e.Run, e.Stream} {
		res := run(only)
		if err := res.EachFile(func(lint.FileFindings) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if lint.Summarize(res).Errors == 0 {
			t.Fatalf("escapes.md has no error: %+v", lint.Summarize(res))
		}
		if res.Fails(lint.FailOnError, false) || !res.Fails(lint.FailOnError, true) || res.Fails(lint.FailOnNever, true) {
			t.Errorf("Fails: config never %v, flag error %v, flag never %v", res.Fails(lint.FailOnError, false), res.Fails(lint.FailOnError, true), res.Fails(lint.FailOnNever, true))
		}
	}
}

// A writer's error stops the calls and comes back from EachFile, and the
// run still finishes: its counts are complete.
func TestStreamWriterError(t *testing.T) {
	dir, paths := streamTree(t)
	e, err := lint.NewEngine(lint.Options{Rules: rules.All(), Root: dir, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	res := e.Stream(paths)
	stop := errors.New("disk full")
	calls := 0
	if err := res.EachFile(func(lint.FileFindings) error { calls++; return stop }); !errors.Is(err, stop) {
		t.Fatalf("EachFile = %v, want the writer's error", err)
	}
	if calls != 1 || res.Files < 60 {
		t.Errorf("%d calls after the error, %d files linted", calls, res.Files)
	}
}
