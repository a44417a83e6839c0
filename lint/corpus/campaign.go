package corpus

import (
	"fmt"
	"strings"
)

// BigCampaign writes a large, legitimate Conversation Ad: the kind a team
// keeps for a campaign segmented by industry and seniority. It has
// variants variants, each with about 30 KB of its own copy (an intro,
// paragraphs, proof points, tools, button labels, a case study), and 24
// messages whose bodies use the template features copywriters use: values,
// index into lists and maps, range with the index, if, with, default,
// printf, join, title, upper, trunc, a regular expression and a comment.
// With 30 variants the file is about 950 KB. The same arguments always
// give the same bytes.
func BigCampaign(variants int) []byte {
	const messages = 24
	var b strings.Builder
	b.WriteString("---\nformat: conversation\nsender: Dana Reyes\n")
	b.WriteString("subject: \"{{ .audience | title }} leaders: {{ trunc 24 .hook }}\"\n")
	b.WriteString("footer: \"{{ .legal }} Reply STOP to opt out.\"\n")
	b.WriteString("vars:\n  event: Revenue Summit\n  city: Berlin\n  stat: 42\n")
	b.WriteString("  legal: \"Northwind Ltd, 1 Example Way, London.\"\n")
	b.WriteString("variants:\n")
	industries := []string{"software", "finance", "healthcare", "retail", "logistics", "energy"}
	levels := []string{"vp", "director", "head", "manager", "lead"}
	for v := range variants {
		ind, lvl := industries[v%len(industries)], levels[(v/len(industries))%len(levels)]
		fmt.Fprintf(&b, "  - name: %s-%s-%d\n", ind, lvl, v)
		fmt.Fprintf(&b, "    audience: %s %s\n", ind, lvl)
		fmt.Fprintf(&b, "    hook: \"how %s teams forecast without spreadsheets\"\n", ind)
		fmt.Fprintf(&b, "    vip: %v\n", v%3 == 0)
		fmt.Fprintf(&b, "    code: %s%d\n", ind[:3], v)
		if v%2 == 0 {
			b.WriteString("    size: \"\"\n")
		} else {
			fmt.Fprintf(&b, "    size: \"Teams of %d to %d people\"\n", 10*(v+1), 100*(v+1))
		}
		b.WriteString("    blurb: \"We   surveyed 1,200\\n decision makers   about forecasting.\"\n")
		b.WriteString("    tools: [CRM, spreadsheets, BI dashboards, a data warehouse]\n")
		b.WriteString("    speaker: {name: Priya Raman, title: VP Analytics}\n")
		b.WriteString("    points:\n")
		for p := range 5 {
			fmt.Fprintf(&b, "      - \"%s teams cut reporting time by %d%% with automated pipeline reviews and shared dashboards\"\n", ind, 20+5*p)
		}
		b.WriteString("    paras:\n")
		for m := range messages {
			fmt.Fprintf(&b, "      - \"Message %d for %s %s: %s\"\n", m, ind, lvl, campaignParagraph(v, m))
		}
		b.WriteString("    cta:\n")
		for m := range messages {
			fmt.Fprintf(&b, "      m%d: [\"Tell me more %d\", \"See the numbers %d\", \"Maybe later\"]\n", m, m, m)
		}
		b.WriteString("    faq:\n")
		for q := range 8 {
			fmt.Fprintf(&b, "      - \"Question %d: %s\"\n", q, campaignParagraph(v, 50+q)[:700])
		}
		b.WriteString("    study: {title: \"How a " + ind + " team closed the quarter\", body: \"" + campaignParagraph(v, 99) + "\"}\n")
	}
	b.WriteString("---\n")
	for m := range messages {
		fmt.Fprintf(&b, "# Step %d\n", m)
		fmt.Fprintf(&b, "Hi %%FIRSTNAME%%, {{ index .paras %d }}\n\n", m)
		b.WriteString("{{ if .vip }}As one of our VIP guests, {{ else }}As a {{ .audience }} reader, {{ end }}here is what we found:\n")
		b.WriteString("{{ range $i, $p := .points }}{{ add1 $i }}. {{ $p }}\n{{ end }}\n")
		b.WriteString("{{ with .speaker }}{{ .name }} ({{ .title | lower }}){{ else }}Our team{{ end }} will host {{ .event }} in {{ .city }}. ")
		b.WriteString("{{ printf \"%d%%\" .stat }} of attendees said it changed their plans. {{/* the stat is from the 2024 survey */}}\n\n")
		b.WriteString("We looked at {{ join \", \" .tools }}. {{ regexReplaceAll \"\\\\s+\" .blurb \" \" }} Code {{ upper .code }}.\n\n")
		b.WriteString("{{ .study.title }}: {{ trunc 200 .study.body }} {{ .size | default \"Teams of every size\" }} took part.\n\n")
		b.WriteString("{{ index .faq " + fmt.Sprint(m%8) + " }}\n\n")
		b.WriteString("Which would help %COMPANYNAME% most?\n\n")
		next, after := (m+1)%messages, (m+2)%messages
		fmt.Fprintf(&b, "- [{{ index .cta \"m%d\" 0 }}](#step-%d)\n", m, next)
		fmt.Fprintf(&b, "- [{{ index .cta \"m%d\" 1 }}](#step-%d)\n", m, after)
		fmt.Fprintf(&b, "- [{{ index .cta \"m%d\" 2 }}](https://example.com/later?v={{.code}})\n\n", m)
	}
	return []byte(b.String())
}

// campaignParagraph is about 1 KB of plain, varied copy.
func campaignParagraph(v, m int) string {
	sentences := []string{
		"Most revenue teams rebuild their forecast by hand every Monday, and the numbers are stale by Wednesday.",
		"The teams that moved to automated pipeline reviews spend that morning on deals instead of cells.",
		"Our benchmark covers spend, pipeline and win rates across three hundred programs in twelve countries.",
		"Finance leaders told us the hardest part is agreeing on one number before the board meeting.",
		"A shared dashboard with clear owners removed two approval rounds for most of the teams we studied.",
		"The playbook includes the three signals that predicted slipped deals earlier than any manual review.",
		"We also share the template the best teams use to explain a miss without a forty-slide deck.",
		"None of this needs a new tool: most teams started with the CRM and the warehouse they already had.",
		"The session is forty-five minutes, with fifteen minutes of questions from people in similar roles.",
		"If the timing does not work, the recording and the slides go to everyone who registers.",
	}
	var out []string
	for i := range 9 {
		out = append(out, sentences[(v+m+i)%len(sentences)])
	}
	return strings.Join(out, " ")
}
