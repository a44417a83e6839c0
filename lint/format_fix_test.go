package lint_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// fixedResult is a result with one finding that has a certain fix (a
// replacement) and a suggestion (a deletion).
func fixedResult(t *testing.T) *lint.Result {
	t.Helper()
	src := render.NewSource("ads/a.md", []byte("---\nformat: message\nsender: Dana  \nsubject: \"%firstname%\"\n---\nHi\n"))
	start := len("---\nformat: message\nsender: Dana  \nsubject: \"")
	fix := lint.Fix{Title: "write %FIRSTNAME%", Kind: lint.FixCertain, Edits: []lint.TextEdit{lint.EditSource(src, start, start+11, "%FIRSTNAME%")}}
	del := lint.Fix{Title: "remove it", Kind: lint.FixSuggestion, Edits: []lint.TextEdit{lint.EditSource(src, 32, 34, "")}}
	d := lint.Diagnostic{File: "ads/a.md", Span: src.Span(start, start+11), Rule: "unknown-macro", Severity: lint.SeverityError,
		Message: "not a macro", Fixes: []lint.Fix{fix, del}}
	return &lint.Result{Diagnostics: []lint.Diagnostic{d}, Files: 1, Sources: map[string]*render.Source{"ads/a.md": src}}
}

type artifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

func TestFormatsCarryFixes(t *testing.T) {
	res := fixedResult(t)
	var buf bytes.Buffer
	f, _ := lint.NewFormatter("json", lint.FormatOptions{})
	if err := f.Format(&buf, res); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Diagnostics []struct {
			Fixes []struct {
				Title, Kind string
				Edits       []struct {
					Line, Column, EndLine, EndColumn, Offset, EndOffset int
					NewText                                             string
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	fx := out.Diagnostics[0].Fixes
	if len(fx) != 2 || fx[0].Title != "write %FIRSTNAME%" || fx[0].Kind != "certain" || fx[1].Kind != "suggestion" {
		t.Fatalf("json fixes = %+v", fx)
	}
	if e := fx[0].Edits[0]; e.Line != 4 || e.Column != 11 || e.EndColumn != 22 || e.Offset != 45 || e.EndOffset != 56 || e.NewText != "%FIRSTNAME%" {
		t.Errorf("json edit = %+v", e)
	}
	if e := fx[1].Edits[0]; e.Line != 3 || e.Column != 13 || e.EndColumn != 15 || e.NewText != "" {
		t.Errorf("json deletion = %+v", e)
	}

	buf.Reset()
	root, _ := filepath.Abs(".")
	f, _ = lint.NewFormatter("sarif", lint.FormatOptions{Root: root})
	if err := f.Format(&buf, res); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct{ ArtifactLocation artifact }
				}
				Fixes []struct {
					Description     struct{ Text string }
					Properties      map[string]string
					ArtifactChanges []struct {
						ArtifactLocation artifact
						Replacements     []struct {
							DeletedRegion   struct{ StartLine, StartColumn, EndLine, EndColumn int }
							InsertedContent *struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	r := log.Runs[0].Results[0]
	if len(r.Fixes) != 2 || r.Fixes[0].Description.Text != "write %FIRSTNAME%" || r.Fixes[0].Properties["kind"] != "certain" || r.Fixes[1].Properties["kind"] != "suggestion" {
		t.Fatalf("sarif fixes = %+v", r.Fixes)
	}
	ch := r.Fixes[0].ArtifactChanges[0]
	if ch.ArtifactLocation != r.Locations[0].PhysicalLocation.ArtifactLocation || ch.ArtifactLocation.URI != "ads/a.md" {
		t.Errorf("the fix changes %+v, the result is in %+v", ch.ArtifactLocation, r.Locations[0].PhysicalLocation.ArtifactLocation)
	}
	if rp := ch.Replacements[0]; rp.DeletedRegion.StartLine != 4 || rp.DeletedRegion.StartColumn != 11 || rp.DeletedRegion.EndColumn != 22 || rp.InsertedContent == nil || rp.InsertedContent.Text != "%FIRSTNAME%" {
		t.Errorf("sarif replacement = %+v", rp)
	}
	if rp := r.Fixes[1].ArtifactChanges[0].Replacements[0]; rp.InsertedContent != nil || rp.DeletedRegion.StartColumn != 13 {
		t.Errorf("sarif deletion = %+v", rp)
	}
}
