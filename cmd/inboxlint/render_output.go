package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/inboxlint/inboxlint/render/escape"
)

// maxRenderOutput is the most one inboxlint render prints, in every
// format: far more than any campaign's preview (a member's copy is a few
// KiB), and little enough that a template from a pull request cannot fill
// a CI log or a disk. The README documents it.
const maxRenderOutput = 8 << 20

// maxIndentLevels is how deep the text tree of a Conversation Ad indents:
// a message a button opens is indented one step under it, up to this many
// steps; deeper messages stay at that indentation, so that a long chain
// prints in size proportional to its copy, not to the square of its depth.
const maxIndentLevels = 8

// indentStep is one level of the text tree.
const indentStep = "    "

// renderOutput is where inboxlint render prints: buffered, and cut off
// once maxRenderOutput bytes are written. Writes are kept or dropped whole,
// and the printers write a line at a time, so the output ends at the end
// of a line.
type renderOutput struct {
	bw    *bufio.Writer
	left  int
	full  bool
	limit int
}

func newRenderOutput(w io.Writer, limit int) *renderOutput {
	return &renderOutput{bw: bufio.NewWriter(w), left: limit, limit: limit}
}

func (o *renderOutput) Write(p []byte) (int, error) {
	if o.full {
		return len(p), nil
	}
	if len(p) > o.left {
		o.full = true
		return len(p), nil
	}
	o.left -= len(p)
	return o.bw.Write(p)
}

// finish writes, when the cap was reached, a last line that says so as a
// comment in the output's own syntax (prefix), and flushes. It reports
// whether the output was cut.
func (o *renderOutput) finish(prefix string) (bool, error) {
	if o.full {
		fmt.Fprintf(o.bw, "%soutput stopped after %d MiB, the most one render prints: choose a member with --member or a variant with --variant\n", prefix, o.limit>>20)
	}
	return o.full, o.bw.Flush()
}

// textPreview prints the text output of inboxlint render. Every line goes
// through line, which escapes it whole with escape.Line: the copy, member
// names, button labels and targets in it come from the pull request, and
// a control character or a leading "::" would act on the terminal or the
// CI log. Indentation is bounded by maxIndentLevels.
type textPreview struct {
	w *renderOutput
	// deepNoted is set once the current tree has said that it stops
	// indenting.
	deepNoted bool
}

// line prints s at depth levels of indentation.
func (p *textPreview) line(depth int, s string) {
	fmt.Fprintf(p.w, "%s%s\n", strings.Repeat(indentStep, min(depth, maxIndentLevels)), escape.Line(s))
}

func (p *textPreview) blank() { fmt.Fprintln(p.w) }

// text prints copy that may have several lines (a body, a footer) at
// depth: each line on its own, blank lines between paragraphs left blank;
// first, when set, goes before the first line.
func (p *textPreview) text(depth int, first, s string) {
	for i, l := range strings.Split(s, "\n") {
		switch {
		case i == 0 && first != "":
			p.line(depth, first+l)
		case l == "":
			p.blank()
		default:
			p.line(depth, l)
		}
	}
}

// enter notes, the first time the tree reaches a depth it does not indent
// any further, that it stops indenting.
func (p *textPreview) enter(depth int) {
	if depth > maxIndentLevels && !p.deepNoted {
		p.deepNoted = true
		p.line(depth, fmt.Sprintf("(messages more than %d levels below the opening are not indented further)", maxIndentLevels))
	}
}
