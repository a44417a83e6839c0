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
