package lint

import (
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Directory walks skip what git ignores: the .gitignore files from the
// repository root down to each directory, and .git/info/exclude. The rules
// are git's (gitignore(5)), implemented here on doublestar's matcher
// rather than taken from a gitignore library: the ones available get
// details wrong that decide which templates are linted (a "?" matched
// literally, a trailing "/" that also matches files, a pattern that is not
// a valid regular expression turning into a nil matcher that panics), and
// a walk over a pull request's files must neither panic nor lint what the
// team told git to leave out. The user's global excludes file is not read:
// inboxlint reads nothing outside the repository.
//
// The rules, in short:
//   - blank lines and lines starting with # are nothing; "\#" and "\!"
//     start a pattern with # or !; trailing spaces are dropped unless
//     escaped with a backslash;
//   - "!" negates: a path a previous pattern ignored is included again;
//   - a trailing "/" matches directories only;
//   - a pattern with a "/" at its start or in its middle is relative to
//     the directory of the .gitignore; one without matches a name at any
//     depth below it;
//   - "*" and "?" do not match "/"; "[...]" is a class; "**/", "/**" and
//     "/**/" match any number of directories;
//   - the last matching pattern of a file decides, and a deeper
//     .gitignore decides before a shallower one;
//   - a file in an ignored directory cannot be included again (the walk
//     never enters the directory).

// ignorePattern is one line of a .gitignore.
type ignorePattern struct {
	glob    string // doublestar pattern, relative to the file's directory
	negate  bool
	dirOnly bool
}

// ignoreFile is the patterns of one .gitignore, in file order, with the
// directory (slash form, relative to the repository root, "." for the
// root) they are relative to.
type ignoreFile struct {
	dir      string
	patterns []ignorePattern
}

// maxIgnorePatterns bounds the patterns read from one file: a .gitignore
// comes from a pull request too, and each pattern costs a match per path.
const maxIgnorePatterns = 2000

// parseGitignore reads a .gitignore's patterns; dir is its directory
// relative to the repository root.
func parseGitignore(dir string, data []byte) *ignoreFile {
	f := &ignoreFile{dir: dir}
	for _, line := range strings.Split(string(data), "\n") {
		if len(f.patterns) == maxIgnorePatterns {
			break
		}
		if p, ok := parseIgnoreLine(line); ok {
			f.patterns = append(f.patterns, p)
		}
	}
	return f
}

func parseIgnoreLine(line string) (ignorePattern, bool) {
	line = strings.TrimSuffix(line, "\r")
	if line == "" || line[0] == '#' {
		return ignorePattern{}, false
	}
	// trailing spaces go, unless the last is escaped
	for strings.HasSuffix(line, " ") && !strings.HasSuffix(line, `\ `) {
		line = line[:len(line)-1]
	}
	if line == "" {
		return ignorePattern{}, false
	}
	var p ignorePattern
	if line[0] == '!' {
		p.negate = true
		line = line[1:]
	} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		p.dirOnly = true
		line = strings.TrimRight(line, "/")
	}
	if line == "" {
		return ignorePattern{}, false
	}
	anchored := strings.Contains(line, "/")
	line = strings.TrimPrefix(line, "/")
	// doublestar reads {a,b} as alternatives; git reads braces literally
	line = strings.NewReplacer("{", `\{`, "}", `\}`).Replace(line)
	if !anchored {
		line = "**/" + line
	}
	if !doublestar.ValidatePattern(line) {
		return ignorePattern{}, false // git matches nothing with it either
	}
	p.glob = line
	return p, true
}

// decide reports whether the file's patterns decide about rel (slash
// form, relative to the repository root), and if so whether rel is
// ignored: the last matching pattern decides.
func (f *ignoreFile) decide(rel string, isDir bool) (decided, ignored bool) {
	r := rel
	if f.dir != "." {
		prefix := f.dir + "/"
		if !strings.HasPrefix(rel, prefix) {
			return false, false
		}
		r = rel[len(prefix):]
	}
	for i := len(f.patterns) - 1; i >= 0; i-- {
		p := f.patterns[i]
		if p.dirOnly && !isDir {
			continue
		}
		if ok, _ := doublestar.Match(p.glob, r); ok {
			return true, !p.negate
		}
	}
	return false, false
}

// ignoreSet is the .gitignore files in force in one directory, the
// deepest last.
type ignoreSet []*ignoreFile

// maxIgnoreTotal bounds the patterns in force in one directory, so that
// .gitignore files nested deep in a pull request cannot make each path of
// a walk cost more than that many matches: a file that would take a
// directory past it is not read.
const maxIgnoreTotal = 10000

func (s ignoreSet) patterns() int {
	n := 0
	for _, f := range s {
		n += len(f.patterns)
	}
	return n
}

// ignored reports whether git ignores rel (slash form, relative to the
// repository root).
func (s ignoreSet) ignored(rel string, isDir bool) bool {
	rel = path.Clean(rel)
	for i := len(s) - 1; i >= 0; i-- {
		if decided, ignored := s[i].decide(rel, isDir); decided {
			return ignored
		}
	}
	return false
}
