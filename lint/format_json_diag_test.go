package lint

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// jsonPieces are what the random strings are made of: everything
// encoding/json escapes or leaves alone, and what escape.JSON escapes after
// it.
var jsonPieces = []string{
	"a", "Zz", " ", "\"", "\\", "/", "<", ">", "&", "\b", "\f", "\n", "\r", "\t", "\x00", "\x01", "\x1b[2K", "\x1f",
	"\x7f", "\u0085", "\u00a0", "ü", "é", "\u2028", "\u2029", "\u202e", "\u200b", "👍🏽", "\xff", "\xc3", "\xe2\x80",
	"\ufffd", "##[group]", "#", "::error::", "%FIRSTNAME%", "{{ .x }}",
}

func randJSONString(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(6) {
		b.WriteString(jsonPieces[rng.IntN(len(jsonPieces))])
	}
	return b.String()
}

// randFill sets every field of the value v points to at random, by
// reflection, so a field added to jsonDiagnostic is filled without the
// test knowing of it; strings are empty now and then, for omitempty.
func randFill(rng *rand.Rand, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if rng.IntN(4) > 0 {
			v.SetString(randJSONString(rng))
		}
	case reflect.Int:
		v.SetInt(int64(rng.IntN(2000) - 2))
	case reflect.Slice:
		n := rng.IntN(4)
		if n == 0 && rng.IntN(2) == 0 {
			return // nil
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			randFill(rng, s.Index(i))
		}
		v.Set(s)
	case reflect.Struct:
		for i := range v.NumField() {
			randFill(rng, v.Field(i))
		}
	default:
		panic("randFill: a " + v.Kind().String() + " field: teach appendJSONDiagnostic and this test about it")
	}
}

// TestJSONDiagnosticEncoding: appendJSONDiagnostic writes what
// encoding/json writes and escape.JSON then escapes, for random
// diagnostics with every field filled, at the JSON format's depth and at
// none.
func TestJSONDiagnosticEncoding(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 2))
	for _, prefix := range []string{"    ", ""} {
		enc := newJSONEncoder(prefix)
		for i := range 3000 {
			var d jsonDiagnostic
			randFill(rng, reflect.ValueOf(&d).Elem())
			want, err := enc.encode(&d)
			if err != nil {
				t.Fatal(err)
			}
			got := appendJSONDiagnostic(nil, &d, prefix)
			if !bytes.Equal(got, want) {
				t.Fatalf("case %d, prefix %q: %#v\n got %s\nwant %s", i, prefix, d, got, want)
			}
		}
	}
}

// FuzzJSONDiagnostic: any strings, in any field, encode as encoding/json
// and escape.JSON encode them.
func FuzzJSONDiagnostic(f *testing.F) {
	for _, s := range jsonPieces {
		f.Add(s, "x", 3)
	}
	f.Add("a\xff\u2028b\"c\\d\x00", "\xe2\x80\xa8", -1)
	enc := newJSONEncoder("    ")
	f.Fuzz(func(t *testing.T, a, b string, n int) {
		d := jsonDiagnostic{File: a, Line: n, Column: -n, Message: b + a, Member: b, Lang: a,
			Fixes: []jsonFix{{Title: b, Kind: a, Edits: []jsonEdit{{NewText: a + b, Offset: n}}}, {Title: a, Edits: []jsonEdit{}}}}
		want, err := enc.encode(&d)
		if err != nil {
			t.Fatal(err)
		}
		got := appendJSONDiagnostic(nil, &d, "    ")
		if !bytes.Equal(got, want) {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
		if !utf8.Valid(got) {
			t.Fatalf("invalid UTF-8 in %q", got)
		}
	})
}
