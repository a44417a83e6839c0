package lint

import (
	"fmt"
	"io"
	"path/filepath"
	"sync"

	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
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
	// limits bound template execution; zero, as every caller but the
	// package's own tests leaves it, means sandbox.DefaultLimits.
	limits sandbox.Limits
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
	// Stats computes Result.stats, for the summary format.
	Stats bool
}

// Engine lints files. It caches configs, configured rule sets and member
// files, so one Engine serves many files (and, in an editor, many runs).
type Engine struct {
	opts  Options
	known map[string]bool
	// root confines every read; see Options.Root.
	root *repofs.Root

	mu       sync.Mutex
	configs  map[string]*configEntry // by root and chain of config paths ("" = default)
	dirs     map[dirKey]string       // directory -> chain of config paths
	layers   map[string]*layerEntry  // config files with their extends (config_cascade.go)
	members  map[string]*membersEntry
	roots    map[string]*repofs.Root // other roots, by directory
	override *configEntry
	// defaults is the embedded member set, loaded once and only read
	defaults []render.Member
	// tables are the member lists' classes, shared by the files that use
	// the same list (member_classes.go)
	tables memberTables
}

// dirKey is a directory inside the root that holds it.
type dirKey struct {
	root *repofs.Root
	dir  string
}

// NewEngine validates the options' rule set and prepares an engine.
func NewEngine(opts Options) (*Engine, error) {
	if err := Validate(opts.Rules); err != nil {
		return nil, err
	}
	for _, id := range opts.Disable {
		if d, ok := engineDoc(id); ok {
			return nil, disableFlagError(d)
		}
	}
	if opts.limits == (sandbox.Limits{}) {
		opts.limits = sandbox.DefaultLimits
	}
	dir := opts.Root
	if dir == "" {
		dir = repofs.FindRoot(".")
	}
	root, err := repofs.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the repository root: %w", err)
	}
	e := &Engine{opts: opts, root: root, known: map[string]bool{}, configs: map[string]*configEntry{}, layers: map[string]*layerEntry{}, dirs: map[dirKey]string{}, members: map[string]*membersEntry{}, roots: map[string]*repofs.Root{}, defaults: render.DefaultMembers()}
	for _, d := range engineDocs {
		e.known[d.ID] = true
	}
	for _, r := range opts.Rules {
		e.known[r.Doc().ID] = true
	}
	if opts.ConfigFile != "" {
		ce := e.config(opts.ConfigFile, e.explicitConfigRoot(opts.ConfigFile))
		if ce.err != nil {
			e.Close()
			return nil, ce.err
		}
		e.override = ce
	}
	// --enable and --disable may name custom rules, which exist only in
	// configs; with --config that is known now, otherwise at the end of
	// the run (unknownFlagRules).
	for _, id := range append(append([]string{}, opts.Enable...), opts.Disable...) {
		if !e.known[id] && (e.override != nil && !e.override.ids[id] || e.override == nil && !isKebab(id)) {
			e.Close()
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
