//go:build !race

package lint_test

// raceEnabled reports whether the tests run under the race detector, which
// makes the heaviest tests run fewer rounds.
const raceEnabled = false
