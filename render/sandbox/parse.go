package sandbox

import (
	"sort"
	"sync"
	"text/template/parse"
)

// Field is one parsed field, ready to run for each variant's data
// (ExecuteIn). A Field is immutable after Parse and safe for concurrent use
// by multiple goroutines.
type Field struct {
	text   string
	tree   *parse.Tree
	plain  *parse.Tree    // tree for plain Data, when it differs (see rewrite)
	used   []string       // allowed functions the field calls
	groups []fieldGroup   // the field's text, in order, as output segments
	lits   []fieldLiteral // the literal groups, in order
	ranges []fieldRange   // per range node
	prints []fieldSpan    // per metered printing action, the span errors point at
	top    weight         // the work of the nodes outside every range body
	reads  []string       // the top-level data keys the field may read (see Reads)
	all    bool           // the field may read any key
	pool   sync.Pool      // of *executor: templates bound to their own state
	// simpleRun is the field's steps when it runs without text/template
	// on plain data (see simple)
	simpleRun simpleField
}

// Parse parses one field's text with the sandbox's function map.
//
// These functions are available (sprig's, with sprig's argument order):
//
//   - strings: abbrev, abbrevboth, adler32sum, camelcase, cat, contains,
//     hasPrefix, hasSuffix, indent, initials, join, kebabcase, lower,
//     nindent, nospace, plural, quote, regexFind, regexFindAll, regexMatch,
//     regexQuoteMeta, regexReplaceAll, regexReplaceAllLiteral, regexSplit,
//     repeat, replace, sha1sum, sha256sum, sha512sum, snakecase, sortAlpha,
//     split, splitList, splitn, squote, substr, swapcase, title, toString,
//     toStrings, trim, trimAll, trimPrefix, trimSuffix, trunc, untitle,
//     upper, wrap, wrapWith
//   - defaults and conditions: all, any, coalesce, compact, default, empty,
//     ternary
//   - lists: append, chunk, concat, first, has, initial, last, list,
//     prepend, push, rest, reverse, seq, slice, tuple, uniq, until,
//     untilStep, without
//   - maps: dict, dig, get, hasKey, keys, omit, pick, pluck, values
//   - math: add, add1, add1f, addf, atoi, biggest, ceil, div, divf, float64,
//     floor, int, int64, max, maxf, min, minf, mod, mul, mulf, round, sub,
//     subf
//   - sprig's must... variants of the functions above, such as mustFirst
//   - Go's builtins and, eq, ge, gt, html, index, js, le, len, lt, ne, not,
//     or, print, printf, println, urlquery (sprig's slice replaces Go's)
//
// keys and values return keys in sorted order (sprig's order is random),
// and sortAlpha sorts a copy. The hash functions are kept: they are
// deterministic, and useful for stable tracking codes.
//
// Not available, each with a message that says why: env and expandenv
// (environment); now, date and the other clock functions; rand..., shuffle
// and uuidv4 (randomness); key, certificate, password and encryption
// functions; getHostByName (network); os... path functions; fail; set,
// unset and merge... (they modify maps, including the shared data, in
// place: build a new map with dict); call; and sprig's other functions
// (JSON, base64, semver, URL, path, reflection), which ad copy does not
// need. {{ define }}, {{ block }} and {{ template }} are rejected too.
//
// A syntax error, a template definition or a function outside the list is
// an Error at the offending text; the first one in the text wins.
func Parse(text string) (*Field, *Error) {
	tr := parse.New(fieldName)
	tr.Mode = parse.SkipFuncCheck // the allow-list is checked below, with positions
	set := map[string]*parse.Tree{}
	if _, err := tr.Parse(text, "", "", set); err != nil {
		return nil, parseError(text, err)
	}
	ft := &Field{text: text, tree: tr}
	if err := ft.check(len(set) != 1 || set[fieldName] != tr); err != nil {
		return nil, err
	}
	ft.reads, ft.all = dataReads(tr.Root)
	ft.rewrite()
	return ft, nil
}

// check rejects template definitions and calls and functions outside the
// allow-list, reporting the first problem in the text.
func (ft *Field) check(defined bool) *Error {
	if defined || hasTemplateNode(ft.tree.Root) {
		return definitionError(ft.text)
	}
	var first *Error
	used := map[string]bool{}
	inspect(ft.tree.Root, func(n parse.Node) {
		id, ok := n.(*parse.IdentifierNode)
		if !ok {
			return
		}
		if _, ok := tables().allowed[id.Ident]; ok {
			used[id.Ident] = true
			return
		}
		off := int(id.Pos)
		if first == nil || off < first.Offset {
			first = unavailableError(id.Ident, off, off+len(id.Ident))
		}
	})
	if first != nil {
		return first
	}
	for name := range used {
		ft.used = append(ft.used, name)
	}
	sort.Strings(ft.used)
	return nil
}

func hasTemplateNode(root *parse.ListNode) bool {
	found := false
	inspect(root, func(n parse.Node) {
		if _, ok := n.(*parse.TemplateNode); ok {
			found = true
		}
	})
	return found
}

// definitionError reports the first {{ define }}, {{ block }} or
// {{ template }} in text.
func definitionError(text string) *Error {
	const msg = "template definitions are not allowed inside a field"
	for _, a := range scanActions(text) {
		e := &Error{Offset: a.wordOff, End: a.wordOff + len(a.word)}
		switch a.word {
		case "define":
			e.Msg = msg + ": remove {{ define }} and write the text where it is used"
		case "block":
			e.Msg = msg + ": replace {{ block }} with its content"
		case "template":
			e.Msg = msg + ", so {{ template }} has nothing to call: write the text in place"
		default:
			continue
		}
		return e
	}
	return &Error{Offset: -1, End: -1, Msg: msg}
}
