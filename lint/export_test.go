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

// ShareParagraphs turns the sharing of paragraphs between variants on or
// off (Pass.Paragraphs), and returns what restores it: the tests compare
// the findings with and without it.
func ShareParagraphs(on bool) (restore func()) {
	prev := shareParagraphs
	shareParagraphs = on
	return func() { shareParagraphs = prev }
}
