// Package a declares what package b uses and what nothing uses.
package a

import (
	"encoding/json"
	"encoding/xml"
	"html/template"
	"io"
)

// Used is called by b.
func Used() {}

// Unused is called by nobody.
func Unused() {}

// OnlyOwnTest is called by a's own external test only.
func OnlyOwnTest() {}

// FromOtherTest is called by b's test only.
func FromOtherTest() {}

// Limit is a constant b reads; Spare one nobody reads.
const (
	Limit = 1
	Spare = 2
)

// T has a field b names, one nobody names and one with a JSON tag.
type T struct {
	Named  int
	Silent int
	Tagged int `json:"tagged"`
}

// String implements fmt.Stringer.
func (T) String() string { return "t" }

// Extra is a method nobody calls.
func (T) Extra() {}

// Shape is an interface whose Area b calls.
type Shape interface {
	Area() float64
	Perimeter() float64
}

// Square implements Shape.
type Square struct{}

// Area implements Shape.
func (Square) Area() float64 { return 1 }

// Perimeter implements Shape.
func (Square) Perimeter() float64 { return 4 }

// Plugin is implemented in package b.
type Plugin interface{ Run() }

// Runner implements Plugin too, in this package.
type Runner struct{}

// Run implements Plugin.
func (Runner) Run() {}

// RunAll runs every plugin.
func RunAll(ps []Plugin) {
	for _, p := range ps {
		p.Run()
	}
	RunAll([]Plugin{Runner{}})
}

// Payload is marshalled through write, which hands its value to json.
type Payload struct{ X int }

// Wrap holds a value of any type, which json marshals as well.
type Wrap struct{ Any any }

// Inner goes into a Wrap.
type Inner struct{ Y int }

// Page is what a template shows.
type Page struct{ Title string }

// Heading is called by the template.
func (Page) Heading() string { return "" }

var page = template.Must(template.New("p").Parse(`{{.Title}}{{.Heading}}`))

// Encode writes the values to w.
func Encode(w io.Writer) {
	write(w, Payload{})
	write(w, Wrap{Any: Inner{}})
	_ = page.Execute(w, Page{})
	_ = xml.NewEncoder(w).Encode(Element{})
}

// Element is marshalled as XML, which names the element after the type.
type Element struct{ V int }

func write(w io.Writer, v any) {
	_ = json.NewEncoder(w).Encode(v)
}

// Outer shows the methods of an embedded unexported type.
type Outer struct{ inner }

type inner struct{}

// Promoted is called by b through Outer; Hidden by nobody.
func (inner) Promoted() {}

// Hidden is promoted too, and unused.
func (inner) Hidden() {}

// Outer2 embeds an exported type whose field b reads through Outer2.
type Outer2 struct{ Emb }

// Emb is embedded in Outer2.
type Emb struct{ F int }

// Pair is built by an unkeyed literal in b.
type Pair struct{ L, R int }

// Result is returned to b, which never names it but calls its method.
type Result struct{}

// Get returns a Result.
func Get() Result { return Result{} }

// Value is called by b on a Result.
func (Result) Value() int { return 0 }

// Opaque is returned to b, which uses nothing of it.
type Opaque struct{}

// Make returns an Opaque.
func Make() Opaque { return Opaque{} }
