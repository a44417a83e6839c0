//go:build !unix

package repofs_test

import "errors"

func mkfifo(string, uint32) error { return errors.New("no FIFOs") }
