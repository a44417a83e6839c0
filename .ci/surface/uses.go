package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// analysis holds what the module's code does with its own declarations,
// each keyed by the position of the declaring identifier (the same in every
// variant that compiles the file).
type analysis struct {
	p *program
	// direct: declarations that code in another package names (a call, a
	// selector, a composite-literal key, a type in a declaration, a
	// promoted field or method reached through an embedded one); the value
	// says where.
	direct map[token.Pos]string
	// dynamic: methods and fields used without being named by another
	// package — a method called through an interface whose method is needed,
	// a field that encoding/json, yaml, templates or reflect read; the
	// value says why.
	dynamic map[token.Pos]string
}

func analyse(p *program) *analysis {
	a := &analysis{p: p, direct: map[token.Pos]string{}, dynamic: map[token.Pos]string{}}
	for _, c := range p.pkgs {
		if c.info != nil {
			a.names(c)
		}
	}
	a.interfaces()
	a.reflection()
	return a
}

// markDirect records that the code at use, in another package than obj's,
// names obj.
func (a *analysis) markDirect(obj types.Object, use token.Pos) {
	if obj == nil || !a.p.inModule(obj) || !obj.Pos().IsValid() {
		return
	}
	if a.p.dirOf(use) == a.p.dirOf(obj.Pos()) {
		return
	}
	keep(a.direct, obj.Pos(), "named at "+a.p.where(use))
	// Naming an embedded field names its type as well: unexporting the
	// type renames the field.
	if v, ok := obj.(*types.Var); ok && v.Embedded() {
		if n := namedOf(v.Type()); n != nil {
			a.markDirect(n.Obj(), use)
		}
	}
}

func (a *analysis) markDynamic(obj types.Object, why string) {
	if obj == nil || !a.p.inModule(obj) || !obj.Pos().IsValid() {
		return
	}
	keep(a.dynamic, obj.Pos(), why)
}

// names records every use by name in one checked package: identifiers,
// the embedded fields a promoted selector goes through, and the fields an
// unkeyed composite literal sets.
func (a *analysis) names(c *checked) {
	for id, obj := range c.info.Uses {
		a.markDirect(obj, id.Pos())
	}
	for sel, s := range c.info.Selections {
		t := s.Recv()
		path := s.Index()
		for _, i := range path[:len(path)-1] {
			st, ok := deref(t).Underlying().(*types.Struct)
			if !ok {
				break
			}
			f := st.Field(i)
			a.markDirect(f, sel.Sel.Pos())
			t = f.Type()
		}
	}
	for _, f := range c.files {
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || len(lit.Elts) == 0 {
				return true
			}
			if _, keyed := lit.Elts[0].(*ast.KeyValueExpr); keyed {
				return true
			}
			if st, ok := under(c.info.TypeOf(lit)).(*types.Struct); ok {
				for i := range st.NumFields() {
					a.markDirect(st.Field(i), lit.Pos())
				}
			}
			return true
		})
	}
}

// iface is an interface type some code can call methods through.
type iface struct {
	t    *types.Interface
	name string // for the reasons printed by -v
	dir  string // the package directory that declares it; "" outside the module
}

// universe is one consistent build: the module's packages without tests, or
// one test binary (the variants recompiled for it, and the plain packages it
// did not recompile). Implementation is checked within a universe, where a
// method signature's types are the same objects as the interface's.
type universe struct {
	types  []*types.Named
	ifaces []iface
}

func (a *analysis) universes() []universe {
	plain := map[string]*checked{}
	tests := map[string][]*checked{}
	var keys []string
	for _, c := range a.p.pkgs {
		if c.info == nil {
			continue
		}
		if c.ForTest == "" {
			plain[c.ImportPath] = c
			continue
		}
		if _, ok := tests[c.ForTest]; !ok {
			keys = append(keys, c.ForTest)
		}
		tests[c.ForTest] = append(tests[c.ForTest], c)
	}
	var sets [][]*checked
	var all []*checked
	for _, c := range plain {
		all = append(all, c)
	}
	sets = append(sets, all)
	for _, k := range keys {
		set := tests[k]
		replaced := map[string]bool{}
		for _, c := range set {
			replaced[strings.SplitN(c.ImportPath, " ", 2)[0]] = true
		}
		for path, c := range plain {
			if !replaced[path] {
				set = append(set, c)
			}
		}
		sets = append(sets, set)
	}
	external := a.externalInterfaces()
	var out []universe
	for _, set := range sets {
		u := universe{ifaces: append([]iface(nil), external...)}
		seen := map[token.Pos]bool{}
		for _, c := range set {
			for id, obj := range c.info.Defs {
				tn, ok := obj.(*types.TypeName)
				if !ok || tn.IsAlias() {
					continue
				}
				n, ok := tn.Type().(*types.Named)
				if !ok {
					continue
				}
				if it, ok := n.Underlying().(*types.Interface); ok {
					u.ifaces = append(u.ifaces, iface{it, tn.Pkg().Name() + "." + tn.Name(), a.p.dirOf(id.Pos())})
				} else {
					u.types = append(u.types, n)
				}
			}
			for e, tv := range c.info.Types {
				if lit, ok := e.(*ast.InterfaceType); ok && !seen[lit.Pos()] {
					seen[lit.Pos()] = true
					if it, ok := tv.Type.(*types.Interface); ok {
						u.ifaces = append(u.ifaces, iface{it, "interface at " + a.p.where(lit.Pos()), a.p.dirOf(lit.Pos())})
					}
				}
			}
		}
		out = append(out, u)
	}
	return out
}

// externalInterfaces are the interfaces that code outside the module calls
// methods through: every exported interface of every package outside the
// module that the build loads (fmt.Stringer, json.Marshaler, sort.Interface,
// http.Handler, flag values, ...), error, and the ones package errors
// asserts inside its function bodies.
func (a *analysis) externalInterfaces() []iface {
	var out []iface
	for _, c := range a.p.pkgs {
		if c.inModule() || c.pkg == nil {
			continue
		}
		scope := c.pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || !tn.Exported() {
				continue
			}
			n, ok := tn.Type().(*types.Named)
			if !ok || n.TypeParams().Len() > 0 {
				continue
			}
			if it, ok := n.Underlying().(*types.Interface); ok && it.IsMethodSet() && it.NumMethods() > 0 {
				out = append(out, iface{it, c.pkg.Path() + "." + name, ""})
			}
		}
	}
	errType := types.Universe.Lookup("error").Type()
	out = append(out, iface{errType.Underlying().(*types.Interface), "error", ""})
	boolean := types.Typ[types.Bool]
	for _, m := range []struct {
		name    string
		params  []types.Type
		results []types.Type
	}{
		{"Unwrap", nil, []types.Type{errType}},
		{"Unwrap", nil, []types.Type{types.NewSlice(errType)}},
		{"Is", []types.Type{errType}, []types.Type{boolean}},
		{"As", []types.Type{types.NewInterfaceType(nil, nil)}, []types.Type{boolean}},
	} {
		tuple := func(ts []types.Type) *types.Tuple {
			var vars []*types.Var
			for _, t := range ts {
				vars = append(vars, types.NewParam(token.NoPos, nil, "", t))
			}
			return types.NewTuple(vars...)
		}
		sig := types.NewSignatureType(nil, nil, nil, tuple(m.params), tuple(m.results), false)
		it := types.NewInterfaceType([]*types.Func{types.NewFunc(token.NoPos, nil, m.name, sig)}, nil).Complete()
		out = append(out, iface{it, "errors' " + m.name, ""})
	}
	return out
}

// interfaces marks the methods used through interfaces. A module
// interface's method is needed when another package names it or when a
// type of another package implements the interface (the method cannot be
// unexported then); every method of an interface from outside the module is
// needed. A concrete method that implements a needed interface method is
// used.
func (a *analysis) interfaces() {
	us := a.universes()
	for _, u := range us {
		for _, it := range u.ifaces {
			if it.dir == "" {
				continue
			}
			for _, n := range u.types {
				if a.p.dirOf(n.Obj().Pos()) != it.dir && implements(n, it.t) {
					for i := range it.t.NumMethods() {
						m := it.t.Method(i)
						a.markDynamic(m, fmt.Sprintf("implemented by %s (%s)", n.Obj().Name(), a.p.where(n.Obj().Pos())))
					}
				}
			}
		}
	}
	for _, u := range us {
		for _, it := range u.ifaces {
			for _, n := range u.types {
				if !implements(n, it.t) {
					continue
				}
				mset := types.NewMethodSet(types.NewPointer(n))
				for i := range it.t.NumMethods() {
					m := it.t.Method(i)
					if !a.needed(m, it) {
						continue
					}
					sel := mset.Lookup(m.Pkg(), m.Name())
					if sel == nil {
						continue
					}
					why := "implements " + it.name + "." + m.Name()
					a.markDynamic(sel.Obj(), why)
					a.markPath(n, sel.Index(), why)
				}
			}
		}
	}
}

func (a *analysis) needed(m *types.Func, it iface) bool {
	if it.dir == "" {
		return true
	}
	_, named := a.direct[m.Pos()]
	_, implemented := a.dynamic[m.Pos()]
	return named || implemented
}

// markPath marks the embedded fields a promoted method is reached through.
func (a *analysis) markPath(n *types.Named, path []int, why string) {
	var t types.Type = n
	for _, i := range path[:len(path)-1] {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			return
		}
		f := st.Field(i)
		a.markDynamic(f, why)
		t = f.Type()
	}
}

// implements reports whether *n (and so n's method set, a subset) has the
// interface's methods. A generic type is compared by method names, since
// its uninstantiated signatures mention its type parameters.
func implements(n *types.Named, it *types.Interface) bool {
	if it.NumMethods() == 0 || types.IsInterface(n) {
		return false
	}
	if _, isPtr := n.Underlying().(*types.Pointer); isPtr {
		return false
	}
	ptr := types.NewPointer(n)
	if n.TypeParams().Len() > 0 {
		mset := types.NewMethodSet(ptr)
		for i := range it.NumMethods() {
			m := it.Method(i)
			if mset.Lookup(m.Pkg(), m.Name()) == nil {
				return false
			}
		}
		return true
	}
	// A cheap test first: most pairs differ in the first method's name.
	m := it.Method(0)
	if obj, _, _ := types.LookupFieldOrMethod(ptr, false, m.Pkg(), m.Name()); obj == nil {
		return false
	}
	return types.Implements(ptr, it)
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

func namedOf(t types.Type) *types.Named {
	n, _ := types.Unalias(deref(t)).(*types.Named)
	return n
}

// keep records why for pos, keeping the least reason when there are
// several so that -v prints the same whatever the map order.
func keep(m map[token.Pos]string, pos token.Pos, why string) {
	if old, seen := m[pos]; !seen || why < old {
		m[pos] = why
	}
}
