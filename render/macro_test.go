package render

import (
	"fmt"
	"testing"
)

func TestScanMacros(t *testing.T) {
	tests := []struct {
		in   string
		want string // "NAME@start-end ..."
	}{
		{"", "[]"},
		{"no macros here", "[]"},
		{"Hi %FIRSTNAME%!", "[FIRSTNAME@3-14]"},
		{"%FIRSTNAME%%LASTNAME%", "[FIRSTNAME@0-11 LASTNAME@11-21]"},
		{"%FIRSTNAME%LASTNAME%", "[FIRSTNAME@0-11]"},
		{"%%FIRSTNAME%%", "[FIRSTNAME@1-12]"},
		{"Hi %FIRSTNAME, welcome", "[]"},
		{"Hi %FIRSTNAME", "[]"},
		{"%firstname% %FirstName%", "[]"},
		{"%TITLE% %FIRST NAME% % FIRSTNAME%", "[]"},
		{"50% off at %COMPANYNAME%", "[COMPANYNAME@11-24]"},
		{"50% off, 20% more", "[]"},
		{"%FIRSTNAME% %LASTNAME% %JOBTITLE% %COMPANYNAME% %INDUSTRY%", "[FIRSTNAME@0-11 LASTNAME@12-22 JOBTITLE@23-33 COMPANYNAME@34-47 INDUSTRY@48-58]"},
		{"é%JOBTITLE%😀", "[JOBTITLE@2-12]"},
		{"%", "[]"},
		{"%%", "[]"},
	}
	for _, tt := range tests {
		var got []string
		for _, u := range ScanMacros(tt.in) {
			got = append(got, fmt.Sprintf("%s@%d-%d", u.Macro.Name(), u.Start, u.End))
			if s := tt.in[u.Start:u.End]; s != u.Macro.String() {
				t.Errorf("ScanMacros(%q): %q at %d-%d is not %s", tt.in, s, u.Start, u.End, u.Macro)
			}
		}
		if fmt.Sprint(got) != tt.want && (got != nil || tt.want != "[]") {
			t.Errorf("ScanMacros(%q) = %v, want %s", tt.in, got, tt.want)
		}
	}
}

func TestMacroNames(t *testing.T) {
	tests := []struct {
		m              Macro
		name, fallback string
	}{
		{MacroFirstName, "FIRSTNAME", "LinkedIn Member"},
		{MacroLastName, "LASTNAME", "LinkedIn Member"},
		{MacroJobTitle, "JOBTITLE", "professional"},
		{MacroCompanyName, "COMPANYNAME", "your company"},
		{MacroIndustry, "INDUSTRY", "industry"},
	}
	for _, tt := range tests {
		if tt.m.Name() != tt.name || tt.m.String() != "%"+tt.name+"%" || tt.m.Fallback() != tt.fallback {
			t.Errorf("macro %d: %q %q %q", tt.m, tt.m.Name(), tt.m.String(), tt.m.Fallback())
		}
		if m, ok := LookupMacro(tt.name); !ok || m != tt.m {
			t.Errorf("LookupMacro(%q) = %v, %v", tt.name, m, ok)
		}
	}
	for _, w := range []string{"firstname", "FirstName", "TITLE", ""} {
		if _, ok := LookupMacro(w); ok {
			t.Errorf("LookupMacro(%q) found a macro", w)
		}
	}
	if len(Macros) != 5 {
		t.Errorf("%d macros, want 5", len(Macros))
	}
}

func TestPersonalize(t *testing.T) {
	const in = "---\nformat: message\nsender: Dana\nsubject: \"Hi %FIRSTNAME% at %COMPANYNAME%, a %JOBTITLE% in %INDUSTRY%! \\u0025LASTNAME%\"\n---\nBody.\n"
	tp := Parse("ad.md", []byte(in))
	if len(tp.Problems) > 0 {
		t.Fatalf("problems: %q", problemStrings(tp.Problems))
	}
	subj := tp.Subject.Text
	if subj.S != "Hi %FIRSTNAME% at %COMPANYNAME%, a %JOBTITLE% in %INDUSTRY%! %LASTNAME%" {
		t.Fatalf("subject = %q", subj.S)
	}
	tests := []struct {
		name   string
		member Member
		want   string
		checks []spanCheck
	}{
		{
			name:   "member",
			member: Member{FirstName: "Zoë", LastName: "Fischer", JobTitle: "Lead", CompanyName: "Brightline", Industry: "Robotics"},
			want:   "Hi Zoë at Brightline, a Lead in Robotics! Fischer",
			checks: []spanCheck{
				{"Hi ", "Hi ", 4, 11},
				{"Zoë", "%FIRSTNAME%", 4, 14},
				{" at ", " at ", 4, 25},
				{"Brightline", "%COMPANYNAME%", 4, 29},
				{"Lead", "%JOBTITLE%", 4, 46},
				{"Robotics", "%INDUSTRY%", 4, 60},
				{"! ", "! ", 4, 70},
				// a macro written with an escape maps to the escape and the rest
				{"Fischer", `\u0025LASTNAME%`, 4, 72},
			},
		},
		{
			name:   "missing values and spaces",
			member: Member{FirstName: "  Ana ", CompanyName: " "},
			want:   "Hi Ana at your company, a professional in industry! LinkedIn Member",
			checks: []spanCheck{{"your company", "%COMPANYNAME%", 4, 29}, {"professional", "%JOBTITLE%", 4, 46}},
		},
		{
			name:   "personalization off",
			member: Member{FirstName: "Zoë", LastName: "Fischer", JobTitle: "Lead", CompanyName: "Brightline", Industry: "Robotics", Off: true},
			want:   "Hi LinkedIn Member at your company, a professional in industry! LinkedIn Member",
			checks: []spanCheck{{"LinkedIn Member", "%FIRSTNAME%", 4, 14}, {"industry", "%INDUSTRY%", 4, 60}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Personalize(subj, &tt.member)
			if got.S != tt.want {
				t.Fatalf("Personalize = %q, want %q", got.S, tt.want)
			}
			checkSpans(t, tp.Source, got, tt.checks)
			if got.Anchor() != subj.Anchor() {
				t.Errorf("anchor changed: %+v, want %+v", got.Anchor(), subj.Anchor())
			}
		})
	}
	// No macros: the same text.
	plain := TextAt(tp.Source, "Body.", tp.Messages[0].Body.Text.anchor)
	if got := Personalize(plain, &Member{FirstName: "X"}); got.S != "Body." || got.Span(0, 4) != plain.Span(0, 4) {
		t.Errorf("Personalize without macros = %q", got.S)
	}
}

func TestPersonalizedLen(t *testing.T) {
	src := NewSource("f.md", nil)
	texts := []string{
		"",
		"no macros",
		"Hi %FIRSTNAME%, a 😀 for %COMPANYNAME%",
		"%FIRSTNAME%%LASTNAME%",
		"%JOBTITLE% at %COMPANYNAME% in %INDUSTRY%, %FIRSTNAME% %LASTNAME%",
		"e\u0301 %FIRSTNAME%\u0301 🇫🇷%COMPANYNAME%",
		"50% off %firstname% %FIRSTNAME",
	}
	members := append(DefaultMembers(), Member{FirstName: "Off", Off: true}, Member{})
	if len(members) < 10 {
		t.Fatalf("only %d default members", len(members))
	}
	for _, mode := range []CountMode{CountUTF16, CountCodePoints, CountGraphemes} {
		for _, s := range texts {
			uses := ScanMacros(s)
			for i := range members {
				m := &members[i]
				want := Count(Personalize(TextAt(src, s, 0), m).S, mode)
				if got := personalizedLen(s, uses, m, mode); got != want {
					t.Errorf("%s: personalizedLen(%q) for %s = %d, Count(Personalize) = %d", mode, s, m.Label(), got, want)
				}
			}
		}
	}
}
