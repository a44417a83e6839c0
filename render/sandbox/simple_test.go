package sandbox

import (
	"fmt"
	"reflect"
	"testing"
)

// A field of text and {{ .name }} actions runs without text/template when
// the data is plain; it must give what text/template gives: the output,
// the segments, the work charged to the field and the file, and every
// error, whatever the values (missing, empty, not text) and however tight
// the limits. Each case runs a sequence of fields under one budget, with
// the fast path and without it.
func TestSimpleFieldsRunAsTextTemplate(t *testing.T) {
	fields := []string{
		"Hi {{ .name }}, welcome",
		"{{ .name }}",
		"{{ .name }}{{ .name }} and {{ .empty }}",
		"Hi  {{- .name -}}  , there",
		"  {{- .p }}!\n\n{{ .q }}\n\nBye.",
		"Plain text, no action at all.",
		"{{ .missing }} after",
		"{{ .n }} is a number",
		"{{ .on }} is a bool",
		"{{ .none }} is nil",
		"{{ .list }} is a list",
		"{{ .name | upper }} is not simple",
		"{{ $.name }} is not simple either",
		"{{/* note */}}{{ .name }}",
		"{{ .name.sub }} chains",
		"Grüße {{ .p }} 👩🏽‍💻 %FIRSTNAME%",
	}
	datas := []map[string]any{
		{"name": "Ada", "empty": "", "p": "Variant one asks a question.", "q": "Second.", "n": 42, "on": true, "none": nil},
		{"name": "", "empty": "", "p": "", "q": "", "n": 1.5, "on": false},
		{"name": "A much longer name than the limits allow for any field at all", "empty": "x", "p": "p", "q": "q", "n": "text", "on": "yes"},
		{"name": "Ada", "list": []any{"a"}, "empty": "", "p": "x", "q": "y", "n": 0, "on": true},
	}
	limitsSet := []Limits{DefaultLimits, {MaxOutput: 12}, {MaxOutput: 40}, {File: FileLimits{Output: 30}}, {MaxOutput: 25, File: FileLimits{Output: 70}}}
	type result struct {
		Out  string
		Segs []Seg
		Cost Cost
		Err  *Error
	}
	run := func(fast bool, data map[string]any, limits Limits) []result {
		prev := simpleFastPath
		simpleFastPath = fast
		defer func() { simpleFastPath = prev }()
		b := NewBudget(limits)
		var got []result
		for _, text := range fields {
			ft, err := Parse(text)
			if err != nil {
				got = append(got, result{Err: err})
				continue
			}
			out, segs, cost, terr := ft.Execute(NewData(data), b)
			got = append(got, result{out, append([]Seg(nil), segs...), cost, terr})
		}
		return got
	}
	simple := 0
	for _, text := range fields {
		if ft, err := Parse(text); err == nil {
			if _, ok := ft.simple(); ok {
				simple++
			}
		}
	}
	if simple < 8 {
		t.Fatalf("only %d of the fields are simple: the test reads too little of the fast path", simple)
	}
	for di, data := range datas {
		for li, limits := range limitsSet {
			fast, slow := run(true, data, limits), run(false, data, limits)
			for k := range fields {
				if !reflect.DeepEqual(fast[k], slow[k]) {
					t.Errorf("data %d, limits %d, field %q:\nfast %s\nslow %s", di, li, fields[k], show(fast[k]), show(slow[k]))
				}
			}
		}
	}
}

func show(r any) string { return fmt.Sprintf("%+v", r) }
