// Command tool is a command: its exports are not checked.
package main

import "example.com/m/b"

// Exported is not listed.
func Exported() {}

func main() { _ = b.Use }
