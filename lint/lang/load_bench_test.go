package lang

import "testing"

// BenchmarkLoad is the first-use cost: reading and validating every pack.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if s := loadPacks(); s.err != nil {
			b.Fatal(s.err)
		}
	}
}
