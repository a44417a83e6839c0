package repofs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// maxLinks is how many symbolic links a path may pass through, as on
// Linux; past it the path is a loop.
const maxLinks = 40

var errLoop = errors.New("too many levels of symbolic links")

// FindRoot returns the repository root for dir: the nearest directory at
// or above it with a .git entry (a directory, or the file a worktree or
// submodule has), which is what git rev-parse --show-toplevel answers,
// found without starting git so that a one-template run stays fast.
// Outside any repository it is dir itself. Either way the result is
// absolute with symbolic links resolved (macOS's /tmp is /private/tmp), so
// that paths compare.
func FindRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	if res, err := filepath.EvalSymlinks(abs); err == nil {
		abs = res
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		d = parent
	}
}

// Root is a directory every read and write is confined to: the repository,
// or for a config named on the command line outside it, that config's
// directory. Paths handed to its methods are operating-system paths,
// absolute or relative to the working directory the Root was opened in,
// spelled as the user or the file spells them; errors name them that way.
// A Root is safe for concurrent use.
type Root struct {
	// dir is absolute, with symbolic links resolved.
	dir string
	// alias is dir as the working directory spells it when that differs
	// (the shell's $PWD runs through a link), else "".
	alias string
	// wd is the working directory when the root was opened, which
	// relative paths are taken from (os.Getwd costs two system calls, and
	// every file of a run is looked up several times).
	wd string
	// wdRel is wd relative to dir when wd lies inside dir as written
	// (the usual case: a run from the repository or a folder in it), else
	// "": a relative path that stays below wd is then rel's own job
	// (Rel), with no absolute path built and taken apart again.
	wdRel string
	root  *os.Root
	// fast reads files without os.Root's extra system calls where the
	// kernel can confine the read itself (fast_linux.go); nil elsewhere
	fast *fastDir

	mu sync.Mutex
	// resolved caches paths outside both spellings with their links
	// resolved, for paths that reach the root through a link.
	resolved map[string]string
}

// Open opens dir (normally FindRoot's answer) as a Root.
func Open(dir string) (*Root, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, &Error{dir, err}
	}
	res, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, &Error{dir, osErr(err)}
	}
	or, err := os.OpenRoot(res)
	if err != nil {
		return nil, &Error{dir, osErr(err)}
	}
	wd, _ := os.Getwd()
	r := &Root{dir: res, alias: aliasFromWD(res, wd), wd: wd, root: or, fast: openFast(or), resolved: map[string]string{}}
	if wd != "" {
		r.wdRel, _ = within(res, wd)
	}
	return r, nil
}

// aliasFromWD returns dir spelled the way the working directory wd spells
// it, when wd lies inside dir and is reached through a link above it:
// relative paths made absolute then carry that spelling.
func aliasFromWD(dir, wd string) string {
	if wd == "" {
		return ""
	}
	rwd, err := filepath.EvalSymlinks(wd)
	if err != nil || rwd == wd {
		return ""
	}
	rel, ok := within(dir, rwd)
	switch {
	case !ok:
		return ""
	case rel == ".":
		return wd
	}
	suffix := string(filepath.Separator) + rel
	if strings.HasSuffix(wd, suffix) {
		return strings.TrimSuffix(wd, suffix)
	}
	return ""
}

// Dir is the root's directory: absolute, with links resolved.
func (r *Root) Dir() string { return r.dir }

// Close releases the directory handle. A Root the caller forgets is
// closed when it is garbage-collected.
func (r *Root) Close() error {
	r.fast.close()
	return r.root.Close()
}

// within returns abs relative to root when it lies inside it, as written.
func within(root, abs string) (string, bool) {
	rel, err := filepath.Rel(root, abs)
	if err != nil || escapes(rel) {
		return "", false
	}
	return rel, true
}

// escapes reports whether a clean relative path climbs above its start.
func escapes(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel)
}

// Rel returns path relative to the root, or an *Error of kind ErrOutside
// when it lies outside. A path inside the root as written is taken as it
// is: whether its links may be followed is for os.Root to judge when it is
// opened. Only a path outside as written has its links resolved, so that a
// working directory reached through a link still finds its files; those
// links are outside the repository, where a pull request cannot put any.
func (r *Root) Rel(path string) (string, error) {
	// A path that stays below a working directory inside the root is
	// inside as written: relative to the root it is the working
	// directory's place joined with it, which is what the absolute path
	// made of both and taken relative to the root again comes to. Every
	// file of a run is looked up this way several times.
	if r.wdRel != "" && filepath.IsLocal(path) {
		if r.wdRel == "." {
			return filepath.Clean(path), nil
		}
		return filepath.Join(r.wdRel, path), nil
	}
	return r.relSlow(path)
}

// relSlow is Rel for any path: made absolute, then taken relative to the
// root or its alias, links resolved only when it lies outside both.
func (r *Root) relSlow(path string) (string, error) {
	abs, err := r.abs(path)
	if err != nil {
		return "", &Error{path, err}
	}
	if rel, ok := within(r.dir, abs); ok {
		return rel, nil
	}
	if r.alias != "" {
		if rel, ok := within(r.alias, abs); ok {
			return rel, nil
		}
	}
	// Outside as written: resolve the links, which cannot be the pull
	// request's (it only controls what is inside), and look again. A file
	// that does not exist yet is looked for by its directory.
	res := r.resolve(abs)
	if res == "" {
		if dir := r.resolve(filepath.Dir(abs)); dir != "" {
			res = filepath.Join(dir, filepath.Base(abs))
		}
	}
	if res != "" {
		if rel, ok := within(r.dir, res); ok {
			return rel, nil
		}
	}
	return "", &Error{path, ErrOutside}
}

// abs is filepath.Abs with the working directory the root was opened in.
func (r *Root) abs(path string) (string, error) {
	if filepath.IsAbs(path) {
		return filepath.Clean(path), nil
	}
	if r.wd == "" {
		return filepath.Abs(path)
	}
	return filepath.Join(r.wd, path), nil
}

// Contains reports whether path lies inside the root (see Rel).
func (r *Root) Contains(path string) bool {
	_, err := r.Rel(path)
	return err == nil
}

// Path is rel, relative to the root, as an absolute path in the spelling
// the working directory uses, for messages and for comparing with paths
// the user typed.
func (r *Root) Path(rel string) string {
	if r.alias != "" {
		return filepath.Join(r.alias, rel)
	}
	return filepath.Join(r.dir, rel)
}

// resolve returns p with its links resolved, or "" when it does not
// exist, caching the answer.
func (r *Root) resolve(p string) string {
	r.mu.Lock()
	res, ok := r.resolved[p]
	r.mu.Unlock()
	if ok {
		return res
	}
	res, err := filepath.EvalSymlinks(p)
	if err != nil {
		res = ""
	}
	r.mu.Lock()
	r.resolved[p] = res
	r.mu.Unlock()
	return res
}

// ReadFile reads a file whose path came from a file: a template's or a
// config's members:, a discovered config, a walked or named template. The
// path must lie inside the root and resolve inside it (links that leave it
// are refused), it must be a regular file, and it may hold at most
// lim.Bytes.
func (r *Root) ReadFile(path string, lim limit) ([]byte, error) {
	rel, err := r.Rel(path)
	if err != nil {
		return nil, err
	}
	if data, ok := r.fast.read(rel, lim); ok {
		return data, nil
	}
	// O_NONBLOCK: opening a FIFO returns at once instead of waiting for a
	// writer; the open file is then checked, not the name, so nothing can
	// be swapped in between.
	f, err := r.root.OpenFile(rel, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, r.explain(path, rel, err)
	}
	defer f.Close()
	return readOpen(f, path, lim)
}

// ReadExplicit reads a file the user named on the command line (--members,
// --config, --baseline). Outside the repository it may be anywhere the user
// can read; inside, it is confined like ReadFile, since the file the user
// names there may be a link a pull request committed. Either way it must be
// a regular file of at most lim.Bytes.
func (r *Root) ReadExplicit(path string, lim limit) ([]byte, error) {
	if r.Contains(path) {
		return r.ReadFile(path, lim)
	}
	// Stat before opening as well: opening some devices has effects of its
	// own (a tape rewinds, a terminal becomes the controlling one).
	st, err := os.Stat(path)
	if err != nil {
		return nil, &Error{path, osErr(err)}
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(path, st.Mode())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, &Error{path, osErr(err)}
	}
	defer f.Close()
	return readOpen(f, path, lim)
}

// readOpen checks that the open file is regular and reads it through the
// limit. The size the file system reports is used to refuse early and to
// size the buffer, never trusted to end the read (/proc files say 0).
func readOpen(f *os.File, path string, lim limit) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{path, osErr(err)}
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(path, st.Mode())
	}
	if st.Size() > lim.Bytes {
		return nil, tooLarge(path, lim)
	}
	data, err := readAll(io.LimitReader(f, lim.Bytes+1), st.Size())
	if err != nil {
		return nil, &Error{path, osErr(err)}
	}
	if int64(len(data)) > lim.Bytes {
		return nil, tooLarge(path, lim)
	}
	return data, nil
}

// readAll reads r to the end into a buffer sized for the size the file
// system reported (one allocation for a file that tells the truth), and
// grows it for one that does not.
func readAll(r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, max(size+1, 512))
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Stat returns the file at path, following links inside the root.
func (r *Root) Stat(path string) (fs.FileInfo, error) {
	rel, err := r.Rel(path)
	if err != nil {
		return nil, err
	}
	fi, err := r.root.Stat(rel)
	if err != nil {
		return nil, r.explain(path, rel, err)
	}
	return fi, nil
}

// Lstat returns the file at path without following a link there; links in
// its directories are followed inside the root.
func (r *Root) Lstat(path string) (fs.FileInfo, error) {
	rel, err := r.Rel(path)
	if err != nil {
		return nil, err
	}
	fi, err := r.root.Lstat(rel)
	if err != nil {
		return nil, r.explain(path, rel, err)
	}
	return fi, nil
}

// explain turns an os.Root error for rel into an *Error for path, saying
// when the cause is a link that leaves the root (os.Root's own message,
// "path escapes from parent", would puzzle anyone who did not write it).
func (r *Root) explain(path, rel string, err error) error {
	inner := osErr(err)
	if errors.Is(inner, fs.ErrNotExist) || errors.Is(inner, fs.ErrPermission) {
		return &Error{path, inner}
	}
	switch r.follow(rel) {
	case linkOut:
		return &Error{path, ErrLinkOutside}
	case linkAbsolute:
		return &Error{path, absoluteLink}
	}
	// A socket cannot be opened at all ("no such device or address"):
	// name what it is instead.
	if st, serr := r.root.Stat(rel); serr == nil && !st.Mode().IsRegular() {
		return notRegular(path, st.Mode())
	}
	return &Error{path, inner}
}

type linkVerdict int

const (
	linkNone     linkVerdict = iota
	linkOut                  // a link leads out of the root
	linkAbsolute             // an absolute link, pointing inside
)

// follow resolves the links of rel the way os.Root does, component by
// component, to tell why os.Root refused it. It only diagnoses: os.Root
// has already enforced the confinement.
func (r *Root) follow(rel string) linkVerdict {
	parts := splitPath(rel)
	var done []string
	links := 0
	absolute := false
	for len(parts) > 0 {
		p := parts[0]
		parts = parts[1:]
		switch p {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				return linkOut
			}
			done = done[:len(done)-1]
			continue
		}
		cur := filepath.Join(append([]string{r.dir}, append(done, p)...)...)
		fi, err := os.Lstat(cur)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			done = append(done, p)
			continue
		}
		if links++; links > maxLinks {
			return linkNone
		}
		target, err := os.Readlink(cur)
		if err != nil {
			return linkNone
		}
		if filepath.IsAbs(target) {
			in, ok := within(r.dir, filepath.Clean(target))
			if !ok && r.alias != "" {
				in, ok = within(r.alias, filepath.Clean(target))
			}
			if !ok {
				return linkOut
			}
			absolute = true
			done = nil
			parts = append(splitPath(in), parts...)
			continue
		}
		parts = append(splitPath(target), parts...)
	}
	if absolute {
		return linkAbsolute
	}
	return linkNone
}

func splitPath(p string) []string {
	return strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == filepath.Separator })
}
