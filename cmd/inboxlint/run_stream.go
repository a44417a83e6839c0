package main

import (
	"bytes"
	"io"

	"github.com/inboxlint/inboxlint/lint"
)

// streamFormats write a run file by file (lint.Engine.Stream); the HTML
// page needs every file at once.
var streamFormats = map[string]bool{"text": true, "unix": true, "json": true, "github": true, "sarif": true}

// heldWriter holds a streamed run's output until a file has been linted:
// a run that linted nothing because of errors prints only the errors, as
// an unstreamed run does, and which one it is shows only at the end. What
// it holds is the formats' opening and summary, a few lines.
type heldWriter struct {
	w    io.Writer
	res  *lint.Result
	held bytes.Buffer
	open bool
}

func (h *heldWriter) Write(p []byte) (int, error) {
	if !h.open && h.res.Files > 0 {
		if err := h.release(); err != nil {
			return 0, err
		}
	}
	if h.open {
		return h.w.Write(p)
	}
	return h.held.Write(p)
}

func (h *heldWriter) release() error {
	h.open = true
	_, err := h.w.Write(h.held.Bytes())
	h.held = bytes.Buffer{}
	return err
}

// finish writes what is held unless the run linted nothing because of
// errors.
func (h *heldWriter) finish() error {
	if h.open || h.res.Files == 0 && len(h.res.Errors) > 0 {
		return nil
	}
	return h.release()
}
