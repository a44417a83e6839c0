package lint

import "github.com/inboxlint/inboxlint/render/sandbox"

// What the external tests (package lint_test) use of the package's
// unexported helpers.
var (
	ParseConfig     = parseConfig
	LoadConfig      = loadConfig
	FindConfig      = findConfig
	SortDiagnostics = sortDiagnostics
	NewPass         = newPass
)

const (
	FailOnInfo       = failOnInfo
	FailOnWarning    = failOnWarning
	FailOnNever      = failOnNever
	CustomForbidden  = customForbidden
	CustomRequired   = customRequired
	CustomSubstitute = customSubstitute
)

type (
	FileFindings = fileFindings
	HintError    = hintError
)

func (c *Config) Matches(path string) bool                   { return c.matches(path) }
func (f FailOn) Fails(sev Severity) bool                     { return f.fails(sev) }
func (r *Result) EachFile(fn func(fileFindings) error) error { return r.eachFile(fn) }

// ShareParagraphs turns the sharing of paragraphs between variants on or
// off (Pass.Paragraphs), and returns what restores it: the tests compare
// the findings with and without it.
func ShareParagraphs(on bool) (restore func()) {
	prev := shareParagraphs
	shareParagraphs = on
	return func() { shareParagraphs = prev }
}

// The unexported fields the external tests read, as methods of the
// field's name.
func (c *Config) CountSet() bool            { return c.countSet }
func (rc *RuleConfig) ID() string           { return rc.id }
func (rc *RuleConfig) Line() int            { return rc.line }
func (rc *RuleConfig) Col() int             { return rc.col }
func (s *CustomSpec) Config() string        { return s.config }
func (s *CustomSpec) Line() int             { return s.line }
func (s *CustomSpec) Col() int              { return s.col }
func (d *Diagnostic) Lang() string          { return d.lang }
func (f *FileFix) Before() []byte           { return f.before }
func (f *FileFix) After() []byte            { return f.after }
func (r *Result) FailOn() map[string]FailOn { return r.failOn }

// CheckRule is checkRule, for the benchmarks that run one rule on a pass.
func (p *Pass) CheckRule(r Rule) ([]Diagnostic, error) { return p.checkRule(r) }

// WithLimits is o with the template execution limits set: the tests bound
// or loosen them, the CLI always runs with sandbox.DefaultLimits.
func WithLimits(o Options, l sandbox.Limits) Options {
	o.limits = l
	return o
}

// NewFileFix is what Engine.Fix reports for a file it changed from before
// to after.
func NewFileFix(before, after []byte) FileFix { return FileFix{before: before, after: after} }
