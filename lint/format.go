package lint

import (
	"fmt"
	"io"
	"sort"
)

// Formatter writes a run's result in one output format. Formatters write
// straight to w and never build the whole output in memory.
type Formatter interface {
	Format(w io.Writer, r *Result) error
}

// FormatOptions are what formatters may need besides the result.
type FormatOptions struct {
	// Color turns on ANSI colours (text format only).
	Color bool
	// Rules are the rule docs, for formats that carry rule metadata.
	Rules []Rule
	// Version is inboxlint's version, for formats that name the tool.
	Version string
	// Root is the repository root: SARIF writes every location as a URI
	// reference relative to it (uriBaseId %SRCROOT%), so that code
	// scanning finds the file whatever directory inboxlint ran in. Empty
	// means the working directory. Relative file names in the result are
	// relative to the working directory, as the engine reports them.
	Root string
	// LinkBase, when set, is the web address of the repository's files at
	// the linted commit (https://github.com/OWNER/REPO/blob/SHA): the
	// summary format links each finding to its line there.
	LinkBase string
}

// outputBuffer is the size of the buffer the formats write through: the
// output of a run goes out in writes of 64 KB, as much as a pipe holds,
// rather than bufio's 4 KB; the reference corpus's 12 MB of JSON took
// 3,000 writes.
const outputBuffer = 64 << 10

var formats = map[string]func(FormatOptions) Formatter{
	"text": func(o FormatOptions) Formatter {
		builtin := map[string]bool{}
		for _, d := range engineDocs {
			builtin[d.ID] = true
		}
		for _, r := range o.Rules {
			if _, custom := r.(*customRule); !custom {
				builtin[r.Doc().ID] = true
			}
		}
		return &textFormat{color: o.Color, builtin: builtin}
	},
	"unix": func(FormatOptions) Formatter { return unixFormat{} },
	"vim":  func(FormatOptions) Formatter { return vimFormat{} },
	"json": func(FormatOptions) Formatter { return jsonFormat{} },
	"sarif": func(o FormatOptions) Formatter {
		return sarifFormat{rules: o.Rules, version: o.Version, root: o.Root}
	},
	"github": func(FormatOptions) Formatter { return githubFormat{} },
}

// FormatNames lists the output formats, sorted.
func FormatNames() []string {
	var names []string
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// NewFormatter returns the formatter called name.
func NewFormatter(name string, o FormatOptions) (Formatter, error) {
	f, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q: use %s", name, joinOr(FormatNames()))
	}
	return f(o), nil
}

func joinOr(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	out := ""
	for i, x := range s[:len(s)-1] {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out + " or " + s[len(s)-1]
}

// Summary counts findings by severity.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Summarize counts a result's findings. A streamed result (Engine.Stream)
// has its counts once its files were walked (Result.eachFile).
func Summarize(r *Result) Summary {
	s := Summary{Files: r.Files}
	if r.counted != nil {
		c := r.counted.summary
		c.Files = r.Files
		return c
	}
	for _, d := range r.Diagnostics {
		switch d.Severity {
		case SeverityError:
			s.Errors++
		case SeverityWarning:
			s.Warnings++
		case SeverityInfo:
			s.Infos++
		}
	}
	return s
}
