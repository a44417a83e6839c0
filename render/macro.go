package render

import "strings"

// Macro is one of LinkedIn's five personalization macros. LinkedIn
// recognises exactly these spellings, all capitals, between percent signs;
// anything else (%firstname%, %TITLE%) reaches the member as literal text.
type Macro uint8

// The five macros, in the order LinkedIn's Campaign Manager lists them.
const (
	MacroFirstName Macro = iota
	MacroLastName
	MacroJobTitle
	MacroCompanyName
	MacroIndustry
	numMacros
)

// Macros lists every macro, for loops and suggestions.
var Macros = [numMacros]Macro{MacroFirstName, MacroLastName, MacroJobTitle, MacroCompanyName, MacroIndustry}

var macroNames = [numMacros]string{"FIRSTNAME", "LASTNAME", "JOBTITLE", "COMPANYNAME", "INDUSTRY"}

// macroFallbacks is the fixed text LinkedIn inserts when a member has no
// value for a macro or has turned personalization off.
var macroFallbacks = [numMacros]string{"LinkedIn Member", "LinkedIn Member", "professional", "your company", "industry"}

// Name is the macro's word without percent signs, e.g. "FIRSTNAME".
func (m Macro) Name() string { return macroNames[m] }

// String is the macro as written in copy, e.g. "%FIRSTNAME%".
func (m Macro) String() string { return "%" + macroNames[m] + "%" }

// Fallback is the text LinkedIn renders when the member's value is
// unavailable.
func (m Macro) Fallback() string { return macroFallbacks[m] }

// LookupMacro returns the macro whose name is word (without percent signs),
// matching LinkedIn exactly: case-sensitive.
func LookupMacro(word string) (Macro, bool) {
	for i, n := range macroNames {
		if n == word {
			return Macro(i), true
		}
	}
	return 0, false
}

// MacroUse is one well-formed macro in a text: S[Start:End] is "%NAME%".
type MacroUse struct {
	Macro      Macro
	Start, End int
}

// ScanMacros finds LinkedIn's macros in s, exactly as LinkedIn replaces
// them: "%" + one of the five names + "%", case-sensitive. It does not
// allocate when s has no macro, and allocates the result once, at its
// length, when it has.
func ScanMacros(s string) []MacroUse {
	var buf [8]MacroUse // most texts have fewer macros
	uses := AppendMacros(buf[:0], s)
	if len(uses) == 0 {
		return nil
	}
	return append([]MacroUse(nil), uses...)
}

// HasMacros reports whether ScanMacros(s) would find any macro.
func HasMacros(s string) bool {
	_, ok := nextMacro(s, 0)
	return ok
}

// AppendMacros appends ScanMacros(s) to dst and returns the extended
// slice, for a caller that scans many texts into one buffer.
func AppendMacros(dst []MacroUse, s string) []MacroUse {
	for u, ok := nextMacro(s, 0); ok; u, ok = nextMacro(s, u.End) {
		dst = append(dst, u)
	}
	return dst
}

// nextMacro returns the first macro in s[from:], and whether there is one.
func nextMacro(s string, from int) (MacroUse, bool) {
	for i := from; i < len(s); i++ {
		j := strings.IndexByte(s[i:], '%')
		if j < 0 {
			break
		}
		i += j
		for k, name := range macroNames {
			n := len(name)
			if i+n+2 <= len(s) && s[i+n+1] == '%' && s[i+1:i+1+n] == name {
				return MacroUse{Macro: Macro(k), Start: i, End: i + n + 2}, true
			}
		}
	}
	return MacroUse{}, false
}

// Personalize is the send stage: it replaces every macro in t with the
// member's value, or LinkedIn's fallback text. The result maps each
// inserted value back to its macro.
func Personalize(t Text, m *Member) Text {
	first, ok := nextMacro(t.S, 0)
	if !ok {
		return t
	}
	// the result's size: t's bytes with each macro's value for the macro,
	// and t's segments with at most two more for each macro (the value's,
	// and the split of the segment it lies in)
	size, segs := len(t.S), len(t.segs)
	for u, ok := first, true; ok; u, ok = nextMacro(t.S, u.End) {
		size += len(m.Value(u.Macro)) - (u.End - u.Start)
		segs += 2
	}
	b := &textBuilder{t: Text{src: t.src, anchor: t.anchor, anchorEnd: t.anchorEnd}}
	b.sized(size, segs)
	prev := 0
	for u, ok := first, true; ok; u, ok = nextMacro(t.S, u.End) {
		b.Text(t, prev, u.Start)
		s, e := t.SrcRange(u.Start, u.End)
		b.Mapped(m.Value(u.Macro), s, e)
		prev = u.End
	}
	b.Text(t, prev, len(t.S))
	return b.Done()
}

// personalizedLen is the length of t.S personalized for m, computed without
// building the string when the count mode is additive (UTF-16 units and
// code points are; graphemes are measured on the built string). uses must
// be ScanMacros(s).
func personalizedLen(s string, uses []MacroUse, m *Member, mode CountMode) int {
	if mode == CountGraphemes {
		return Count(personalizeString(s, uses, m), mode)
	}
	n := 0
	prev := 0
	for _, u := range uses {
		n += Count(s[prev:u.Start], mode) + Count(m.Value(u.Macro), mode)
		prev = u.End
	}
	return n + Count(s[prev:], mode)
}

func personalizeString(s string, uses []MacroUse, m *Member) string {
	if len(uses) == 0 {
		return s
	}
	var b []byte
	prev := 0
	for _, u := range uses {
		b = append(b, s[prev:u.Start]...)
		b = append(b, m.Value(u.Macro)...)
		prev = u.End
	}
	return string(append(b, s[prev:]...))
}
