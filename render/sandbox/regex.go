package sandbox

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode/utf8"
)

// Regular expressions under a work budget: the template functions
// (regexMatch, regexFind, ...) and the custom rules of a config both match
// patterns that come from pull requests against text that may be long.
//
// Go's regexp runs in time linear in the text for one search, but the
// constant is the size of the compiled program, which a short pattern can
// make enormous (x{1000}{1000}); and finding every match restarts the
// search after each match, each search free to scan to the end of the text,
// so a pattern such as a*b|a takes time quadratic in the text. A Pattern
// therefore caps the pattern's length and its program size when it is
// compiled, and each search reads the text through a counter, so that the
// work actually done (characters read times program size) is metered as it
// happens and stops at the allowance, whatever the pattern.

// Pattern is a compiled regular expression with its program size. It is
// safe for concurrent use.
type Pattern struct {
	re   *regexp.Regexp
	expr string // the tree's String, for the searches after the start
	prog int

	afterOnce   sync.Once
	after       *regexp.Regexp // (?s:.)(?:expr)
	afterSub    *regexp.Regexp // (?s:.)(expr)
	afterFailed bool
}

// PatternError is a pattern that cannot be used: invalid, or over one of
// the limits (Limit), which the message names with its value.
type PatternError struct {
	msg   string
	Limit bool
}

func (e *PatternError) Error() string { return e.msg }

// syntaxMsg is a pattern's parse error without Go's prefix. Go quotes the
// offending part of the pattern, up to the whole of it; the message quotes
// at most an excerpt's length of it, escaped, since the pattern comes from
// a template or a config in the pull request.
func syntaxMsg(err error) string {
	var se *syntax.Error
	if errors.As(err, &se) {
		return string(se.Code) + ": `" + printable(se.Expr) + "`"
	}
	return strings.TrimPrefix(err.Error(), "error parsing regexp: ")
}

// CompilePattern compiles expr (Go's RE2 syntax) if it is at most
// MaxPattern bytes and compiles to at most MaxProgram instructions. The
// program size is bounded from the parse tree before anything is expanded,
// so a pattern that would compile to millions of instructions is refused
// without compiling it.
func CompilePattern(expr string, limits Limits) (*Pattern, error) {
	lim := limits.orDefaults()
	if len(expr) > lim.MaxPattern {
		return nil, &PatternError{msg: fmt.Sprintf("the pattern is %d bytes long; the cap is %d: write a shorter pattern", len(expr), lim.MaxPattern), Limit: true}
	}
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, &PatternError{msg: syntaxMsg(err)}
	}
	tooBig := &PatternError{msg: fmt.Sprintf("the pattern compiles to more than %d instructions, the cap on a pattern's size: write a simpler pattern", lim.MaxProgram), Limit: true}
	if progLowerBound(tree, int64(lim.MaxProgram)+1) > int64(lim.MaxProgram) {
		return nil, tooBig
	}
	// String before Simplify, which may rewrite the tree in place.
	str := tree.String()
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil {
		return nil, &PatternError{msg: strings.TrimPrefix(err.Error(), "error parsing regexp: ")}
	}
	if len(prog.Inst) > lim.MaxProgram {
		return nil, tooBig
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, &PatternError{msg: strings.TrimPrefix(err.Error(), "error parsing regexp: ")}
	}
	return &Pattern{re: re, expr: str, prog: len(prog.Inst)}, nil
}

// patternCache shares compiled patterns between executions and files: a
// pattern in a template is compiled once per run, not once per field and
// variant. It holds at most cacheInsts instructions in all. It saves time
// only: the budgets charge compiling whether or not the pattern was here.
var patternCache struct {
	sync.Mutex
	m     map[patternKey]*Pattern
	insts int
}

type patternKey struct {
	expr                string
	maxPattern, maxProg int
}

const cacheInsts = 1 << 18

// cachedPattern is CompilePattern through patternCache.
func cachedPattern(expr string, lim *Limits) (*Pattern, error) {
	key := patternKey{expr, lim.MaxPattern, lim.MaxProgram}
	patternCache.Lock()
	p := patternCache.m[key]
	patternCache.Unlock()
	if p != nil {
		return p, nil
	}
	p, err := CompilePattern(expr, *lim)
	if err != nil {
		return nil, err
	}
	patternCache.Lock()
	defer patternCache.Unlock()
	if patternCache.insts+p.prog <= cacheInsts {
		if patternCache.m == nil {
			patternCache.m = map[patternKey]*Pattern{}
		}
		if _, ok := patternCache.m[key]; !ok {
			patternCache.m[key] = p
			patternCache.insts += p.prog
		}
	}
	return p, nil
}

// progLowerBound is at most the number of instructions re compiles to,
// computed without expanding repetitions, and saturating at limit: each
// node compiles to at least one instruction, a literal to one per rune, and
// a repetition to its most copies.
func progLowerBound(re *syntax.Regexp, limit int64) int64 {
	sat := func(n int64) int64 { return min(n, limit) }
	subs := func() int64 {
		var n int64
		for _, s := range re.Sub {
			n = sat(n + progLowerBound(s, limit))
		}
		return n
	}
	switch re.Op {
	case syntax.OpLiteral:
		return sat(max(int64(len(re.Rune)), 1))
	case syntax.OpCapture:
		return sat(subs() + 2)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		return sat(subs() + 1)
	case syntax.OpConcat:
		return max(subs(), 1)
	case syntax.OpAlternate:
		return sat(subs() + int64(len(re.Sub)) - 1)
	case syntax.OpRepeat:
		copies := int64(re.Max)
		if re.Max < 0 {
			copies = int64(max(re.Min, 1))
		}
		if copies == 0 {
			return 1
		}
		return sat(subs() * copies)
	}
	return 1
}

// String returns the pattern as written.
func (p *Pattern) String() string { return p.re.String() }

// program is the number of instructions the pattern compiles to: the cost
// of reading one character.
func (p *Pattern) program() int { return p.prog }

// cost is the most work one search of s can do, before it runs: every
// character read once, and the end.
func (p *Pattern) cost(s string) int64 { return (int64(len(s)) + 1) * int64(p.prog) }

// MatchString reports whether s contains a match, doing at most allow units
// of work (characters read × the instructions of the pattern). used is the work done; ok is false
// when the allowance ran out first, and then matched means nothing.
func (p *Pattern) MatchString(s string, allow int64) (matched bool, used int64, ok bool) {
	r := p.reader(s, allow)
	matched = p.re.MatchReader(r)
	return matched, r.used(p), !r.over
}

// FindAll returns the matches of p in s as regexp's FindAllStringIndex
// (submatch false) or FindAllStringSubmatchIndex (submatch true) does, at
// most n of them (all when n < 0), doing at most allow units of work. used
// is the work done; ok is false when the allowance ran out first, and then
// the matches are incomplete.
func (p *Pattern) FindAll(s string, n int, submatch bool, allow int64) (matches [][]int, used int64, ok bool) {
	used, ok = p.findEach(s, n, submatch, allow, func(m []int) bool {
		matches = append(matches, m)
		return true
	})
	return matches, used, ok
}

// findEach is FindAll that hands each match to each as it is found, and
// stops when each returns false.
func (p *Pattern) findEach(s string, n int, submatch bool, allow int64, each func(m []int) bool) (used int64, ok bool) {
	r := p.reader(s, allow)
	// The loop is regexp's allMatches: after a match, search again from
	// its end; after an empty match, from one character further, and an
	// empty match right after a match does not count.
	pos, prevEnd, found := 0, -1, 0
	for (n < 0 || found < n) && pos <= len(s) {
		m := p.searchAt(r, pos, submatch)
		if r.over {
			return r.used(p), false
		}
		if m == nil {
			break
		}
		accept := true
		if m[1] == pos {
			if m[0] == prevEnd {
				accept = false
			}
			if pos < len(s) {
				_, w := utf8.DecodeRuneInString(s[pos:])
				pos += w
			} else {
				pos = len(s) + 1
			}
		} else {
			pos = m[1]
		}
		prevEnd = m[1]
		if accept {
			found++
			if !each(m) {
				break
			}
		}
	}
	return r.used(p), true
}

// searchAt finds the leftmost match that starts at or after pos, as a
// search of the whole string from pos would: what precedes pos still
// decides \b, ^ and \A there. A reader has no "before", so after the start
// the text is read from the rune before pos, and a pattern that first
// consumes any one rune finds the match after it.
func (p *Pattern) searchAt(r *countingReader, pos int, submatch bool) []int {
	r.i, r.inject = pos, false
	if pos == 0 {
		if submatch {
			return p.re.FindReaderSubmatchIndex(r)
		}
		return p.re.FindReaderIndex(r)
	}
	p.afterOnce.Do(p.compileAfter)
	if p.afterFailed {
		// cannot happen: the pattern compiled once already
		r.over = true
		return nil
	}
	prev, _ := utf8.DecodeLastRuneInString(r.s[:pos])
	r.inject, r.prev = true, prev
	// In the reader's coordinates the rune before pos is one byte wide:
	// offset v is pos+v-1 in s.
	real := func(v int) int {
		if v < 0 {
			return -1
		}
		return pos + v - 1
	}
	if submatch {
		loc := p.afterSub.FindReaderSubmatchIndex(r)
		if loc == nil {
			return nil
		}
		m := make([]int, len(loc)-2)
		for k, v := range loc[2:] {
			m[k] = real(v)
		}
		return m
	}
	loc := p.after.FindReaderIndex(r)
	if loc == nil {
		return nil
	}
	start := pos // the first rune consumed was the one before pos
	if loc[0] > 0 {
		at := real(loc[0])
		_, w := utf8.DecodeRuneInString(r.s[at:])
		start = at + w
	}
	return []int{start, real(loc[1])}
}

func (p *Pattern) compileAfter() {
	var err1, err2 error
	p.after, err1 = regexp.Compile("(?s:.)(?:" + p.expr + ")")
	p.afterSub, err2 = regexp.Compile("(?s:.)(" + p.expr + ")")
	p.afterFailed = err1 != nil || err2 != nil || p.afterSub.NumSubexp() != p.re.NumSubexp()+1
}

func (p *Pattern) reader(s string, allow int64) *countingReader {
	return &countingReader{s: s, max: allow / int64(max(p.prog, 1))}
}

// countingReader feeds a search the text from i, optionally after one
// injected rune, and counts the runes read: at max it says the text has
// ended and marks the search as over its allowance.
type countingReader struct {
	s      string
	i      int
	inject bool
	prev   rune
	reads  int64
	max    int64
	over   bool
}

func (r *countingReader) ReadRune() (rune, int, error) {
	if r.reads >= r.max {
		r.over = true
		return 0, 0, io.EOF
	}
	r.reads++
	if r.inject {
		r.inject = false
		return r.prev, 1, nil
	}
	if r.i >= len(r.s) {
		return 0, 0, io.EOF
	}
	c, w := utf8.DecodeRuneInString(r.s[r.i:])
	r.i += w
	return c, w, nil
}

func (r *countingReader) used(p *Pattern) int64 { return r.reads * int64(max(p.prog, 1)) }

// quotePattern quotes a pattern for a message: a short escaped excerpt.
func quotePattern(expr string) string { return quote(expr) }
