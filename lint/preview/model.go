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
	// limits bound template execution; zero means sandbox.DefaultLimits.
	limits sandbox.Limits
	// Title is the page's title; empty gives "inboxlint preview".
	Title string
}

// Page is everything the preview page shows, as the data the page's script
// builds the cards from. Build fills it from a lint run; Write renders it.
type Page struct {
	Title string `json:"title"`
	// Live and Version are set by the live server, whose pages listen for
	// updates; a static page has neither.
	Live    bool        `json:"live,omitempty"`
	Version int         `json:"version,omitempty"`
	Summary summaryView `json:"summary"`
	// Members and Variants are the pickers' choices: every member label
	// and every declared variant name, in the order first met.
	Members  []string `json:"members"`
	Variants []string `json:"variants"`
	// Rules are the docs of the rules that have findings, by id, for the
	// explain text each finding links to.
	Rules map[string]ruleDoc `json:"rules"`
	Files []*fileView        `json:"files"`
	// Errors are the run's errors (files that could not be linted).
	Errors []string `json:"errors,omitempty"`
	// Flows are the conversation flow maps, drawn into the page as SVG;
	// variantView.Flow indexes them.
	Flows []*flowMap `json:"-"`

	// inputs are the configs and members files the page was built from,
	// for the live server to watch.
	inputs []string
}

// summaryView is the strip at the top of the page.
type summaryView struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	// Worst is, per field (subject, body, button), the longest render on
	// the page and whose it is.
	Worst []worstView `json:"worst"`
}

// worstView is the longest render of one field.
type worstView struct {
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

// ruleDoc is what the page shows when a finding's rule id is followed.
type ruleDoc struct {
	Title    string `json:"title"`
	Text     string `json:"text"`
	Severity string `json:"severity"`
}

// fileView is one linted template.
type fileView struct {
	Path string `json:"path"`
	// Format is "message" or "conversation"; "" when the template could
	// not be parsed far enough to render (its syntax findings say why).
	Format string `json:"format"`
	// Mode is the counting mode of the file's config.
	Mode     string        `json:"mode"`
	Limits   limitsView    `json:"limits"`
	Findings []findingView `json:"findings"`
	// Members are the file's sample members, as indexes into
	// Page.Members.
	Members  []int          `json:"members"`
	Variants []*variantView `json:"variants"`
	// Note says why a file shows no cards.
	Note string `json:"note,omitempty"`
}

// findingView is one diagnostic of the run, as lint reports it.
type findingView struct {
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

// variantView is one variant of a file: the structure its cards share and
// one card per member.
type variantView struct {
	Name string `json:"name"`
	// Flow indexes Page.Flows for a Conversation Ad; -1 for a Message Ad.
	Flow     int           `json:"flow"`
	Messages []messageInfo `json:"messages"`
	Cards    []*cardView   `json:"cards"`
}

// messageInfo is the part of a message that is the same for every member.
type messageInfo struct {
	// ID is the message's #slug (Conversation Ads).
	ID string `json:"id,omitempty"`
	// Title is its heading as rendered for the variant.
	Title   string       `json:"title,omitempty"`
	Buttons []buttonView `json:"buttons"`
}

// buttonView is where a button leads.
type buttonView struct {
	// Kind is "message" (another message of the conversation), "url",
	// "form" (a lead form), "missing" (a #slug no message has) or
	// "invalid" (none of these).
	Kind string `json:"k"`
	// Target is the URL, the form's name, the slug or the raw target.
	Target string `json:"to"`
	// Next is the message a "message" button shows, else -1.
	Next int `json:"n"`
}

// cardView is one render: a variant personalized for one member.
type cardView struct {
	// Member indexes Page.Members; -1 is personalization off.
	Member int `json:"u"`
	// Findings index fileView.Findings: those of this render.
	Findings   []int    `json:"d"`
	Sender     richText `json:"from"`
	Subject    richText `json:"s"`
	SubjectLen int      `json:"sc"`
	// Cut is where the inbox row cuts the subject, in UTF-16 units (the
	// page's string indexes); -1 when it fits.
	Cut      int           `json:"cut"`
	Messages []messageCard `json:"ms"`
	Footer   richText      `json:"ft"`
}

// messageCard is one message as the member reads it.
type messageCard struct {
	Body    richText     `json:"b"`
	BodyLen int          `json:"bc"`
	Buttons []buttonCard `json:"bt"`
}

// buttonCard is a button's label as the member reads it.
type buttonCard struct {
	Label richText `json:"l"`
	Len   int      `json:"c"`
}

// richText is rendered copy with marks on it.
type richText struct {
	Text  string     `json:"t"`
	Marks []markView `json:"m,omitempty"`
}

// markView marks Text[Start:End], in UTF-16 units.
type markView struct {
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
