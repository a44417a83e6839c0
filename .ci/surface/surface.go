package main

import (
	"go/token"
	"go/types"
	"sort"
)

// item is one identifier `go doc` shows for a package.
type item struct {
	name string // as go doc spells it: Parse, Field.Execute, Limits.Steps
	pos  token.Pos
	used bool
	why  string // where or how it is used; empty when unused
}

// pkgSurface is what `go doc` shows of one package.
type pkgSurface struct {
	name  string // the package's name, which qualifies its items
	path  string
	items []item
}

// surfaces lists, for every package of the module but commands, the
// exported identifiers go doc shows and whether another package uses them.
func (a *analysis) surfaces() []pkgSurface {
	var out []pkgSurface
	for _, c := range a.p.plain {
		if c.Name == "main" {
			continue
		}
		s := pkgSurface{name: c.pkg.Name(), path: c.ImportPath}
		scope := c.pkg.Scope()
		for _, name := range scope.Names() {
			obj := scope.Lookup(name)
			if !obj.Exported() {
				continue
			}
			tn, ok := obj.(*types.TypeName)
			if !ok {
				why := a.direct[obj.Pos()]
				s.items = append(s.items, item{name, obj.Pos(), why != "", why})
				continue
			}
			members := a.members(tn)
			typeWhy := a.direct[obj.Pos()]
			for _, m := range members {
				if typeWhy == "" && a.direct[m.pos] != "" {
					typeWhy = "its member " + m.name + " is " + a.direct[m.pos]
				}
			}
			if typeWhy == "" {
				typeWhy = a.dynamic[obj.Pos()]
			}
			s.items = append(s.items, item{name, obj.Pos(), typeWhy != "", typeWhy})
			s.items = append(s.items, members...)
		}
		sort.Slice(s.items, func(i, j int) bool { return s.items[i].name < s.items[j].name })
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

// members lists what go doc shows under an exported type: its exported
// fields (and those of struct literals in their types), the explicit
// methods of an interface, the exported methods declared on it, and those
// promoted from embedded unexported types.
func (a *analysis) members(tn *types.TypeName) []item {
	if tn.IsAlias() {
		return nil
	}
	n, ok := tn.Type().(*types.Named)
	if !ok {
		return nil
	}
	var out []item
	add := func(name string, obj types.Object) {
		why := a.direct[obj.Pos()]
		if why == "" {
			why = a.dynamic[obj.Pos()]
		}
		out = append(out, item{name, obj.Pos(), why != "", why})
	}
	var fieldsOf func(prefix string, st *types.Struct)
	fieldsOf = func(prefix string, st *types.Struct) {
		for i := range st.NumFields() {
			f := st.Field(i)
			if !f.Exported() {
				continue
			}
			add(prefix+f.Name(), f)
			if inner := literalStruct(f.Type()); inner != nil {
				fieldsOf(prefix+f.Name()+".", inner)
			}
		}
	}
	switch u := n.Underlying().(type) {
	case *types.Struct:
		fieldsOf(tn.Name()+".", u)
	case *types.Interface:
		for i := range u.NumExplicitMethods() {
			if m := u.ExplicitMethod(i); m.Exported() {
				add(tn.Name()+"."+m.Name(), m)
			}
		}
	}
	seen := map[string]bool{}
	for i := range n.NumMethods() {
		if m := n.Method(i); m.Exported() {
			seen[m.Name()] = true
			add(tn.Name()+"."+m.Name(), m)
		}
	}
	if types.IsInterface(n) {
		return out
	}
	mset := types.NewMethodSet(types.NewPointer(n))
	for i := range mset.Len() {
		sel := mset.At(i)
		m := sel.Obj()
		if len(sel.Index()) < 2 || !m.Exported() || seen[m.Name()] {
			continue
		}
		if st, ok := n.Underlying().(*types.Struct); ok && !st.Field(sel.Index()[0]).Exported() {
			seen[m.Name()] = true
			add(tn.Name()+"."+m.Name(), m)
		}
	}
	return out
}

// literalStruct is the struct literal a field's type spells out, directly
// or as the element of a pointer, slice, array or map; go doc shows its
// fields with the type.
func literalStruct(t types.Type) *types.Struct {
	for {
		switch u := t.(type) {
		case *types.Struct:
			return u
		case *types.Pointer:
			t = u.Elem()
		case *types.Slice:
			t = u.Elem()
		case *types.Array:
			t = u.Elem()
		case *types.Map:
			t = u.Elem()
		default:
			return nil
		}
	}
}
