// Package corpus generates templates for benchmarks, load tests and the
// performance script: a corpus of realistic Message Ads (MessageAds) and one
// large Conversation Ad with many variants (BigCampaign). The same
// arguments always give the same bytes, so runs on different machines or
// commits measure the same input. It imports nothing from the module, so
// any package's tests can use it.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var (
	corpusSubjects = []string{
		"%FIRSTNAME%, saving you a seat?", "Quick question about forecasting",
		"A faster way to close the quarter", "%FIRSTNAME%, worth 20 minutes?",
		"Pipeline reviews without the spreadsheet", "Your Q3 planning, simplified",
		"Benchmarks for %INDUSTRY% teams", "Ideas for %COMPANYNAME%'s next launch",
		"92% of CFOs changed their planning this year", "The impact of AI on support costs",
		"New research: risk in enterprise procurement", "Limited seats for the Berlin roundtable",
		"What the 2026 industry survey found", "Contact-center metrics that matter",
	}
	corpusOpeners = []string{
		"Hi %FIRSTNAME%,", "Hello %FIRSTNAME%,", "Hi there,", "%FIRSTNAME%, a quick one.",
	}
	corpusValue = []string{
		"Most revenue teams we talk to rebuild their forecast by hand every Monday.",
		"Teams like yours at %COMPANYNAME% lose a week each quarter to manual reporting.",
		"We help %INDUSTRY% companies cut their reporting time in half with automated dashboards.",
		"Our head of analytics walks through the three-signal model next Thursday at 11am ET.",
		"Last quarter, 40 marketing leaders used our benchmark to reset their budget mix.",
		"As a %JOBTITLE%, you probably own the numbers the board asks about first.",
		"The report covers spend, pipeline and win rates across 300 B2B programs.",
		"In our survey, 92% of operations leaders said manual handoffs were their biggest risk factor.",
		"It shows the impact of a single contact strategy on retention, churn and expansion revenue.",
		"Seats are limited to 40 so that every attendee can bring a question for the panel.",
		"Across the industry, support teams now resolve 30% more tickets with the same headcount.",
		"The free trial includes onboarding, SSO and an export of every dashboard to CSV or PDF.",
		"Our customers in logistics cut their contract review time by 45% in the first quarter.",
		"We compared procurement, compliance and security reviews at 120 mid-market companies.",
		"The playbook walks through pricing, packaging and the first 90 days of a product launch.",
		"Deliverability, attribution and account-based targeting each get a chapter with examples.",
		"Our analysts act as an extension of your team, with a named contact for every region.",
		"Half of the teams we surveyed still forecast in spreadsheets, and 1 in 5 misses by 10% or more.",
		"You'll leave with a template, a checklist and the benchmarks for your segment and region.",
	}
	corpusQuestions = []string{
		"Can I save you a seat?", "Would a 20-minute walkthrough be useful?",
		"Is this on your list for next quarter?", "Want me to send the report over?",
		"Which of these matters most to your team right now?", "Should I hold a spot for you?",
		"Would the regional numbers help with your planning?",
	}
	corpusCTAs    = []string{"Save my seat", "Book a demo", "Get the report", "See the benchmark", "Register now", "Download the survey", "Start a free trial", "Join the roundtable"}
	corpusTargets = []string{"leadform:webinar", "https://example.com/demo", "https://example.com/report?utm_source=linkedin", "leadform:report"}
	corpusDefects = []func(subject, body, cta *string){
		func(s, _, _ *string) { *s = "Hi %firstname%, " + *s },
		func(_, b, _ *string) { *b += "\n\nTODO: add the customer quote." },
		func(_, b, _ *string) { *b = strings.Replace(*b, "Hi %FIRSTNAME%,", "Hi {{first_name}},", 1) },
		func(_, _, c *string) { *c = "Book a personalized demo today" },
		func(s, _, _ *string) {
			*s = "Join 200+ marketing leaders for our pipeline forecasting session next Thursday"
		},
		func(_, b, _ *string) { *b += "\n\n[Speaker name] will host." },
	}
)

// File is one generated template.
type File struct {
	Name string
	Data []byte
}

// MessageAds returns n generated Message Ad templates, named ad-00000.md
// and up: B2B copy assembled from phrase banks, 0–5 macros per ad, and the
// defects the rules catch at a realistic rate (about one ad in four has
// one). The banks hold the ordinary words that reach the rules' slow
// paths, as the reference corpus (../shared/bench) does: percentages
// ("92%"), macro names as plain words ("industry"), and words that hold a
// hype phrase's key word without being one ("impact", "contact", "free
// trial", "limited", "risk factor"). The same seed always gives the same
// files.
func MessageAds(seed uint64, n int) []File {
	r := rand.New(rand.NewPCG(seed, 0x1b0c5))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	out := make([]File, n)
	for i := range out {
		subject := pick(corpusSubjects)
		var paras []string
		paras = append(paras, pick(corpusOpeners))
		for k := 1 + r.IntN(3); k > 0; k-- {
			paras = append(paras, pick(corpusValue))
		}
		paras = append(paras, pick(corpusQuestions))
		body := strings.Join(paras, "\n\n")
		cta := pick(corpusCTAs)
		if r.IntN(4) == 0 {
			pick := corpusDefects[r.IntN(len(corpusDefects))]
			pick(&subject, &body, &cta)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "---\nformat: message\nsender: Dana Reyes\nsubject: %q\n---\n%s\n\n- [%s](%s)\n", subject, body, cta, pick(corpusTargets))
		out[i] = File{Name: fmt.Sprintf("ad-%05d.md", i), Data: []byte(b.String())}
	}
	return out
}

// WriteMessageAds writes MessageAds(seed, n) into dir.
func WriteMessageAds(dir string, seed uint64, n int) error {
	for _, f := range MessageAds(seed, n) {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
