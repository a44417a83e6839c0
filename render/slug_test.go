package render

import "testing"

func TestSlug(t *testing.T) {
	tests := []struct{ heading, want string }{
		{"Opening", "opening"},
		{"Creative production", "creative-production"},
		{"What's next?", "whats-next"},
		{"Ünïcode Ça va", "ünïcode-ça-va"},
		{"A  B", "a--b"},
		{"foo_bar-baz", "foo_bar-baz"},
		{"  Padded heading  ", "padded-heading"},
		{"Step 1: Book a demo", "step-1-book-a-demo"},
		{"C++ & Go", "c--go"},
		{"ÉCOLE 42", "école-42"},
		{"日本語のテスト", "日本語のテスト"},
		{"Привет, мир!", "привет-мир"},
		{"🚀 Launch", "-launch"},
		{"Launch 🚀", "launch-"},
		{"Tab\there", "tabhere"},
		{"(Maybe) later…", "maybe-later"},
		{"“Quoted” «words»", "quoted-words"},
		{"???", ""},
		{"", ""},
		// Template actions are removed first, so the id is the same in
		// every variant.
		{"{{ .event_day }} Webinar", "webinar"},
		{"Webinar {{ .event_day | title }}", "webinar"},
		{"{{/* note */}}Pricing", "pricing"},
		{"{{ unclosed", "-unclosed"},
		// GitHub keeps every mark, spacing ones too: the vowel sign ि
		// (U+093F, Mc) in प्रिया stays, as in GitHub's anchor.
		{"प्रिया शर्मा", "प्रिया-शर्मा"},
		{"e\u0301te\u0301", "e\u0301te\u0301"},
		// Other numbers and symbols are dropped, as GitHub drops them.
		{"Step ½", "step-"},
		{"x² + y²", "x--y"},
		{"Price $5 €6", "price-5-6"},
		// A circled letter is a symbol but alphabetic: GitHub keeps it.
		{"Ⓐ plan", "ⓐ-plan"},
		// Other connector punctuation is kept like "_".
		{"a‿b", "a‿b"},
	}
	for _, tt := range tests {
		if got := headingSlug(tt.heading); got != tt.want {
			t.Errorf("headingSlug(%q) = %q, want %q", tt.heading, got, tt.want)
		}
	}
}
