package main

import (
	"bytes"
	"strings"
	"testing"
)

// The fixture module testdata/mod has a package a whose exports are used
// by b in every way the checker knows, and some that nothing uses.
func TestFixture(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"-C", "testdata/mod"}, &stdout, &stderr)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr.String())
	}
	want := `a.Inner (a/a.go:81)
a.OnlyOwnTest (a/a.go:18)
a.Opaque (a/a.go:136)
a.Outer.Hidden (a/a.go:115)
a.Page (a/a.go:84)
a.Payload (a/a.go:75)
a.Runner (a/a.go:61)
a.Shape.Perimeter (a/a.go:45)
a.Spare (a/a.go:26)
a.Square (a/a.go:49)
a.Square.Perimeter (a/a.go:55)
a.T.Extra (a/a.go:40)
a.Unused (a/a.go:15)
a.Wrap (a/a.go:78)
b.P (b/b.go:11)
`
	if got := stdout.String(); got != want {
		t.Errorf("unused identifiers:\n%s\nwant:\n%s", got, want)
	}
	if want := "surface: 15 of 53 exported identifiers are used by no other package"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q lacks %q", stderr.String(), want)
	}
}

// -v says how each identifier is used.
func TestFixtureReasons(t *testing.T) {
	var stdout, stderr bytes.Buffer
	run([]string{"-C", "testdata/mod", "-v"}, &stdout, &stderr)
	for _, want := range []string{
		"a.Used (a/a.go:12): named at b/b.go:17\n",
		"a.FromOtherTest (a/a.go:21): named at b/b_test.go:10\n",
		"a.T.String (a/a.go:37): implements fmt.Stringer.String\n",
		"a.T.Tagged (a/a.go:33): read by reflection\n",
		"a.Plugin.Run (a/a.go:58): implemented by P (b/b.go:11)\n",
		"a.Runner.Run (a/a.go:64): implements a.Plugin.Run\n",
		"a.Square.Area (a/a.go:52): implements a.Shape.Area\n",
		"a.Payload.X (a/a.go:75): read by reflection\n",
		"a.Inner.Y (a/a.go:81): read by reflection\n",
		"a.Wrap.Any (a/a.go:78): read by reflection\n",
		"a.Page.Title (a/a.go:84): read by reflection\n",
		"a.Page.Heading (a/a.go:87): called by reflection\n",
		"a.Outer.Promoted (a/a.go:112): named at b/b.go:23\n",
		"a.Outer2.Emb (a/a.go:118): named at b/b.go:25\n",
		"a.Pair.R (a/a.go:124): named at b/b.go:26\n",
		"a.Element (a/a.go:100): its name is read by reflection\n",
		"a.Result (a/a.go:127): its member Result.Value is named at b/b.go:27\n",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("-v output lacks %q", want)
		}
	}
	if strings.Contains(stdout.String(), "Exported") {
		t.Errorf("a command's exports are listed:\n%s", stdout.String())
	}
}

func TestReadsOf(t *testing.T) {
	for _, c := range []struct {
		path, name string
		want       reach
	}{
		{"encoding/json", "Marshal", fields},
		{"encoding/json/v2", "Marshal", fields},
		{"encoding/jsonx", "Marshal", 0},
		{"go.yaml.in/yaml/v3", "Unmarshal", fields},
		{"gopkg.in/yaml.v3", "Unmarshal", fields},
		{"text/template", "Execute", fields | methods},
		{"reflect", "ValueOf", fields | methods},
		{"reflect", "DeepEqual", 0},
		{"fmt", "Println", 0},
	} {
		if got := readsOf(c.path, c.name); got != c.want {
			t.Errorf("readsOf(%q, %q) = %d, want %d", c.path, c.name, got, c.want)
		}
	}
}

func TestBadModule(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-C", "testdata/nonexistent"}, &stdout, &stderr); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.HasPrefix(stderr.String(), "surface: ") {
		t.Errorf("stderr %q", stderr.String())
	}
}
