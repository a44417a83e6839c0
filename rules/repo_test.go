package rules_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// What the tests that lint real files share: the fixtures, repositories
// in temporary directories, and the files -update rewrites.

var update = flag.Bool("update", false, "rewrite the README's rules section and the --fix goldens from the rules")

// fixtureDir is where a rule's fixtures are: testdata/rules/<id>/.
func fixtureDir(id string) string { return filepath.Join("..", "testdata", "rules", id) }

// tempRepo makes a repository in a temporary directory, with a .git
// directory (so that config discovery stops there) and files, by name.
func tempRepo(t *testing.T, files map[string][]byte) string {
	t.Helper()
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(repo, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return repo
}

// dirFiles reads the regular files of dir whose names do not end in skip
// (a fixture directory's templates and config, without its goldens).
func dirFiles(t *testing.T, dir, skip string) map[string][]byte {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range ents {
		if e.Type().IsRegular() && !strings.HasSuffix(e.Name(), skip) {
			files[e.Name()] = readFile(t, filepath.Join(dir, e.Name()))
		}
	}
	return files
}

// readFile reads a file the test needs, failing the test without it.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// rewrite replaces a file -update regenerates, atomically: an interrupted
// run leaves the old file, not half of the new one.
func rewrite(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}
