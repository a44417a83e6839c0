package sandbox_test

import (
	"testing"

	"github.com/inboxlint/inboxlint/render/sandbox"
)

// sandboxFields are ordinary template fields as copywriters write them:
// values, pipelines, conditions, a short loop, printf, defaults and one
// regular expression. BenchmarkSandbox measures the sandbox's overhead on
// them, which is what every template pays.
var sandboxFields = []string{
	"Hi {{ .name }}, join us {{ .day }}?",
	"{{ .audience | title }} leaders, save your seat",
	"{{ if .vip }}As a VIP, {{ end }}here is what you get:\n{{ range $i, $p := .points }}{{ add1 $i }}. {{ $p }}\n{{ end }}",
	"Only {{ printf \"%d seats\" .seats }} left in {{ .city }}",
	"Hi {{ default \"there\" .nick }}, {{ .company | upper | trunc 20 }} is invited",
	"Topics: {{ join \", \" .topics }}.",
	"{{ regexReplaceAll \"\\\\s+\" .blurb \" \" }}",
	"{{ with .speaker }}{{ .name }} ({{ .title | lower }}){{ else }}our team{{ end }} will host",
}

var sandboxData = map[string]any{
	"name": "Ada", "day": "Thursday", "audience": "marketing", "vip": true,
	"points": []any{"a live demo", "a Q&A with the product team", "the slides"},
	"seats":  42, "city": "Berlin", "nick": "", "company": "Northwind Traders International",
	"topics":  []any{"pipeline forecasting", "cloud cost control", "churn reduction"},
	"blurb":   "We   surveyed 1,200\n decision makers about   pipeline forecasting.",
	"speaker": map[string]any{"name": "Dana Reyes", "title": "VP Marketing"},
}

// BenchmarkSandbox executes each ordinary field once per iteration; the
// fields are parsed once, as Render does.
func BenchmarkSandbox(b *testing.B) {
	var fts []*sandbox.Field
	for _, f := range sandboxFields {
		ft, err := sandbox.Parse(f)
		if err != nil {
			b.Fatalf("%q: %s", f, err.Msg)
		}
		fts = append(fts, ft)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, ft := range fts {
			if _, _, _, err := ft.Execute(sandbox.NewData(sandboxData), sandbox.NewBudget(sandbox.DefaultLimits)); err != nil {
				b.Fatal(err.Msg)
			}
		}
	}
}
