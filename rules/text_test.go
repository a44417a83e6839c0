package rules

import (
	"strings"
	"testing"
)

func TestIndexFold(t *testing.T) {
	tests := []struct {
		s, sub string
		want   int
	}{
		{"Hello World", "world", 6},
		{"HELLO", "hello", 0},
		{"hello", "hello!", -1},
		{"", "a", -1},
		{"abc", "", 0},
		{"xXxXy", "xy", 3},
		{"My Name is Dana", "name", 3},
		{"caf\u00e9 TODO", "todo", 6},
		{"aaaaab", "aab", 3},
		{"12%FIRSTNAME% firstname", "firstname", 3},
	}
	for _, tt := range tests {
		if got := indexFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("indexFold(%q, %q) = %d, want %d", tt.s, tt.sub, got, tt.want)
		}
		if got, want := containsFold(tt.s, tt.sub), tt.want >= 0; got != want {
			t.Errorf("containsFold(%q, %q) = %v, want %v", tt.s, tt.sub, got, want)
		}
		// agrees with strings.Index on lower-cased ASCII
		if l := strings.Index(strings.ToLower(tt.s), tt.sub); l != tt.want && isASCII(tt.s) {
			t.Errorf("indexFold(%q, %q) = %d but strings.Index on the lower-cased text = %d", tt.s, tt.sub, tt.want, l)
		}
	}
}

// Every self-introduction pattern has the words that gate it.
func TestSelfIntroKeys(t *testing.T) {
	if n, k := len(selfIntroPhrases()), len(selfIntroKeys); n != k {
		t.Fatalf("%d patterns but %d key lists", n, k)
	}
}
