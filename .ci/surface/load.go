package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// listed is what `go list -json` says about one package (or one test
// variant of it, such as "p [p.test]" or "p_test [p.test]").
type listed struct {
	ImportPath      string
	Dir             string
	Name            string
	ForTest         string
	CompiledGoFiles []string
	ImportMap       map[string]string
	Standard        bool
	Module          *struct {
		Path      string
		Main      bool
		GoVersion string
	}
	Error *struct{ Err string }
}

// inModule reports whether the package is part of the main module, the one
// whose surface is checked; its bodies are type-checked, the rest only
// declarations.
func (l *listed) inModule() bool { return l.Module != nil && l.Module.Main }

// checked is one type-checked package or test variant.
type checked struct {
	*listed
	pkg   *types.Package
	files []*ast.File
	info  *types.Info // nil outside the main module
}

// program is every package of the build graph of the module's packages and
// their tests, type-checked from source in dependency order. Each file is
// parsed once, so a declaration has the same token.Pos in every variant that
// compiles it: positions identify objects across variants.
type program struct {
	fset   *token.FileSet
	module string     // the main module's path
	root   string     // the main module's directory
	pkgs   []*checked // in dependency order
	byID   map[string]*checked
	parsed map[string]*ast.File
	plain  []*checked // the module's packages as built without tests
}

// load lists the packages matched by patterns in dir, with their
// dependencies and test variants, and type-checks them all.
func load(dir string, tags string, patterns []string) (*program, error) {
	args := []string{"list", "-e", "-compiled", "-deps", "-test",
		"-json=ImportPath,Dir,Name,ForTest,CompiledGoFiles,ImportMap,Standard,Module,Error"}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	args = append(args, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	// Without cgo every package is pure Go that go/types can check as is.
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	p := &program{
		fset:   token.NewFileSet(),
		byID:   map[string]*checked{},
		parsed: map[string]*ast.File{},
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		l := new(listed)
		if err := dec.Decode(l); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list output: %v", err)
		}
		if l.Error != nil {
			return nil, fmt.Errorf("package %s: %s", l.ImportPath, l.Error.Err)
		}
		// The generated test main packages ("p.test") use nothing by name.
		if l.Name == "main" && strings.HasSuffix(l.ImportPath, ".test") {
			continue
		}
		if l.inModule() && p.module == "" {
			p.module = l.Module.Path
		}
		c, err := p.check(l)
		if err != nil {
			return nil, err
		}
		p.pkgs = append(p.pkgs, c)
		p.byID[l.ImportPath] = c
		if l.inModule() && l.ForTest == "" {
			p.plain = append(p.plain, c)
		}
	}
	if p.module == "" {
		return nil, fmt.Errorf("no package of the main module matches %s", strings.Join(patterns, " "))
	}
	p.root = dir
	if abs, err := filepath.Abs(dir); err == nil {
		p.root = abs
	}
	return p, nil
}

// importer resolves a package's imports through its ImportMap (test
// variants, vendored standard-library packages) to packages already checked.
type importer struct {
	p *program
	l *listed
}

func (im importer) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if mapped, ok := im.l.ImportMap[path]; ok {
		path = mapped
	}
	c, ok := im.p.byID[path]
	if !ok {
		return nil, fmt.Errorf("%s imports %s, which go list did not list before it", im.l.ImportPath, path)
	}
	return c.pkg, nil
}

// check parses and type-checks one listed package. Packages outside the
// main module are checked without function bodies: only their declarations
// matter here. A type error in the main module is fatal (it compiles, so the
// checker is wrong); elsewhere errors are ignored.
func (p *program) check(l *listed) (*checked, error) {
	c := &checked{listed: l}
	for _, name := range l.CompiledGoFiles {
		path := name
		if !filepath.IsAbs(path) {
			path = filepath.Join(l.Dir, name)
		}
		f, ok := p.parsed[path]
		if !ok {
			var err error
			f, err = parser.ParseFile(p.fset, path, nil, parser.SkipObjectResolution)
			if err != nil && l.inModule() {
				return nil, err
			}
			if f == nil {
				continue
			}
			p.parsed[path] = f
		}
		c.files = append(c.files, f)
	}
	var firstErr error
	conf := types.Config{
		Importer:         importer{p, l},
		IgnoreFuncBodies: !l.inModule(),
		Sizes:            types.SizesFor("gc", runtime.GOARCH),
		Error: func(err error) {
			if firstErr == nil {
				firstErr = err
			}
		},
	}
	if l.inModule() {
		conf.GoVersion = "go" + l.Module.GoVersion
		c.info = &types.Info{
			Types:      map[ast.Expr]types.TypeAndValue{},
			Defs:       map[*ast.Ident]types.Object{},
			Uses:       map[*ast.Ident]types.Object{},
			Selections: map[*ast.SelectorExpr]*types.Selection{},
		}
	}
	path := l.ImportPath
	if i := strings.Index(path, " ["); i >= 0 {
		path = path[:i]
	}
	c.pkg, _ = conf.Check(path, p.fset, c.files, c.info)
	if firstErr != nil && l.inModule() {
		return nil, fmt.Errorf("type-checking %s: %v", l.ImportPath, firstErr)
	}
	return c, nil
}

// inModule reports whether obj is declared in the main module.
func (p *program) inModule(obj types.Object) bool {
	pkg := obj.Pkg()
	if pkg == nil {
		return false
	}
	path := strings.TrimSuffix(pkg.Path(), "_test")
	return path == p.module || strings.HasPrefix(path, p.module+"/")
}

// dirOf is the package directory of the file that holds pos: a package's own
// tests (internal or external) share its directory, so two positions are in
// the same package exactly when they are in the same directory.
func (p *program) dirOf(pos token.Pos) string {
	if !pos.IsValid() {
		return ""
	}
	return filepath.Dir(p.fset.File(pos).Name())
}

// where is pos as file:line, the file relative to the module's root.
func (p *program) where(pos token.Pos) string {
	position := p.fset.Position(pos)
	name := position.Filename
	if rel, err := filepath.Rel(p.root, name); err == nil {
		name = filepath.ToSlash(rel)
	}
	return fmt.Sprintf("%s:%d", name, position.Line)
}
