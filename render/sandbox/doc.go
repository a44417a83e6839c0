// Package sandbox runs the Go text/template actions of one template field
// (the authoring stage of rendering, DESIGN.md §2) so that a template from
// a pull request can neither reach outside its data nor run without bound.
// Copywriters write actions with sprig functions inside one text field;
// the data is the file's vars merged with one variant's values.
//
// Parse checks and prepares a field; Field.ExecuteIn runs it under a file's
// Budget, whose Limits bound every kind of work, and maps each part of the
// output back to the text that produced it (Seg). Every failure is an
// Error at a byte range of the field's text, never a crash or a hang.
//
// Three pieces make the sandbox:
//
//   - The function map is an explicit allow-list of deterministic
//     functions (allow.go), each wrapped so that it counts the call, the
//     data it takes in and the size of what it returns (exec.go); the
//     functions whose result size an argument decides are reimplemented
//     with caps (capped.go, regex_funcs.go), and Go's print, printf,
//     println and comparisons are replaced by metered versions (meter.go,
//     compare.go). Regular expressions are capped in length and program
//     size and matched under the budgets (regex.go).
//   - The parse tree is rejected if it defines or calls templates, which
//     also rules out recursion (parse.go), and is then rewritten
//     (rewrite.go): every range gets a check that caps ranging over an
//     integer and a tick at the start of its body that counts the
//     iteration and the actions and builtin calls of the body, counted once
//     when the field is parsed; every printing action whose value may be a
//     list or a map ends in a meter that measures what printing it would
//     take before fmt builds it; and the top-level nodes get markers that
//     record where each part of the output begins.
//   - The work budgets (budget.go) count work, never time, per field and
//     for the whole file, so the same input gives the same result on every
//     machine; the output writer stops at MaxOutput. text/template's own
//     error messages are mapped to positions and messages in inboxlint's
//     style (errors.go).
//
// The package imports nothing else of inboxlint: render uses it, and says
// what to suggest when a field calls a function that does not exist
// (Error.Undefined, Functions).
package sandbox
