package sandbox

import (
	"fmt"
	"time"
)

// Work budgets of the authoring-stage sandbox (DESIGN.md §2, "Sandbox").
//
// Templates come from pull requests and run in CI, so every kind of work a
// template can make has a ceiling, and reaching one is a syntax finding at
// the action that reached it. The ceilings count work, never time: the same
// input gives the same result, byte for byte, on every machine and at any
// parallelism. Each kind of work has a budget per field and one for the
// whole file (every field of every variant together); a wall-clock limit
// remains only as a safety net for work the budgets do not see, with its own
// message.

// Limits bound the authoring stage. A zero field means the DefaultLimits
// value, so Limits{MaxOutput: 10} changes one limit only.
type Limits struct {
	// MaxOutput is the most bytes one field may print. Every string an
	// allowed function returns counts against it too, and values are
	// measured before they are printed or turned into text, so that
	// doubling a string in a loop, or printing a list of many aliases of
	// one long YAML string, stops at the cap instead of exhausting memory.
	MaxOutput int
	// MaxList is the most elements until, untilStep and seq may produce,
	// the most iterations of one range over an integer, the most entries of
	// a map a range may sort, and the most elements (counted through
	// nested lists and maps, shared parts each time they appear) any list
	// or map result may hold.
	MaxList int
	// MaxCalls is the most function calls one field may make, Go's
	// builtins (eq, index, len, ...) included.
	MaxCalls int
	// MaxIterations is the most range iterations one field may run, every
	// iteration of a nested loop included.
	MaxIterations int
	// MaxActions is the most template actions one field may run, each
	// counted every time it runs: what a long loop body costs beyond its
	// calls and output.
	MaxActions int
	// MaxData is the most bytes the function calls of one field may take in
	// and give back, in all (each element of a list or map argument counts
	// 32, each value measured in a result one): what bounds calling an
	// expensive function on a long text, or a big list, in a loop.
	MaxData int
	// MaxRegexWork is the most regular expression work one field may do:
	// characters scanned times the instructions of the compiled pattern,
	// for every search of every call.
	MaxRegexWork int
	// MaxRegexCall is the most regular expression work one call may do. It
	// is checked before the match runs (text length times instructions)
	// and while it runs, since finding every match can scan the text once
	// per match.
	MaxRegexCall int
	// MaxPattern is the longest regular expression, in bytes.
	MaxPattern int
	// MaxProgram is the most instructions a regular expression may compile
	// to (regexp/syntax, after simplification): [a-z]{1000} is 11 bytes and
	// a thousand instructions, and a template can repeat it.
	MaxProgram int
	// File bounds the same kinds of work for a whole file: every field of
	// every variant together.
	File FileLimits
	// SafetyTimeout is a last resort, not a budget: how long the authoring
	// stage of one file may run before it is stopped with its own message,
	// in case some work escaped the budgets. Reaching it makes output
	// depend on the machine, so it is far above anything the budgets allow,
	// even on a loaded runner under the race detector.
	SafetyTimeout time.Duration
}

// FileLimits are the work budgets of one file, over all its fields and
// variants. A file can hold tens of thousands of fields and a hundred
// variants, so a per-field budget alone would multiply into hours.
type FileLimits struct {
	Output, Calls, Iterations, Actions, Data, RegexWork int
}

// DefaultLimits are the limits inboxlint uses. A LinkedIn field is at most
// a few thousand characters, written by hand; a large real campaign (a
// 950 KB Conversation Ad with 30 variants) uses less than a tenth of every
// file budget, and a typical ad less than a thousandth. On a 2024 laptop
// core each file budget, spent alone, costs well under a second.
var DefaultLimits = Limits{
	MaxOutput:     64 << 10,
	MaxList:       10000,
	MaxCalls:      10000,
	MaxIterations: 10000,
	MaxActions:    100000,
	MaxData:       1 << 20,
	MaxRegexWork:  20_000_000,
	MaxRegexCall:  10_000_000,
	MaxPattern:    4096,
	MaxProgram:    10000,
	File: FileLimits{
		Output:     32 << 20,
		Calls:      200_000,
		Iterations: 100_000,
		Actions:    500_000,
		Data:       32 << 20,
		RegexWork:  50_000_000,
	},
	SafetyTimeout: time.Minute,
}

func (l Limits) orDefaults() Limits {
	d := DefaultLimits
	or := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	or(&l.MaxOutput, d.MaxOutput)
	or(&l.MaxList, d.MaxList)
	or(&l.MaxCalls, d.MaxCalls)
	or(&l.MaxIterations, d.MaxIterations)
	or(&l.MaxActions, d.MaxActions)
	or(&l.MaxData, d.MaxData)
	or(&l.MaxRegexWork, d.MaxRegexWork)
	or(&l.MaxRegexCall, d.MaxRegexCall)
	or(&l.MaxPattern, d.MaxPattern)
	or(&l.MaxProgram, d.MaxProgram)
	or(&l.File.Output, d.File.Output)
	or(&l.File.Calls, d.File.Calls)
	or(&l.File.Iterations, d.File.Iterations)
	or(&l.File.Actions, d.File.Actions)
	or(&l.File.Data, d.File.Data)
	or(&l.File.RegexWork, d.File.RegexWork)
	if l.SafetyTimeout <= 0 {
		l.SafetyTimeout = d.SafetyTimeout
	}
	return l
}

// work is a kind of work the budgets count.
type work int

const (
	workOutput work = iota
	workCalls
	workIterations
	workActions
	workData
	workRegex
	numWork
)

// usage counts work of each kind.
type usage [numWork]int64

func (l *Limits) fieldLimit(k work) int64 {
	switch k {
	case workOutput:
		return int64(l.MaxOutput)
	case workCalls:
		return int64(l.MaxCalls)
	case workIterations:
		return int64(l.MaxIterations)
	case workActions:
		return int64(l.MaxActions)
	case workData:
		return int64(l.MaxData)
	}
	return int64(l.MaxRegexWork)
}

func (l *Limits) fileLimit(k work) int64 {
	switch k {
	case workOutput:
		return int64(l.File.Output)
	case workCalls:
		return int64(l.File.Calls)
	case workIterations:
		return int64(l.File.Iterations)
	case workActions:
		return int64(l.File.Actions)
	case workData:
		return int64(l.File.Data)
	}
	return int64(l.File.RegexWork)
}

// budgetMsg says which budget was spent, its value, and what to do. The
// field's output budget keeps the message it has always had.
func budgetMsg(k work, limit int64, file bool) string {
	if k == workOutput && !file {
		return fmt.Sprintf("field output exceeds the cap of %d bytes", limit)
	}
	var what, unit, detail, advice string
	switch k {
	case workOutput:
		what, unit, advice = "template output exceeds", " bytes", "make the templates print less"
	case workCalls:
		what, advice = "function calls exceed", "call fewer functions inside loops"
	case workIterations:
		what, detail, advice = "loop iterations exceed", ", every iteration of a nested loop included", "make the loops smaller"
	case workActions:
		what, detail, advice = "template actions exceed", ", each counted every time it runs", "make the loops smaller"
	case workData:
		what, unit, advice = "data handled by function calls exceeds", " bytes", "pass shorter values to functions, or call them less often"
	default:
		what, detail, advice = "regular expression work exceeds", " (characters scanned × pattern instructions)", "use simpler patterns or shorter texts"
	}
	scope := "per field"
	if file {
		scope = "for the whole file (all fields and variants together)"
		detail += ", so the rest of the file was not rendered"
	}
	return fmt.Sprintf("%s the budget of %d%s %s%s: %s", what, limit, unit, scope, detail, advice)
}

// safetyMsg is the safety net's message: it names the limit and says it is
// not a budget, since output that reaches it depends on the machine.
func safetyMsg(d time.Duration) string {
	return fmt.Sprintf("template execution reached the safety time limit of %v, a last resort and not a work budget, so the rest of the file was not rendered: the machine may be overloaded; if it is not, report this file to inboxlint's maintainers", d)
}

// Budget is the work one file's templates may still do: the file budgets
// of Limits, spent by every field of every variant in turn, and the safety
// deadline. The caller makes one per file (render's Template.Render does)
// and executes every field of the file under it, so the first field that
// spends a file budget gets the finding and the fields after it are not
// run. It is for one goroutine at a time.
type Budget struct {
	lim      Limits
	used     usage
	deadline time.Time
	// spent is the finding that ended the file's rendering, if any: a file
	// budget or the safety limit. Later fields are not run.
	spent string
	// regexps are the patterns the file's templates compiled, each
	// charged once however many fields and variants use it.
	regexps map[string]*Pattern
}

// NewBudget starts the budget of one file under limits (a zero field of
// limits is its DefaultLimits value), and its safety deadline.
func NewBudget(limits Limits) *Budget {
	l := limits.orDefaults()
	return &Budget{lim: l, deadline: time.Now().Add(l.SafetyTimeout)}
}

// Spent reports whether a file budget, or the safety limit, has ended the
// file's rendering: ExecuteIn then fails at once, and the finding was the
// field's that spent it, so a caller may skip the fields after it without
// a finding of their own.
func (b *Budget) Spent() bool { return b.spent != "" }

// maxCachedPatterns bounds the file's patterns: once it holds this many,
// every other pattern is charged each time it is used.
const maxCachedPatterns = 256
