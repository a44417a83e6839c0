package rules

import (
	"strings"
	"testing"
)

// indexAnyGreetingMark is what greetingStop stands for.
func indexAnyGreetingMark(rest string) int { return strings.IndexAny(rest, ",!.?:;\n—–") }

// greetingStop finds what strings.IndexAny finds, whatever surrounds the
// marks: dashes and their look-alikes, other three-byte characters,
// invalid bytes and sequences cut short.
func TestGreetingStopIsIndexAny(t *testing.T) {
	pieces := []string{"a", " ", ",", "!", ".", "?", ":", ";", "\n", "—", "–", "―", "…", "é", "\xe2", "\xe2\x80", "\xe2\x80\x94"[1:], "\xff", "%FIRSTNAME%", "🎉"}
	var build func(s string, depth int)
	build = func(s string, depth int) {
		if got, want := greetingStop(s), indexAnyGreetingMark(s); got != want {
			t.Fatalf("greetingStop(%q) = %d, IndexAny gives %d", s, got, want)
		}
		if depth == 3 {
			return
		}
		for _, p := range pieces {
			build(s+p, depth+1)
		}
	}
	build("", 0)
}
