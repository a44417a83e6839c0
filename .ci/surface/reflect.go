package main

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"
)

// reach says what a reflective package reads of a value handed to it.
type reach uint8

const (
	fields    reach = 1 << iota // exported struct fields (encoders, decoders)
	methods                     // exported methods too (templates, reflect)
	typeNames                   // the names of named types (schema definitions, XML elements)
)

// reflective lists the packages outside the module (a path, which covers
// the packages under it, or a prefix ending in / or .) that read exported
// fields, or call exported methods, of the values passed to them by
// reflection: the fields and methods stay exported for them.
var reflective = []struct {
	prefix string
	reads  reach
	only   []string // when set, only these functions of the package
}{
	{"encoding/json", fields, nil},
	{"encoding/xml", fields | typeNames, nil},
	{"encoding/gob", fields, nil},
	{"go.yaml.in/yaml/", fields, nil},
	{"gopkg.in/yaml.", fields, nil},
	{"sigs.k8s.io/yaml", fields, nil},
	{"github.com/go-json-experiment/json", fields, nil},
	{"github.com/invopop/jsonschema", fields | typeNames, nil},
	{"github.com/sourcegraph/jsonrpc2", fields, nil},
	{"github.com/pb33f/ordered-map", fields, nil},
	// reflect.DeepEqual and the like read no names: only the entry points
	// to a value's fields and methods count.
	{"reflect", fields | methods, []string{"TypeOf", "ValueOf"}},
	{"text/template", fields | methods, nil},
	{"html/template", fields | methods, nil},
}

func reflectiveReads(fn *types.Func) reach {
	if fn.Pkg() == nil {
		return 0
	}
	return readsOf(fn.Pkg().Path(), fn.Name())
}

// readsOf is what function name of the package at path reads of its
// arguments by reflection.
func readsOf(path, name string) reach {
	for _, r := range reflective {
		p := r.prefix
		open := strings.HasSuffix(p, "/") || strings.HasSuffix(p, ".")
		if path == p || strings.HasPrefix(path, p+"/") || open && strings.HasPrefix(path, p) {
			if r.only != nil && !slices.Contains(r.only, name) {
				return 0
			}
			return r.reads
		}
	}
	return 0
}

// call is one call in the module's code, with the function it is in.
type call struct {
	c      *checked
	in     *types.Func // nil at package level
	expr   *ast.CallExpr
	callee *types.Func
}

type sinkKey struct {
	fn    token.Pos
	param int
}

// reflector finds what reflection reads. A value reaches a reflective
// package by being passed to one; a module function whose interface-typed
// parameter is passed on to one (or to another such function) is a sink
// too, found by iterating to a fixed point. What the static type of each
// value reaching a sink shows is walked: struct fields, elements, and the
// values stored in interface-typed fields and in containers of interfaces.
type reflector struct {
	a         *analysis
	calls     []call
	sinks     map[sinkKey]reach
	stored    map[token.Pos][]types.Type // interface-typed field → values put in it
	contained map[string][]types.Type    // container of interfaces → values put in it
	walked    map[string]bool
}

func (a *analysis) reflection() {
	r := &reflector{
		a:         a,
		sinks:     map[sinkKey]reach{},
		stored:    map[token.Pos][]types.Type{},
		contained: map[string][]types.Type{},
		walked:    map[string]bool{},
	}
	for _, c := range a.p.pkgs {
		if c.info != nil {
			r.scan(c)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, k := range r.calls {
			for i, arg := range k.expr.Args {
				reads := r.reads(k.callee, i)
				if reads == 0 {
					continue
				}
				t := k.c.info.TypeOf(arg)
				spread := k.expr.Ellipsis.IsValid() && i == len(k.expr.Args)-1
				if spread {
					if s, ok := under(t).(*types.Slice); ok {
						t = s.Elem()
					}
				}
				if t == nil {
					continue
				}
				if types.IsInterface(t) {
					// Passed on: the enclosing function's parameter is a sink.
					if k.in != nil && r.sinkParam(k, arg, reads) {
						changed = true
					}
					continue
				}
				r.walk(t, reads)
			}
		}
	}
	// A struct with json or yaml tags is marshalled somewhere, even when
	// the value travels as an interface the walk cannot follow.
	for _, c := range a.p.pkgs {
		if c.info == nil {
			continue
		}
		for _, obj := range c.info.Defs {
			tn, ok := obj.(*types.TypeName)
			if !ok {
				continue
			}
			if st, ok := under(tn.Type()).(*types.Struct); ok && tagged(st) {
				r.walk(tn.Type(), fields)
			}
		}
	}
}

// reads is what calling callee with an argument at index i lets reflection
// read of it.
func (r *reflector) reads(callee *types.Func, i int) reach {
	if callee == nil {
		return 0
	}
	if !r.a.p.inModule(callee) {
		return reflectiveReads(callee)
	}
	sig := callee.Signature()
	if n := sig.Params().Len(); sig.Variadic() && i >= n-1 {
		i = n - 1
	}
	return r.sinks[sinkKey{callee.Origin().Pos(), i}]
}

// sinkParam makes the enclosing function's parameter a sink when arg is
// that parameter, and reports whether that is new.
func (r *reflector) sinkParam(k call, arg ast.Expr, reads reach) bool {
	id, ok := ast.Unparen(arg).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := k.c.info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	params := k.in.Signature().Params()
	for i := range params.Len() {
		if params.At(i) == v {
			key := sinkKey{k.in.Origin().Pos(), i}
			if r.sinks[key]&reads == reads {
				return false
			}
			r.sinks[key] |= reads
			return true
		}
	}
	return false
}

// scan records a package's calls and the values it stores in interface
// fields and containers.
func (r *reflector) scan(c *checked) {
	for _, f := range c.files {
		var in *types.Func
		for _, d := range f.Decls {
			in = nil
			if fd, ok := d.(*ast.FuncDecl); ok {
				in, _ = c.info.Defs[fd.Name].(*types.Func)
			}
			ast.Inspect(d, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if callee := calleeOf(c.info, n); callee != nil {
						r.calls = append(r.calls, call{c, in, n, callee})
					}
					if b, ok := calleeIdent(c.info, n).(*types.Builtin); ok && b.Name() == "append" && len(n.Args) > 1 {
						for _, v := range n.Args[1:] {
							r.contain(c.info.TypeOf(n.Args[0]), c.info.TypeOf(v))
						}
					}
				case *ast.CompositeLit:
					r.literal(c.info, n)
				case *ast.AssignStmt:
					if len(n.Lhs) != len(n.Rhs) {
						break
					}
					for i, lhs := range n.Lhs {
						r.assign(c.info, lhs, c.info.TypeOf(n.Rhs[i]))
					}
				}
				return true
			})
		}
	}
}

func (r *reflector) literal(info *types.Info, lit *ast.CompositeLit) {
	t := info.TypeOf(lit)
	switch u := under(t).(type) {
	case *types.Struct:
		for i, e := range lit.Elts {
			var field *types.Var
			value := e
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok {
					field, _ = info.Uses[id].(*types.Var)
				}
				value = kv.Value
			} else if i < u.NumFields() {
				field = u.Field(i)
			}
			if field != nil && types.IsInterface(field.Type()) {
				r.store(field, info.TypeOf(value))
			}
		}
	case *types.Map, *types.Slice, *types.Array:
		for _, e := range lit.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				e = kv.Value
			}
			r.contain(t, info.TypeOf(e))
		}
	}
}

func (r *reflector) assign(info *types.Info, lhs ast.Expr, value types.Type) {
	switch lhs := ast.Unparen(lhs).(type) {
	case *ast.SelectorExpr:
		if s, ok := info.Selections[lhs]; ok && s.Kind() == types.FieldVal {
			if f := s.Obj().(*types.Var); types.IsInterface(f.Type()) {
				r.store(f, value)
			}
		}
	case *ast.IndexExpr:
		r.contain(info.TypeOf(lhs.X), value)
	}
}

func (r *reflector) store(field *types.Var, value types.Type) {
	if value == nil || types.IsInterface(value) {
		return
	}
	pos := field.Origin().Pos()
	r.stored[pos] = append(r.stored[pos], value)
}

// contain records value put into a container whose elements are
// interfaces; the container is keyed by its type's spelling.
func (r *reflector) contain(container, value types.Type) {
	if container == nil || value == nil || types.IsInterface(value) {
		return
	}
	if elem := elemOf(container); elem != nil && types.IsInterface(elem) {
		key := types.TypeString(under(container), nil)
		r.contained[key] = append(r.contained[key], value)
	}
}

func elemOf(t types.Type) types.Type {
	switch u := under(t).(type) {
	case *types.Map:
		return u.Elem()
	case *types.Slice:
		return u.Elem()
	case *types.Array:
		return u.Elem()
	case *types.Pointer:
		if a, ok := under(u.Elem()).(*types.Array); ok {
			return a.Elem()
		}
	}
	return nil
}

// walk marks what reflection reads of a value of type t.
func (r *reflector) walk(t types.Type, reads reach) {
	if t == nil {
		return
	}
	key := types.TypeString(t, nil) + "\x00" + string(rune('0'+reads))
	if r.walked[key] {
		return
	}
	r.walked[key] = true
	switch t := t.(type) {
	case *types.Alias:
		r.walk(types.Unalias(t), reads)
	case *types.Named:
		if !r.a.p.inModule(t.Obj()) {
			// Outside the module only type arguments can hold the
			// module's types (an ordered map of them, say).
			for i := range t.TypeArgs().Len() {
				r.walk(t.TypeArgs().At(i), reads)
			}
			return
		}
		if reads&typeNames != 0 {
			r.a.markDynamic(t.Obj(), "its name is read by reflection")
		}
		if reads&methods != 0 {
			for i := range t.NumMethods() {
				m := t.Method(i)
				if !m.Exported() {
					continue
				}
				r.a.markDynamic(m.Origin(), "called by reflection")
				res := m.Signature().Results()
				for j := range res.Len() {
					r.walk(res.At(j).Type(), reads)
				}
			}
		}
		r.walk(t.Underlying(), reads)
	case *types.Pointer:
		r.walk(t.Elem(), reads)
	case *types.Slice, *types.Array, *types.Map, *types.Chan:
		if m, ok := t.(*types.Map); ok {
			r.walk(m.Key(), reads)
		}
		elem := t.(interface{ Elem() types.Type }).Elem()
		if types.IsInterface(elem) {
			for _, v := range r.contained[types.TypeString(t, nil)] {
				r.walk(v, reads)
			}
			return
		}
		r.walk(elem, reads)
	case *types.Struct:
		for i := range t.NumFields() {
			f := t.Field(i)
			if !f.Exported() && !f.Embedded() {
				continue
			}
			r.a.markDynamic(f.Origin(), "read by reflection")
			if types.IsInterface(f.Type()) {
				for _, v := range r.stored[f.Origin().Pos()] {
					r.walk(v, reads)
				}
				continue
			}
			r.walk(f.Type(), reads)
		}
	}
}

// tagged reports whether a struct has a field with a json or yaml tag.
func tagged(st *types.Struct) bool {
	for i := range st.NumFields() {
		tag := reflect.StructTag(st.Tag(i))
		for _, key := range []string{"json", "yaml"} {
			if v, ok := tag.Lookup(key); ok && v != "-" {
				return true
			}
		}
	}
	return false
}

// calleeOf is the function or method a call calls, when it is static
// enough to know.
func calleeOf(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := calleeIdent(info, call).(*types.Func)
	return fn
}

func calleeIdent(info *types.Info, call *ast.CallExpr) types.Object {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return info.Uses[f]
	case *ast.SelectorExpr:
		return info.Uses[f.Sel]
	}
	return nil
}
