package rules

import (
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	long := strings.Repeat("a", quoteLen-1)
	tests := []struct {
		name, in, quote, id string
	}{
		{"short", "Learn more", `"Learn more"`, "#Learn more"},
		{"empty", "", `""`, "#"},
		{"exactly the limit", long + "b", `"` + long + `b"`, "#" + long + "b"},
		{"one over", long + "bc", `"` + long + `…"`, "#" + long + "…"},
		{"ends in an ellipsis", long + "…", `"` + long + `…"`, "#" + long + "…"},
		{"counted in characters", strings.Repeat("ü", quoteLen+1), `"` + strings.Repeat("ü", quoteLen-1) + `…"`, "#" + strings.Repeat("ü", quoteLen-1) + "…"},
		{"controls escaped", "a\x1b[31mb\u202e", `"a\x1b[31mb\u202e"`, `#a\x1b[31mb\u202e`},
		{"quotes escaped", `say "hi"`, `"say \"hi\""`, `#say "hi"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quote(tt.in); got != tt.quote {
				t.Errorf("quote(%q) = %s, want %s", tt.in, got, tt.quote)
			}
			if got := idRef(tt.in); got != tt.id {
				t.Errorf("idRef(%q) = %s, want %s", tt.in, got, tt.id)
			}
		})
	}
}
