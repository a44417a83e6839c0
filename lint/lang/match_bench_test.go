package lang_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint/lang"
)

// BenchmarkPhrases compares the phrase matcher with the regular
// expression the hype rule ran before it (one case-insensitive
// alternation of the phrases, run when the text held the longest word of
// a phrase as a substring, as "act" in "impact"), on copy in ordinary B2B
// vocabulary: the native samples, or the templates of the corpus
// directory INBOXLINT_BENCH_CORPUS names (the reference corpus of
// ../shared/bench/gen_corpus.go). "matcher" includes tokenizing, which the
// rules share per text; "matcher-pretokenized" is the matching alone.
func BenchmarkPhrases(b *testing.B) {
	texts := benchTexts(b)
	en, _ := lang.Lookup("en")
	m := en.Matcher(lang.CatHype)
	var phrases []string
	for _, p := range en.Hype() {
		phrases = append(phrases, p.Source)
	}
	re, keys := oldHypeRegexp(phrases)
	toks := make([][]lang.Token, len(texts))
	size := 0
	for i, s := range texts {
		toks[i] = lang.Tokenize(s)
		size += len(s)
	}
	b.Run("regexp", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range texts {
				if containsAnyFoldASCII(s, keys) {
					re.FindAllStringIndex(s, -1)
				}
			}
		}
	})
	b.Run("matcher", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range texts {
				m.Leftmost(lang.Tokenize(s))
			}
		}
	})
	b.Run("matcher-pretokenized", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, t := range toks {
				m.Leftmost(t)
			}
		}
	})
}

// BenchmarkMatcherPacks runs every pack category's matcher over the
// native samples' tokens: the cost of all phrase lookups one template
// gets.
func BenchmarkMatcherPacks(b *testing.B) {
	texts := benchTexts(b)
	for _, tag := range lang.Supported() {
		p, _ := lang.Lookup(tag)
		b.Run(tag, func(b *testing.B) {
			var ms []*lang.Matcher
			for _, c := range append(lang.Categories(), "address.formal", "address.informal") {
				ms = append(ms, p.Matcher(c))
			}
			toks := make([][]lang.Token, len(texts))
			for i, s := range texts {
				toks[i] = lang.Tokenize(s)
			}
			b.ReportAllocs()
			for b.Loop() {
				for _, t := range toks {
					for _, m := range ms {
						m.All(t)
					}
				}
			}
		})
	}
}

// benchTexts are the copy the phrase benchmarks read: each field of the
// corpus templates when INBOXLINT_BENCH_CORPUS is set (at most 3,000
// templates), else the native samples and the detection texts.
func benchTexts(b *testing.B) []string {
	b.Helper()
	var out []string
	if dir := os.Getenv("INBOXLINT_BENCH_CORPUS"); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		if len(files) == 0 {
			b.Fatalf("no templates in %s", dir)
		}
		for _, f := range files[:min(len(files), 3000)] {
			out = append(out, strings.Split(adCopy(b, f), "\n\n")...)
		}
		return out
	}
	for _, files := range samples(b) {
		for _, f := range files {
			out = append(out, strings.Split(adCopy(b, f), "\n\n")...)
		}
	}
	for _, s := range bodies {
		out = append(out, s.text)
	}
	return out
}

// oldHypeRegexp builds the hype rule's former pattern and prefilter
// words from the phrases.
func oldHypeRegexp(phrases []string) (*regexp.Regexp, []string) {
	ps := append([]string(nil), phrases...)
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
	var alts, keys []string
	word := regexp.MustCompile(`[\pL\pN_]+`)
	for _, p := range ps {
		q := strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
		q = strings.NewReplacer("'", "['’]", "’", "['’]").Replace(q)
		if word.MatchString(p[:1]) {
			q = `\b` + q
		}
		if word.MatchString(p[len(p)-1:]) {
			q += `\b`
		}
		alts = append(alts, q)
		key := ""
		for _, w := range word.FindAllString(strings.ToLower(p), -1) {
			if len(w) > len(key) {
				key = w
			}
		}
		keys = append(keys, key)
	}
	return regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)`), keys
}

func containsAnyFoldASCII(s string, keys []string) bool {
	l := strings.ToLower(s)
	for _, k := range keys {
		if strings.Contains(l, k) {
			return true
		}
	}
	return false
}

// BenchmarkNewMatcher builds every pattern category's matcher of a pack:
// what a run pays, once per process, for the categories its templates'
// language needs (Pack.Matcher builds each on first use), so one template
// pays it in full.
func BenchmarkNewMatcher(b *testing.B) {
	for _, tag := range []string{"en", "de"} {
		p, _ := lang.Lookup(tag)
		var sets [][]*lang.Pattern
		for _, c := range append(lang.Categories(), "address.formal", "address.informal") {
			var pats []*lang.Pattern
			p.Patterns(func(cat string, pat *lang.Pattern) {
				if cat == c {
					pats = append(pats, pat)
				}
			})
			sets = append(sets, pats)
		}
		b.Run(tag, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range sets {
					lang.NewMatcher(s)
				}
			}
		})
	}
}
