package lint

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// Options configure one run.
type Options struct {
	// Rules is the full rule set (rules.All()).
	Rules []Rule
	// ConfigFile, when set, is used for every file instead of discovery.
	ConfigFile string
	// MembersFile, when set, overrides the config's members.
	MembersFile string
	// Enable and Disable switch rules on or off over the config.
	Enable, Disable []string
	// Jobs is how many files are linted at once; 0 means one per core.
	Jobs int
	// Stdin, when set, is linted instead of reading paths, under the name
	// StdinName, with the config StdinName would get.
	Stdin     io.Reader
	StdinName string
	// Limits bound template execution; zero means sandbox.DefaultLimits.
	Limits sandbox.Limits
	// Only, when set, restricts the run to files for which it returns true
	// (given their absolute path with symbolic links resolved, so that it
	// compares with what git reports); --changed-since uses it.
	Only func(abs string) bool
	// Root is the directory every file the run reads is confined to, as an
	// absolute path: the repository. "" means repofs.FindRoot of the
	// working directory; the language server passes its workspace root.
	// Templates named outside it are errors; paths that files name
	// (members:, discovered configs) must resolve inside it; --config,
	// --members and --baseline may lie outside it.
	Root string
	// KeepSources keeps every linted file's source in Result.Sources, not
	// only those with findings, for outputs that show every file (the
	// HTML preview).
	KeepSources bool
}

// Result is the outcome of a run.
type Result struct {
	// Diagnostics are sorted by file, line, column, rule, message.
	Diagnostics []Diagnostic
	// Files is the number of templates linted.
	Files int
	// Sources holds each linted file that has findings (every linted file
	// with Options.KeepSources), for formats that quote source lines or
	// fingerprint the offending text.
	Sources map[string]*render.Source
	// Errors are problems that stopped a file from being linted at all
	// (unreadable, not a template, bad config): exit status 2.
	Errors []error
	// Docs are the docs of the custom rules the run's configs declared, by
	// id, for formats that describe every rule (SARIF).
	Docs map[string]Doc
	// FailOn is, per linted file, the fail-on of the config in force for
	// it ("" when that config does not set one).
	FailOn map[string]string
}

// Engine lints files. It caches configs, configured rule sets and member
// files, so one Engine serves many files (and, in an editor, many runs).
type Engine struct {
	opts  Options
	known map[string]bool
	// root confines every read; see Options.Root.
	root *repofs.Root

	mu       sync.Mutex
	configs  map[string]*configEntry // by config path ("" = default)
	dirs     map[dirKey]string       // directory -> config path
	members  map[string]*membersEntry
	roots    map[string]*repofs.Root // other roots, by directory
	override *configEntry
	// defaults is the embedded member set, loaded once and only read
	defaults []render.Member
	// tables are the member lists' classes, shared by the files that use
	// the same list (member_classes.go)
	tables memberTables
}

type configEntry struct {
	once sync.Once
	cfg  *Config
	err  error
	// root confines the paths the config names (members:): the root that
	// holds it, or for a --config outside the repository, its directory.
	root *repofs.Root
	// active rules with their effective severity
	rules []activeRule
	// ids are all rules the config knows, on or off, for directives
	ids map[string]bool
}

type activeRule struct {
	rule Rule
	id   string
	// severity is the default; override, when set, is the config's and
	// beats whatever the rule reports.
	severity, override Severity
}

// dirKey is a directory inside the root that holds it.
type dirKey struct {
	root *repofs.Root
	dir  string
}

type membersEntry struct {
	once    sync.Once
	members []render.Member
	err     error
}

// NewEngine validates the options' rule set and prepares an engine.
func NewEngine(opts Options) (*Engine, error) {
	if err := Validate(opts.Rules); err != nil {
		return nil, err
	}
	if opts.Limits == (sandbox.Limits{}) {
		opts.Limits = sandbox.DefaultLimits
	}
	dir := opts.Root
	if dir == "" {
		dir = repofs.FindRoot(".")
	}
	root, err := repofs.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the repository root: %w", err)
	}
	e := &Engine{opts: opts, root: root, known: map[string]bool{}, configs: map[string]*configEntry{}, dirs: map[dirKey]string{}, members: map[string]*membersEntry{}, roots: map[string]*repofs.Root{}, defaults: render.DefaultMembers()}
	for _, r := range opts.Rules {
		e.known[r.Doc().ID] = true
	}
	if opts.ConfigFile != "" {
		ce := e.config(opts.ConfigFile, e.explicitConfigRoot(opts.ConfigFile))
		if ce.err != nil {
			return nil, ce.err
		}
		e.override = ce
	}
	// --enable and --disable may name custom rules, which exist only in
	// configs; with --config that is known now, otherwise at the end of
	// the run (unknownFlagRules).
	for _, id := range append(append([]string{}, opts.Enable...), opts.Disable...) {
		if !e.known[id] && (e.override != nil && !e.override.ids[id] || e.override == nil && !kebab.MatchString(id)) {
			return nil, unknownRule(id, opts.Rules)
		}
	}
	return e, nil
}

// Root is the root the engine confines reads to, for the files a command
// reads besides templates (--baseline) and writes (--write-baseline).
func (e *Engine) Root() *repofs.Root { return e.root }

// Close releases the roots the engine opened. An engine that is not
// closed releases them when it is garbage-collected.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, r := range e.roots {
		if r != e.root {
			r.Close()
		}
	}
	return e.root.Close()
}

// explicitConfigRoot is the root that confines the paths a --config names:
// the repository's when the config lies inside it, else the config's own
// directory.
func (e *Engine) explicitConfigRoot(path string) *repofs.Root {
	if e.root.Contains(path) {
		return e.root
	}
	return e.otherRoot(filepath.Dir(path))
}

// otherRoot opens (once) a root at dir, for a config or a buffer outside
// the engine's root. A directory that cannot be opened gets the engine's
// root, under which its paths are then simply outside.
func (e *Engine) otherRoot(dir string) *repofs.Root {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return e.root
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if r, ok := e.roots[abs]; ok {
		return r
	}
	r, err := repofs.Open(abs)
	if err != nil {
		r = e.root
	}
	e.roots[abs] = r
	return r
}

// rootFor is the root that holds a template: the engine's, or for a file
// outside it, that file's own repository (reads are confined to it; a
// template or buffer named outside the engine's root is refused before it
// gets here).
func (e *Engine) rootFor(path string) *repofs.Root {
	if e.root.Contains(path) {
		return e.root
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return e.root
	}
	return e.otherRoot(repofs.FindRoot(filepath.Dir(abs)))
}

// unknownFlagRules reports --enable/--disable ids that no rule of any
// config in the run has.
func (e *Engine) unknownFlagRules() []error {
	var errs []error
	for _, id := range append(append([]string{}, e.opts.Enable...), e.opts.Disable...) {
		if e.known[id] {
			continue
		}
		found := false
		e.mu.Lock()
		for _, ce := range e.configs {
			if ce.ids[id] {
				found = true
			}
		}
		e.mu.Unlock()
		if !found {
			errs = append(errs, unknownRule(id, e.opts.Rules))
		}
	}
	return errs
}

func unknownRule(id string, rules []Rule) error {
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.Doc().ID
	}
	msg := fmt.Sprintf("unknown rule %s", escape.Excerpt(id))
	if s := render.DidYouMean(render.Nearest(id, ids, 3)); s != "" {
		msg += ": " + s
	}
	return errors.New(msg)
}

// Run lints paths (files or directories; directories are walked for
// templates) or, when opts.Stdin is set, standard input.
func Run(opts Options, paths []string) (*Result, error) {
	e, err := NewEngine(opts)
	if err != nil {
		return nil, err
	}
	return e.Run(paths), nil
}

type job struct {
	path     string
	explicit bool
	data     []byte // for stdin
}

type fileResult struct {
	diags  []Diagnostic
	src    *render.Source
	err    error
	linted bool
	failOn string
	// variants are the file's renders, which --fix compares before and
	// after its edits
	variants []*render.Variant
}

// Run lints paths with the engine's options.
func (e *Engine) Run(paths []string) *Result {
	if e.opts.Stdin != nil {
		name := e.opts.StdinName
		if name == "" {
			name = "<stdin>"
		}
		data, err := readLimited(e.opts.Stdin, name)
		if err != nil {
			res := newResult()
			res.Errors = append(res.Errors, err)
			return res
		}
		return e.LintBuffer(name, data)
	}
	res := newResult()
	jobs, errs := e.collect(paths)
	res.Errors = append(res.Errors, errs...)
	if e.opts.Only != nil {
		kept := jobs[:0]
		for _, j := range jobs {
			if rel, err := e.root.Rel(j.path); err == nil && e.opts.Only(filepath.Join(e.root.Dir(), rel)) {
				kept = append(kept, j)
			}
		}
		jobs = kept
	}

	results := make([]fileResult, len(jobs))
	n := e.opts.Jobs
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	n = min(n, max(1, len(jobs)))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = e.lintFile(jobs[i])
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	seenErr := map[string]bool{}
	for i, r := range results {
		res.add(jobs[i].path, r, seenErr)
		if e.opts.KeepSources && r.linted {
			res.Sources[jobs[i].path] = r.src
		}
	}
	return e.finish(res)
}

// customDocs collects the docs of the custom rules of every config loaded.
func (e *Engine) customDocs() map[string]Doc {
	e.mu.Lock()
	defer e.mu.Unlock()
	docs := map[string]Doc{}
	for _, ce := range e.configs {
		if ce.cfg == nil {
			continue
		}
		for _, s := range ce.cfg.Custom {
			docs[s.ID] = CompileCustom(s).Doc()
		}
	}
	return docs
}

// ErrNotTemplate is wrapped by the error for a file named explicitly that
// is no inboxlint template (a README); callers that lint whatever they are
// given, such as the language server, test for it with errors.Is.
var ErrNotTemplate = errors.New("not an inboxlint template")

// NotTemplateError explains why data, named explicitly, is not linted.
func NotTemplateError(path string, data []byte) error {
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return fmt.Errorf("%s: the file is UTF-16, which inboxlint does not read\nhint: save it as UTF-8", path)
	}
	return fmt.Errorf("%s: %w: its front matter has no format key\nhint: start the file with ---, format: message (or conversation), sender and subject, then ---", path, ErrNotTemplate)
}

// LintBuffer lints one in-memory buffer under name, with the config that
// name would get on disk: an editor's unsaved text (the language server).
// Unlike Run it never reads the file.
func (e *Engine) LintBuffer(name string, data []byte) *Result {
	res := newResult()
	if len(data) > render.MaxFileSize {
		res.Errors = append(res.Errors, tooLarge(name))
		return res
	}
	if data == nil {
		data = []byte{} // nil would make lintFile read the file
	}
	if !e.root.Contains(name) {
		// the buffer would get the config and members of another tree:
		// --stdin-filename is confined like a template named on the
		// command line (the language server passes each document's own
		// repository as the root)
		res.Errors = append(res.Errors, findError(&repofs.Error{Path: name, Err: repofs.ErrOutside}))
		return e.finish(res)
	}
	r := e.lintFile(job{path: name, explicit: true, data: data})
	res.add(name, r, nil)
	if e.opts.KeepSources && r.linted {
		res.Sources[name] = r.src
	}
	return e.finish(res)
}

func newResult() *Result {
	return &Result{Sources: map[string]*render.Source{}, FailOn: map[string]string{}}
}

// add records one file's outcome; seenErr, when not nil, drops an error
// already reported for another file (a broken config shared by many).
func (res *Result) add(path string, r fileResult, seenErr map[string]bool) {
	if r.err != nil && (seenErr == nil || !seenErr[r.err.Error()]) {
		if seenErr != nil {
			seenErr[r.err.Error()] = true
		}
		res.Errors = append(res.Errors, r.err)
	}
	if !r.linted {
		return
	}
	res.Files++
	res.FailOn[path] = r.failOn
	res.Diagnostics = append(res.Diagnostics, r.diags...)
	if len(r.diags) > 0 {
		// formats quote and fingerprint only files with findings; keeping
		// the others would hold every file of a large run
		res.Sources[path] = r.src
	}
}

// finish sorts the findings and adds what the whole run knows.
func (e *Engine) finish(res *Result) *Result {
	SortDiagnostics(res.Diagnostics)
	res.Errors = append(res.Errors, e.unknownFlagRules()...)
	res.Docs = e.customDocs()
	return res
}

func tooLarge(name string) error {
	return fmt.Errorf("%s: file is larger than %d KiB, the most a template may be\nhint: a template is one ad; if this is not one, exclude it in .inboxlint.yaml", name, render.MaxFileSize>>10)
}

// SortDiagnostics orders findings by file, position, rule and message, the
// order every output format uses.
func SortDiagnostics(d []Diagnostic) {
	sort.SliceStable(d, func(i, j int) bool {
		a, b := d[i], d[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Span.Start.Line != b.Span.Start.Line {
			return a.Span.Start.Line < b.Span.Start.Line
		}
		if a.Span.Start.Col != b.Span.Start.Col {
			return a.Span.Start.Col < b.Span.Start.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		if a.Variant != b.Variant {
			return a.Variant < b.Variant
		}
		return a.Member < b.Member
	})
}

func readLimited(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, render.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", name, err)
	}
	if len(data) > render.MaxFileSize {
		return nil, tooLarge(name)
	}
	return data, nil
}

// collect expands paths into files to lint, in a stable order. Directories
// are walked for .md files, skipping hidden directories and node_modules;
// symbolic links inside them are not followed, so link loops cannot trap
// the walk. Everything is confined to the engine's root: a path outside it
// is an error with a hint, a link that leads out of it an error.
func (e *Engine) collect(paths []string) ([]job, []error) {
	var jobs []job
	var errs []error
	seen := map[string]bool{}
	add := func(p string, explicit bool) {
		p = filepath.Clean(p)
		if seen[p] {
			return
		}
		seen[p] = true
		jobs = append(jobs, job{path: p, explicit: explicit})
	}
	for _, p := range paths {
		st, err := e.root.Stat(p)
		if err != nil {
			errs = append(errs, findError(err))
			continue
		}
		if !st.IsDir() {
			add(p, true)
			continue
		}
		var found []string
		err = e.root.Walk(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, findError(err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				name := d.Name()
				if path != p && (strings.HasPrefix(name, ".") || name == "node_modules") {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && strings.EqualFold(filepath.Ext(path), ".md") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
		sort.Strings(found)
		for _, f := range found {
			add(f, false)
		}
	}
	return jobs, errs
}

// findError words a failure to find a path to lint: "PATH: reason", and
// for a path outside the repository a hint.
func findError(err error) error {
	if errors.Is(err, repofs.ErrOutside) {
		return fmt.Errorf("%w\nhint: run inboxlint from the repository that holds the file", err)
	}
	return err
}

// readError words a failure to read a template that was found: repofs's
// refusals as they are (a template over the size limit with a hint), an
// operating-system error as "PATH: cannot read: reason".
func readError(path string, err error) error {
	var fe *repofs.Error
	switch {
	case errors.Is(err, repofs.ErrTooLarge):
		return tooLarge(path)
	case errors.Is(err, repofs.ErrOutside), errors.Is(err, fs.ErrNotExist):
		return findError(err)
	case errors.Is(err, repofs.ErrLinkOutside), errors.Is(err, repofs.ErrNotRegular):
		return err
	case errors.As(err, &fe):
		return fmt.Errorf("%s: cannot read: %w", escape.Controls(path), fe.Err)
	}
	return fmt.Errorf("%s: cannot read: %w", escape.Controls(path), err)
}

// ReadTemplate reads a template named on the command line, confined to
// the engine's root and to render.MaxFileSize, as lint reads every
// template; the render command uses it. Errors are *repofs.Error values:
// refusals (repofs.ErrOutside, ErrLinkOutside, ErrNotRegular, ErrTooLarge)
// or the operating system's.
func (e *Engine) ReadTemplate(path string) ([]byte, error) {
	return e.root.ReadFile(path, repofs.TemplateLimit)
}

func (e *Engine) lintFile(j job) (res fileResult) {
	defer func() {
		// A rule or parser bug must not take the other files down with it.
		if r := recover(); r != nil {
			res = fileResult{err: fmt.Errorf("%s: internal error: %v (please report this with the file)", j.path, r)}
		}
	}()
	data := j.data
	if data == nil {
		var err error
		if data, err = e.ReadTemplate(j.path); err != nil {
			return fileResult{err: readError(j.path, err)}
		}
	}
	ce := e.configFor(j.path)
	if ce.err != nil {
		return fileResult{err: ce.err}
	}
	// include/exclude first: a README a hook passes by name is simply
	// outside the copy, not a broken template
	if !ce.cfg.Matches(j.path) {
		return fileResult{}
	}
	src := render.NewSource(j.path, data)
	if !src.IsTemplate() {
		if !j.explicit {
			return fileResult{}
		}
		return fileResult{err: NotTemplateError(j.path, data)}
	}

	t := render.ParseSource(src)
	p := &Pass{File: j.path, Template: t, CountMode: ce.cfg.Count}
	for _, pr := range t.Problems {
		p.Problems = append(p.Problems, Problem{Problem: pr})
	}
	if t.Format != "" {
		variants, problems := t.Render(e.opts.Limits)
		p.Variants = variants
		for _, pr := range problems {
			p.Problems = append(p.Problems, Problem{Problem: pr})
		}
		for _, v := range variants {
			for _, pr := range v.Problems {
				p.Problems = append(p.Problems, Problem{Problem: pr, Variant: v.Name})
			}
		}
	}
	members, err := e.membersFor(ce, t, j.path)
	if err != nil {
		if !t.Members.Present {
			// --members or the config's: the run cannot be trusted
			return fileResult{err: err}
		}
		p.Problems = append(p.Problems, Problem{Problem: render.Problem{Span: t.Members.Span(), Msg: escape.Controls(err.Error()) + ": checking against the built-in members instead"}})
		members = e.defaults
	}
	p.Members = members
	directives, dprobs := parseDirectives(t.Source, func(id string) bool { return ce.hasRule(id) })
	p.Problems = append(p.Problems, dprobs...)
	p.table = e.tables.get(members, p.CountMode)
	silenced := newSilencer(directives)

	// check runs the rules, or only syntax; with a meter, it stops when the
	// findings take the work over the budget (over is then true)
	check := func(syntaxOnly bool, m *meter) (diags []Diagnostic, over bool, err error) {
		seen := map[diagKey]bool{}
		for _, ar := range ce.rules {
			if syntaxOnly && ar.id != "syntax" {
				continue
			}
			p.begin(ar.id)
			sev, override := ar.severity, ar.override
			p.report = func(d Diagnostic) {
				m.charge(workFinding)
				switch {
				case override != 0:
					d.Severity = override
				case d.Severity == 0:
					d.Severity = sev
				}
				if silenced.covers(d) {
					return
				}
				k := diagKey{d.Span.Start.Offset, d.Span.End.Offset, d.Rule, d.Message}
				if seen[k] {
					return // the same finding in several variants or members: once
				}
				seen[k] = true
				diags = append(diags, d)
			}
			over, err = m.run(ar.rule, p)
			if over {
				return nil, true, nil
			}
			if err != nil {
				return nil, false, fmt.Errorf("%s: rule %s failed: %w", j.path, ar.id, err)
			}
		}
		return diags, false, nil
	}
	if t.Format == "" {
		// nothing but syntax can be checked in a file that did not parse
		diags, _, err := check(true, nil)
		if err != nil {
			return fileResult{err: err}
		}
		return fileResult{diags: diags, src: t.Source, linted: true, failOn: ce.cfg.FailOn}
	}
	// A file over the rule budget gets the budget's finding and syntax's
	// alone: the estimate before the rules run, or the findings they
	// report as they go, may take it over.
	w := measureWork(p)
	over := w.units() > RuleBudget
	var diags []Diagnostic
	var stopped *meter
	if !over {
		m := &meter{used: w.units(), limit: RuleBudget}
		var err error
		diags, over, err = check(false, m)
		if err != nil {
			return fileResult{err: err}
		}
		if over {
			stopped = m
		}
	}
	if over {
		p.Problems = append(p.Problems, Problem{Problem: render.Problem{Span: t.FrontMatter, Msg: w.message(stopped)}})
		var err error
		if diags, _, err = check(true, nil); err != nil {
			return fileResult{err: err}
		}
	}
	return fileResult{diags: diags, src: t.Source, linted: true, failOn: ce.cfg.FailOn, variants: p.Variants}
}

type diagKey struct {
	start, end int
	rule, msg  string
}

// configFor is the config entry in force for a file: --config's, else the
// nearest config at or above the file's directory inside the root that
// holds the file.
func (e *Engine) configFor(file string) *configEntry {
	if e.override != nil {
		return e.override
	}
	return e.dirConfig(filepath.Dir(file), e.rootFor(file))
}

func (e *Engine) dirConfig(dir string, root *repofs.Root) *configEntry {
	key := dirKey{root, dir}
	e.mu.Lock()
	p, ok := e.dirs[key]
	e.mu.Unlock()
	if !ok {
		p = FindConfig(root, dir)
		e.mu.Lock()
		e.dirs[key] = p
		e.mu.Unlock()
	}
	return e.config(p, root)
}

// ConfigForDir returns the config in force for the files of dir, with its
// rules checked (clashing custom ids, unknown rules, bad options): --config,
// else the nearest one found inside the repository. The rules and explain
// commands use it.
func (e *Engine) ConfigForDir(dir string) (*Config, error) {
	ce := e.override
	if ce == nil {
		ce = e.dirConfig(dir, e.rootFor(filepath.Join(dir, ConfigName)))
	}
	return ce.cfg, ce.err
}

// entry returns m[key], adding a zero entry first if there is none; the
// caches of configs and member files share it, each entry then loading
// itself once.
func entry[T any](mu *sync.Mutex, m map[string]*T, key string) *T {
	mu.Lock()
	defer mu.Unlock()
	v, ok := m[key]
	if !ok {
		v = new(T)
		m[key] = v
	}
	return v
}

// config loads (once) the config at path, read through root (which then
// confines the paths it names), and the rule set it selects.
func (e *Engine) config(path string, root *repofs.Root) *configEntry {
	ce := entry(&e.mu, e.configs, path)
	ce.once.Do(func() {
		ce.root = root
		if path == "" {
			ce.cfg = DefaultConfig()
		} else {
			ce.cfg, ce.err = LoadConfig(root, path)
			if ce.err != nil {
				return
			}
		}
		ce.rules, ce.ids, ce.err = e.activeRules(ce.cfg)
	})
	return ce
}

// hasRule reports whether a directive may name id: any rule the config
// knows, including rules it turns off.
func (ce *configEntry) hasRule(id string) bool { return ce.ids[id] }

// activeRules configures the rule set for one config: built-in rules with
// their options, then the config's custom rules, minus what is off.
func (e *Engine) activeRules(cfg *Config) ([]activeRule, map[string]bool, error) {
	all := append([]Rule{}, e.opts.Rules...)
	ids := map[string]bool{}
	for _, r := range all {
		ids[r.Doc().ID] = true
	}
	for _, s := range cfg.Custom {
		if ids[s.ID] {
			return nil, nil, &ConfigError{File: cfg.Path, Line: s.Line, Col: s.Col, Msg: fmt.Sprintf("custom rule %q has the id of a built-in rule: choose another id", s.ID)}
		}
		all = append(all, CompileCustom(s))
		ids[s.ID] = true
	}
	for id, rc := range cfg.Rules {
		if !ids[id] {
			err := unknownRule(id, all)
			return nil, nil, &ConfigError{File: cfg.Path, Line: rc.Line, Col: rc.Col, Msg: err.Error()}
		}
	}
	var out []activeRule
	for _, r := range all {
		d := r.Doc()
		rc := cfg.Rules[d.ID]
		on := d.Default
		var override Severity
		if rc != nil {
			if rc.Enabled != nil {
				on = *rc.Enabled
			} else if rc.Severity != 0 || rc.Options != nil {
				on = true // configuring a rule that is off by default turns it on
			}
			override = rc.Severity
		}
		if contains(e.opts.Enable, d.ID) {
			on = true
		}
		if contains(e.opts.Disable, d.ID) {
			on = false
		}
		if !on {
			continue
		}
		if _, ok := r.(Configurable); !ok && rc != nil && rc.Options != nil {
			k := rc.Options.Content[0]
			return nil, nil, &ConfigError{File: cfg.Path, Line: k.Line, Col: k.Column, Msg: fmt.Sprintf("rule %q has no option %s: it takes only enabled and severity", d.ID, escape.Excerpt(k.Value))}
		}
		if c, ok := r.(Configurable); ok {
			cr, err := c.Configure(cfg.decoder(rc, d))
			if err != nil {
				var ce *ConfigError
				if errors.As(err, &ce) {
					return nil, nil, err
				}
				line, col := 0, 0
				if rc != nil {
					line, col = rc.Line, rc.Col
				}
				return nil, nil, &ConfigError{File: cfg.Path, Line: line, Col: col, Msg: fmt.Sprintf("rule %q: %s", d.ID, err)}
			}
			r = cr
		}
		out = append(out, activeRule{rule: r, id: d.ID, severity: d.Severity, override: override})
	}
	return out, ids, nil
}

// RulesFor returns every rule a config knows, built-in and custom, for
// `inboxlint rules` and `explain`.
func RulesFor(builtin []Rule, cfg *Config) []Rule {
	all := append([]Rule{}, builtin...)
	if cfg != nil {
		for _, s := range cfg.Custom {
			all = append(all, CompileCustom(s))
		}
	}
	return all
}

// membersFor picks the sample members for a template: the template's own
// members: field (confined to the root that holds the template), else
// --members (which the user may point anywhere), else the config's
// (confined to the config's root), else the embedded set.
func (e *Engine) membersFor(ce *configEntry, t *render.Template, file string) ([]render.Member, error) {
	var path string
	var root *repofs.Root
	read := (*repofs.Root).ReadFile
	switch {
	case t.Members.Present && t.Members.Text.S != "":
		value := t.Members.Text.S
		if msg := membersPathProblem(value); msg != "" {
			return nil, errors.New(msg)
		}
		path = filepath.Join(filepath.Dir(file), value)
		root = e.rootFor(file)
	case e.opts.MembersFile != "":
		path, root, read = e.opts.MembersFile, e.root, (*repofs.Root).ReadExplicit
	case ce.cfg.Members != "":
		path, root = ce.cfg.Members, ce.root
	default:
		return e.defaults, nil
	}
	me := entry(&e.mu, e.members, root.Dir()+"\x00"+path)
	me.once.Do(func() {
		// read first: whatever its name, a path that leaves the
		// repository or names a FIFO is reported as such
		data, err := read(root, path, repofs.MembersLimit)
		if err != nil {
			me.err = fmt.Errorf("cannot read members file %w", err)
			return
		}
		format, err := render.MembersFormat(path)
		if err != nil {
			me.err = err
			return
		}
		me.members, me.err = render.ParseMembers(path, format, data)
	})
	return me.members, me.err
}

// membersPathProblem checks a template's members: value before it is used
// as a path: it must be relative (to the template, so that it stays inside
// the repository) and look like a path. The message quotes the value as an
// excerpt.
func membersPathProblem(value string) string {
	switch {
	case filepath.IsAbs(value) || strings.HasPrefix(value, "/") || strings.HasPrefix(value, `\`):
		return fmt.Sprintf("members %s is an absolute path: write it relative to the template, inside the repository", escape.Excerpt(value))
	case len(value) > maxPathLen || escape.Controls(value) != value:
		return fmt.Sprintf("members %s is not a file path: name a CSV, JSON or YAML file beside the template", escape.Excerpt(value))
	}
	return ""
}

// maxPathLen is the longest path a file system accepts (Linux's PATH_MAX).
const maxPathLen = 4096

// Members loads the members a run would use for files without their own:
// --members, else the config's, else the embedded set. The render command
// uses it.
func (e *Engine) Members(file string, t *render.Template) ([]render.Member, error) {
	ce := e.configFor(file)
	if ce.err != nil {
		return nil, ce.err
	}
	return e.membersFor(ce, t, file)
}
