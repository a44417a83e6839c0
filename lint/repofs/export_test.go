package repofs

// What the external tests (package repofs_test) use of the package's
// unexported names.
type Limit = limit
