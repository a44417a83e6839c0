package main

import (
	"io"
	"os"
	"testing"
)

// BenchmarkCorpusCommand runs `inboxlint lint --format F` in-process on
// the corpus directory INBOXLINT_BENCH_CORPUS names (the reference corpus
// of issue 15, with its members.csv), for each streamed format: the whole
// command the performance table times, engine and formatter together, so
// a profile of it (-cpuprofile) shows the output's share as well.
func BenchmarkCorpusCommand(b *testing.B) {
	dir := os.Getenv("INBOXLINT_BENCH_CORPUS")
	if dir == "" {
		b.Skip("set INBOXLINT_BENCH_CORPUS to a corpus directory")
	}
	// run from the corpus, as the table's command does: the corpus is
	// its own repository, and its paths are spelled from there
	b.Chdir(dir)
	args := []string{"lint", "--no-color"}
	if _, err := os.Stat("members.csv"); err == nil {
		args = append(args, "--members", "members.csv")
	}
	for _, format := range []string{"json", "sarif", "text"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if st := run(append(args, "--format", format, "."), nil, io.Discard, io.Discard); st == exitError {
					b.Fatalf("lint --format %s in %s: exit %d", format, dir, st)
				}
			}
		})
	}
}
