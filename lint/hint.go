package lint

import "errors"

// hintError is an error with advice on what to do about it: "save it as
// UTF-8", "run inboxlint from the repository that holds the file". The
// error's text is the problem alone, so it reads the same wherever it ends
// up (a log, an editor's message, a wrapped error); whoever shows the error
// to a person finds the advice with errors.As (or Hints) and shows it as
// that output does: the command as "hint:" lines under the error.
type hintError struct {
	Err  error
	Hint string
}

// Error is the wrapped error's text, without the hint.
func (e *hintError) Error() string { return e.Err.Error() }

// Unwrap returns the error the hint is about, so errors.Is and errors.As
// see through the hint.
func (e *hintError) Unwrap() error { return e.Err }

// Hint attaches advice to err. A nil err stays nil.
func Hint(err error, hint string) error {
	if err == nil {
		return nil
	}
	return &hintError{Err: err, Hint: hint}
}

// Hints returns the advice attached anywhere in err's chain, outermost
// first: the hint added last, by the code that knew the most about what the
// user was doing, comes first.
func Hints(err error) []string {
	var hints []string
	for {
		var h *hintError
		if !errors.As(err, &h) {
			return hints
		}
		hints = append(hints, h.Hint)
		err = h.Err
	}
}
