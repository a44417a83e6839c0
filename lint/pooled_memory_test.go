package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/corpus"
	"github.com/inboxlint/inboxlint/rules"
)

// A pass hands its token room, memo maps and part table on to the next
// (Pass.release), which writes over them: a finding of the next file
// must not read what the last one left, nor the last file's findings
// change once its memory is reused. Each file is linted with one job
// after another whose memory it takes over, in both orders, and its
// findings must be those of the order in which it came first.
func TestPooledMemoryLeavesFindingsAlone(t *testing.T) {
	prev := runtime.GOMAXPROCS(1) // one P: one pool, taken over in order
	defer runtime.GOMAXPROCS(prev)
	ads := corpus.MessageAds(7, 6)
	var files [][]byte
	for i, f := range ads {
		files = append(files, corpus.WithVariants(f.Data, 2+3*i))
	}
	files = append(files, corpus.BigCampaign(4))
	for name, data := range exampleFiles(t) {
		if strings.Contains(name, "variant") || len(files) < 10 {
			files = append(files, data)
		}
	}
	lintOrder := func(order []int) map[int]string {
		dir := t.TempDir()
		for k, i := range order {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.md", k)), files[i], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res, err := lint.Run(lint.Options{Rules: rules.All(), Root: dir, Jobs: 1}, []string{dir})
		if err != nil || len(res.Errors) > 0 {
			t.Fatalf("%v %v", err, res.Errors)
		}
		by := map[int]string{}
		for _, d := range res.Diagnostics {
			k := 0
			if _, err := fmt.Sscanf(filepath.Base(d.File), "%02d.md", &k); err != nil {
				t.Fatalf("a finding in %s: %v", d.File, err)
			}
			by[order[k]] += fmt.Sprintf("%d:%d-%d:%d %s %s %s %s\n", d.Span.Start.Line, d.Span.Start.Col, d.Span.End.Line, d.Span.End.Col, d.Rule, d.Variant, d.Member, d.Message)
		}
		return by
	}
	forward := make([]int, len(files))
	backward := make([]int, len(files))
	for i := range files {
		forward[i], backward[i] = i, len(files)-1-i
	}
	a, b := lintOrder(forward), lintOrder(backward)
	if len(a) < len(files)/2 {
		t.Fatalf("only %d of %d files have findings: the test reads too little", len(a), len(files))
	}
	for i := range files {
		if a[i] != b[i] {
			t.Errorf("file %d's findings depend on the file linted before it:\nforward:\n%s\nbackward:\n%s", i, a[i], b[i])
		}
	}
}
