package lint

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
