package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render/sandbox"
)

// fieldAd is a Conversation Ad with a link in a body and buttons in both
// messages, so that every kind of field is there.
const fieldAd = "---\n" +
	"format: conversation\n" +
	"sender: Dana\n" +
	"subject: Hi {{ .who }}\n" +
	"footer: Terms\n" +
	"vars: {who: you}\n" +
	"---\n" +
	"# Welcome\n" +
	"Read [the report](https://x.example/r) first.\n" +
	"\n" +
	"- [Tell me more](#more)\n" +
	"- [Book a demo](https://x.example/demo)\n" +
	"\n" +
	"# More\n" +
	"Here is more.\n" +
	"\n" +
	"- [Get the guide](leadform:guide)\n"

func fieldVariant(t *testing.T) *Variant {
	t.Helper()
	_, vs, ps := renderAd(t, fieldAd)
	if len(ps) != 0 || len(vs) != 1 || len(vs[0].Problems) != 0 {
		t.Fatalf("render: %d variants, problems %q", len(vs), problemStrings(ps))
	}
	return vs[0]
}

func walk(v *Variant, set FieldSet) []string {
	var got []string
	v.Fields(set, func(f VariantField) {
		got = append(got, fmt.Sprintf("%s %d/%d %q", f.Kind, f.Message, f.Index, f.Text.S))
	})
	return got
}

func TestVariantFields(t *testing.T) {
	v := fieldVariant(t)
	all := NewFieldSet(FieldSender, FieldSubject, FieldTitle, FieldBody, FieldButtonLabel,
		FieldButtonTarget, FieldLinkText, FieldLinkURL, FieldFooter)
	tests := []struct {
		name string
		set  FieldSet
		want []string
	}{
		{"every kind, in source order", all, []string{
			`sender -1/-1 "Dana"`,
			`subject -1/-1 "Hi you"`,
			`title 0/-1 "Welcome"`,
			`body 0/-1 "Read the report first."`,
			`link text 0/0 "the report"`,
			`link URL 0/0 "https://x.example/r"`,
			`button label 0/0 "Tell me more"`,
			`button target 0/0 "#more"`,
			`button label 0/1 "Book a demo"`,
			`button target 0/1 "https://x.example/demo"`,
			`title 1/-1 "More"`,
			`body 1/-1 "Here is more."`,
			`button label 1/0 "Get the guide"`,
			`button target 1/0 "leadform:guide"`,
			`footer -1/-1 "Terms"`,
		}},
		{"the copy", CopyFields, []string{
			`sender -1/-1 "Dana"`,
			`subject -1/-1 "Hi you"`,
			`body 0/-1 "Read the report first."`,
			`button label 0/0 "Tell me more"`,
			`button label 0/1 "Book a demo"`,
			`body 1/-1 "Here is more."`,
			`button label 1/0 "Get the guide"`,
			`footer -1/-1 "Terms"`,
		}},
		{"targets only", NewFieldSet(FieldButtonTarget), []string{
			`button target 0/0 "#more"`,
			`button target 0/1 "https://x.example/demo"`,
			`button target 1/0 "leadform:guide"`,
		}},
		{"links only", NewFieldSet(FieldLinkURL), []string{`link URL 0/0 "https://x.example/r"`}},
		{"the copy without the sender", CopyFields &^ NewFieldSet(FieldSender, FieldFooter), []string{
			`subject -1/-1 "Hi you"`,
			`body 0/-1 "Read the report first."`,
			`button label 0/0 "Tell me more"`,
			`button label 0/1 "Book a demo"`,
			`body 1/-1 "Here is more."`,
			`button label 1/0 "Get the guide"`,
		}},
		{"empty set", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := walk(v, tt.set)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Fields(%v):\n%s\nwant:\n%s", tt.set, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestVariantFieldsLocate checks that Message and Index find the field in
// the template: the rendered text of every button and link maps back into
// the span of the template field they name.
func TestVariantFieldsLocate(t *testing.T) {
	tp := Parse("ad.md", []byte(fieldAd))
	vs, _ := tp.Render(sandbox.Limits{})
	n := 0
	vs[0].Fields(NewFieldSet(FieldButtonLabel, FieldButtonTarget, FieldLinkText, FieldLinkURL, FieldTitle, FieldBody), func(f VariantField) {
		m := tp.Messages[f.Message]
		var want Field
		switch f.Kind {
		case FieldButtonLabel:
			want = m.Buttons[f.Index].Label
		case FieldButtonTarget:
			want = m.Buttons[f.Index].Target
		case FieldLinkText:
			want = m.Links[f.Index].Text
		case FieldLinkURL:
			want = m.Links[f.Index].URL
		case FieldTitle:
			want = m.Title
		case FieldBody:
			want = m.Body
		}
		if got, w := f.Text.Anchor(), want.Span(); got != w {
			t.Errorf("%s %d/%d: span %v, want the template field's %v", f.Kind, f.Message, f.Index, got, w)
		}
		n++
	})
	if n != 12 {
		t.Errorf("walked %d fields, want 12", n)
	}
}

func TestFieldKindString(t *testing.T) {
	tests := []struct {
		k    FieldKind
		want string
	}{
		{FieldSender, "sender"},
		{FieldSubject, "subject"},
		{FieldTitle, "title"},
		{FieldBody, "body"},
		{FieldButtonLabel, "button label"},
		{FieldButtonTarget, "button target"},
		{FieldLinkText, "link text"},
		{FieldLinkURL, "link URL"},
		{FieldFooter, "footer"},
		{numFieldKinds, "FieldKind(9)"},
	}
	for _, tt := range tests {
		if got := tt.k.String(); got != tt.want {
			t.Errorf("FieldKind(%d).String() = %q, want %q", uint8(tt.k), got, tt.want)
		}
	}
}

func TestParseFieldSet(t *testing.T) {
	tests := []struct {
		words []string
		want  FieldSet
		str   string
		err   string
	}{
		{words: []string{"subject", "body"}, want: NewFieldSet(FieldSubject, FieldBody), str: "subject, body"},
		{words: []string{"body", "subject"}, want: NewFieldSet(FieldSubject, FieldBody), str: "subject, body"},
		{words: []string{"button"}, want: NewFieldSet(FieldButtonLabel), str: "button"},
		{words: []string{"sender", "footer", "sender"}, want: NewFieldSet(FieldSender, FieldFooter), str: "footer, sender"},
		{words: []string{"subject", "body", "button", "footer", "sender"}, want: CopyFields, str: "subject, body, button, footer, sender"},
		{words: nil, want: 0, str: ""},
		{words: []string{"subject", "Body"}, err: `unknown scope "Body": use subject, body, button, footer, sender`},
		{words: []string{"button label"}, err: `unknown scope "button label": use subject, body, button, footer, sender`},
		{words: []string{"title"}, err: `unknown scope "title": use subject, body, button, footer, sender`},
		{words: []string{"\x1b[2Jx"}, err: `unknown scope "\x1b[2Jx": use subject, body, button, footer, sender`},
	}
	for _, tt := range tests {
		got, err := ParseFieldSet(tt.words)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseFieldSet(%q) error = %v, want %q", tt.words, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseFieldSet(%q) = %b, %v; want %b", tt.words, got, err, tt.want)
			continue
		}
		if s := got.String(); s != tt.str {
			t.Errorf("ParseFieldSet(%q).String() = %q, want %q", tt.words, s, tt.str)
		}
	}
	if got := strings.Join(ScopeWords(), ","); got != "subject,body,button,footer,sender" {
		t.Errorf("ScopeWords() = %s", got)
	}
}

func TestFieldSetString(t *testing.T) {
	tests := []struct {
		set  FieldSet
		want string
	}{
		{NewFieldSet(FieldTitle, FieldButtonTarget), "title, button target"},
		{NewFieldSet(FieldButtonLabel, FieldButtonTarget, FieldLinkURL), "button, button target, link URL"},
		{CopyFields | NewFieldSet(FieldLinkText), "subject, body, button, footer, sender, link text"},
	}
	for _, tt := range tests {
		if got := tt.set.String(); got != tt.want {
			t.Errorf("%b.String() = %q, want %q", uint16(tt.set), got, tt.want)
		}
		if tt.set.has(numFieldKinds) {
			t.Errorf("%b has a kind past the last", uint16(tt.set))
		}
	}
}

func TestFileError(t *testing.T) {
	tests := []struct {
		e    FileError
		want string
	}{
		{FileError{File: "m.csv", Line: 3, Col: 7, Msg: "bad"}, "m.csv:3:7: bad"},
		{FileError{File: "m.csv", Line: 3, Msg: "bad"}, "m.csv:3: bad"},
		{FileError{File: "m.csv", Col: 4, Msg: "bad"}, "m.csv: bad"},
		{FileError{File: "m.csv", Msg: "bad"}, "m.csv: bad"},
		{FileError{File: "a\x1b[2J.csv", Line: 1, Col: 1, Msg: "line\nbreak"}, `a\x1b[2J.csv:1:1: line\nbreak`},
		{FileError{File: "c.yaml", Line: 2, Msg: `already escaped \x1b`}, `c.yaml:2: already escaped \x1b`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%+v.Error() = %q, want %q", tt.e, got, tt.want)
		}
	}
}
