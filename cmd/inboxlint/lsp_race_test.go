//go:build race

package main

// lspRace says the tests run under the race detector, which makes linting
// some ten times slower.
const lspRace = true
