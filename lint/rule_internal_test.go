package lint

import (
	"regexp"
	"testing"
)

// kebabRE is the definition isKebab implements by hand.
var kebabRE = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func TestIsKebab(t *testing.T) {
	for _, tt := range []struct {
		id   string
		want bool
	}{
		{"hype", true},
		{"subject-length", true},
		{"a", true},
		{"a1-2b-c3", true},
		{"x-9", true},
		{"", false},
		{"-hype", false},
		{"hype-", false},
		{"subject--length", false},
		{"1hype", false},
		{"Hype", false},
		{"subject_length", false},
		{"subject length", false},
		{"über", false},
		{"hype\n", false},
		{"-", false},
	} {
		if got := isKebab(tt.id); got != tt.want {
			t.Errorf("isKebab(%q) = %v, want %v", tt.id, got, tt.want)
		}
		if got := kebabRE.MatchString(tt.id); got != tt.want {
			t.Errorf("the pattern says %v for %q, want %v", got, tt.id, tt.want)
		}
	}
}

// FuzzIsKebab holds isKebab to the pattern it replaces.
func FuzzIsKebab(f *testing.F) {
	for _, s := range []string{"hype", "a-b", "a--b", "-a", "a-", "A", "a_b", "1a", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if got, want := isKebab(id), kebabRE.MatchString(id); got != want {
			t.Errorf("isKebab(%q) = %v, the pattern says %v", id, got, want)
		}
	})
}
