package main

import (
	"os"
	"testing"
)

// The workflow init writes is the README's, which .ci/action-test.sh runs
// under act.
func TestStarterWorkflowIsTheTestedOne(t *testing.T) {
	want, err := os.ReadFile("../../testdata/ci/workflow.yml")
	if err != nil {
		t.Fatal(err)
	}
	if starterWorkflow != string(want) {
		t.Error("starterWorkflow differs from testdata/ci/workflow.yml: keep them the same")
	}
}
