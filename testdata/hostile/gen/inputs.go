package main

import (
	"fmt"
	"path/filepath"
	"strings"
)

// input is one generated case directory: too large to commit, or holding
// bytes (raw control characters) that a txtar archive would hide.
type input struct {
	name string
	// doc says what the input is and which part of issue 9 it stands for.
	doc   string
	write func(g *generator, dir string) error
}

// inputs are the generated case directories, in the order of issue 9.
var inputs = []input{
	// 2. regular expressions
	{"regex-vars-900k", "a regexMatch whose pattern repeat builds, run on a 900 KB var (506 s on main)", writeRegexVars},
	{"regex-many-fields", "30 variants x 25 messages, each one regexMatch that is cheap alone: only a budget for the whole file bounds it", writeRegexManyFields},
	{"regex-custom-forbidden", "a custom: forbidden rule with a 60 KB pattern run over a 60 KB body (~20 s per variant on main)", writeCustom("forbidden")},
	{"regex-custom-substitute", "the same pattern as a substitute rule's replace: key", writeCustom("substitute")},
	{"regex-custom-required", "the same pattern as a required rule", writeCustom("required")},

	// 2. YAML aliases in vars
	{"alias-print", "15,000 aliases to a 100 KB string, printed with {{ .l }} (6.8 GB on main)", writeAlias("{{ .l }}", aliasVars)},
	{"alias-dot", "the alias bomb printed with {{ . }}", writeAlias("{{ . }}", aliasVars)},
	{"alias-tostring", "the alias bomb through toString", writeAlias("{{ toString .l }}", aliasVars)},
	{"alias-html", "the alias bomb through html", writeAlias("{{ html .l }}", aliasVars)},
	{"alias-js", "the alias bomb through js", writeAlias("{{ js .l }}", aliasVars)},
	{"alias-urlquery", "the alias bomb through urlquery", writeAlias("{{ urlquery .l }}", aliasVars)},
	{"alias-printf", "the alias bomb through printf %v", writeAlias(`{{ printf "%v" .l }}`, aliasVars)},
	{"alias-join", "the alias bomb through join", writeAlias(`{{ join "," .l }}`, aliasVars)},
	{"alias-len", "the alias bomb built by toString and only measured: nothing is printed", writeAlias("{{ len (toString .l) }}", aliasVars)},
	{"alias-tostrings", "the alias bomb through toStrings, only measured", writeAlias("{{ len (toStrings .l) }}", aliasVars)},
	{"alias-subject", "the alias bomb printed in the subject, not the body", writeAliasSubject},
	{"alias-variant", "the anchor in vars, the 15,000 aliases in a variant's values", writeAlias("{{ .l }}", aliasVariantVars)},
	{"alias-nested", "a billion laughs: nine levels of ten aliases each (YAML's own alias check catches it)", writeAlias("{{ .i }}", nestedAliasVars)},
	{"alias-two-level", "two levels of 100 aliases over a 100 KB string: 1 GB from a 100 KB file, under YAML's alias check", writeAlias("{{ .c }}", twoLevelAliasVars)},

	// 2. the wall-clock budget made output depend on the machine
	{"conv-950k-30v", "a legitimate 950 KB Conversation Ad with 30 variants (four different JSON outputs in four runs on main)", writeConversation950k},

	// 2. the rules stage has no budget
	{"rules-100v-100k", "a Message Ad with 100 variants and 100,000 members, within every documented limit (155 s on main)", writeRules100v100k},
	{"rules-conv-100k", "a 25-message Conversation Ad with macros in every message and 100,000 members", writeRulesConv100k},
	{"rules-conv-100v", "a 25-message Conversation Ad of 7,000-character messages, 100 variants, the built-in members", writeRulesConv100v},
	{"rules-footer-100k", "a 10,000-character footer full of macros and 100,000 members", writeRulesFooter100k},

	// 2. did-you-mean on huge names
	{"unknown-func-900k", "a 900 KB unknown function name (5 s of did-you-mean on main)", writeLongName(`{{ %s "x" }}`, "a")},
	{"unknown-mergetag-900k", "a 900 KB merge tag {{name}}: shown as typed, so it meets the field's output cap", writeLongName(`{{%s}}`, "a")},
	{"unknown-macro-900k", "a 900 KB %MACRO%", writeLongName(`%%%s%%`, "A")},
	{"unknown-var-900k", "a 900 KB variable name", writeLongName(`{{ .%s }}`, "a")},
	{"unknown-directive-900k", "an ignore directive naming a 900 KB rule", writeLongName(`{{/* inboxlint:ignore %s because */}}`, "a")},
	{"unknown-fmkey-900k", "a 900 KB front matter key", writeLongFrontMatterKey},
	{"unknown-config-key-900k", "a 900 KB key in .inboxlint.yaml", writeLongConfig("? %s\n: 1\n")},
	{"unknown-config-rule-900k", "a 900 KB rule id in the config's rules:", writeLongConfig("rules:\n  ? %s\n  : off\n")},
	{"unknown-rule-option-900k", "a 900 KB option name of a rule", writeLongConfig("rules:\n  subject-length:\n    ? %s\n    : 1\n")},
	{"unknown-custom-key-900k", "a 900 KB key in a custom rule", writeLongConfig("custom:\n  - id: no-synergy\n    kind: forbidden\n    pattern: synergy\n    message: say what it does\n    ? %s\n    : 1\n")},
	{"unknown-slug-long", "a 300 KB button target next to a 300 KB heading: flow-target's did-you-mean compares them", writeLongSlugs},

	// 2. render of a long chain
	{"render-chain-536k", "a 536 KB Conversation Ad that is one chain of messages (1.9 GB of render output for one member on main)", writeChain},

	// 1. size limits
	{"members-toolarge", "an 11 MiB members file", writeSized("members.csv", 11<<20, "members: members.csv\n", "first_name,last_name,job_title,company_name,industry\n", "Dana,Reyes,VP Sales,Acme,Software\n")},
	{"config-toolarge", "a 1.1 MiB .inboxlint.yaml", writeSized(".inboxlint.yaml", 1100<<10, "", "count: utf16\n", "# padding padding padding padding padding\n")},
	{"baseline-toolarge", "a 1.1 MiB baseline", writeSized("base.json", 1100<<10, "", `{"version": 1, "findings": [`+"\n", `{"file": "ad.md", "rule": "placeholder", "fingerprint": "0000", "message": "x"},`+"\n")},

	// 3. raw control characters in copy, names and member values
	{"forge-controls", "source lines, a rendered subject and a var holding ESC, C1 CSI, BEL, BS, DEL, OSC 8, CR and U+2028/2029", writeForgeControls},
	{"forge-members-controls", "members whose names hold ESC, C1 CSI and BEL (not line breaks, so they load)", writeForgeMembers},
	{"forge-conversation", "a Conversation Ad whose headings, labels and targets render control characters", writeForgeConversation},
}

var inputNames = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, in := range inputs {
		if _, dup := m[in.name]; dup {
			panic("gen: two inputs named " + in.name)
		}
		m[in.name] = struct{}{}
	}
	return m
}()

// messageAd is a Message Ad with extra front matter lines and a body; the
// subject and button are clean.
func messageAd(extra, body string) string {
	return "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, saving you a seat?\"\n" + extra +
		"---\n" + body + "\n\nCan I save you a seat?\n\n- [Save my seat](leadform:webinar)\n"
}

// regexCall is one regexMatch that Go's regexp runs in time proportional
// to pattern × input: the pattern "a?a?...a?b" never matches a run of a's,
// so every position is tried with every state.
func regexCall(states, input int) string {
	return fmt.Sprintf(`{{ regexMatch (print (repeat %d "a?") "b") (repeat %d "a") }}`, states, input)
}

func writeRegexVars(_ *generator, dir string) error {
	vars := "vars:\n  big: " + strings.Repeat("a", 900_000) + "\n"
	return writeFile(filepath.Join(dir, "ad.md"), messageAd(vars,
		`Hi %FIRSTNAME%, {{ regexMatch (print (repeat 32000 "a?") "b") .big }}`))
}

func writeRegexManyFields(_ *generator, dir string) error {
	var b strings.Builder
	b.WriteString("---\nformat: conversation\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a question\"\nvariants:\n")
	for v := 1; v <= 30; v++ {
		fmt.Fprintf(&b, "  - name: v%02d\n", v)
	}
	b.WriteString("---\n")
	writeTree(&b, func(i int) string {
		return "Hi %FIRSTNAME%, " + regexCall(1000, 4000) + " is the answer?"
	})
	return writeFile(filepath.Join(dir, "ad.md"), b.String())
}

// treeMessages is how many messages writeTree writes: the most flow-size
// allows.
const treeMessages = 25

// writeTree writes the messages of a Conversation Ad as a tree: message i
// has buttons to messages 3i+1..3i+3, every message after the opening a
// "Maybe later", and a leaf a lead form, so that the 25 messages are four
// levels deep and no flow rule has anything to say.
func writeTree(b *strings.Builder, body func(i int) string) {
	n := treeMessages
	for i := range n {
		if i == 0 {
			b.WriteString("# Opening\n")
		} else {
			fmt.Fprintf(b, "# Step %d\n", i)
		}
		b.WriteString(body(i))
		b.WriteString("\n\n")
		kids := 0
		for k := 3*i + 1; k <= 3*i+3 && k < n; k++ {
			fmt.Fprintf(b, "- [Tell me about step %d](#step-%d)\n", k, k)
			kids++
		}
		if i > 0 {
			b.WriteString("- [Maybe later](leadform:later)\n")
		}
		if kids == 0 {
			b.WriteString("- [Book a demo](leadform:demo)\n")
		}
		b.WriteString("\n")
	}
}

func writeCustom(kind string) func(*generator, string) error {
	return func(_ *generator, dir string) error {
		pattern := strings.Repeat("a?", 30_000) + "b"
		cfg := "custom:\n  - id: no-long-a\n    kind: " + kind + "\n"
		switch kind {
		case "substitute":
			// an explicit key: YAML caps implicit keys at 1,024 characters
			cfg += "    replace:\n      ? '" + pattern + "'\n      : b\n"
		default:
			cfg += "    pattern: '" + pattern + "'\n"
		}
		cfg += "    message: say it shorter\n    scope: [body]\n    severity: warning\n"
		if err := writeFile(filepath.Join(dir, ".inboxlint.yaml"), cfg); err != nil {
			return err
		}
		return writeFile(filepath.Join(dir, "ad.md"), messageAd("", "Hi %FIRSTNAME%, "+strings.Repeat("a", 60_000)))
	}
}

// aliasVars is the alias bomb of issue 9: one 100 KB string and a list of
// 15,000 aliases to it, a 160 KB file that expands to 1.5 GB.
func aliasVars() string {
	return "vars:\n  s: &s " + strings.Repeat("x", 100_000) + "\n  l: [" + strings.TrimSuffix(strings.Repeat("*s, ", 15_000), ", ") + "]\n"
}

func aliasVariantVars() string {
	return "vars:\n  s: &s " + strings.Repeat("x", 100_000) + "\nvariants:\n  - name: big\n    l: [" +
		strings.TrimSuffix(strings.Repeat("*s, ", 15_000), ", ") + "]\n"
}

// nestedAliasVars is a billion laughs: i holds 10^8 copies of a 100-byte
// string through nine levels of ten aliases.
func nestedAliasVars() string {
	var b strings.Builder
	b.WriteString("vars:\n  a: &a " + strings.Repeat("x", 100) + "\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		fmt.Fprintf(&b, "  %s: &%s [%s]\n", name, name, strings.TrimSuffix(strings.Repeat("*"+prev+", ", 10), ", "))
		prev = name
	}
	return b.String()
}

// twoLevelAliasVars expands to 10,000 copies of a 100 KB string with only
// 200 aliases, few enough for the YAML decoder's ratio check.
func twoLevelAliasVars() string {
	return "vars:\n  a: &a " + strings.Repeat("x", 100_000) + "\n  b: &b [" + strings.TrimSuffix(strings.Repeat("*a, ", 100), ", ") +
		"]\n  c: [" + strings.TrimSuffix(strings.Repeat("*b, ", 100), ", ") + "]\n"
}

func writeAlias(action string, vars func() string) func(*generator, string) error {
	return func(_ *generator, dir string) error {
		return writeFile(filepath.Join(dir, "ad.md"), messageAd(vars(), "Hi %FIRSTNAME%, "+action))
	}
}

func writeAliasSubject(_ *generator, dir string) error {
	ad := "---\nformat: message\nsender: Dana Reyes\nsubject: '%FIRSTNAME%, {{ .l }}'\n" + aliasVars() +
		"---\nHi %FIRSTNAME%, can I save you a seat?\n\n- [Save my seat](leadform:webinar)\n"
	return writeFile(filepath.Join(dir, "ad.md"), ad)
}

// prose is deterministic ad copy of about n bytes, with no draft markers,
// hype words or capitals that a rule would report.
func prose(seed, n int) string {
	words := []string{"teams", "forecast", "pipeline", "quarter", "signals", "review", "weekly", "accounts",
		"revenue", "model", "leaders", "share", "results", "calls", "deals", "stages", "coverage", "plan",
		"numbers", "trends", "customers", "renewals", "growth", "regions"}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			if i%12 == 0 {
				b.WriteString(". ")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(words[(seed*7+i*5+i/3)%len(words)])
	}
	b.WriteByte('.')
	return b.String()
}

// writeConversation950k is the legitimate file whose output depended on
// the machine: 25 messages whose copy comes from each of 30 variants'
// values, about 400 template actions per message, 300,000 in all. It has
// warnings (long messages) and no errors. Macros are in the opening only.
func writeConversation950k(_ *generator, dir string) error {
	const variants, messages, paras, words = 30, treeMessages, 4, 20
	var b strings.Builder
	b.WriteString("---\nformat: conversation\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, which of these slows your team down?\"\n")
	b.WriteString("vars:\n  product: pipeline review\n  company: Northwind Analytics\n")
	b.WriteString("variants:\n")
	for v := range variants {
		fmt.Fprintf(&b, "  - name: audience-%02d\n    audience: %s\n", v+1, []string{"sales leaders", "revenue operations", "finance partners", "customer success"}[v%4])
		for w := range words {
			fmt.Fprintf(&b, "    w%02d: %s\n", w, prose(v*31+w, 1))
		}
		for m := range messages {
			for p := range paras {
				fmt.Fprintf(&b, "    m%02dp%d: %q\n", m, p, prose(v*1000+m*10+p, 255))
			}
		}
	}
	b.WriteString("---\n")
	writeTree(&b, func(m int) string {
		var body strings.Builder
		if m == 0 {
			body.WriteString("Hi %FIRSTNAME%, ")
		}
		for p := range paras {
			if p > 0 {
				body.WriteString("\n\n")
			}
			fmt.Fprintf(&body, "{{ .m%02dp%d | trim }} For {{ .audience | lower }}, the {{ .product }} from {{ .company }} covers", m, p)
			for k := range 100 {
				fmt.Fprintf(&body, " {{ .w%02d }}", (m*7+p*3+k)%words)
			}
			body.WriteString(".")
		}
		if m == 0 {
			body.WriteString("\n\nWhich of these would help %COMPANYNAME% first?")
		}
		return body.String()
	})
	return writeFile(filepath.Join(dir, "ad.md"), b.String())
}

// membersCSV is n distinct, realistic members: every one renders every
// macro differently, so deduplicating identical renders does not shrink
// the work.
func membersCSV(n int) string {
	firsts := []string{"Dana", "Jordan", "Priya", "Kenji", "Amara", "Lukas", "Sofia", "Mateo", "Aisha", "Noah",
		"Elena", "Omar", "Yuki", "Chloe", "Ravi", "Ines", "Tomas", "Leila", "Ethan", "Mei",
		"Hugo", "Zara", "Felix", "Nadia", "Arjun", "Clara", "Diego", "Hana", "Oscar", "Lina",
		"Samir", "Maya", "Jonas", "Aylin", "Pablo", "Keira", "Idris", "Freya", "Tariq", "Vera",
		"Milan", "Selin", "Rohan", "Alba", "Emil", "Noor", "Bruno", "Ada", "Kofi", "Lea"}
	lasts := []string{"Reyes", "Lee", "Sharma", "Tanaka", "Okafor", "Schmidt", "Rossi", "Garcia", "Khan", "Smith",
		"Petrova", "Haddad", "Sato", "Martin", "Iyer", "Silva", "Novak", "Nasser", "Brown", "Chen",
		"Dubois", "Ali", "Weber", "Ivanova", "Patel", "Moreau", "Lopez", "Kim", "Larsen", "Costa",
		"Aziz", "Cohen", "Berg", "Demir", "Ruiz", "Walsh", "Bello", "Holm", "Farouk", "Kral",
		"Horvat", "Yilmaz", "Mehta", "Vidal", "Lund", "Rahman", "Ferro", "Lovelace", "Mensah", "Roux"}
	companies := []string{"Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent",
		"Cyberdyne", "Tyrell", "Wonka", "Aperture", "Massive", "Oscorp", "Gringotts", "Monarch", "Nakatomi", "Oceanic",
		"Pied Piper", "Prestige", "Rekall", "Sirius", "Virtucon", "Yoyodyne", "Zorg", "Bluth", "Dunder", "Gekko",
		"Hanso", "InGen", "Kwik", "Lacuna", "Mooby", "Nimbus", "Omni"}
	suffixes := []string{"Analytics", "Systems", "Labs", "Holdings", "Group", "Partners", "Industries", "Software", "Logistics", "Health", "Energy", "Media", "Capital"}
	titles := []string{"VP Sales", "Head of Revenue Operations", "Account Executive", "Chief Revenue Officer", "Sales Director",
		"RevOps Analyst", "Finance Manager", "Customer Success Lead", "HR Director", "Engineering Manager",
		"Marketing Lead", "Founder", "SVP Growth", "Operations Manager", "Data Scientist", "Product Manager",
		"Controller", "Regional Manager", "Partner Manager", "Demand Generation Lead", "CFO", "COO", "Sales Engineer"}
	industries := []string{"Software", "Financial Services", "Healthcare", "Retail", "Manufacturing", "Education",
		"Logistics", "Energy", "Media", "Telecommunications", "Insurance"}
	var b strings.Builder
	b.WriteString("first_name,last_name,job_title,company_name,industry\n")
	for i := range n {
		fmt.Fprintf(&b, "%s,%s %s,%s,%s %s %d,%s\n",
			firsts[i%50], lasts[(i/50)%50], lasts[(i/2500)%50],
			titles[i%23], companies[i%37], suffixes[(i/37)%13], i/481+1, industries[i%11])
	}
	return b.String()
}

func writeMembers(dir string) error {
	return writeFile(filepath.Join(dir, "members.csv"), membersCSV(100_000))
}

func writeRules100v100k(_ *generator, dir string) error {
	var fm strings.Builder
	fm.WriteString("members: members.csv\nvariants:\n")
	for v := 1; v <= 100; v++ {
		fmt.Fprintf(&fm, "  - name: v%03d\n    offer: the %d-minute pipeline review\n", v, 10+v)
	}
	body := "Hi %FIRSTNAME%, as %JOBTITLE% at %COMPANYNAME% you may want {{ .offer }}. " + prose(1, 1100) +
		" Teams in %INDUSTRY% like %COMPANYNAME% use it every quarter."
	if err := writeFile(filepath.Join(dir, "ad.md"), messageAd(fm.String(), body)); err != nil {
		return err
	}
	return writeMembers(dir)
}

func writeRulesConv100k(_ *generator, dir string) error {
	var b strings.Builder
	b.WriteString("---\nformat: conversation\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a question\"\nmembers: members.csv\nvariants:\n")
	for v := 1; v <= 4; v++ {
		fmt.Fprintf(&b, "  - name: v%d\n    offer: the %d-minute review\n", v, 10*v)
	}
	b.WriteString("---\n")
	writeTree(&b, func(i int) string {
		return "Hi %FIRSTNAME%, for %JOBTITLE% at %COMPANYNAME% we have {{ .offer }}. " + prose(i, 250) + " Does it fit %INDUSTRY%?"
	})
	if err := writeFile(filepath.Join(dir, "ad.md"), b.String()); err != nil {
		return err
	}
	return writeMembers(dir)
}

func writeRulesConv100v(_ *generator, dir string) error {
	var b strings.Builder
	b.WriteString("---\nformat: conversation\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a question\"\nvariants:\n")
	for v := 1; v <= 100; v++ {
		fmt.Fprintf(&b, "  - name: v%03d\n    offer: the %d-minute review\n", v, v)
	}
	b.WriteString("---\n")
	writeTree(&b, func(i int) string {
		return "Hi %FIRSTNAME%, for %JOBTITLE% at %COMPANYNAME% we have {{ .offer }}. " + prose(i, 7000) + " Does it fit %INDUSTRY%?"
	})
	return writeFile(filepath.Join(dir, "ad.md"), b.String())
}

func writeRulesFooter100k(_ *generator, dir string) error {
	var footer strings.Builder
	for footer.Len() < 9000 {
		footer.WriteString("Offer for %FIRSTNAME% %LASTNAME% (%JOBTITLE%, %COMPANYNAME%, %INDUSTRY%) only. ")
	}
	fm := "members: members.csv\nfooter: \"" + footer.String() + "\"\n"
	if err := writeFile(filepath.Join(dir, "ad.md"), messageAd(fm, "Hi %FIRSTNAME%, the review is next week.")); err != nil {
		return err
	}
	return writeMembers(dir)
}

// longName is 900,000 characters of c.
func longName(c string) string { return strings.Repeat(c, 900_000) }

func writeLongName(format, c string) func(*generator, string) error {
	return func(_ *generator, dir string) error {
		return writeFile(filepath.Join(dir, "ad.md"), messageAd("", "Hi %FIRSTNAME%, "+fmt.Sprintf(format, longName(c))))
	}
}

func writeLongFrontMatterKey(_ *generator, dir string) error {
	// an explicit key: YAML caps implicit keys at 1,024 characters
	return writeFile(filepath.Join(dir, "ad.md"), messageAd("? "+longName("a")+"\n: 1\n", "Hi %FIRSTNAME%, hello."))
}

func writeLongConfig(format string) func(*generator, string) error {
	return func(_ *generator, dir string) error {
		if err := writeFile(filepath.Join(dir, ".inboxlint.yaml"), fmt.Sprintf(format, longName("a"))); err != nil {
			return err
		}
		return writeFile(filepath.Join(dir, "ad.md"), messageAd("", "Hi %FIRSTNAME%, hello."))
	}
}

func writeLongSlugs(_ *generator, dir string) error {
	ad := "---\nformat: conversation\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a question\"\n---\n" +
		"# Opening\nHi %FIRSTNAME%, which one?\n\n- [Go on](#" + strings.Repeat("c", 300_000) + ")\n- [Book a demo](leadform:demo)\n\n" +
		"# " + strings.Repeat("b", 300_000) + "\nThanks.\n\n- [Book a demo](leadform:demo)\n"
	return writeFile(filepath.Join(dir, "ad.md"), ad)
}

// writeChain is a Conversation Ad of about 14,000 messages, each with one
// button to the next: render indents each level, so its output grows with
// the square of the depth.
func writeChain(_ *generator, dir string) error {
	var b strings.Builder
	b.WriteString("---\nformat: conversation\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, step by step\"\n---\n")
	for i := 1; ; i++ {
		next := fmt.Sprintf("m%d", i+1)
		last := b.Len() >= 536_000
		if last {
			next = "last"
		}
		fmt.Fprintf(&b, "# M%d\nStep %d for you.\n\n- [Next](#%s)\n\n", i, i, next)
		if last {
			break
		}
	}
	b.WriteString("# Last\nDone.\n\n- [Book a demo](leadform:demo)\n")
	return writeFile(filepath.Join(dir, "ad.md"), b.String())
}

func writeSized(name string, size int, extra, head, line string) func(*generator, string) error {
	return func(_ *generator, dir string) error {
		var b strings.Builder
		b.WriteString(head)
		for b.Len() < size {
			b.WriteString(line)
		}
		if err := writeFile(filepath.Join(dir, name), b.String()); err != nil {
			return err
		}
		return writeFile(filepath.Join(dir, "ad.md"), messageAd(extra, "Hi %FIRSTNAME%, hello."))
	}
}

// controls are the characters that rewrite a terminal or a CI log when
// printed raw, each with a draft marker so that the line has a finding
// and the text format quotes it.
var controls = []string{
	"TODO erase the line above \x1b[1A\x1b[2K here",
	"TODO a C1 control sequence \u009b2K here",
	"TODO a bell \a and a backspace \b here",
	"TODO a delete \x7f here",
	"TODO a line separator \u2028 here",
	"TODO a paragraph separator \u2029 here",
	"TODO a terminal hyperlink \x1b]8;;https://evil.example/\x07click\x1b]8;;\x07 here",
	"TODO a unit separator \x1f and a vertical tab \v here",
	"[Speaker\x1b[2K name] is a placeholder that the message quotes",
}

func writeForgeControls(_ *generator, dir string) error {
	fm := "---\nformat: message\nsender: '{{ \"Dana\\x1b[2K Reyes\" }}'\n" +
		"subject: '{{ \"\\x1b[1A\\x1b[2K\" }}%FIRSTNAME%, saving you a seat?'\n" +
		"vars:\n  x: \"\\e[2K\\r::error file=evil.md,line=1::forged\\u2028\\x9b2K\"\n---\n"
	body := strings.Join(controls, "\n\n") + "\n\nThe var says {{ .x }} and an action says {{ \"\\x1b[2K\\x07\" }}.\n\nCan I save you a seat?\n\n" +
		"- [{{ \"Save\\x1bM\\x1b7 my seat\" }}](https://example.com/{{\"\\x1bM\\x1b7\"}})\n"
	return writeFile(filepath.Join(dir, "ad.md"), fm+body)
}

func writeForgeMembers(_ *generator, dir string) error {
	members := "first_name,last_name,job_title,company_name,industry\n" +
		"Dana\x1b[2K,Reyes\u009b2K,VP\a Sales,Acme\x1b]8;;https://evil.example/\x07,Software\x7f\n"
	if err := writeFile(filepath.Join(dir, "members.csv"), members); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "ad.md"), messageAd("members: members.csv\n",
		"Hi %FIRSTNAME% %LASTNAME%, as %JOBTITLE% at %COMPANYNAME% in %INDUSTRY%, hello."))
}

func writeForgeConversation(_ *generator, dir string) error {
	ad := "---\nformat: conversation\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a question\"\n---\n" +
		"# Opening {{ \"\\x1b[2K\" }}\nHi %FIRSTNAME%, which one? {{ \"\\x1b[1A\" }}\n\n" +
		"- [Tell me {{ \"\\x1bM\\x1b7\" }}more](#more)\n- [Missing](#no{{\"\\x1bM\\x1b7\"}}where)\n\n" +
		"# More\nHere is more.\n\n- [Book a demo](leadform:demo{{\"\\x07\"}})\n"
	return writeFile(filepath.Join(dir, "ad.md"), ad)
}
