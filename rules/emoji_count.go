package rules

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
	"github.com/rivo/uniseg"
)

// emojiCount checks the number of emojis in each message against
// LinkedIn's limit. Its field is the rule's option.
type emojiCount struct {
	Max int `yaml:"max" bound:"not-negative"`
}

func (r *emojiCount) check(p *lint.Pass) {
	// variants often share a body, or all of it but a paragraph: segment
	// each distinct one once
	var tally emojiTally
	if len(p.Variants) > 1 {
		tally = emojiTally{shared: true, ranges: p.ParagraphRanges}
	}
	for i, m := range p.Template.Messages {
		var fs []variantFinding
		for _, v := range p.Variants {
			if i >= len(v.Messages) {
				continue
			}
			body := v.Messages[i].Body
			n, over := tally.count(body, r.Max)
			if n <= r.Max {
				continue
			}
			what := "the body"
			if m.Slug != "" {
				what = "message " + idRef(m.Slug)
			}
			max, s := r.Max, excerpt(body.S[over[0]:over[1]])
			fs = append(fs, variantFinding{
				variant: v.Name,
				span:    body.Span(over[0], over[1]),
				message: fmt.Sprintf("%s has %d emojis; LinkedIn allows %d: cut %d, keeping the ones that carry meaning (%s here is number %d)", what, n, max, n-max, s, max+1),
			})
		}
		reportVariantFindings(p, fs)
	}
}

// emojiTally counts the emojis of a file's bodies. With several variants
// it segments each distinct body, or each distinct paragraph of a body
// whose paragraphs segment alike on their own (emojiByParagraph), once.
type emojiTally struct {
	shared bool
	// ranges finds a text's paragraphs (lint.Pass.ParagraphRanges) in
	// pars, a buffer
	ranges func(dst [][2]int, s string) [][2]int
	pars   [][2]int
	byText map[render.TextKey][][2]int
	byPar  map[string][][2]int
}

// count returns how many emojis body has, and the range of the one after
// the first max (when there are more).
func (c *emojiTally) count(body render.Text, max int) (n int, over [2]int) {
	if !c.shared || !emojiByParagraph(body.S) {
		emojis, ok := c.byText[body.Key()]
		if !ok {
			emojis = emojiSpans(body.S)
			if c.shared {
				if c.byText == nil {
					c.byText = map[render.TextKey][][2]int{}
				}
				c.byText[body.Key()] = emojis
			}
		}
		if len(emojis) > max {
			over = emojis[max]
		}
		return len(emojis), over
	}
	c.pars = c.ranges(c.pars[:0], body.S)
	for _, r := range c.pars {
		i, j := r[0], r[1]
		par := body.S[i:j]
		if isASCII(par) {
			continue
		}
		emojis, ok := c.byPar[par]
		if !ok {
			emojis = emojiSpans(par)
			if c.byPar == nil {
				c.byPar = map[string][][2]int{}
			}
			c.byPar[par] = emojis
		}
		if max >= n && max < n+len(emojis) {
			e := emojis[max-n]
			over = [2]int{i + e[0], i + e[1]}
		}
		n += len(emojis)
	}
	return n, over
}

// emojiByParagraph reports whether the emojis of s are those of its
// paragraphs (render.Paragraphs): the grapheme clusters of the whole text
// break where it cuts, which they do when a line break is on each side of
// a cut (a cluster never spans one). A blank beside a cut may instead join
// a mark that follows it ("\n\n \uFE0F" is one emoji cluster, space
// and all).
func emojiByParagraph(s string) bool {
	return bareBreaks(s)
}

// emojiSpans returns the byte ranges of the emojis in s, one per emoji as a
// member sees it: each is an extended grapheme cluster, so a flag, a
// skin-toned emoji or a ZWJ sequence is one.
func emojiSpans(s string) [][2]int {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return nil
	}
	var out [][2]int
	off := 0
	state := -1
	for rest := s; rest != ""; {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if isEmojiCluster(cluster) {
			out = append(out, [2]int{off, off + len(cluster)})
		}
		off += len(cluster)
	}
	return out
}

// isEmojiCluster reports whether a grapheme cluster shows as an emoji: its
// first character has emoji presentation by default (which covers regional
// indicators, so a flag), it asks for emoji presentation with U+FE0F, or it
// is a sequence (a skin tone, a ZWJ sequence) with an emoji in it.
func isEmojiCluster(c string) bool {
	first, size := utf8.DecodeRuneInString(c)
	if first < 0x2000 && size == len(c) {
		return false // ASCII, Latin, and the like
	}
	if emojiPresentation(first) || strings.ContainsRune(c, 0xFE0F) {
		return true
	}
	if size == len(c) {
		return false
	}
	for _, r := range c[size:] {
		if emojiPresentation(r) {
			return true
		}
	}
	return false
}

// emojiPresentation reports whether r has the Unicode property
// Emoji_Presentation (emoji-data.txt, Unicode 15.0): it shows as an emoji
// without a variation selector.
func emojiPresentation(r rune) bool {
	if r < emojiPresentationRanges[0][0] {
		return false
	}
	i := sort.Search(len(emojiPresentationRanges), func(i int) bool { return emojiPresentationRanges[i][1] >= r })
	return i < len(emojiPresentationRanges) && emojiPresentationRanges[i][0] <= r
}

// emojiPresentationRanges are the Emoji_Presentation ranges of Unicode 15.0's
// emoji-data.txt, adjacent ranges merged.
var emojiPresentationRanges = [...][2]rune{
	{0x231A, 0x231B}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE},
	{0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
	{0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4},
	{0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA}, {0x26FD, 0x26FD},
	{0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E},
	{0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
	{0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
	{0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F1E6, 0x1F1FF}, {0x1F201, 0x1F201}, {0x1F21A, 0x1F21A},
	{0x1F22F, 0x1F22F}, {0x1F232, 0x1F236}, {0x1F238, 0x1F23A}, {0x1F250, 0x1F251}, {0x1F300, 0x1F320},
	{0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3},
	{0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC},
	{0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596},
	{0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
	{0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7EB},
	{0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FA7C},
	{0x1FA80, 0x1FA88}, {0x1FA90, 0x1FABD}, {0x1FABF, 0x1FAC5}, {0x1FACE, 0x1FADB}, {0x1FAE0, 0x1FAE8},
	{0x1FAF0, 0x1FAF8},
}
