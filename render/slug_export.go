package render

// HeadingSlug is the id a Conversation Ad message with this heading gets
// (the GitHub anchor, see headingSlug): the language server's rename
// checks the new heading's id before it rewrites the buttons.
func HeadingSlug(heading string) string { return headingSlug(heading) }
