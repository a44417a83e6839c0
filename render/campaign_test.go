package render_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint/corpus"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// tenthLimits are sandbox.DefaultLimits with every budget and cap a tenth of its
// value (the safety time limit aside).
func tenthLimits() sandbox.Limits {
	l := sandbox.DefaultLimits
	for _, p := range []*int{&l.MaxOutput, &l.MaxList, &l.MaxCalls, &l.MaxIterations, &l.MaxActions, &l.MaxData,
		&l.MaxRegexWork, &l.MaxRegexCall, &l.MaxPattern, &l.MaxProgram,
		&l.File.Output, &l.File.Calls, &l.File.Iterations, &l.File.Actions, &l.File.Data, &l.File.RegexWork} {
		*p /= 10
	}
	return l
}

// The legitimate 950 KB Conversation Ad with 30 variants renders
// in full: every field of every variant, with no finding, even with every
// budget cut to a tenth; and the same way every time.
func TestBigCampaignRendersInFull(t *testing.T) {
	data := corpus.BigCampaign(30)
	if n := len(data); n < 900_000 || n > render.MaxFileSize {
		t.Fatalf("the campaign is %d bytes, want about 950 KB", n)
	}
	tp := render.Parse("big.md", data)
	if len(tp.Problems) > 0 || len(tp.Variants) != 30 || len(tp.Messages) != 24 {
		t.Fatalf("%d problems (%v), %d variants, %d messages", len(tp.Problems), tp.Problems, len(tp.Variants), len(tp.Messages))
	}
	var first []*render.Variant
	for _, lim := range []sandbox.Limits{sandbox.DefaultLimits, tenthLimits(), sandbox.DefaultLimits} {
		vs, ps := tp.Render(lim)
		if len(ps) > 0 || len(vs) != 30 {
			t.Fatalf("%d variants, problems %v", len(vs), ps)
		}
		for _, v := range vs {
			if len(v.Problems) > 0 {
				t.Fatalf("variant %s: %v", v.Name, v.Problems)
			}
			if !strings.HasSuffix(v.Footer.S, "Reply STOP to opt out.") || !strings.Contains(v.Subject.S, " leaders: how ") {
				t.Fatalf("variant %s: subject %q, footer %q", v.Name, v.Subject.S, v.Footer.S)
			}
			for i, m := range v.Messages {
				if !strings.HasSuffix(m.Body.S, "Which would help %COMPANYNAME% most?") || strings.Contains(m.Body.S, "{{") || len(m.Buttons) != 3 {
					t.Fatalf("variant %s message %d: %d buttons, body %q", v.Name, i, len(m.Buttons), m.Body.S)
				}
				if m.Buttons[0].Label.S == "" || !strings.HasPrefix(m.Buttons[2].Target.S, "https://example.com/later?v=") {
					t.Fatalf("variant %s message %d: buttons %q %q", v.Name, i, m.Buttons[0].Label.S, m.Buttons[2].Target.S)
				}
			}
		}
		if first == nil {
			first = vs
			continue
		}
		for i, v := range vs {
			var a, b []string
			v.Fields(render.CopyFields, func(f render.VariantField) { a = append(a, f.Text.S) })
			first[i].Fields(render.CopyFields, func(f render.VariantField) { b = append(b, f.Text.S) })
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("variant %s renders differently the second time", v.Name)
			}
		}
	}
}
