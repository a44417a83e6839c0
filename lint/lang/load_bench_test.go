package lang

import (
	"os"
	"testing"
)

// BenchmarkFirstUse is what the first Lookup and the first Detect of a
// run cost: indexing the generated packs and building the detector's
// tables from them.
func BenchmarkFirstUse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		buildSet()
		buildModel()
	}
}

// BenchmarkReadSources is what reading the YAML sources would cost at
// start-up, the reason the binary carries them generated instead.
func BenchmarkReadSources(b *testing.B) {
	fsys := os.DirFS("packs")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := readSources(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
