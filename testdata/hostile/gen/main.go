// Command gen writes the inputs of inboxlint's red-team suite (issue 9):
// every small case kept as a txtar archive under testdata/hostile/cases,
// and the large ones (a 950 KB conversation, 100,000 members, alias bombs,
// 900 KB names) built here, deterministically, so that no multi-megabyte
// blob is committed. .ci/hostile-test.sh runs it and then the cases of
// testdata/hostile/cases.tsv against the inputs.
//
//	go run ./testdata/hostile/gen -out DIR [-mark SECRET]
//	go run ./testdata/hostile/gen -list
//
// writes DIR/cases/NAME/ for every input and DIR/outside/, the files that
// lie outside every case's repository. In the archives, @MARK@ becomes
// SECRET (text that must never appear in inboxlint's output) and
// @OUTSIDE@ the absolute path of DIR/outside. Symlinks, FIFOs, devices and
// sockets are made by the runner at run time; gen -socket PATH makes a Unix
// socket file, which no coreutils command can. gen -list says what every
// input stands for.
//
// It uses the standard library only.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

func main() {
	out := flag.String("out", "", "directory to write the inputs to (created; must be empty or missing)")
	mark := flag.String("mark", "inboxlint-hostile-marker", "secret text to put where output must never quote it")
	cases := flag.String("cases", "", "directory of the txtar archives (default: the cases directory next to this program)")
	socket := flag.String("socket", "", "instead: make a Unix socket file at this path and exit")
	list := flag.Bool("list", false, "instead: list every input with what it stands for and exit")
	flag.Parse()
	var err error
	if *list {
		err = listInputs(os.Stdout, *cases)
	} else {
		err = run(*out, *mark, *cases, *socket)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}

func run(out, mark, casesDir, socket string) error {
	if socket != "" {
		return makeSocket(socket)
	}
	if out == "" {
		return errors.New("-out is required")
	}
	if strings.ContainsAny(mark, "\n\r\t\"'\\") || mark == "" {
		return errors.New("-mark must be one line of plain text")
	}
	if casesDir == "" {
		casesDir = defaultCasesDir()
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if entries, err := os.ReadDir(abs); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", abs)
	}
	g := &generator{root: abs, mark: mark, outside: filepath.Join(abs, "outside")}
	if err := g.writeOutside(); err != nil {
		return err
	}
	if err := g.writeArchives(casesDir); err != nil {
		return err
	}
	for _, in := range inputs {
		if err := in.write(g, g.caseDir(in.name)); err != nil {
			return fmt.Errorf("%s: %w", in.name, err)
		}
	}
	return nil
}

// defaultCasesDir is testdata/hostile/cases: gen's source file is in
// testdata/hostile/gen, both with go run and with a built binary.
func defaultCasesDir() string {
	if _, file, _, ok := runtime.Caller(0); ok {
		dir := filepath.Join(filepath.Dir(file), "..", "cases")
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir
		}
	}
	return filepath.Join("testdata", "hostile", "cases")
}

// listInputs prints one line per input, "NAME: what it is", for the
// archives (their comment) and the generated inputs (their doc).
func listInputs(w io.Writer, casesDir string) error {
	if casesDir == "" {
		casesDir = defaultCasesDir()
	}
	names, err := filepath.Glob(filepath.Join(casesDir, "*.txtar"))
	if err != nil {
		return err
	}
	lines := map[string]string{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		comment, _, _ := strings.Cut(string(data), "\n-- ")
		lines[strings.TrimSuffix(filepath.Base(name), ".txtar")] = strings.Join(strings.Fields(comment), " ")
	}
	for _, in := range inputs {
		lines[in.name] = in.doc + " (generated)"
	}
	keys := make([]string, 0, len(lines))
	for k := range lines {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, err := fmt.Fprintf(w, "%s: %s\n", k, lines[k]); err != nil {
			return err
		}
	}
	return nil
}

// makeSocket leaves a Unix socket file at path: the listener is closed
// without removing it, so the file stays for the case to point at.
func makeSocket(path string) error {
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		return err
	}
	l.SetUnlinkOnClose(false)
	return l.Close()
}

// generator writes files under root.
type generator struct {
	root, mark, outside string
}

func (g *generator) caseDir(name string) string { return filepath.Join(g.root, "cases", name) }

// expand replaces the placeholders of the archives.
func (g *generator) expand(s string) string {
	return strings.NewReplacer("@MARK@", g.mark, "@OUTSIDE@", g.outside).Replace(s)
}

func writeFile(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}

// writeArchives extracts every cases/*.txtar into cases/NAME/.
func (g *generator) writeArchives(dir string) error {
	names, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("no archives in %s", dir)
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		files, err := parseArchive(string(data))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		caseName := strings.TrimSuffix(filepath.Base(name), ".txtar")
		if _, clash := inputNames[caseName]; clash {
			return fmt.Errorf("%s: the input %s is also generated", name, caseName)
		}
		for _, f := range files {
			if err := writeFile(filepath.Join(g.caseDir(caseName), f.name), g.expand(f.data)); err != nil {
				return err
			}
		}
	}
	return nil
}

// archiveFile is one file of a txtar archive.
type archiveFile struct{ name, data string }

// parseArchive reads the txtar format: a comment, then files, each after a
// line "-- NAME --". Names must stay inside the case directory.
func parseArchive(s string) ([]archiveFile, error) {
	var files []archiveFile
	lines := strings.SplitAfter(s, "\n")
	cur := -1
	for _, line := range lines {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			name := strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			clean := filepath.Clean(name)
			if name == "" || filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
				return nil, fmt.Errorf("file name %q leaves the case directory", name)
			}
			files = append(files, archiveFile{name: clean})
			cur = len(files) - 1
			continue
		}
		if cur >= 0 {
			files[cur].data += line
		}
	}
	if len(files) == 0 {
		return nil, errors.New("no files")
	}
	return files, nil
}

// writeOutside writes the files that are outside every case's repository:
// a case that reads one leaks it, and the runner looks for the marker.
func (g *generator) writeOutside() error {
	files := map[string]string{
		// the marker first: nothing may quote any of this file, and read as
		// members its first column name is the marker
		"secret.csv": g.mark + ",outside the repository\nsecond,line\n",
		// the marker after 60 characters: an explicitly named file may be
		// quoted in a short (at most 40 characters) excerpt, never more
		"secret-late.txt": strings.Repeat("x", 60) + g.mark + "\n",
		// a valid members file whose values are the marker: render prints
		// member values, and findings name members
		"members.csv": "first_name,last_name,job_title,company_name,industry\n" +
			g.mark + "," + g.mark + ",Head of " + g.mark + "," + g.mark + " Incorporated International Holdings," + g.mark + "\n",
		// a valid members file without the marker, for --members, which may
		// name a file outside the repository
		"members-ok.csv": "first_name,last_name,job_title,company_name,industry\nDana,Reyes,VP Sales,Acme,Software\n",
		// a template whose copy is the marker: the text format quotes
		// source lines
		"ad.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"" + g.mark + " TODO\"\n---\n" +
			"Hi %FIRSTNAME%, " + g.mark + " TODO, can I save you a seat?\n\n- [Save my seat](leadform:webinar)\n",
		// what a symlinked baseline must not overwrite
		"base.json": "untouched\n",
		// a config outside the repository, which a symlink may point at
		".inboxlint.yaml": "members: secret.csv\n",
	}
	for name, content := range files {
		if err := writeFile(filepath.Join(g.outside, name), content); err != nil {
			return err
		}
	}
	return nil
}
