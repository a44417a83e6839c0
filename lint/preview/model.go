package preview

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// Options say what the page shows and how the files were linted.
type Options struct {
	// Rules are the run's rules (rules.All()): their docs give the
	// explain texts in the page and the default limits.
	Rules []lint.Rule
	// ConfigFile is the run's --config, used for every file; else each
	// file's nearest .inboxlint.yaml gives its counting mode and limits.
	ConfigFile string
	// Member and Variant keep only the matching renders, as render's
	// flags do: a 1-based number or part of a name, and a variant name.
	Member, Variant string
	// Limits bound template execution; zero means sandbox.DefaultLimits.
	Limits sandbox.Limits
	// Title is the page's title; empty gives "inboxlint preview".
	Title string
}

// Page is everything the preview page shows, as the data the page's script
// builds the cards from. Build fills it from a lint run; Write renders it.
type Page struct {
	Title string `json:"title"`
	// Live and Version are set by the live server, whose pages listen for
	// updates; a static page has neither.
	Live    bool    `json:"live,omitempty"`
	Version int     `json:"version,omitempty"`
	Summary Summary `json:"summary"`
	// Members and Variants are the pickers' choices: every member label
	// and every declared variant name, in the order first met.
	Members  []string `json:"members"`
	Variants []string `json:"variants"`
	// Rules are the docs of the rules that have findings, by id, for the
	// explain text each finding links to.
	Rules map[string]RuleDoc `json:"rules"`
	Files []*File            `json:"files"`
	// Errors are the run's errors (files that could not be linted).
	Errors []string `json:"errors,omitempty"`
	// Flows are the conversation flow maps, drawn into the page as SVG;
	// VariantView.Flow indexes them.
	Flows []*FlowMap `json:"-"`

	// inputs are the configs and members files the page was built from,
	// for the live server to watch.
	inputs []string
}

// Summary is the strip at the top of the page.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	// Worst is, per field (subject, body, button), the longest render on
	// the page and whose it is.
	Worst []Worst `json:"worst"`
}

// Worst is the longest render of one field.
type Worst struct {
	Field string `json:"field"`
	Len   int    `json:"len"`
	// Limit is the guidance (visible subject, body guidance) and Max the
	// hard limit, of the file the render is in; Limit is 0 for buttons.
	Limit   int    `json:"limit"`
	Max     int    `json:"max"`
	Member  string `json:"member"`
	Variant string `json:"variant,omitempty"`
	File    string `json:"file"`
}

// RuleDoc is what the page shows when a finding's rule id is followed.
type RuleDoc struct {
	Title    string `json:"title"`
	Text     string `json:"text"`
	Severity string `json:"severity"`
}

// File is one linted template.
type File struct {
	Path string `json:"path"`
	// Format is "message" or "conversation"; "" when the template could
	// not be parsed far enough to render (its syntax findings say why).
	Format string `json:"format"`
	// Mode is the counting mode of the file's config.
	Mode     string    `json:"mode"`
	Limits   Limits    `json:"limits"`
	Findings []Finding `json:"findings"`
	// Members are the file's sample members, as indexes into
	// Page.Members.
	Members  []int          `json:"members"`
	Variants []*VariantView `json:"variants"`
	// Note says why a file shows no cards.
	Note string `json:"note,omitempty"`
}

// Finding is one diagnostic of the run, as lint reports it.
type Finding struct {
	Rule     string `json:"r"`
	Severity string `json:"s"`
	Message  string `json:"m"`
	Line     int    `json:"l"`
	Col      int    `json:"c"`
	Variant  string `json:"v,omitempty"`
	Member   string `json:"u,omitempty"`
	// Source is the source line the finding starts on.
	Source string `json:"x,omitempty"`

	// the span in the source's normalized text, for OutRanges
	srcStart, srcEnd int
	// everyVariant: the finding's span holds no template action, so its
	// text renders the same in every variant and the finding holds in
	// each (the engine reports such a finding once, naming the first)
	everyVariant bool
}

// VariantView is one variant of a file: the structure its cards share and
// one card per member.
type VariantView struct {
	Name string `json:"name"`
	// Flow indexes Page.Flows for a Conversation Ad; -1 for a Message Ad.
	Flow     int           `json:"flow"`
	Messages []MessageInfo `json:"messages"`
	Cards    []*Card       `json:"cards"`
}

// MessageInfo is the part of a message that is the same for every member.
type MessageInfo struct {
	// ID is the message's #slug (Conversation Ads).
	ID string `json:"id,omitempty"`
	// Title is its heading as rendered for the variant.
	Title   string       `json:"title,omitempty"`
	Buttons []ButtonInfo `json:"buttons"`
}

// ButtonInfo is where a button leads.
type ButtonInfo struct {
	// Kind is "message" (another message of the conversation), "url",
	// "form" (a lead form), "missing" (a #slug no message has) or
	// "invalid" (none of these).
	Kind string `json:"k"`
	// Target is the URL, the form's name, the slug or the raw target.
	Target string `json:"to"`
	// Next is the message a "message" button shows, else -1.
	Next int `json:"n"`
}

// Card is one render: a variant personalized for one member.
type Card struct {
	// Member indexes Page.Members; -1 is personalization off.
	Member int `json:"u"`
	// Findings index File.Findings: those of this render.
	Findings   []int `json:"d"`
	Sender     Rich  `json:"from"`
	Subject    Rich  `json:"s"`
	SubjectLen int   `json:"sc"`
	// Cut is where the inbox row cuts the subject, in UTF-16 units (the
	// page's string indexes); -1 when it fits.
	Cut      int           `json:"cut"`
	Messages []MessageCard `json:"ms"`
	Footer   Rich          `json:"ft"`
}

// MessageCard is one message as the member reads it.
type MessageCard struct {
	Body    Rich         `json:"b"`
	BodyLen int          `json:"bc"`
	Buttons []ButtonCard `json:"bt"`
}

// ButtonCard is a button's label as the member reads it.
type ButtonCard struct {
	Label Rich `json:"l"`
	Len   int  `json:"c"`
}

// Rich is rendered copy with marks on it.
type Rich struct {
	Text  string `json:"t"`
	Marks []Mark `json:"m,omitempty"`
}

// Mark marks Text[Start:End], in UTF-16 units.
type Mark struct {
	Start int `json:"s"`
	End   int `json:"e"`
	// Kind is "fb" (LinkedIn's fallback text for macro Arg), "hl" (the
	// span of finding Finding) or "a" (a link to Arg).
	Kind    string `json:"k"`
	Finding int    `json:"f,omitempty"`
	Arg     string `json:"a,omitempty"`
}

// offMember is LinkedIn's member with personalization off: every macro
// renders its fallback.
var offMember = render.Member{Off: true}

// offLabel names the personalization-off render in the page.
const offLabel = "personalization off"
