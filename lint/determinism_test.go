package lint_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/corpus"
	"github.com/inboxlint/inboxlint/render/sandbox"
	"github.com/inboxlint/inboxlint/rules"
)

// The same input gives byte-identical JSON on every run, whatever the
// parallelism: the sandbox counts work, never time. The input is the
// issue's legitimate 950 KB Conversation Ad with 30 variants and the
// repository's examples, linted with every rule, ten times with one, two
// and eight jobs and GOMAXPROCS 1, 2 and 8 in turn.
func TestOutputIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	runs := 10
	files := map[string][]byte{"big.md": corpus.BigCampaign(30)}
	opts := lint.Options{Rules: rules.All(), Root: dir}
	if raceEnabled {
		// Ten times slower: three runs, one per jobs/GOMAXPROCS pair, of a
		// smaller campaign, with a safety time limit a loaded runner
		// cannot reach.
		runs = 3
		files = map[string][]byte{"ten.md": corpus.BigCampaign(10)}
		limits := sandbox.DefaultLimits
		limits.SafetyTimeout = time.Hour
		opts = lint.WithLimits(opts, limits)
	}
	for name, data := range exampleFiles(t) {
		files["examples/"+name] = data
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	jobs, procs := []int{1, 2, 8}, []int{1, 2, 8}
	var first []byte
	for run := range runs {
		prev := runtime.GOMAXPROCS(procs[run%3])
		opts.Jobs = jobs[(run+run/3)%3]
		res, err := lint.Run(opts, []string{dir})
		runtime.GOMAXPROCS(prev)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) > 0 || res.Files != len(files) {
			t.Fatalf("run %d: %d files, errors %v", run, res.Files, res.Errors)
		}
		var out bytes.Buffer
		f, err := lint.NewFormatter("json", lint.FormatOptions{Rules: rules.All()})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Format(&out, res); err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = out.Bytes()
			// every variant rendered: no template finding in either campaign
			for _, d := range res.Diagnostics {
				if d.Rule == "syntax" && strings.HasSuffix(filepath.ToSlash(d.File), ".md") && !strings.Contains(filepath.ToSlash(d.File), "examples/") {
					t.Fatalf("%s:%d: %s", d.File, d.Span.Start.Line, d.Message)
				}
			}
			continue
		}
		if !bytes.Equal(out.Bytes(), first) {
			a, b := strings.Split(string(first), "\n"), strings.Split(out.String(), "\n")
			for i := range min(len(a), len(b)) {
				if a[i] != b[i] {
					t.Fatalf("run %d (GOMAXPROCS %d, jobs %d) differs at line %d:\n%s\n%s", run, procs[run%3], jobs[(run+run/3)%3], i+1, a[i], b[i])
				}
			}
			t.Fatalf("run %d: %d lines, first run %d", run, len(b), len(a))
		}
	}
}
