package main

import (
	"io"
	"os/exec"
	"testing"
)

// oneTemplate is the template of issue 15's start-up target: one Message
// Ad linted from process start to exit in at most 1.3× `inboxlint version`.
const oneTemplate = "../../testdata/examples/event-invitation.md"

// BenchmarkLintOne runs the lint command in-process on one template, the
// way the CLI does (flags, engine, config discovery, default members,
// rules, text output). Every iteration is a whole command, so set-up that
// the command repeats per run shows here; what is built once per process
// (sync.OnceValue) is paid by the first iteration only, and
// BenchmarkLintOneProcess measures that.
func BenchmarkLintOne(b *testing.B) {
	args := []string{"lint", "--no-color", oneTemplate}
	if st := run(args, nil, io.Discard, io.Discard); st != exitOK {
		b.Fatalf("lint %s: exit %d, want 0", oneTemplate, st)
	}
	b.ReportAllocs()
	for b.Loop() {
		run(args, nil, io.Discard, io.Discard)
	}
}

// BenchmarkLintOneProcess runs the test binary as inboxlint (the
// inboxlint command TestMain puts on PATH) in a new process each iteration, for the one-template
// lint and for `version`: process start to exit, what the start-up target
// compares, with everything built once per process paid every time. The
// test binary is larger than the release one and its start-up a little
// slower; compare the two sub-benchmarks with each other.
func BenchmarkLintOneProcess(b *testing.B) {
	bin, err := exec.LookPath("inboxlint")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"lint", []string{"lint", "--no-color", oneTemplate}},
		{"version", []string{"version"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				out, err := exec.Command(bin, c.args...).CombinedOutput()
				if err != nil {
					b.Fatalf("inboxlint %v: %v\n%s", c.args, err, out)
				}
			}
		})
	}
}
