package sandbox

import (
	"errors"
	"fmt"
	"strings"
)

// Regular expressions: compiled once per file (up to maxCachedPatterns),
// capped in length and program size, and matched under the work budgets
// (regex.go). An invalid pattern is an error (sprig's regexMatch says
// false and the others panic).

func (s *execState) pattern(expr string) (*Pattern, error) {
	s.regex = true
	if p, ok := s.file.regexps[expr]; ok {
		return p, nil
	}
	// Parsing and compiling cost about as much per byte and per
	// instruction as a hundred characters of matching. The charge does
	// not depend on whether another file compiled the pattern already.
	const compileCost = 100
	if err := s.charge(workRegex, compileCost*int64(min(len(expr), s.lim.MaxPattern+1))); err != nil {
		return nil, err
	}
	p, err := cachedPattern(expr, s.lim)
	if err != nil {
		var pe *PatternError
		if errors.As(err, &pe) && pe.Limit {
			return nil, fmt.Errorf("regular expression %s: %s", quotePattern(expr), pe.msg)
		}
		return nil, fmt.Errorf("invalid regular expression %s: %w", quotePattern(expr), err)
	}
	if err := s.charge(workRegex, compileCost*int64(p.program())); err != nil {
		return nil, err
	}
	if len(s.file.regexps) < maxCachedPatterns {
		if s.file.regexps == nil {
			s.file.regexps = map[string]*Pattern{}
		}
		s.file.regexps[expr] = p
	}
	return p, nil
}

// matchWork runs one call's matching with the work the call may do, and
// counts what it did. Before anything runs, the call is refused if its
// first search alone (every character of str, times the program) could be
// over the cap per call or over what the field or the file has left; the
// searches after the first are metered as they run. run gets the
// allowance and returns the work it did and whether it finished in it.
func (s *execState) matchWork(name string, p *Pattern, str string, run func(allow int64) (used int64, ok bool)) error {
	callCap := int64(s.lim.MaxRegexCall)
	cost := p.cost(str)
	if cost > callCap {
		return &sandboxError{msg: fmt.Sprintf("%s: matching a %d-byte text against a pattern of %d instructions is over the cap of %d per call (bytes × instructions): use a shorter text or a simpler pattern",
			name, len(str), p.program(), callCap)}
	}
	fieldLeft := s.lim.fieldLimit(workRegex) - s.used[workRegex]
	fileLeft := s.lim.fileLimit(workRegex) - s.file.used[workRegex]
	if cost > fieldLeft || cost > fileLeft {
		return s.regexSpent(fieldLeft <= fileLeft)
	}
	allow := min(callCap, fieldLeft, fileLeft)
	used, ok := run(allow)
	if err := s.charge(workRegex, used); err != nil {
		return err
	}
	if ok {
		return nil
	}
	switch allow {
	case callCap:
		return &sandboxError{msg: fmt.Sprintf("%s: finding every match is over the cap of %d per call (characters scanned × pattern instructions), since this pattern scans the rest of the text after each match: use a simpler pattern",
			name, callCap)}
	case fieldLeft:
		return s.regexSpent(true)
	}
	return s.regexSpent(false)
}

func (s *execState) regexSpent(field bool) error {
	if field {
		return &sandboxError{msg: budgetMsg(workRegex, s.lim.fieldLimit(workRegex), false)}
	}
	s.file.spent = budgetMsg(workRegex, s.lim.fileLimit(workRegex), true)
	return &sandboxError{msg: s.file.spent}
}

// findAll is findEach under the budgets. When the matches make a list,
// there are at most MaxList of them: a result holds no more.
func (s *execState) findAll(name string, p *Pattern, str string, n int, list, submatch bool, each func(m []int) error) error {
	if list && (n < 0 || n > s.lim.MaxList) {
		n = s.lim.MaxList + 1
	}
	count := 0
	var ferr error
	err := s.matchWork(name, p, str, func(allow int64) (int64, bool) {
		return p.findEach(str, n, submatch, allow, func(m []int) bool {
			if count++; list && count > s.lim.MaxList {
				ferr = &sandboxError{msg: fmt.Sprintf("%s result exceeds the cap of %d elements", name, s.lim.MaxList)}
				return false
			}
			ferr = each(m)
			return ferr == nil
		})
	})
	if ferr != nil {
		return ferr
	}
	return err
}

func (s *execState) regexMatch(name, pattern, str string) (bool, error) {
	p, err := s.pattern(pattern)
	if err != nil {
		return false, err
	}
	var matched bool
	err = s.matchWork(name, p, str, func(allow int64) (used int64, ok bool) {
		matched, used, ok = p.MatchString(str, allow)
		return used, ok
	})
	return matched, err
}

func (s *execState) regexFind(name, pattern, str string) (string, error) {
	p, err := s.pattern(pattern)
	if err != nil {
		return "", err
	}
	found := ""
	err = s.findAll(name, p, str, 1, false, false, func(m []int) error {
		found = str[m[0]:m[1]]
		return nil
	})
	return found, err
}

func (s *execState) regexFindAll(name, pattern, str string, n int) ([]string, error) {
	p, err := s.pattern(pattern)
	if err != nil || n == 0 {
		return nil, err
	}
	var all []string
	err = s.findAll(name, p, str, n, true, false, func(m []int) error {
		all = append(all, str[m[0]:m[1]])
		return nil
	})
	return all, err
}

// regexSplit is regexp's Split: the text between the matches, n pieces at
// most (all when n < 0).
func (s *execState) regexSplit(name, pattern, str string, n int) ([]string, error) {
	p, err := s.pattern(pattern)
	if err != nil || n == 0 {
		return nil, err
	}
	if pattern != "" && str == "" {
		return []string{""}, nil
	}
	var parts []string
	beg, end := 0, 0
	err = s.findAll(name, p, str, n, true, false, func(m []int) error {
		if n > 0 && len(parts) == n-1 {
			return errStop
		}
		end = m[0]
		if m[1] != 0 {
			parts = append(parts, str[beg:end])
		}
		beg = m[1]
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, err
	}
	if end != len(str) {
		parts = append(parts, str[beg:])
	}
	return parts, nil
}

// errStop ends a match loop early without an error.
var errStop = errors.New("stop")

// regexReplace is Regexp.ReplaceAllString that stops at MaxOutput: an
// empty match at every byte, or a replacement full of $0, would otherwise
// build gigabytes before any check could run.
func (s *execState) regexReplace(name, pattern, str, repl string, literal bool) (string, error) {
	p, err := s.pattern(pattern)
	if err != nil {
		return "", err
	}
	if p.re.NumSubexp() > 100 {
		return "", fmt.Errorf("regular expression %s has more than 100 groups", quotePattern(pattern))
	}
	refs := int64(strings.Count(repl, "$"))
	submatch := !literal && refs > 0
	var out []byte
	last := 0
	err = s.findAll(name, p, str, -1, false, submatch, func(m []int) error {
		out = append(out, str[last:m[0]]...)
		if literal || !submatch {
			out = append(out, repl...)
		} else {
			if err := s.tooBig(name, int64(len(out))+int64(len(repl))+refs*int64(m[1]-m[0])); err != nil {
				return err
			}
			out = p.re.ExpandString(out, repl, str, m)
		}
		if len(out) > s.lim.MaxOutput {
			return s.bytesError(name)
		}
		last = m[1]
		return nil
	})
	if err != nil {
		return "", err
	}
	out = append(out, str[last:]...)
	return string(out), nil
}
