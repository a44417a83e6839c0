package main

import (
	"flag"
	"os"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the golden sections of testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"inboxlint": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
		// inboxlint-racing is inboxlint whose --fix finds each file
		// changed when it comes to write it: another writer appends a line
		// between the read and the write, the same way on every run.
		"inboxlint-racing": func() {
			fixBeforeWrite = func(path string) {
				f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
				if err == nil {
					_, err = f.WriteString("Saved by another editor meanwhile.\n")
					f.Close()
				}
				if err != nil {
					panic(err)
				}
			}
			os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the CLI scripts in testdata/script: exit codes, every
// output format, config discovery, stdin mode and error messages, each
// compared with golden output. go test ./cmd/inboxlint -update rewrites
// the golden sections after an intended change.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "../../testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"unescape": unescapeCmd},
	})
}

// unescapeCmd is the script command "unescape FILE...": it rewrites each
// file with its \xNN escapes replaced by the bytes they name, so that a
// script can test control characters (ESC, DEL, invalid UTF-8) without
// committing them raw, where they would act on the terminal of whoever
// reads the script.
func unescapeCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: unescape FILE...")
	}
	for _, name := range args {
		data := ts.ReadFile(name)
		var out []byte
		for i := 0; i < len(data); i++ {
			if data[i] == '\\' && i+3 < len(data) && data[i+1] == 'x' {
				if b, err := strconv.ParseUint(data[i+2:i+4], 16, 8); err == nil {
					out = append(out, byte(b))
					i += 3
					continue
				}
			}
			out = append(out, data[i])
		}
		ts.Check(os.WriteFile(ts.MkAbs(name), out, 0o644))
	}
}
