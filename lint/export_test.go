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
