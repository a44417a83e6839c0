package lint

import (
	"fmt"

	"github.com/inboxlint/inboxlint/render/escape"
)

// FailOn is the least severity of finding that fails a run (exit 1), from
// --fail-on or a config's fail-on:, or failOnNever. The zero value is
// unset: a config without fail-on: leaves the choice to the flag's
// default.
type FailOn uint8

// The fail-on values; failOnInfo to FailOnError match their Severity.
const (
	failOnInfo    = FailOn(SeverityInfo)
	failOnWarning = FailOn(SeverityWarning)
	FailOnError   = FailOn(SeverityError)
	// failOnNever fails no run on findings: they are printed, the status
	// stays 0.
	failOnNever = FailOnError + 1
)

// ParseFailOn reads a fail-on value: a severity, or "never".
func ParseFailOn(s string) (FailOn, error) {
	if s == "never" {
		return failOnNever, nil
	}
	sev, err := ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("unknown fail-on %s: use error, warning, info or never", escape.Excerpt(s))
	}
	return FailOn(sev), nil
}

// fails reports whether a finding of severity sev fails the run.
func (f FailOn) fails(sev Severity) bool {
	return f != 0 && f != failOnNever && sev >= Severity(f)
}

// String is the value as configs write it; "" when unset.
func (f FailOn) String() string {
	switch f {
	case 0:
		return ""
	case failOnNever:
		return "never"
	}
	return Severity(f).String()
}
