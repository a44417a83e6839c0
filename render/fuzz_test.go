package render

// Native fuzz targets for the render package. Each asserts invariants, not
// only the absence of a panic: every span lies inside the file, results are
// deterministic, rendering stays under the output cap and the sandbox never
// hands out the environment or a file's content. Seeds come from the
// repository's examples and rule fixtures (added at run time) and from the
// hostile inputs in testdata/fuzz/<Target>/. Run one target at a time:
//
//	go test ./render -run '^$' -fuzz '^FuzzParse$' -fuzztime 60s
//
// .ci/fuzz.sh runs each briefly.

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/render/sandbox"
)

// fzLimits are the limits the targets render with: sandbox.DefaultLimits, whose
// work budgets make every result the same on every run, so the targets
// compare runs. Only the safety time limit depends on the machine.
var fzLimits = sandbox.DefaultLimits

// fzSeedFiles adds the repository's templates (examples and rule fixtures)
// as seeds, through add.
func fzSeedFiles(f *testing.F, add func(data []byte)) {
	f.Helper()
	var paths []string
	for _, pattern := range []string{"../testdata/examples/*.md", "../testdata/rules/*/*.md", "../testdata/ci/*.md"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		f.Fatal("no seed templates found under ../testdata")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(data)
	}
}

// fzOracle knows where lines start in the file as it is on disk, to check a
// Pos against the bytes independently of Source.
type fzOracle struct {
	data  []byte
	bom   int
	lines []int // offset where each line starts (after a BOM for line 1)
}

func fzNewOracle(data []byte) *fzOracle {
	o := &fzOracle{data: data}
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		o.bom = 3
	}
	o.lines = []int{o.bom}
	for i := o.bom; i < len(data); i++ {
		switch {
		case data[i] == '\n':
			o.lines = append(o.lines, i+1)
		case data[i] == '\r' && (i+1 >= len(data) || data[i+1] != '\n'):
			o.lines = append(o.lines, i+1)
		}
	}
	return o
}

// checkPos reports what is wrong with p as a position in the file, or "".
// With exact set, Line and Col must also agree with the bytes.
func (o *fzOracle) checkPos(p Pos, exact bool) string {
	switch {
	case p.Offset < 0 || p.Offset > len(o.data):
		return fmt.Sprintf("offset %d outside the file of %d bytes", p.Offset, len(o.data))
	case p.Line < 1 || p.Line > len(o.lines):
		return fmt.Sprintf("line %d outside 1..%d", p.Line, len(o.lines))
	case p.Col < 1 || p.Col16 < p.Col:
		return fmt.Sprintf("column %d (UTF-16 %d) is not a column", p.Col, p.Col16)
	}
	if !exact {
		return ""
	}
	if p.Offset > 0 && p.Offset < len(o.data) && o.data[p.Offset-1] == '\r' && o.data[p.Offset] == '\n' {
		return fmt.Sprintf("offset %d splits a CRLF", p.Offset)
	}
	line := 0
	for line+1 < len(o.lines) && o.lines[line+1] <= p.Offset {
		line++
	}
	if p.Offset < o.bom {
		line = 0
	}
	if line+1 != p.Line {
		return fmt.Sprintf("offset %d is on line %d, not %d", p.Offset, line+1, p.Line)
	}
	start := min(o.lines[line], p.Offset)
	if col := utf8.RuneCount(o.data[start:p.Offset]) + 1; utf8.Valid(o.data[start:p.Offset]) && col != p.Col {
		return fmt.Sprintf("offset %d is in column %d, not %d", p.Offset, col, p.Col)
	}
	return ""
}

// checkSpan reports what is wrong with s as a span of the file, or "".
func (o *fzOracle) checkSpan(s Span, exact bool) string {
	if msg := o.checkPos(s.Start, exact); msg != "" {
		return "start: " + msg
	}
	if msg := o.checkPos(s.End, exact); msg != "" {
		return "end: " + msg
	}
	if s.Start.Offset > s.End.Offset {
		return fmt.Sprintf("start offset %d after end offset %d", s.Start.Offset, s.End.Offset)
	}
	if s.Start.Line > s.End.Line || s.Start.Line == s.End.Line && s.Start.Col > s.End.Col {
		return fmt.Sprintf("start %d:%d after end %d:%d", s.Start.Line, s.Start.Col, s.End.Line, s.End.Col)
	}
	return ""
}

// checkText checks that every range of t maps into the file: all ranges of
// a short text, and for a long one empty, short, prefix and suffix ranges
// at about a hundred places.
func (o *fzOracle) checkText(t *testing.T, what string, txt Text) {
	t.Helper()
	if txt.source() == nil {
		// the zero Text: a Message Ad's title, which is never reported on;
		// FuzzLint checks that no diagnostic has a zero span
		if txt.S != "" || !txt.Span(0, 0).IsZero() {
			t.Fatalf("%s %q: text has no source", what, txt.S)
		}
		return
	}
	check := func(i, j int) {
		if msg := o.checkSpan(txt.Span(i, j), false); msg != "" {
			t.Fatalf("%s %q: Span(%d, %d) = %+v: %s", what, txt.S, i, j, txt.Span(i, j), msg)
		}
	}
	check(0, len(txt.S))
	if msg := o.checkSpan(txt.Anchor(), false); msg != "" {
		t.Fatalf("%s %q: anchor %+v: %s", what, txt.S, txt.Anchor(), msg)
	}
	n := len(txt.S)
	if n <= 24 {
		for i := 0; i <= n; i++ {
			for j := i; j <= n; j++ {
				check(i, j)
			}
		}
		return
	}
	// Span costs a scan of the line, so a long text is sampled.
	step := max(1, n/97)
	for i := 0; i <= n; i += step {
		check(i, i)
		check(i, min(i+1, n))
		check(i, min(i+7, n))
		check(0, i)
		check(i, n)
	}
}

// fzTemplateTexts calls fn for every text of a parsed template.
func fzTemplateTexts(tpl *Template, fn func(what string, f Field)) {
	fn("format", tpl.formatField)
	fn("sender", tpl.Sender)
	fn("subject", tpl.Subject)
	fn("footer", tpl.Footer)
	fn("members", tpl.Members)
	for i, m := range tpl.Messages {
		p := fmt.Sprintf("message %d ", i)
		fn(p+"title", m.Title)
		fn(p+"body", m.Body)
		for k, b := range m.Buttons {
			fn(fmt.Sprintf("%sbutton %d label", p, k), b.Label)
			fn(fmt.Sprintf("%sbutton %d target", p, k), b.Target)
		}
		for k, l := range m.Links {
			fn(fmt.Sprintf("%slink %d text", p, k), l.Text)
			fn(fmt.Sprintf("%slink %d url", p, k), l.URL)
		}
	}
}

// fzVariantTexts calls fn for every rendered text of a variant with the
// source field it was rendered from.
func fzVariantTexts(tpl *Template, v *Variant, fn func(what string, src Field, out Text)) {
	fn("sender", tpl.Sender, v.Sender)
	fn("subject", tpl.Subject, v.Subject)
	fn("footer", tpl.Footer, v.Footer)
	for i, m := range tpl.Messages {
		vm := v.Messages[i]
		p := fmt.Sprintf("message %d ", i)
		fn(p+"title", m.Title, vm.Title)
		fn(p+"body", m.Body, vm.Body)
		for k, b := range m.Buttons {
			fn(fmt.Sprintf("%sbutton %d label", p, k), b.Label, vm.Buttons[k].Label)
			fn(fmt.Sprintf("%sbutton %d target", p, k), b.Target, vm.Buttons[k].Target)
		}
		for k, l := range m.Links {
			fn(fmt.Sprintf("%slink %d text", p, k), l.Text, vm.Links[k].Text)
			fn(fmt.Sprintf("%slink %d url", p, k), l.URL, vm.Links[k].URL)
		}
	}
}

// fzSummary is a parse reduced to comparable values: Vars and variant
// values may hold NaN, which reflect.DeepEqual never finds equal.
func fzSummary(tpl *Template) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format %q problems %+v front %+v vars %v\n", tpl.Format, tpl.Problems, tpl.FrontMatter, tpl.Vars)
	fzTemplateTexts(tpl, func(what string, f Field) {
		fmt.Fprintf(&b, "%s %q %v %+v %+v %+v\n", what, f.Text.S, f.Present, f.Key, f.Text.segs, f.Span())
	})
	for _, v := range tpl.Variants {
		fmt.Fprintf(&b, "variant %q %v %+v\n", v.Name, v.Values, v.span)
	}
	for _, m := range tpl.Messages {
		fmt.Fprintf(&b, "message %d %q %+v %+v\n", m.index, m.Slug, m.Heading, m.Span)
	}
	return b.String()
}

// fzTimedOut reports whether a problem is the sandbox's safety time limit,
// which depends on the machine's speed: such runs are not compared.
func fzTimedOut(msg string) bool { return strings.Contains(msg, "safety time limit") }

// FuzzParse parses a template and renders its variants. Invariants: every
// problem and every field, message, button and link span lies inside the
// file, with exact line and column; every text's map, parsed, rendered and
// personalized, maps every range into the file; parsing and rendering are
// deterministic; a rendered field that has template actions is no longer
// than the output cap.
func FuzzParse(f *testing.F) {
	fzSeedFiles(f, func(data []byte) { f.Add(data) })
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > MaxFileSize {
			return // the engine refuses these before parsing
		}
		tpl := Parse("ad.md", data)
		o := fzNewOracle(data)
		if !bytes.Equal(tpl.Source.Raw, data) {
			t.Fatal("Source.Raw is not the input")
		}
		for _, p := range tpl.Problems {
			if msg := o.checkSpan(p.Span, true); msg != "" {
				t.Fatalf("problem %q at %+v: %s", p.Msg, p.Span, msg)
			}
			if p.Msg == "" || strings.Contains(p.Msg, "\n") {
				t.Fatalf("problem message %q is not one line", p.Msg)
			}
		}
		if !tpl.FrontMatter.IsZero() {
			if msg := o.checkSpan(tpl.FrontMatter, true); msg != "" {
				t.Fatalf("front matter span %+v: %s", tpl.FrontMatter, msg)
			}
		}
		fzTemplateTexts(tpl, func(what string, fl Field) {
			o.checkText(t, what, fl.Text)
			if !fl.Key.IsZero() {
				if msg := o.checkSpan(fl.Key, true); msg != "" {
					t.Fatalf("%s key span %+v: %s", what, fl.Key, msg)
				}
			}
		})
		for i, m := range tpl.Messages {
			for what, sp := range map[string]Span{"span": m.Span, "heading": m.Heading} {
				if sp.IsZero() {
					continue
				}
				if msg := o.checkSpan(sp, true); msg != "" {
					t.Fatalf("message %d %s %+v: %s", i, what, sp, msg)
				}
			}
			for k, b := range m.Buttons {
				if msg := o.checkSpan(b.Span, true); msg != "" {
					t.Fatalf("message %d button %d span %+v: %s", i, k, b.Span, msg)
				}
			}
			for k, l := range m.Links {
				if msg := o.checkSpan(l.Span, true); msg != "" {
					t.Fatalf("message %d link %d span %+v: %s", i, k, l.Span, msg)
				}
			}
		}
		for _, v := range tpl.Variants {
			if msg := o.checkSpan(v.span, true); msg != "" {
				t.Fatalf("variant %q span %+v: %s", v.Name, v.span, msg)
			}
		}
		if again := Parse("ad.md", data); fzSummary(again) != fzSummary(tpl) {
			t.Fatalf("parsing twice differs:\n%s\n%s", fzSummary(tpl), fzSummary(again))
		}
		if tpl.Format == "" {
			return
		}

		variants, problems := tpl.Render(fzLimits)
		if len(variants) != max(1, len(tpl.Variants)) {
			t.Fatalf("%d variants rendered for %d declared", len(variants), len(tpl.Variants))
		}
		slow := false
		members := DefaultMembers()
		for _, v := range variants {
			for _, p := range append(append([]Problem{}, problems...), v.Problems...) {
				if msg := o.checkSpan(p.Span, false); msg != "" {
					t.Fatalf("render problem %q at %+v: %s", p.Msg, p.Span, msg)
				}
				slow = slow || fzTimedOut(p.Msg)
			}
			fzVariantTexts(tpl, v, func(what string, src Field, out Text) {
				o.checkText(t, "rendered "+what, out)
				if HasActions(src.Text.S) && len(out.S) > sandbox.DefaultLimits.MaxOutput {
					t.Fatalf("rendered %s is %d bytes, over the cap of %d", what, len(out.S), sandbox.DefaultLimits.MaxOutput)
				}
				m := &members[len(out.S)%len(members)]
				o.checkText(t, "personalized "+what, Personalize(out, m))
			})
		}
		if slow {
			return
		}
		// the second time building every output's text by copying, which
		// is what buildOutput's adopted outputs must equal
		adoptOutputs = false
		again, _ := Parse("ad.md", data).Render(fzLimits)
		adoptOutputs = true
		for i, v := range again {
			fzVariantTexts(tpl, v, func(what string, _ Field, out Text) {
				var prev Text
				fzVariantTexts(tpl, variants[i], func(w string, _ Field, first Text) {
					if w == what {
						prev = first
					}
				})
				if out.S != prev.S || !reflect.DeepEqual(out.segs, prev.segs) {
					t.Fatalf("variant %d %s renders differently: %q then %q", i, what, prev.S, out.S)
				}
			})
			if fmt.Sprint(v.Problems) != fmt.Sprint(variants[i].Problems) {
				t.Fatalf("variant %d problems differ: %v then %v", i, variants[i].Problems, v.Problems)
			}
		}
	})
}

// fzMacroRE is the reference for ScanMacros: LinkedIn's five names between
// percent signs, leftmost first, not overlapping.
var fzMacroRE = regexp.MustCompile(`%(FIRSTNAME|LASTNAME|JOBTITLE|COMPANYNAME|INDUSTRY)%`)

// FuzzMacros scans and personalizes text. Invariants: ScanMacros finds
// exactly what the reference regular expression finds; Personalize inserts
// Member.Value, which is never empty, and maps each value back to its
// macro; every range of the result maps into the file; personalizedLen is
// the length of the personalized text in every count mode.
func FuzzMacros(f *testing.F) {
	f.Add("Hi %FIRSTNAME%, how is %COMPANYNAME%?", "Ada", "Acme", false)
	f.Add("%FIRSTNAME%LASTNAME%%JOBTITLE%%%INDUSTRY%", " ", "", true)
	f.Add("%firstname% %TITLE% %FIRSTNAME %COMPANYNAME%%", "Zoë 👩🏽‍💻", "株式会社", false)
	f.Add("\xef\xbb\xbf%FIRSTNAME%\r\n%LASTNAME%\r%JOBTITLE%", "\t", "\xff", false)
	f.Fuzz(func(t *testing.T, s, first, company string, off bool) {
		uses := ScanMacros(s)
		want := fzMacroRE.FindAllStringIndex(s, -1)
		if len(uses) != len(want) {
			t.Fatalf("ScanMacros(%q) found %d macros, want %d", s, len(uses), len(want))
		}
		for i, u := range uses {
			if u.Start != want[i][0] || u.End != want[i][1] || s[u.Start:u.End] != u.Macro.String() {
				t.Fatalf("ScanMacros(%q)[%d] = %+v, want %v", s, i, u, want[i])
			}
		}
		// Members files are checked to be UTF-8 (ParseMembers), and a value
		// with invalid bytes could join the copy's bytes into a character,
		// which no count can add up.
		first, company = strings.ToValidUTF8(first, "\uFFFD"), strings.ToValidUTF8(company, "\uFFFD")
		m := &Member{FirstName: first, LastName: first, JobTitle: company, CompanyName: company, Industry: first, Off: off}
		for _, mac := range Macros {
			if m.Value(mac) == "" || m.Value(mac) != strings.TrimSpace(m.Value(mac)) {
				t.Fatalf("%+v: Value(%s) = %q", m, mac, m.Value(mac))
			}
		}
		if m.Label() == "" {
			t.Fatalf("%+v has no label", m)
		}

		src := NewSource("ad.md", []byte(s))
		o := fzNewOracle(src.Raw)
		txt := TextAt(src, src.Text, 0)
		p := Personalize(txt, m)
		wantS := fzMacroRE.ReplaceAllStringFunc(src.Text, func(w string) string {
			mac, _ := LookupMacro(strings.Trim(w, "%"))
			return m.Value(mac)
		})
		if p.S != wantS {
			t.Fatalf("Personalize(%q) = %q, want %q", src.Text, p.S, wantS)
		}
		o.checkText(t, "personalized", p)
		// each inserted value maps to exactly its macro
		out := 0
		prev := 0
		for _, u := range ScanMacros(src.Text) {
			out += u.Start - prev
			v := m.Value(u.Macro)
			if s0, e0 := p.SrcRange(out, out+len(v)); s0 != u.Start || e0 != u.End {
				t.Fatalf("value %q of %s at %d maps to %d..%d, want %d..%d", v, u.Macro, out, s0, e0, u.Start, u.End)
			}
			out += len(v)
			prev = u.End
		}
		for _, mode := range []CountMode{CountUTF16, CountGraphemes, CountCodePoints} {
			if got, want := personalizedLen(src.Text, ScanMacros(src.Text), m, mode), Count(p.S, mode); got != want {
				t.Fatalf("personalizedLen(%q, %s) = %d, Count of the personalized text = %d", src.Text, mode, got, want)
			}
		}
	})
}

var fzMembersFormats = []string{"csv", "json", "yaml"}

// FuzzParseMembers parses a members file in each format. Invariants: an
// error is a *FileError named by the file with a line inside it and a
// one-line message; a success has 1..MaxMembers members whose values are
// trimmed, valid UTF-8 and never render empty; parsing is deterministic;
// the members written back as CSV parse to the same members.
func FuzzParseMembers(f *testing.F) {
	for _, p := range []string{"../testdata/members/members.csv", "../testdata/members/members.json", "members.yaml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(strings.Index("cjy", filepath.Ext(p)[1:2])), data)
	}
	f.Add(uint8(0), []byte("\ufeffFirst Name,LAST-NAME,title,Company,industry,personalisation,email\nAna,\"Lee\nJr\",,\"A, \"\"B\"\"\",x,off,a@b\n,,,,,,\n"))
	f.Add(uint8(0), []byte("first_name,last_name\nAna\nBo,Kim,extra\n"))
	f.Add(uint8(1), []byte(`[{"first_name": null, "personalization": false, "id": 7}, {"title": "CEO", "job_title": "CTO"}]`))
	f.Add(uint8(2), []byte("- &a {first_name: Ana, company: Acme}\n- *a\n- {personalization: maybe}\n- [x]\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		format := fzMembersFormats[int(which)%len(fzMembersFormats)]
		name := "members." + format
		ms, err := ParseMembers(name, format, data)
		ms2, err2 := ParseMembers(name, format, data)
		if !reflect.DeepEqual(ms, ms2) || fmt.Sprint(err) != fmt.Sprint(err2) {
			t.Fatalf("parsing twice differs: %v %v / %v %v", ms, err, ms2, err2)
		}
		if err != nil {
			var me *FileError
			if !errors.As(err, &me) {
				t.Fatalf("error %v is a %T, not a *FileError", err, err)
			}
			// YAML breaks lines at a lone CR too (CSV and JSON count LFs)
			lines := len(fzNewOracle(data).lines)
			if me.File != name || me.Line < 0 || me.Line > lines+1 || me.Col < 0 || me.Line == 0 && me.Col != 0 {
				t.Fatalf("error %q: position %d:%d is not in the %d lines of %s", me.Msg, me.Line, me.Col, lines, me.File)
			}
			if me.Msg == "" || strings.Contains(me.Msg, "\n") {
				t.Fatalf("error message %q is not one line", me.Msg)
			}
			return
		}
		if len(ms) == 0 || len(ms) > MaxMembers {
			t.Fatalf("%d members", len(ms))
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		_ = w.Write([]string{"first_name", "last_name", "job_title", "company_name", "industry", "personalization"})
		roundTrip := true
		for i := range ms {
			m := &ms[i]
			for _, v := range []string{m.FirstName, m.LastName, m.JobTitle, m.CompanyName, m.Industry} {
				if v != strings.TrimSpace(v) || !utf8.ValidString(v) {
					t.Fatalf("member %d value %q is not trimmed UTF-8", i+1, v)
				}
				roundTrip = roundTrip && !strings.Contains(v, "\r")
			}
			for _, mac := range Macros {
				if m.Value(mac) == "" {
					t.Fatalf("member %d renders %s empty", i+1, mac)
				}
			}
			if m.Label() == "" {
				t.Fatalf("member %d has no label", i+1)
			}
			onOff := "on"
			if m.Off {
				onOff = "off"
			}
			_ = w.Write([]string{m.FirstName, m.LastName, m.JobTitle, m.CompanyName, m.Industry, onOff})
		}
		w.Flush()
		if !roundTrip {
			return
		}
		back, err := ParseMembers("back.csv", "csv", buf.Bytes())
		if err != nil {
			t.Fatalf("the members written as CSV do not parse: %v\n%s", err, buf.Bytes())
		}
		if !reflect.DeepEqual(back, ms) {
			t.Fatalf("CSV round trip changed the members:\n%+v\n%+v", ms, back)
		}
	})
}
