package render

import (
	"bytes"
	"strconv"
	"strings"
)

// YAMLErrorLine reads a go.yaml.in/yaml error on data, a front matter, a
// members file or a config: the 1-based line it names, and its message
// without the "yaml: " and "line N: " prefixes. Every YAML input of
// inboxlint reads its errors here, so a line means the same in every
// message: corrected where yaml.v3 numbers the lines from 0 (its parser's
// errors, such as "did not find expected key") and capped at the line
// after data's last line break, since at the end of the input yaml.v3
// names one line past it. line is 0 when the error names none.
func YAMLErrorLine(err error, data []byte) (line int, msg string) {
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
	return min(n+yamlParserLineShift(detail), yamlLines(data)), detail
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

// yamlLines counts lines the way YAML does: CR LF, CR, LF, NEL, U+2028 and
// U+2029 each end one, and the text after the last break is a line too.
func yamlLines(data []byte) int {
	n := 1
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			n++
		case data[i] == '\n':
			n++
		case bytes.HasPrefix(data[i:], []byte("\u0085")), bytes.HasPrefix(data[i:], []byte("\u2028")), bytes.HasPrefix(data[i:], []byte("\u2029")):
			n++
		}
	}
	return n
}
