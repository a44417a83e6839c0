package lint

import "testing"

func TestSemanticVersion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"v1.2.0", "1.2.0"},
		{"v1.2.0 (revision 0123456789ab, clean)", "1.2.0"},
		{"v0.0.0-20251201213700-0123456789ab+dirty (revision 0123456789ab, modified)", "0.0.0-20251201213700-0123456789ab"},
		{"v1.2.1-0.20251201213700-0123456789ab", "1.2.1-0.20251201213700-0123456789ab"},
		{"v0.1.1-SNAPSHOT-0123456", "0.1.1-SNAPSHOT-0123456"},
		{"v2.0.0-rc.1+build.7", "2.0.0-rc.1"},
		{"v2.0.0+incompatible", "2.0.0"},
		{"v10.20.30", "10.20.30"},
		{"v1.0.0-alpha-a.b-c", "1.0.0-alpha-a.b-c"},
		{"v1.0.0-0a", "1.0.0-0a"},
		{"(devel)", ""},
		{"(devel) (revision 0123456789ab)", ""},
		{"", ""},
		{"1.2.0", ""},       // Go versions always have the "v"; anything else is not ours
		{"v1.2", ""},        // not three numbers
		{"v01.2.0", ""},     // leading zero
		{"v1.2.0-01", ""},   // numeric pre-release identifier with a leading zero
		{"v1.2.0-", ""},     // empty pre-release
		{"v1.2.0-a..b", ""}, // empty identifier
		{"v1.2.0+", ""},     // empty build metadata
		{"v1.2.0+a_b", ""},  // invalid build metadata
		{"v1.2.0\x1b[31m", ""},
	}
	for _, tt := range tests {
		if got := semanticVersion(tt.in); got != tt.want {
			t.Errorf("semanticVersion(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
