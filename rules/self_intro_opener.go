package rules

import (
	"regexp"
	"strings"
	"sync"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// newSelfIntroOpener returns the self-intro-opener rule, which finds a
// message that opens by talking about the sender.
func newSelfIntroOpener() lint.Rule {
	return newRule(lint.Doc{
		ID:       "self-intro-opener",
		Severity: lint.SeverityWarning,
		Default:  true,
		Title:    "the message does not open by introducing the sender",
		Text: "The inbox preview shows the sender's name and photo, the subject and the first line of the message; " +
			"an opening line that repeats who the sender is (\"Hi, I'm John from Acme\", \"My name is ...\", \"Let " +
			"me introduce myself\") spends that line on the advertiser instead of the member. LinkedIn's " +
			"Sponsored Messaging best practices recommend writing as one professional to another and getting to " +
			"what is relevant to the recipient quickly; sales-writing guidance makes the same point about " +
			"\"me-first\" openers. The rule reads the first sentence of each Message Ad body and of a Conversation " +
			"Ad's opening message (later messages answer a choice the member made), after a greeting such as \"Hi " +
			"%FIRSTNAME%,\", and reports phrases like \"I'm Dana from\", \"my name is\", \"I'm reaching out from\", " +
			"\"I am the head of growth at\", \"this is Jordan from\" and \"I work at\".",
	}, checkSelfIntroOpener)
}

var (
	// selfIntroGreeting is a greeting at the start of a body, up to its
	// punctuation or line break: "Hi %FIRSTNAME%,", "Hello there!".
	selfIntroGreeting = lazyRE(`^(?i:hi|hello|hey|dear|greetings|good morning|good afternoon|good evening|hiya|howdy)\b[^,!.?:;\n—–]{0,40}(?:[,!.?:;—–]|\n|$)`)

	selfIntroName = `\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*)?`
	// selfIntroPhrases are the openers about the sender; group 1, when
	// present, is the part to point at.
	selfIntroPhrases = sync.OnceValue(func() []*regexp.Regexp {
		return []*regexp.Regexp{
			regexp.MustCompile(`(?i)\bmy name(?:'s|’s| is)\b`),
			regexp.MustCompile(`(?i)\b(?:let me|allow me to|i wanted to|i want to|i'd like to|i would like to) introduce myself\b`),
			regexp.MustCompile(`(?i)\bi(?:'m|’m| am) (?:reaching out|writing|getting in touch|contacting you|messaging you) (?:from|on behalf of)\b`),
			regexp.MustCompile(`(\b(?i:i'm|i’m|i am) (?i:the|a|an) [^.!?,\n]{1,60}? (?i:at|for|of|with))(?: \p{Lu}| %COMPANYNAME%| \d)`),
			regexp.MustCompile(`\b(?i:i'm|i’m|i am) ` + selfIntroName + `(?:,|[.!]|$| (?i:from|at|with|here|of)\b)`),
			regexp.MustCompile(`\b(?i:this is) ` + selfIntroName + `,? (?i:from|at|with|here)\b`),
			regexp.MustCompile(`(?i)\bi (?:currently )?work (?:at|for)\b`),
		}
	})
)

func checkSelfIntroOpener(p *lint.Pass) {
	openingBodies(p, func(v *render.Variant, body render.Text) {
		if i, j, ok := selfIntro(body.S); ok {
			p.ReportIn(lint.Render{Variant: v}, body.Span(i, j),
				"the message opens with the sender (%s): open with the member's problem or a question about their work instead", quote(body.S[i:j]))
		}
	})
}

// selfIntro finds the first phrase about the sender in the opening
// sentence of body, after any greeting.
func selfIntro(body string) (start, end int, ok bool) {
	g := 0
	// the greeting pattern runs only when a greeting word opens the body
	if containsAnyFold(body[:min(len(body), 16)], "hi", "hello", "hey", "dear", "greetings", "good ", "howdy") {
		if m := selfIntroGreeting().FindStringIndex(body); m != nil {
			g = m[1]
		}
	}
	from := len(body) - len(strings.TrimLeft(body[g:], " \t\n"))
	stop := len(body)
	for k := from; k < len(body); k++ {
		c := body[k]
		if c == '\n' && k > from {
			stop = k
			break
		}
		if (c == '.' || c == '!' || c == '?') && (k+1 == len(body) || body[k+1] == ' ' || body[k+1] == '\n') {
			stop = k + 1
			break
		}
	}
	// The greeting is searched too: without punctuation ("Hi %FIRSTNAME% I'm
	// Dana from Acme") it is part of the first sentence.
	region := body[:stop]
	for k, re := range selfIntroPhrases() {
		if !hasWordFold(region, selfIntroKeys[k]...) {
			continue // the pattern cannot match without its word
		}
		m := re.FindStringSubmatchIndex(region)
		if m == nil {
			continue
		}
		s, e := m[0], m[1]
		if len(m) > 2 && m[2] >= 0 {
			s, e = m[2], m[3]
		}
		e = s + len(strings.TrimRight(region[s:e], ",.! "))
		if !ok || s < start {
			start, end, ok = s, e, true
		}
	}
	return start, end, ok
}

// selfIntroKeys are, for each of selfIntroPhrases in order, the words one
// of which the pattern needs, lower-case: the pattern runs only when the
// sentence has one of them as a word.
var selfIntroKeys = [][]string{
	{"my name"},
	{"introduce myself"},
	{"i'm", "i’m", "i am"},
	{"i'm", "i’m", "i am"},
	{"i'm", "i’m", "i am"},
	{"this is"},
	{"work"},
}

// hasWordFold reports whether one of words occurs in s at the start of a
// word, ignoring ASCII case.
func hasWordFold(s string, words ...string) bool {
	found := false
	for _, w := range words {
		eachFold(s, w, func(at int) bool {
			found = at == 0 || !isWordByte(s[at-1])
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
