// Command surface checks that `go doc` of each package of the module shows
// only what other packages use. For every package but commands it lists the
// exported identifiers go doc shows — functions, types, variables,
// constants, the exported methods of exported types, their exported struct
// fields and interface methods — and reports those that no code in another
// package of the module uses (its non-test code, or its tests: a package's
// own tests reach unexported names through export_test.go instead).
//
// A use is a name in another package's code, or a use no name shows: a
// method that implements an interface method someone needs (one from
// outside the module, or one another package calls or implements), a field
// or method that encoding/json, yaml, templates or reflect read off a value
// the module hands them, a field with a json or yaml tag.
//
// Usage (from anywhere in the module):
//
//	go run ./.ci/surface [-C dir] [-tags list] [-v] [packages]
//
// It prints `pkg.Name (file:line)` for every unused identifier and exits 1
// when there is one, 0 when there is none, 2 when it cannot check. -v
// prints every identifier with how it is used. The module's packages and
// their whole build graph are type-checked from source (go list, go/parser,
// go/types): no dependency beyond the standard library.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("surface", flag.ContinueOnError)
	flags.SetOutput(stderr)
	dir := flags.String("C", ".", "the module `directory` to check")
	tags := flags.String("tags", "", "build `tags` to list the packages with")
	verbose := flags.Bool("v", false, "print every identifier and how it is used")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	patterns := flags.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	p, err := load(*dir, *tags, patterns)
	if err != nil {
		fmt.Fprintf(stderr, "surface: %v\n", err)
		return 2
	}
	a := analyse(p)
	unused, total := 0, 0
	for _, s := range a.surfaces() {
		for _, it := range s.items {
			total++
			switch {
			case !it.used:
				unused++
				fmt.Fprintf(stdout, "%s.%s (%s)\n", s.name, it.name, p.where(it.pos))
			case *verbose:
				fmt.Fprintf(stdout, "%s.%s (%s): %s\n", s.name, it.name, p.where(it.pos), it.why)
			}
		}
	}
	if unused > 0 {
		fmt.Fprintf(stderr, "surface: %d of %d exported identifiers are used by no other package: unexport them (export_test.go for the package's own tests)\n", unused, total)
		return 1
	}
	fmt.Fprintf(stderr, "surface: all %d exported identifiers are used by another package\n", total)
	return 0
}
