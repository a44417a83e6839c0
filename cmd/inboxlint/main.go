// Command inboxlint lints and previews LinkedIn Message Ad and Conversation
// Ad copy kept as Markdown templates. See the README for usage.
package main

import (
	"os"
	"runtime/debug"
)

// A lint run allocates many short-lived values per file and keeps little:
// streaming holds only the files in the reorder window, so the live heap
// stays a few megabytes whatever the corpus. With Go's default GOGC of 100
// the collector then runs every few megabytes and takes about a sixth of
// the CPU; at 400 it runs a quarter as often, for a peak heap still far
// under the 80 MB the performance targets allow, and the soft memory limit
// makes it collect sooner should a large run approach that. GOGC and
// GOMEMLIMIT in the environment win, as they do for any Go program.
const (
	gcPercent   = 400
	memoryLimit = 64 << 20
)

func main() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
