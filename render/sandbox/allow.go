package sandbox

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"sync"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// funcTables are the sandbox's function tables: the allow-list with its
// implementations, why each other known function is refused, and the
// sprig functions the capped implementations call. Building them means
// building sprig's whole function map, so they are built together the
// first time a field with actions is parsed or a name is looked up (tables),
// and a run whose templates have no actions never builds them.
type funcTables struct {
	// allowed maps every function a field may call to its implementation
	// (see allowedImpls); a nil one is a text/template builtin used as it
	// is.
	allowed map[string]func(*execState) any
	// names is the sorted allow-list, for suggestions.
	names []string
	// unavailable says why a known function is not in the allow-list.
	unavailable map[string]string
	// scalarResult lists the functions whose result is text, a number or
	// a boolean, which printing needs no meter for.
	scalarResult map[string]bool
	// sprigNames are all of sprig's functions, allowed or not.
	sprigNames map[string]bool
	sprig      sprigImpls
}

// sprigImpls are the sprig functions the capped implementations call.
type sprigImpls struct {
	strslice func(any) []string
	strval   func(any) string
	wrapWith func(int, string, string) string
	cat      func(...any) string
	quote    func(...any) string
	squote   func(...any) string
	chunk    func(int, any) ([][]any, error)
}

var (
	tablesOnce  sync.Once
	tablesBuilt *funcTables
)

// tables returns the function tables, built on first use.
func tables() *funcTables {
	tablesOnce.Do(func() { tablesBuilt = buildTables() })
	return tablesBuilt
}

func buildTables() *funcTables {
	txt := sprig.TxtFuncMap()
	generic := sprig.GenericFuncMap()
	t := &funcTables{
		sprig: sprigImpls{
			strslice: txt["toStrings"].(func(any) []string),
			strval:   txt["toString"].(func(any) string),
			wrapWith: txt["wrapWith"].(func(int, string, string) string),
			cat:      txt["cat"].(func(...any) string),
			quote:    txt["quote"].(func(...any) string),
			squote:   txt["squote"].(func(...any) string),
			chunk:    txt["mustChunk"].(func(int, any) ([][]any, error)),
		},
	}
	t.allowed = allowedImpls(txt, &t.sprig)
	t.unavailable = unavailableReasons(generic)
	t.scalarResult = scalarResults(t.allowed)
	for n := range t.allowed {
		t.names = append(t.names, n)
	}
	sort.Strings(t.names)
	t.sprigNames = map[string]bool{}
	for name := range generic {
		t.sprigNames[name] = true
	}
	return t
}

// sprigPlain are the sprig functions used as they are, apart from the
// generic wrapper: their results are at most a small multiple of their
// arguments, and they neither read nor modify anything else.
var sprigPlain = []string{
	// strings
	"abbrev", "abbrevboth", "adler32sum", "camelcase", "contains", "hasPrefix",
	"hasSuffix", "initials", "kebabcase", "lower", "nospace", "plural",
	"regexQuoteMeta", "sha1sum", "sha256sum", "sha512sum", "snakecase", "split",
	"splitList", "splitn", "substr", "swapcase", "title", "toString", "toStrings",
	"trim", "trimAll", "trimPrefix", "trimSuffix", "trunc", "untitle", "upper",
	"wrap",
	// defaults
	"all", "any", "coalesce", "compact", "default", "empty", "mustCompact", "ternary",
	// lists
	"append", "concat", "first", "initial", "last", "list", "mustAppend",
	"mustFirst", "mustInitial", "mustLast", "mustPrepend", "mustPush",
	"mustRest", "mustReverse", "mustSlice", "prepend", "push", "rest",
	"reverse", "slice", "tuple",
	// maps
	"dict", "dig", "get", "hasKey", "omit", "pick", "pluck",
	// math
	"add", "add1", "add1f", "addf", "atoi", "biggest", "ceil", "div", "divf",
	"float64", "floor", "int", "int64", "max", "maxf", "min", "minf", "mod", "mul",
	"mulf", "round", "sub", "subf",
}

// goBuiltins are text/template's builtins that are used as they are: and
// and or stop evaluating their arguments early only as builtins, and none
// of these does more than constant work, so the parse tree counts their
// calls (see weigh). The comparisons are replaced (compare.go).
var goBuiltins = []string{"and", "index", "len", "not", "or"}

// allowedImpls builds the allow-list from sprig's text function map:
// each function a field may call, mapped to a constructor that binds its
// implementation to one execution; a nil constructor is a Go builtin used
// as it is.
func allowedImpls(sprigFuncs map[string]any, sp *sprigImpls) map[string]func(*execState) any {
	m := map[string]func(*execState) any{}
	for _, name := range sprigPlain {
		fn := sprigFuncs[name]
		if fn == nil {
			panic("render: sprig has no function " + name)
		}
		m[name] = func(*execState) any { return fn }
	}
	for _, name := range goBuiltins {
		m[name] = nil
	}
	bind := func(f func(s *execState) any, names ...string) {
		for _, n := range names {
			m[n] = f
		}
	}
	bind(func(s *execState) any { return s.repeat }, "repeat")
	bind(func(s *execState) any { return s.indent }, "indent")
	bind(func(s *execState) any { return s.nindent }, "nindent")
	bind(func(s *execState) any { return s.replace }, "replace")
	bind(func(s *execState) any { return s.join }, "join")
	bind(func(s *execState) any { return s.wrapWith }, "wrapWith")
	bind(func(*execState) any { return sp.cat }, "cat")
	bind(func(*execState) any { return sp.quote }, "quote")
	bind(func(*execState) any { return sp.squote }, "squote")
	bind(func(s *execState) any { return s.until }, "until")
	bind(func(s *execState) any { return s.untilStep }, "untilStep")
	bind(func(s *execState) any { return s.seq }, "seq")
	bind(func(s *execState) any { return s.chunk }, "chunk", "mustChunk")
	bind(func(s *execState) any { return s.uniq }, "uniq", "mustUniq")
	bind(func(s *execState) any { return s.has }, "has")
	bind(func(s *execState) any { return s.mustHas }, "mustHas")
	bind(func(s *execState) any { return s.without }, "without")
	bind(func(s *execState) any { return s.mustWithout }, "mustWithout")
	bind(func(s *execState) any { return s.eq }, "eq")
	bind(func(s *execState) any { return s.ne }, "ne")
	bind(func(s *execState) any { return s.lt }, "lt")
	bind(func(s *execState) any { return s.le }, "le")
	bind(func(s *execState) any { return s.gt }, "gt")
	bind(func(s *execState) any { return s.ge }, "ge")
	bind(func(*execState) any { return sortAlpha }, "sortAlpha")
	bind(func(*execState) any { return sortedKeys }, "keys")
	bind(func(*execState) any { return sortedValues }, "values")
	// The regular expression functions name themselves in their messages.
	for _, name := range []string{"regexMatch", "mustRegexMatch"} {
		bind(func(s *execState) any {
			return func(pattern, str string) (bool, error) { return s.regexMatch(name, pattern, str) }
		}, name)
	}
	for _, name := range []string{"regexFind", "mustRegexFind"} {
		bind(func(s *execState) any {
			return func(pattern, str string) (string, error) { return s.regexFind(name, pattern, str) }
		}, name)
	}
	for _, name := range []string{"regexFindAll", "mustRegexFindAll"} {
		bind(func(s *execState) any {
			return func(pattern, str string, n int) ([]string, error) { return s.regexFindAll(name, pattern, str, n) }
		}, name)
	}
	for _, name := range []string{"regexSplit", "mustRegexSplit"} {
		bind(func(s *execState) any {
			return func(pattern, str string, n int) ([]string, error) { return s.regexSplit(name, pattern, str, n) }
		}, name)
	}
	for _, name := range []string{"regexReplaceAll", "mustRegexReplaceAll"} {
		bind(func(s *execState) any {
			return func(pattern, str, repl string) (string, error) {
				return s.regexReplace(name, pattern, str, repl, false)
			}
		}, name)
	}
	for _, name := range []string{"regexReplaceAllLiteral", "mustRegexReplaceAllLiteral"} {
		bind(func(s *execState) any {
			return func(pattern, str, repl string) (string, error) { return s.regexReplace(name, pattern, str, repl, true) }
		}, name)
	}
	bind(func(*execState) any { return fmt.Sprint }, "print")
	bind(func(s *execState) any { return s.printf }, "printf")
	bind(func(*execState) any { return fmt.Sprintln }, "println")
	bind(func(*execState) any { return template.HTMLEscaper }, "html")
	bind(func(*execState) any { return template.JSEscaper }, "js")
	bind(func(*execState) any { return template.URLQueryEscaper }, "urlquery")
	return m
}

// unavailableReasons says why each known function (sprig's, given as
// generic) that is not in the allow-list is refused.
func unavailableReasons(generic map[string]any) map[string]string {
	m := map[string]string{}
	add := func(why string, names ...string) {
		for _, n := range names {
			m[n] = why
		}
	}
	add("templates cannot read the environment", "env", "expandenv")
	add("output must not depend on the clock", "ago", "date", "dateInZone", "dateModify",
		"date_in_zone", "date_modify", "duration", "durationRound", "htmlDate", "htmlDateInZone",
		"mustDateModify", "mustToDate", "must_date_modify", "now", "toDate", "unixEpoch")
	add("output must be deterministic", "randAlpha", "randAlphaNum", "randAscii", "randBytes",
		"randInt", "randNumeric", "shuffle", "uuidv4")
	add("templates cannot use keys, certificates, passwords or encryption", "bcrypt",
		"buildCustomCert", "decryptAES", "derivePassword", "encryptAES", "genCA", "genCAWithKey",
		"genPrivateKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert",
		"genSignedCertWithKey", "htpasswd")
	add("templates cannot use the network", "getHostByName")
	add("output must not depend on the operating system", "osBase", "osClean", "osDir", "osExt", "osIsAbs")
	add("a field cannot stop rendering on purpose", "fail")
	add("templates cannot include other templates", "include", "tpl")
	add("templates cannot modify maps, which would change the data for other fields: build a new map with dict",
		"set", "unset", "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite")
	add("templates cannot call functions from the data", "call")
	const other = "the sandbox has only string, list, map, math and default functions"
	for name := range generic {
		if _, ok := m[name]; !ok {
			m[name] = other
		}
	}
	return m
}

// scalarResults lists the allowed functions whose result is text, a
// number or a boolean.
func scalarResults(allowed map[string]func(*execState) any) map[string]bool {
	m := map[string]bool{"len": true, "not": true}
	for name, impl := range allowed {
		if impl == nil {
			continue
		}
		switch reflect.TypeOf(impl(nil)).Out(0).Kind() {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Float64:
			m[name] = true
		}
	}
	return m
}

// Functions returns the names of the functions a field may call, sorted:
// what a caller suggests from when a field calls an Undefined one.
func Functions() []string { return slices.Clone(tables().names) }

// IsFunction reports whether name is a function the sandbox knows: one a
// field may call, or one of sprig's, which the sandbox refuses with its
// reason. A bare {{ now }} is a call that must be refused as such; a bare
// {{ first_name }} names no function, and is another tool's merge tag.
func IsFunction(name string) bool {
	t := tables()
	_, ok := t.allowed[name]
	return ok || t.sprigNames[name]
}

// unavailableError says why name, which is not in the allow-list, cannot
// be called, at off..end. A name no list knows is Undefined, for the
// caller to suggest another.
func unavailableError(name string, off, end int) *Error {
	if why, ok := tables().unavailable[name]; ok {
		return &Error{Offset: off, End: end, Msg: fmt.Sprintf("template function %q is not available: %s", name, why)}
	}
	return &Error{Offset: off, End: end, Msg: fmt.Sprintf("template function %s is not defined", quote(name)), Undefined: name}
}
