package preview

import (
	"strings"

	"github.com/rivo/uniseg"

	"github.com/inboxlint/inboxlint/render"
)

// fileCtx builds the variants and cards of one file.
type fileCtx struct {
	b    *builder
	out  *fileOut
	file *fileView
	t    *render.Template
	mode render.CountMode
	// offLabels are the labels of the file's members with personalization
	// off: their findings are the personalization-off card's too, since
	// every such member reads the same copy.
	offLabels map[string]bool
}

func (fx *fileCtx) variant(v *render.Variant, members []render.Member) *variantView {
	flow := render.NewFlow(fx.t, v)
	vv := &variantView{Name: v.Name, Flow: -1, Messages: []messageInfo{}, Cards: []*cardView{}}
	for _, n := range flow.Nodes {
		mi := messageInfo{Buttons: []buttonView{}}
		if flow.Conversation {
			mi.ID, mi.Title = n.Slug, n.Title
		}
		for _, e := range n.Edges {
			mi.Buttons = append(mi.Buttons, buttonInfo(e, flow.Conversation))
		}
		vv.Messages = append(vv.Messages, mi)
	}
	if flow.Conversation {
		fx.out.flows = append(fx.out.flows, layoutFlow(flow, func(rule string) string { return fx.b.severity(fx.file, rule) }))
		vv.Flow = len(fx.out.flows) - 1 // the page's index after merge
	}
	for i := range members {
		vv.Cards = append(vv.Cards, fx.card(v, &members[i], i))
	}
	vv.Cards = append(vv.Cards, fx.card(v, &offMember, -1))
	return vv
}

func buttonInfo(e render.FlowEdge, conversation bool) buttonView {
	bi := buttonView{Target: e.Target, Next: -1}
	switch {
	case e.Kind == render.TargetMessage && conversation && e.To >= 0:
		bi.Kind, bi.Next = "message", e.To
	case e.Kind == render.TargetMessage && conversation:
		bi.Kind = "missing"
	case e.Kind == render.TargetURL:
		bi.Kind = "url"
	case e.Kind == render.TargetLeadForm:
		bi.Kind = "form"
	default:
		bi.Kind = "invalid"
		if e.Kind == render.TargetMessage {
			bi.Target = "#" + e.Target // a message link in a Message Ad
		}
	}
	return bi
}

// card renders variant v for member m (index mi among the file's members,
// the page's after merge; -1 for personalization off).
func (fx *fileCtx) card(v *render.Variant, m *render.Member, mi int) *cardView {
	label := offLabel
	if mi >= 0 {
		label = fx.out.labels[mi]
	}
	c := &cardView{Member: mi, Findings: []int{}, Cut: -1}
	for k, fd := range fx.file.Findings {
		if fd.Variant != "" && fd.Variant != v.Name && !fd.everyVariant {
			continue
		}
		if fd.Member != "" && (mi >= 0 && fd.Member != label || mi < 0 && !fx.offLabels[fd.Member]) {
			continue
		}
		c.Findings = append(c.Findings, k)
	}
	lim := fx.file.Limits
	c.Sender = fx.rich(v.Sender, m, c.Findings, nil)
	c.Subject = fx.rich(v.Subject, m, c.Findings, nil)
	c.SubjectLen = render.Count(c.Subject.Text, fx.mode)
	if cut := cutAt(c.Subject.Text, lim.SubjectVisible, fx.mode); cut >= 0 {
		c.Cut = utf16Len(c.Subject.Text[:cut])
	}
	fx.out.track(fieldSubject, "subject", c.SubjectLen, lim.SubjectVisible, lim.SubjectMax, label, v.Name, fx.file.Path)
	for _, vm := range v.Messages {
		mc := messageCard{Body: fx.rich(vm.Body, m, c.Findings, vm.Links), Buttons: []buttonCard{}}
		mc.BodyLen = render.Count(mc.Body.Text, fx.mode)
		fx.out.track(fieldBody, "body", mc.BodyLen, lim.BodyGuidance, lim.BodyMax, label, v.Name, fx.file.Path)
		for _, vb := range vm.Buttons {
			bc := buttonCard{Label: fx.rich(vb.Label, m, c.Findings, nil)}
			bc.Len = render.Count(bc.Label.Text, fx.mode)
			fx.out.track(fieldButton, "button", bc.Len, 0, lim.ButtonMax, label, v.Name, fx.file.Path)
			mc.Buttons = append(mc.Buttons, bc)
		}
		c.Messages = append(c.Messages, mc)
	}
	c.Footer = fx.rich(v.Footer, m, c.Findings, nil)
	return c
}

// track keeps the longest render of a field.
func (out *fileOut) track(k int, field string, n, limit, maxLen int, member, variant, file string) {
	if w := out.worst[k]; w != nil && w.Len >= n {
		return
	}
	out.worst[k] = &worstView{Field: field, Len: n, Limit: limit, Max: maxLen, Member: member, Variant: variant, File: file}
}

// rich personalizes t for m and marks LinkedIn's fallback text, the
// links, and the spans of the card's findings, each mapped from the
// source through both rendering stages.
func (fx *fileCtx) rich(t render.Text, m *render.Member, findings []int, links []render.VariantLink) richText {
	pt, fallbacks := personalize(t, m)
	var marks []markView
	for _, fb := range fallbacks {
		marks = append(marks, markView{Start: fb.start, End: fb.end, Kind: "fb", Arg: fb.macro.String()})
	}
	for _, l := range links {
		if l.Text.S == "" {
			continue
		}
		s, e := l.Text.SrcRange(0, len(l.Text.S))
		for _, r := range pt.OutRanges(s, e) {
			marks = append(marks, markView{Start: r[0], End: r[1], Kind: "a", Arg: l.URL.S})
		}
	}
	for _, k := range findings {
		fd := &fx.file.Findings[k]
		for _, r := range pt.OutRanges(fd.srcStart, fd.srcEnd) {
			marks = append(marks, markView{Start: r[0], End: r[1], Kind: "hl", Finding: k})
		}
	}
	for i := range marks {
		marks[i].Start = utf16Len(pt.S[:runeStart(pt.S, marks[i].Start)])
		marks[i].End = utf16Len(pt.S[:runeStart(pt.S, marks[i].End)])
	}
	return richText{Text: pt.S, Marks: marks}
}

// fallbackRange is where the send stage put LinkedIn's fallback text for a
// macro: the member has no value for it, or has personalization off.
type fallbackRange struct {
	start, end int
	macro      render.Macro
}

// personalize is render.Personalize plus where the fallbacks went, so that
// a reviewer sees which words LinkedIn wrote instead of the member's data.
func personalize(t render.Text, m *render.Member) (render.Text, []fallbackRange) {
	pt := render.Personalize(t, m)
	var out []fallbackRange
	delta := 0
	for _, u := range render.ScanMacros(t.S) {
		v := m.Value(u.Macro)
		start := u.Start + delta
		if m.Off || strings.TrimSpace(memberField(m, u.Macro)) == "" {
			out = append(out, fallbackRange{start: start, end: start + len(v), macro: u.Macro})
		}
		delta += len(v) - (u.End - u.Start)
	}
	return pt, out
}

func memberField(m *render.Member, mac render.Macro) string {
	switch mac {
	case render.MacroFirstName:
		return m.FirstName
	case render.MacroLastName:
		return m.LastName
	case render.MacroJobTitle:
		return m.JobTitle
	case render.MacroCompanyName:
		return m.CompanyName
	case render.MacroIndustry:
		return m.Industry
	}
	return ""
}

// cutAt returns the byte offset at which s has reached limit characters
// in mode, where the inbox row cuts it, or -1 when s is no longer.
func cutAt(s string, limit int, mode render.CountMode) int {
	if limit <= 0 || render.Count(s, mode) <= limit {
		return -1
	}
	n := 0
	if mode == render.CountGraphemes {
		rest := s
		state := -1
		for rest != "" {
			var cluster string
			cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			if n+1 > limit {
				return len(s) - len(rest) - len(cluster)
			}
			n++
		}
		return -1
	}
	for i, r := range s {
		w := 1
		if mode == render.CountUTF16 && r > 0xFFFF {
			w = 2
		}
		if n+w > limit {
			return i
		}
		n += w
	}
	return -1
}

// utf16Len is the length of s in UTF-16 code units, the unit of
// JavaScript string indexes. An invalid byte counts 1, as it becomes one
// U+FFFD in the page's JSON.
func utf16Len(s string) int { return render.Count(s, render.CountUTF16) }

// runeStart moves off back to the start of the character it is in.
func runeStart(s string, off int) int {
	off = max(0, min(off, len(s)))
	for off > 0 && off < len(s) && s[off]&0xC0 == 0x80 {
		off--
	}
	return off
}
