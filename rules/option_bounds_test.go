package rules

import "testing"

func TestCheckBounds(t *testing.T) {
	type two struct {
		A int `yaml:"a" bound:"positive"`
		B int `yaml:"b,omitempty" bound:"positive"`
		C int `yaml:"c"`
	}
	type mixed struct {
		N int `yaml:"n" bound:"not-negative"`
		P int `yaml:"p" bound:"positive"`
		Q int `yaml:"q" bound:"positive"`
		R int `yaml:"r" bound:"positive"`
	}
	type notNegative struct {
		N int `yaml:"n" bound:"not-negative"`
	}
	type badKind struct {
		S string `yaml:"s" bound:"positive"`
	}
	type badBound struct {
		N int `yaml:"n" bound:"small"`
	}
	type group struct {
		M int `yaml:"m" bound:"positive"`
		N int `yaml:"n" bound:"not-negative"`
	}
	type withGroup struct {
		G     int `yaml:"g" bound:"positive"`
		group `yaml:",inline"`
		H     int `yaml:"h" bound:"positive"`
	}
	type badGroup struct {
		G        int `yaml:"g" bound:"positive"`
		badBound `yaml:",inline"`
	}
	type lists struct {
		Words   []string    `yaml:"words" bound:"no-empty-entries"`
		Phrases patternList `yaml:"phrases" bound:"no-empty-entries"`
		Other   []string    `yaml:"other"`
		Max     int         `yaml:"max" bound:"positive"`
	}
	type badList struct {
		N int `yaml:"n" bound:"no-empty-entries"`
	}
	type badListBound struct {
		L []string `yaml:"l" bound:"positive"`
	}
	type unknownListBound struct {
		L []string `yaml:"l" bound:"unique"`
	}
	tests := []struct {
		name string
		opts any
		err  string
	}{
		{"lists without empty entries", &lists{Words: []string{"a"}, Phrases: patternList{"b c"}, Other: []string{""}, Max: 1}, ""},
		{"an empty entry names every such list", &lists{Phrases: patternList{"b", ""}, Max: 1}, "words and phrases must not contain empty entries"},
		{"an entry of white space", &lists{Words: []string{" \t"}, Max: 1}, "words and phrases must not contain empty entries"},
		{"an int out first", &lists{Words: []string{""}, Max: 0}, "max must be positive"},
		{"no-empty-entries on an int", &badList{}, "option n: bound no-empty-entries needs a list of text values"},
		{"an int bound on a list", &badListBound{}, "option l: a bound needs an int field"},
		{"an unknown bound on a list", &unknownListBound{}, `option l: unknown bound "unique": use no-empty-entries`},
		{"a group within bounds", &withGroup{G: 1, H: 1, group: group{M: 1}}, ""},
		{"the struct's own first, without the group's", &withGroup{G: 0, H: 1, group: group{M: 0, N: -1}}, "g and h must be positive"},
		{"a group on its own", &withGroup{G: 1, H: 1, group: group{M: 1, N: -1}}, "m must be positive, and n not negative"},
		{"a bad bound in a group, whatever is out", &badGroup{G: 0}, `option n: unknown bound "small": use positive or not-negative`},
		{"within bounds", &two{A: 1, B: 2, C: -5}, ""},
		{"one out names all", &two{A: 1, B: 0}, "a and b must be positive"},
		{"negative", &two{A: -1, B: 3}, "a and b must be positive"},
		{"zero is not negative", &notNegative{N: 0}, ""},
		{"below zero", &notNegative{N: -1}, "n must not be negative"},
		{"both kinds, positive first", &mixed{N: -1, P: 1, Q: 1, R: 1}, "p, q and r must be positive, and n not negative"},
		{"both kinds within", &mixed{N: 0, P: 1, Q: 1, R: 1}, ""},
		{"a bound on a string", &badKind{}, "option s: a bound needs an int field"},
		{"an unknown bound", &badBound{N: 1}, `option n: unknown bound "small": use positive or not-negative`},
		{"not a struct", new(int), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkBounds(tt.opts)
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("error: %v", err)
			case tt.err != "" && (err == nil || err.Error() != tt.err):
				t.Errorf("error = %v, want %s", err, tt.err)
			}
		})
	}
}

// The bounded options of the built-in rules refuse what they refused when
// each rule wrote its own check, with the same words.
func TestRuleBounds(t *testing.T) {
	tests := []struct {
		opts any
		err  string
	}{
		{&ctaLength{formatLimits{MaxMessage: 20, MaxConversation: 0}}, "max-message and max-conversation must be positive"},
		{&footerLength{formatLimits{MaxMessage: -1, MaxConversation: 1}}, "max-message and max-conversation must be positive"},
		{&flowSize{MaxMessages: 1, MaxDepth: 0}, "max-messages and max-depth must be positive"},
		{&subjectLength{Visible: 0, Max: 60}, "visible and max must be positive"},
		{&emojiCount{Max: -1}, "max must not be negative"},
		{&personalizationDensity{Max: 0}, "max must be positive"},
		{&linkLimits{MaxLinks: -1, MaxText: 1, MaxURLMessage: 1, MaxURLConversation: 1}, "max-text, max-url-message and max-url-conversation must be positive, and max-links not negative"},
		{&linkLimits{MaxLinks: 0, MaxText: 1, MaxURLMessage: 0, MaxURLConversation: 1}, "max-text, max-url-message and max-url-conversation must be positive, and max-links not negative"},
		{&bodyLength{Guidance: 0, formatLimits: formatLimits{MaxMessage: 0, MaxConversation: 1}}, "guidance must be positive"},
		{&bodyLength{Guidance: 1, formatLimits: formatLimits{MaxMessage: 1, MaxConversation: 0}}, "max-message and max-conversation must be positive"},
		{&linkLimits{MaxLinks: 0, MaxText: 1, MaxURLMessage: 1, MaxURLConversation: 1}, ""},
		{&hype{Acronyms: []string{"ok", " "}}, "phrases and acronyms must not contain empty entries"},
		{&hype{Phrases: patternList{}}, ""},
		{&ctaSpecificity{Vague: patternList{"learn more"}, Verbs: patternList{""}}, "vague and verbs must not contain empty entries"},
	}
	for _, tt := range tests {
		err := prepare(tt.opts)
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || err.Error() != tt.err) {
			t.Errorf("%T%+v: error = %v, want %q", tt.opts, tt.opts, err, tt.err)
		}
	}
}
