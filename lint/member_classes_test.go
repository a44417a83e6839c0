package lint

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

var countModes = []render.CountMode{render.CountUTF16, render.CountGraphemes, render.CountCodePoints}

// textVariant is a variant whose subject is s.
func textVariant(name, s string) *render.Variant {
	src := render.NewSource(name+".md", []byte(s))
	return &render.Variant{Name: name, Subject: render.TextAt(src, src.Text, 0)}
}

func subject(v *render.Variant) (render.Text, bool) { return v.Subject, true }

// bruteLongest is Longest the way it was written before member classes:
// every member's render built and counted, the first to be longer than the
// best so far winning.
func bruteLongest(variants []*render.Variant, members []render.Member, mode render.CountMode, field func(*render.Variant) (render.Text, bool)) (Render, bool) {
	var best Render
	found := false
	for _, v := range variants {
		t, ok := field(v)
		if !ok {
			continue
		}
		if raw := render.Count(t.S, mode); !found || raw > best.Len {
			best = Render{Variant: v, Len: raw}
			found = true
		}
		if len(render.ScanMacros(t.S)) == 0 {
			continue
		}
		for i := range members {
			if n := render.Count(render.Personalize(t, &members[i]).S, mode); n > best.Len {
				best = Render{Variant: v, Member: &members[i], Len: n}
			}
		}
	}
	return best, found
}

func sameRender(a, b Render) bool {
	return a.Variant == b.Variant && a.Member == b.Member && a.Len == b.Len
}

func renderString(r Render, members []render.Member) string {
	who := "as written"
	if i := memberIndex(r.Member, members); i >= 0 {
		who = fmt.Sprintf("member %d (%s)", i, members[i].Label())
	}
	v := "no variant"
	if r.Variant != nil {
		v = "variant " + r.Variant.Name
	}
	return fmt.Sprintf("%s, %s, %d", v, who, r.Len)
}

// memberIndex is m's index in members, -1 when it is none of them.
func memberIndex(m *render.Member, members []render.Member) int {
	for i := range members {
		if m == &members[i] {
			return i
		}
	}
	return -1
}

// edgeMembers have the values that make lengths hard to add up: a value
// that starts with a combining mark or a zero-width joiner (it joins the
// character before the macro), one that ends with an emoji joiner or half a
// flag, emoji and flags, Hangul jamo, values equal to other members'
// (same class) and of equal length (a tie: the first member wins),
// personalization off, and empty values (fallbacks).
var edgeMembers = []render.Member{
	{FirstName: "Zoë", LastName: "Lee", JobTitle: "VP of Sales", CompanyName: "Acme", Industry: "Software"},
	{FirstName: "\u0301Ana", LastName: "Ng", JobTitle: "Account Executive", CompanyName: "Ng & Co", Industry: "Retail"},
	{FirstName: "Sam 🚀", LastName: "O’Neil", JobTitle: "Head of Growth", CompanyName: "🇸🇪 Nordic", Industry: "Travel"},
	{FirstName: "Ben", LastName: "Lee", JobTitle: "VP of Sales", CompanyName: "Acme", Industry: "Software"},
	{FirstName: "Zoe", LastName: "Lei", JobTitle: "VP of Sales", CompanyName: "Acmé", Industry: "Software"},
	{FirstName: "\u200dJo", LastName: "👍\u200d", JobTitle: "가", CompanyName: "ᄀ", Industry: "🇪"},
	{FirstName: "Kim", Off: true},
	{FirstName: "", LastName: "", JobTitle: " ", CompanyName: "", Industry: ""},
	{FirstName: "Ren", LastName: "\u0308", JobTitle: "e\u0301", CompanyName: "X\u00ad", Industry: "\r"},
}

// edgeTexts put literal text on both sides of macros: combining marks and
// joiners after a macro, flags and emoji around it, CR, adjacent macros,
// invalid UTF-8, and macros at both ends.
var edgeTexts = []string{
	"Hi %FIRSTNAME%, a seat at %COMPANYNAME%?",
	"%FIRSTNAME%",
	"e%FIRSTNAME%\u0301",
	"%FIRSTNAME%%LASTNAME%%INDUSTRY%",
	"🇸%COMPANYNAME%🇪 and 👍\u200d%LASTNAME%\u200d👍",
	"\r%INDUSTRY%\n%JOBTITLE%ᅡ",
	"\xc3%FIRSTNAME%\xa9 \xff",
	"Zoë’s %FIRSTNAME%’s — %JOBTITLE%…",
	"no macro at all",
	"",
}

func TestLongestMatchesBuildingEveryRender(t *testing.T) {
	for _, mode := range countModes {
		for _, s := range edgeTexts {
			variants := []*render.Variant{textVariant("a", s), textVariant("b", "Hi %FIRSTNAME%"), textVariant("c", s+" %COMPANYNAME%")}
			members := append([]render.Member(nil), edgeMembers...)
			p := newPass("t.md", nil, variants, members, mode)
			got, ok := p.Longest(subject)
			want, wok := bruteLongest(variants, members, mode, subject)
			if ok != wok || !sameRender(got, want) {
				t.Errorf("%s, %q: Longest = %s, building every render gives %s", mode, s, renderString(got, members), renderString(want, members))
			}
		}
	}
}

// TestLongestRandom compares Longest with building every render on random
// texts and members made of the pieces that fuse across a join.
func TestLongestRandom(t *testing.T) {
	pieces := []string{"Hi ", "a", "e", "\u0301", "\u200d", "🇸", "🇪", "👍", "’s", "\r", "\n", "—", "\xc3", "\xa9", "가", "ᄀ", "ᅡ", " ", "\u0600", "é", "%FIRSTNAME%", "%LASTNAME%", "%COMPANYNAME%", "%JOBTITLE%", "%INDUSTRY%"}
	valuePieces := pieces[:len(pieces)-5]
	r := rand.New(rand.NewPCG(1, 2))
	gen := func(from []string, n int) string {
		var b strings.Builder
		for k := r.IntN(n + 1); k > 0; k-- {
			b.WriteString(from[r.IntN(len(from))])
		}
		return b.String()
	}
	for round := 0; round < 400; round++ {
		members := make([]render.Member, 1+r.IntN(12))
		for i := range members {
			members[i] = render.Member{FirstName: gen(valuePieces, 3), LastName: gen(valuePieces, 3), JobTitle: gen(valuePieces, 2),
				CompanyName: gen(valuePieces, 3), Industry: gen(valuePieces, 2), Off: r.IntN(10) == 0}
			if r.IntN(4) == 0 && i > 0 {
				members[i] = members[r.IntN(i)] // the same values: the same class
			}
		}
		var variants []*render.Variant
		for k := 1 + r.IntN(3); k > 0; k-- {
			variants = append(variants, textVariant(strconv.Itoa(k), gen(pieces, 8)))
		}
		for _, mode := range countModes {
			p := newPass("t.md", nil, variants, members, mode)
			got, _ := p.Longest(subject)
			want, _ := bruteLongest(variants, members, mode, subject)
			if !sameRender(got, want) {
				t.Fatalf("round %d, %s: Longest = %s, building every render gives %s\ntexts %q", round, mode, renderString(got, members), renderString(want, members), variants[0].Subject.S)
			}
		}
	}
}

func TestMemberClasses(t *testing.T) {
	members := []render.Member{
		{FirstName: "Ann", CompanyName: "Acme"},   // 0
		{FirstName: "Bob", CompanyName: "Acme"},   // 1: same lengths as 0
		{FirstName: "Zoë", CompanyName: "Acme"},   // 2: same length, another value
		{FirstName: "Alexandra", CompanyName: ""}, // 3: company falls back
		{FirstName: "Ann", CompanyName: "Acme"},   // 4: a copy of 0
		{FirstName: "Ann", Off: true},             // 5: every macro falls back
	}
	first := render.MacroFirstName
	company := render.MacroCompanyName
	tests := []struct {
		mode render.CountMode
		set  macroSet
		want []int32 // each class's first member
	}{
		{render.CountUTF16, 1 << first, []int32{0, 3, 5}},
		{render.CountUTF16, 1 << company, []int32{0, 3}},
		{render.CountUTF16, 1<<first | 1<<company, []int32{0, 3, 5}},
		{render.CountGraphemes, 1 << first, []int32{0, 1, 2, 3, 5}}, // by value: graphemes may fuse
		{render.CountCodePoints, 0, []int32{0}},
	}
	for _, tt := range tests {
		tab := newMemberTable(members, tt.mode)
		var got []int32
		for _, c := range tab.classes(tt.set) {
			got = append(got, c.first)
		}
		if !equalInts(got, tt.want) {
			t.Errorf("%s, macros %05b: classes start at members %v, want %v", tt.mode, tt.set, got, tt.want)
		}
	}
	tab := newMemberTable(members, render.CountUTF16)
	tab.column(int(first))
	var names []string
	for _, v := range tab.values[first] {
		names = append(names, fmt.Sprintf("%s@%d", v.s, v.first))
	}
	if got, want := strings.Join(names, " "), "Ann@0 Bob@1 Zoë@2 Alexandra@3 LinkedIn Member@5"; got != want {
		t.Errorf("distinct first names %q, want %q", got, want)
	}
}

func equalInts(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestMacroValues(t *testing.T) {
	members := []render.Member{
		{JobTitle: "VP of Sales"},
		{JobTitle: "Engineer"},
		{JobTitle: "VP of Sales"},
		{JobTitle: "Engineer", Off: true},
		{JobTitle: ""},
	}
	p := newPass("t.md", nil, nil, members, render.CountUTF16)
	var got []string
	for _, mv := range p.MacroValues(render.MacroJobTitle) {
		got = append(got, fmt.Sprintf("%s@%d", mv.Value, memberIndex(mv.Member, members)))
	}
	want := "VP of Sales@0 Engineer@1 professional@3"
	if strings.Join(got, " ") != want {
		t.Errorf("MacroValues = %q, want %q", strings.Join(got, " "), want)
	}
}

// TestLongestUnchangedOnFixtures: on every example and rule fixture, in
// every count mode and with each members file the project ships, Longest
// names the same variant, member and length as building every member's
// render did, for each field the length rules measure.
func TestLongestUnchangedOnFixtures(t *testing.T) {
	var files []string
	for _, glob := range []string{"../testdata/examples/*.md", "../testdata/rules/*/*.md", "../testdata/ci/*.md"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 40 {
		t.Fatalf("found only %d templates", len(files))
	}
	memberSets := map[string][]render.Member{"built-in": render.DefaultMembers()}
	for _, f := range []string{"../testdata/members/members.csv", "../testdata/members/members.json"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		format, err := render.MembersFormat(f)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := render.ParseMembers(f, format, data)
		if err != nil {
			t.Fatal(err)
		}
		memberSets[filepath.Base(f)] = ms
	}
	fields := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		tpl := render.Parse(file, data)
		if tpl.Format == "" {
			continue
		}
		variants, _ := tpl.Render(sandbox.DefaultLimits)
		var picks []func(*render.Variant) (render.Text, bool)
		picks = append(picks, subject, func(v *render.Variant) (render.Text, bool) { return v.Footer, v.Footer.S != "" })
		for i, m := range tpl.Messages {
			picks = append(picks, func(v *render.Variant) (render.Text, bool) {
				if i >= len(v.Messages) {
					return render.Text{}, false
				}
				return v.Messages[i].Body, true
			})
			for j := range m.Buttons {
				picks = append(picks, func(v *render.Variant) (render.Text, bool) {
					if i >= len(v.Messages) || j >= len(v.Messages[i].Buttons) {
						return render.Text{}, false
					}
					return v.Messages[i].Buttons[j].Label, true
				})
			}
			for k := range m.Links {
				picks = append(picks, func(v *render.Variant) (render.Text, bool) {
					if i >= len(v.Messages) || k >= len(v.Messages[i].Links) {
						return render.Text{}, false
					}
					return v.Messages[i].Links[k].Text, true
				})
			}
		}
		for name, members := range memberSets {
			for _, mode := range countModes {
				p := newPass(file, tpl, variants, members, mode)
				for _, pick := range picks {
					got, _ := p.Longest(pick)
					want, _ := bruteLongest(variants, members, mode, pick)
					if !sameRender(got, want) {
						t.Errorf("%s with %s members, %s: Longest = %s, every render built gives %s", file, name, mode, renderString(got, members), renderString(want, members))
					}
					fields++
				}
			}
		}
	}
	t.Logf("%d templates, %d fields measured", len(files), fields)
}

// memberLen is what longestMember computes for the class of member i.
func memberLen(tab *memberTable, pl *textPlan, i int) int {
	for k := range numMacros {
		tab.column(k)
	}
	c := memberClass{first: int32(i), valid: true, ids: tab.ids[i]}
	for k := range numMacros {
		v := tab.values[k][c.ids[k]]
		c.lens[k] = int32(v.m.N)
		if pl.set.has(k) && !v.m.Valid() {
			c.valid = false
		}
	}
	if tab.mode != render.CountGraphemes {
		if !c.valid {
			return tab.builtLen(pl, &c)
		}
		n := pl.lit
		for k := range numMacros {
			n += int(pl.counts[k]) * int(c.lens[k])
		}
		return n
	}
	n, ok := tab.joinedLen(pl, &c)
	if !ok {
		n = tab.builtLen(pl, &c)
	}
	return n
}

// TestMemberLengths checks the length of every member's render, not only
// the longest, against building the string: literal pieces counted once
// plus precounted values, with the grapheme joins at each macro.
func TestMemberLengths(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	pieces := []string{"a", "e", "\u0301", "\u200d", "🇸", "🇪", "👍", "’", "\r", "\n", "—", "\xc3", "\xa9", "가", "ᄀ", "ᅡ", " ", "\u0600", "\u094d", "क"}
	gen := func(n int, macros bool) string {
		var b strings.Builder
		for k := r.IntN(n + 1); k > 0; k-- {
			if macros && r.IntN(3) == 0 {
				b.WriteString(render.Macros[r.IntN(len(render.Macros))].String())
				continue
			}
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	texts := append([]string(nil), edgeTexts...)
	for k := 0; k < 300; k++ {
		texts = append(texts, gen(10, true))
	}
	members := append([]render.Member(nil), edgeMembers...)
	for k := 0; k < 60; k++ {
		members = append(members, render.Member{FirstName: gen(4, false), LastName: gen(4, false), JobTitle: gen(3, false), CompanyName: gen(4, false), Industry: gen(3, false)})
	}
	for _, mode := range countModes {
		tab := newMemberTable(members, mode)
		for _, s := range texts {
			src := render.NewSource("t.md", []byte(s)) // CRLF becomes LF, as in any template
			s := src.Text
			pl := newTextPlan(s, render.ScanMacros(s), mode)
			text := render.TextAt(src, s, 0)
			for i := range members {
				want := render.Count(render.Personalize(text, &members[i]).S, mode)
				if got := memberLen(tab, &pl, i); got != want {
					t.Fatalf("%s: %q for %q: %d from the pieces, %d built", mode, s, render.Personalize(text, &members[i]).S, got, want)
				}
			}
		}
	}
}

// TestLongestTieWithInvalidValues: a member built by hand with invalid
// UTF-8 is measured on the built string, and of two members whose renders
// are as long, the first is named all the same.
func TestLongestTieWithInvalidValues(t *testing.T) {
	long := strings.Repeat("a", 10)
	members := []render.Member{{FirstName: "\xff\xfe" + long}, {FirstName: "ab" + long}, {FirstName: "\xfa\xfb" + long}}
	for _, mode := range countModes {
		p := newPass("t.md", nil, []*render.Variant{textVariant("a", "Hi %FIRSTNAME%")}, members, mode)
		got, _ := p.Longest(subject)
		if got.Member != &members[0] || got.Len != 15 {
			t.Errorf("%s: Longest = %s, want member 0 at 15", mode, renderString(got, members))
		}
	}
}
