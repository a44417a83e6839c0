package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

var (
	mailchimp   = lazyRE(`\*\|([A-Za-z_:]+)\|\*`)
	doubleBrace = lazyRE(`\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`)
	singleBrace = lazyRE(`\{([A-Za-z_][A-Za-z0-9_ ]{0,20})\}`)
	squareMerge = lazyRE(`\[([A-Za-z_][A-Za-z0-9_ ]{0,20})\]`)
)

// suggestMacro proposes the macro a mistyped %WORD% meant.
func suggestMacro(word string) string {
	if m, ok := mergeAlias(word); ok {
		return render.DidYouMeanText(m.String())
	}
	names := make([]string, len(render.Macros))
	for i, m := range render.Macros {
		names[i] = m.Name()
	}
	if s := render.Nearest(strings.ToUpper(word), names, 3); s != "" {
		return render.DidYouMeanText("%" + s + "%")
	}
	return "LinkedIn's macros are %FIRSTNAME%, %LASTNAME%, %JOBTITLE%, %COMPANYNAME% and %INDUSTRY%"
}

// macroFixes are the fixes for a field name that is not a macro (the FNAME
// of *|FNAME|*, the firstname of %firstname%): certain when it can mean one
// macro only (another case of a macro's name, an alias that names the
// field, a near miss with a single macro within suggestMacro's three
// edits); suggestions when it is a looser alias ("name", "title") or near
// several macros; none when nothing is near.
func macroFixes(word string) []textFix {
	if m, ok := mergeAlias(word); ok {
		if looseAlias[aliasSeparators.Replace(strings.ToLower(word))] {
			return suggestFix(m.String())
		}
		return certainFix(m.String())
	}
	var near []string
	for _, m := range render.Macros {
		if render.Nearest(strings.ToUpper(word), []string{m.Name()}, 3) != "" {
			near = append(near, m.String())
		}
	}
	if len(near) == 1 {
		return certainFix(near[0])
	}
	return suggestFix(near...)
}

// looseAlias are the aliases that usually mean their macro but not always
// ("name" may be the full name, "title" a salutation, "account" a login):
// their fix is a suggestion, never applied by --fix.
var looseAlias = map[string]bool{
	"name": true, "first": true, "last": true, "title": true, "position": true, "role": true,
	"job": true, "org": true, "account": true,
}

// checkUnknownMacro is the unknown-macro rule: it finds personalization that
// LinkedIn will not fill: macros with the wrong name or case, unclosed
// macros, and other tools' merge fields pasted from an email platform.
func checkUnknownMacro(p *lint.Pass) {
	// doubleBrace's white space may span a blank line, so a text with
	// braces is read whole; every other pattern stops at white space or a
	// line break
	p.FieldParagraphs(render.CopyFields&^render.NewFieldSet(render.FieldSender), hasAction, func(v *render.Variant, t render.Text) {
		reportFixable(p, v, t, findUnknownMacros(t.S))
	})
}

func findUnknownMacros(s string) []fixableFinding {
	if !strings.ContainsAny(s, "%{[|") {
		return nil
	}
	var out []fixableFinding
	// taken holds the findings of the patterns run so far: the matches of
	// one pattern never overlap each other, so each pattern's are added
	// when it is done
	taken := &spanSet{}
	done := func(from int) {
		found := make([][2]int, 0, len(out)-from)
		for _, f := range out[from:] {
			found = append(found, [2]int{f.start, f.end})
		}
		taken.add(found)
	}
	valid := render.ScanMacros(s)
	// A %WORD% needs a % that no well-formed macro holds, and a macro with a
	// missing % a macro name outside them; the patterns run only then
	strayPercent := strings.Count(s, "%") > 2*len(valid)
	// (?i) also folds ſ into s: a name spelt with it needs the patterns too
	macroWord := containsMacroWord(s) || strings.ContainsRune(s, 'ſ')
	if !strayPercent && !macroWord && !strings.ContainsAny(s, "{[|") {
		// every % belongs to a well-formed macro and nothing else can be a
		// merge field: the common case, decided without a pattern
		return nil
	}
	// valid macros are in order and apart: the one that may overlap
	// [i, j) is found by binary search
	inValid := func(i, j int) bool {
		k := sort.Search(len(valid), func(k int) bool { return valid[k].End > i })
		return k < len(valid) && valid[k].Start < j
	}
	var percents, unclosedAt, unopenedAt [][]int
	if strayPercent {
		percents = findPercentWords(s)
	}
	if macroWord {
		unclosedAt = findUnclosed(s)
		unopenedAt = findUnopened(s)
	}
	for _, m := range percents {
		word := s[m[2]:m[3]]
		if _, ok := render.LookupMacro(word); ok || inValid(m[0], m[1]) {
			continue
		}
		out = append(out, fixableFinding{textFinding{m[0], m[1], fmt.Sprintf("%s is not a LinkedIn macro and will be shown as typed: %s", quote(s[m[0]:m[1]]), suggestMacro(word))}, macroFixes(word)})
	}
	done(0)
	from := len(out)
	for _, m := range unclosedAt {
		if m[1] < len(s) && s[m[1]] == '%' || inValid(m[0], m[1]) || taken.overlaps(m[0], m[1]) {
			continue
		}
		mac, _ := mergeAlias(s[m[2]:m[3]])
		out = append(out, fixableFinding{textFinding{m[0], m[1], fmt.Sprintf("%s is missing its closing %%: write %s", quote(s[m[0]:m[1]]), mac)}, certainFix(mac.String())})
	}
	done(from)
	from = len(out)
	for _, m := range unopenedAt {
		if m[0] > 0 && s[m[0]-1] == '%' || inValid(m[0], m[1]) || taken.overlaps(m[0], m[1]) {
			continue
		}
		mac, _ := mergeAlias(s[m[2]:m[3]])
		out = append(out, fixableFinding{textFinding{m[0], m[1], fmt.Sprintf("%s is missing its opening %%: write %s", quote(s[m[0]:m[1]]), mac)}, certainFix(mac.String())})
	}
	done(from)
	// each merge pattern starts with a literal, which s must hold for the
	// pattern to run (and be compiled) at all
	merge := func(lre func() *regexp.Regexp, lit, tool string, check func(i, j int) bool) {
		if !strings.Contains(s, lit) {
			return
		}
		re := lre()
		from := len(out)
		defer done(from)
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			if taken.overlaps(m[0], m[1]) || check != nil && !check(m[0], m[1]) {
				continue
			}
			name := s[m[2]:m[3]]
			mac, ok := mergeAlias(name)
			if !ok && lit == "{{" { // doubleBrace
				// a bare name the template engine did not know: it was
				// left as typed, and LinkedIn would show it so
				out = append(out, fixableFinding{textFinding: textFinding{m[0], m[1], fmt.Sprintf("%s is neither a LinkedIn macro nor a template action, so LinkedIn shows it as typed: use a macro such as %%FIRSTNAME%%, or {{ .%s }} for a variable", quote(s[m[0]:m[1]]), shorten(name))}})
				continue
			}
			if !ok {
				if tool != "Mailchimp" {
					continue
				}
				out = append(out, fixableFinding{textFinding{m[0], m[1], fmt.Sprintf("%s is a Mailchimp merge tag, which LinkedIn shows as typed: %s", quote(s[m[0]:m[1]]), suggestMacro(name))}, macroFixes(name)})
				continue
			}
			out = append(out, fixableFinding{textFinding{m[0], m[1], fmt.Sprintf("%s is %s merge syntax, which LinkedIn shows as typed: write %s", quote(s[m[0]:m[1]]), tool, mac)}, macroFixes(name)})
		}
	}
	merge(mailchimp, "*|", "Mailchimp", nil)
	merge(doubleBrace, "{{", "another tool's", nil)
	merge(singleBrace, "{", "another tool's", func(i, j int) bool {
		return (i == 0 || s[i-1] != '{') && (j >= len(s) || s[j] != '}')
	})
	merge(squareMerge, "[", "placeholder", func(i, j int) bool {
		return j >= len(s) || s[j] != '('
	})
	return out
}

// containsMacroWord reports whether s has a macro name outside the valid
// macros' percent signs (an unopened "FIRSTNAME%" needs one), ignoring
// ASCII case.
func containsMacroWord(s string) bool {
	var buf [8]render.MacroUse
	valid := len(render.AppendMacros(buf[:0], s))
	n := 0
	for _, w := range []string{"firstname", "lastname", "jobtitle", "companyname", "industry"} {
		next := 0
		eachFold(s, w, func(at int) bool {
			if at >= next { // not overlapping the last one counted
				n++
				next = at + len(w)
			}
			return n <= valid
		})
	}
	return n > valid
}
