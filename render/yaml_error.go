package render

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/render/escape"
)

// YAMLErrorLine reads a go.yaml.in/yaml error on data, a front matter, a
// members file or a config: the 1-based line it names, and its message
// without the "yaml: " and "line N: " prefixes. Every YAML input of
// inboxlint reads its errors here, so a line means the same in every
// message: corrected where yaml.v3 numbers the lines from 0 (its parser's
// errors, such as "did not find expected key"), capped at the line after
// data's last line break, since at the end of the input yaml.v3 names one
// line past it, and converted to the file's lines (FixYAMLPositions).
// line is 0 when the error names none.
//
// yaml.v3 quotes the input in some messages, whole: an alias's anchor
// ("unknown anchor '…' referenced"), a tag, a key. msg holds at most
// escape.ExcerptLen characters of any such quote or word, then "…"
// (boundYAMLMessage), so a file cannot print itself through its errors.
func YAMLErrorLine(err error, data []byte) (line int, msg string) {
	line, msg = yamlErrorLine(err, data)
	return line, boundYAMLMessage(msg)
}

func yamlErrorLine(err error, data []byte) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	rest, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 0, msg
	}
	num, detail, ok := strings.Cut(rest, ": ")
	n, convErr := strconv.Atoi(num)
	if !ok || convErr != nil || n < 0 {
		return 0, msg
	}
	detail = strings.TrimSpace(detail)
	line, _ = yamlFilePos(yamlLineMap(data), n+yamlParserLineShift(detail), 1)
	return line, detail
}

// yamlParserLineShift corrects yaml.v3's line numbers: it numbers the lines
// of its scanner's errors from 1 but those of its parser's ("did not find
// expected key") from 0. Some scanner errors start "did not find expected"
// too ("... alphabetic or numeric character"), so the parser's are listed.
func yamlParserLineShift(msg string) int {
	switch msg {
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected '-' indicator",
		"did not find expected <document start>", "did not find expected <stream-start>", "did not find expected key",
		"did not find expected node content", "found duplicate %TAG directive", "found duplicate %YAML directive",
		"found incompatible YAML document", "found undefined tag handle":
		return 1
	}
	return 0
}

// boundYAMLMessage shortens what a yaml.v3 message may quote of its input
// to escape.ExcerptLen characters and "…": the inside of each '…', "…"
// or `…` quote, then each word (a run without spaces) longer than a
// shortened quote is.
func boundYAMLMessage(msg string) string {
	var b strings.Builder
	for rest := msg; rest != ""; {
		i := strings.IndexAny(rest, "'\"`")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i+1])
		q, body := rest[i], rest[i+1:]
		j := strings.IndexByte(body, q)
		if j < 0 {
			rest = body
			continue
		}
		b.WriteString(shortenRun(body[:j], escape.ExcerptLen))
		b.WriteByte(q)
		rest = body[j+1:]
	}
	words := strings.Split(b.String(), " ")
	for k, w := range words {
		words[k] = shortenRun(w, escape.ExcerptLen+3)
	}
	return strings.Join(words, " ")
}

// shortenRun is s when it has at most limit characters, else its first
// escape.ExcerptLen characters and "…".
func shortenRun(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	n := 0
	for i := range s {
		if n == escape.ExcerptLen {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
