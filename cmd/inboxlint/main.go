// Command inboxlint lints and previews LinkedIn Message Ad and Conversation
// Ad copy kept as Markdown templates. See the README for usage.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
