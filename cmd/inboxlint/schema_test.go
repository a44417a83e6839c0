package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// schemaFile is the committed JSON Schema of .inboxlint.yaml.
const schemaFile = "../../inboxlint.schema.json"

// TestSchemaUpToDate fails when inboxlint.schema.json is not what
// lint.ConfigSchema generates from the config's Go types and the rules'
// docs: a key, a rule or an option was added without regenerating it.
// go test ./cmd/inboxlint -run TestSchemaUpToDate -update rewrites it.
func TestSchemaUpToDate(t *testing.T) {
	want, err := lint.ConfigSchema(rules.All())
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if *update {
		if err := os.WriteFile(schemaFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go test ./cmd/inboxlint -run TestSchemaUpToDate -update", schemaFile)
	}
}
