// Package b uses package a.
package b

import (
	"fmt"

	"example.com/m/a"
)

// P implements a.Plugin.
type P struct{}

// Run implements a.Plugin.
func (P) Run() {}

func use(s a.Shape) {
	a.Used()
	t := a.T{Named: a.Limit}
	fmt.Println(t, s.Area())
	a.RunAll([]a.Plugin{P{}})
	a.Encode(nil)
	var o a.Outer
	o.Promoted()
	var o2 a.Outer2
	_ = o2.F
	_ = a.Pair{1, 2}
	_ = a.Get().Value()
	_ = a.Make()
}

// Use is for the compiler.
var Use = use
