package render

import "strings"

// Format is the kind of ad a template describes.
type Format string

// The two ad formats LinkedIn offers for messaging.
const (
	FormatMessage      Format = "message"
	FormatConversation Format = "conversation"
)

// Template is a parsed ad: its front matter fields and its messages, each
// piece with its position in the source. Parsing never fails outright: what
// cannot be understood becomes a Problem (reported by the syntax rule) and
// the rest is kept, so one mistake does not hide the other findings.
type Template struct {
	Source *Source
	Format Format

	formatField, Sender, Subject, Footer Field
	// Vars and Variants feed the authoring stage (see Render).
	Vars     map[string]any
	Variants []VariantSpec
	// Members is the front matter's path to sample records, relative to the
	// template's directory; empty when not set.
	Members Field
	// Lang is the front matter's lang: the copy's language as a BCP 47
	// tag ("de", "fr-CA"), which the engine reads instead of detecting it.
	// Not checked here: the engine knows the languages it has packs for.
	Lang Field

	Messages []*Message

	// Problems are the syntax findings met while parsing.
	Problems []Problem
	// FrontMatter spans the front matter's opening --- line, where findings
	// about a missing key point.
	FrontMatter Span

	matchBudget *MatchBudget // see MatchBudget
}

// Field is one text field of a template, as written in the source (it may
// still contain template actions and macros).
type Field struct {
	Text Text
	// Present is false for an optional field that is absent.
	Present bool
	// Key is the span of the front matter key, for findings about a field
	// whose value is empty.
	Key Span
}

// Span is the span of the field's value in the source.
func (f Field) Span() Span { return f.Text.Anchor() }

// VariantSpec is one entry of the front matter's variants list.
type VariantSpec struct {
	Name   string
	Values map[string]any
	span   Span
}

// Message is one message of an ad: the only one of a Message Ad, or one
// heading's section of a Conversation Ad.
type Message struct {
	index int
	// Title is the heading text; empty for a Message Ad.
	Title Field
	// Slug is the heading's GitHub anchor, the id buttons link to.
	Slug string
	// Heading spans the whole heading line; zero for a Message Ad.
	Heading Span
	Body    Field
	// Links are the links in the body (Markdown links and bare URLs).
	Links   []Link
	Buttons []Button
	// Span covers the whole message in the source.
	Span Span
}

// Button is one entry of a message's trailing list of links.
type Button struct {
	Label, Target Field
	// Span covers the link, from "[" to ")".
	Span Span
}

// Link is a link in a message body.
type Link struct {
	// Text is the link text; for a bare URL it is the URL itself.
	Text, URL Field
	Bare      bool
	Span      Span
}

// Problem is a syntax finding produced while parsing or rendering.
type Problem struct {
	Span Span
	Msg  string
}

// targetKind classifies a button target.
type targetKind uint8

// Button target kinds (DESIGN §1).
const (
	TargetInvalid  targetKind = iota
	TargetMessage             // #slug: another message of a Conversation Ad
	TargetURL                 // http:// or https://
	TargetLeadForm            // leadform:NAME
)

// ClassifyTarget says what a (rendered) button target points at and
// returns the slug, URL or form name.
func ClassifyTarget(target string) (targetKind, string) {
	t := strings.TrimSpace(target)
	lower := strings.ToLower(t)
	switch {
	case strings.HasPrefix(t, "#") && len(t) > 1:
		return TargetMessage, t[1:]
	case strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://"):
		return TargetURL, t
	case strings.HasPrefix(lower, "leadform:") && len(t) > len("leadform:"):
		return TargetLeadForm, t[len("leadform:"):]
	}
	return TargetInvalid, t
}

func (t *Template) problem(start, end int, msg string) {
	t.Problems = append(t.Problems, Problem{Span: t.Source.Span(start, end), Msg: msg})
}
