package render

import (
	"strconv"
	"unicode/utf8"
)

// DidYouMean is how every message and hint offers a correction: "did you
// mean X?", where X is the name the user most likely meant, in double
// quotes (Go syntax), as messages quote the names of keys, columns, rules,
// options and functions. It is "" for "", so a search that found nothing
// passes through: DidYouMean(Nearest(word, names, 2)). Callers append it
// to a message after ": ", or print it as a hint.
func DidYouMean(name string) string {
	if name == "" {
		return ""
	}
	return DidYouMeanText(strconv.Quote(name))
}

// DidYouMeanText is DidYouMean for a correction written in a notation of
// its own, shown as it is: a macro (%FIRSTNAME%), a message id (#pricing),
// a command line (inboxlint lint).
func DidYouMeanText(text string) string { return "did you mean " + text + "?" }

// Did-you-mean suggestions, bounded by length. The word usually comes from
// a file (an unknown function, key or column name), and a hostile one can
// be as long as the file: the edit distance of a 900 KB word to each of a
// few hundred names is billions of steps. But a word is within d edits of
// a candidate only if their lengths differ by at most d, so the lengths
// decide most candidates before any distance is computed, and a distance
// is only ever computed up to the bound that matters, in a band around the
// diagonal.

// maxDistance is the largest edit distance computed exactly: distance
// reports anything larger as maxDistance+1. Suggestions are within a few
// edits, so no caller needs more.
const maxDistance = 64

// Nearest returns the candidate closest to word by edit distance, if it is
// within maxDist edits, or "": the search behind every "did you mean". The first
// of equally close candidates wins. Candidates whose length differs from
// the word's by more than maxDist are skipped, and a word longer than
// every candidate by more than maxDist is not compared at all, so the work
// is about the candidates' total length times maxDist, however long the
// word.
func Nearest(word string, candidates []string, maxDist int) string {
	maxDist = min(maxDist, maxDistance)
	if maxDist < 0 {
		return ""
	}
	longest := 0 // in bytes, at least the length in characters
	for _, c := range candidates {
		longest = max(longest, len(c))
	}
	// A character is at most 4 bytes: a word of this many bytes has more
	// characters than any candidate plus maxDist.
	if len(word) > 4*(longest+maxDist) {
		return ""
	}
	n := utf8.RuneCountInString(word)
	best, bestD := "", maxDist+1
	for _, c := range candidates {
		if d := abs(utf8.RuneCountInString(c) - n); d >= bestD {
			continue
		}
		if d := distanceWithin(word, c, bestD-1); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b in characters, up
// to maxDistance; a larger distance is reported as maxDistance+1. It costs
// about maxDistance steps per character, and only counting when the
// lengths alone put the distance over maxDistance.
func distance(a, b string) int { return distanceWithin(a, b, maxDistance) }

func abs(x int) int { return max(x, -x) }

// distanceWithin is the edit distance of a and b if it is at most k, and
// k+1 otherwise. It fills only the band of the table within k of the
// diagonal, and stops as soon as a whole row is over k.
func distanceWithin(a, b string, k int) int {
	if k < 0 {
		return 0
	}
	// Lengths first, without decoding: a has at least len(a)/4 characters.
	if len(a)/4 > len(b)+k || len(b)/4 > len(a)+k {
		return k + 1
	}
	na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if abs(na-nb) > k {
		return k + 1
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra // rows along the longer word, columns along the shorter
	}
	// prev and cur hold row i of the table for columns j in [i-k, i+k];
	// cells outside the band count as k+1.
	width := 2*k + 1
	prev := make([]int, width)
	cur := make([]int, width)
	for c := range prev {
		j := c - k // row 0: the distance to the first j characters of rb
		if j >= 0 && j <= len(rb) {
			prev[c] = j
		} else {
			prev[c] = k + 1
		}
	}
	cell := func(row []int, c int) int {
		if c < 0 || c >= width {
			return k + 1
		}
		return row[c]
	}
	for i := 1; i <= len(ra); i++ {
		rowMin := k + 1
		for c := range cur {
			j := i - k + c
			switch {
			case j < 0 || j > len(rb):
				cur[c] = k + 1
				continue
			case j == 0:
				cur[c] = i
			default:
				cost := 1
				if ra[i-1] == rb[j-1] {
					cost = 0
				}
				// column j of the previous row is at c+1 in its band
				cur[c] = min(cell(prev, c+1)+1, cell(cur, c-1)+1, cell(prev, c)+cost)
			}
			cur[c] = min(cur[c], k+1)
			rowMin = min(rowMin, cur[c])
		}
		if rowMin > k {
			return k + 1
		}
		prev, cur = cur, prev
	}
	// the last row's column len(rb) is at c = len(rb) - len(ra) + k
	return min(cell(prev, len(rb)-len(ra)+k), k+1)
}
