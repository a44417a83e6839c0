package lint

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"sort"
	"strconv"

	"github.com/inboxlint/inboxlint/render"
)

// sarifSchema is the final SARIF 2.1.0 schema (OASIS errata 01).
const sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// HelpBase is where each rule's documentation lives: the README's section
// for the rule, whose anchor is the rule id.
const HelpBase = "https://github.com/inboxlint/inboxlint#"

// sarifFormat writes SARIF 2.1.0 for GitHub code scanning and other SARIF
// viewers: rule metadata from the rule docs, one result per finding with
// its exact region (columns in Unicode code points, as inboxlint counts
// them), and fingerprints that stay the same across runs and when lines
// move, since they hash the rule, the file and the offending text.
type sarifFormat struct {
	rules   []Rule
	version string
	root    string
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult            `json:"results"`
	ColumnKind         string                   `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	// SemanticVersion is Version as SemVer, for consumers that compare
	// versions; left out when inboxlint has none ("(devel)").
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string      `json:"id"`
	Name                 string      `json:"name"`
	ShortDescription     sarifText   `json:"shortDescription"`
	FullDescription      sarifText   `json:"fullDescription"`
	Help                 sarifText   `json:"help"`
	HelpURI              string      `json:"helpUri"`
	DefaultConfiguration sarifConfig `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level   string `json:"level"`
	Enabled bool   `json:"enabled"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]string `json:"properties,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

// sarifFix is a Fix as SARIF's fix object: its title as the description,
// its edits as the replacements of one artifact change, and its kind
// ("certain", which --fix applies, or "suggestion") in the property bag.
type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	Properties      map[string]string     `json:"properties"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

// sarifReplacement deletes a region and puts text in its place; a
// deletion has no insertedContent.
type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

func sarifFixes(fixes []Fix, where sarifArtifact) []sarifFix {
	var out []sarifFix
	for _, f := range fixes {
		ch := sarifArtifactChange{ArtifactLocation: where, Replacements: make([]sarifReplacement, 0, len(f.Edits))}
		for _, e := range f.Edits {
			rp := sarifReplacement{DeletedRegion: sarifRegion{StartLine: e.Span.Start.Line, StartColumn: e.Span.Start.Col,
				EndLine: e.Span.End.Line, EndColumn: e.Span.End.Col}}
			if e.NewText != "" {
				rp.InsertedContent = &sarifText{Text: e.NewText}
			}
			ch.Replacements = append(ch.Replacements, rp)
		}
		out = append(out, sarifFix{Description: sarifText{Text: f.Title}, ArtifactChanges: []sarifArtifactChange{ch},
			Properties: map[string]string{"kind": f.Kind.String()}})
	}
	return out
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

func sarifLevel(s Severity) string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return "note"
}

// ruleName turns a kebab-case id into the PascalCase name SARIF viewers
// show: subject-length → SubjectLength.
func ruleName(id string) string {
	out := make([]byte, 0, len(id))
	up := true
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c == '-' {
			up = true
			continue
		}
		if up && c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		up = false
		out = append(out, c)
	}
	return string(out)
}

func (f sarifFormat) Format(w io.Writer, r *Result) error {
	docs := make([]Doc, 0, len(f.rules)+len(r.Docs))
	index := map[string]int{}
	add := func(d Doc) {
		if _, ok := index[d.ID]; ok {
			return
		}
		index[d.ID] = len(docs)
		docs = append(docs, d)
	}
	for _, d := range Docs(f.rules, nil) {
		add(d)
	}
	var extra []string
	for id := range r.Docs {
		extra = append(extra, id)
	}
	sort.Strings(extra)
	for _, id := range extra {
		add(r.Docs[id])
	}
	driver := sarifDriver{Name: "inboxlint", Version: f.version, SemanticVersion: semanticVersion(f.version), InformationURI: "https://github.com/inboxlint/inboxlint", Rules: []sarifRule{}}
	for _, d := range docs {
		driver.Rules = append(driver.Rules, sarifRule{
			ID: d.ID, Name: ruleName(d.ID),
			ShortDescription:     sarifText{Text: d.Title},
			FullDescription:      sarifText{Text: d.Text},
			Help:                 sarifText{Text: d.Text + " See " + HelpBase + d.ID, Markdown: d.Text + "\n\n[Rule documentation](" + HelpBase + d.ID + ")"},
			HelpURI:              HelpBase + d.ID,
			DefaultConfiguration: sarifConfig{Level: sarifLevel(d.Severity), Enabled: d.Default},
		})
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}, ColumnKind: "unicodeCodePoints"}
	loc := newArtifactLocator(f.root)
	if loc.root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifact{srcRoot: {URI: fileURI(loc.root) + "/"}}
	}
	// The results are written as they come, a file at a time, to a
	// spool; the rules list before them grows with any rule the results
	// name that no doc describes, so the log's opening is written last,
	// then the spool is copied after it.
	// (bufio.Writer keeps the first write error and Flush returns it.)
	spool := newSpool()
	defer spool.Close()
	bw := bufio.NewWriterSize(spool, outputBuffer)
	results := newJSONArray(bw, "        ")
	err := r.eachFile(func(ff fileFindings) error {
		// a fingerprint names its file, so repeats are within a file
		seen := map[string]int{}
		for _, d := range ff.diagnostics {
			idx, ok := index[d.Rule]
			if !ok {
				idx = len(run.Tool.Driver.Rules)
				index[d.Rule] = idx
				run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{ID: d.Rule, Name: ruleName(d.Rule), ShortDescription: sarifText{Text: d.Rule}, FullDescription: sarifText{Text: d.Rule}, Help: sarifText{Text: d.Rule}, HelpURI: HelpBase + d.Rule, DefaultConfiguration: sarifConfig{Level: sarifLevel(d.Severity), Enabled: true}})
			}
			fp := diagFingerprint(d, ff.source)
			seen[fp]++
			if n := seen[fp]; n > 1 {
				fp += ":" + strconv.Itoa(n)
			}
			where := loc.locate(d.File)
			res := sarifResult{
				RuleID: d.Rule, RuleIndex: idx, Level: sarifLevel(d.Severity),
				Message: sarifText{Text: d.Message},
				Fixes:   sarifFixes(d.Fixes, where),
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
					ArtifactLocation: where,
					Region: sarifRegion{StartLine: d.Span.Start.Line, StartColumn: d.Span.Start.Col,
						EndLine: d.Span.End.Line, EndColumn: d.Span.End.Col},
				}}},
				PartialFingerprints: map[string]string{"inboxlint/v1": fp},
			}
			if d.Variant != "" || d.Member != "" {
				res.Properties = map[string]string{}
				if d.Variant != "" {
					res.Properties["variant"] = d.Variant
				}
				if d.Member != "" {
					res.Properties["member"] = d.Member
				}
			}
			if err := results.add(res); err != nil {
				return err
			}
		}
		return nil
	})
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	// the log as encoding/json writes it with no results, cut where they go
	var doc bytes.Buffer
	if err := writeJSON(&doc, sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}}); err != nil {
		return err
	}
	const empty = `"results": []`
	head, tail, ok := bytes.Cut(doc.Bytes(), []byte(empty))
	if !ok {
		return errors.New("internal error: the SARIF log has no results array")
	}
	out := bufio.NewWriterSize(w, outputBuffer)
	_, _ = out.Write(head)
	_, _ = out.WriteString(`"results": [`)
	if err := spool.copyTo(out); err != nil {
		return err
	}
	results.end(out, "      ")
	_ = out.WriteByte(']')
	_, _ = out.Write(tail)
	return out.Flush()
}

// diagFingerprint identifies a finding by its file, rule and the source text
// it points at, not its line, so it survives edits elsewhere in the file.
// Baselines and SARIF use it.
func diagFingerprint(d Diagnostic, src *render.Source) string {
	text := ""
	if src != nil {
		text = src.Slice(d.Span.Start.Offset, d.Span.End.Offset)
	}
	h := sha256.Sum256([]byte(d.Rule + "\x00" + toSlash(d.File) + "\x00" + text + "\x00" + d.Variant + "\x00" + d.Member))
	return hex.EncodeToString(h[:12])
}
