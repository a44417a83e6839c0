//go:build !unix

package lint_test

import "errors"

func mkfifoFile(string) error { return errors.New("no FIFOs") }
