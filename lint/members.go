package lint

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

type membersEntry struct {
	once    sync.Once
	members []render.Member
	err     error
}

// membersFor picks the sample members for a template: the template's own
// members: field (confined to the root that holds the template), else
// --members (which the user may point anywhere), else the config's
// (confined to the config's root), else the embedded set.
func (e *Engine) membersFor(ce *configEntry, t *render.Template, file string) ([]render.Member, error) {
	var path string
	var root *repofs.Root
	read := (*repofs.Root).ReadFile
	switch {
	case t.Members.Present && t.Members.Text.S != "":
		value := t.Members.Text.S
		if msg := membersPathProblem(value); msg != "" {
			return nil, errors.New(msg)
		}
		path = filepath.Join(filepath.Dir(file), value)
		root = e.rootFor(file)
	case e.opts.MembersFile != "":
		path, root, read = e.opts.MembersFile, e.root, (*repofs.Root).ReadExplicit
	case ce.cfg.Members != "":
		path, root = ce.cfg.Members, ce.root
	default:
		return e.defaults, nil
	}
	me := entry(&e.mu, e.members, root.Dir()+"\x00"+path)
	me.once.Do(func() {
		// read first: whatever its name, a path that leaves the
		// repository or names a FIFO is reported as such
		data, err := read(root, path, repofs.MembersLimit)
		if err != nil {
			me.err = fmt.Errorf("cannot read members file %w", err)
			return
		}
		format, err := render.MembersFormat(path)
		if err != nil {
			me.err = err
			return
		}
		me.members, me.err = render.ParseMembers(path, format, data)
	})
	return me.members, me.err
}

// membersPathProblem checks a template's members: value before it is used
// as a path: it must be relative (to the template, so that it stays inside
// the repository) and look like a path. The message quotes the value as an
// excerpt.
func membersPathProblem(value string) string {
	switch {
	case filepath.IsAbs(value) || strings.HasPrefix(value, "/") || strings.HasPrefix(value, `\`):
		return fmt.Sprintf("members %s is an absolute path: write it relative to the template, inside the repository", escape.Excerpt(value))
	case len(value) > maxPathLen || escape.Controls(value) != value:
		return fmt.Sprintf("members %s is not a file path: name a CSV, JSON or YAML file beside the template", escape.Excerpt(value))
	}
	return ""
}

// maxPathLen is the longest path a file system accepts (Linux's PATH_MAX).
const maxPathLen = 4096

// Members loads the members a run would use for files without their own:
// --members, else the config's, else the embedded set. The render command
// uses it.
func (e *Engine) Members(file string, t *render.Template) ([]render.Member, error) {
	ce := e.configFor(file)
	if ce.err != nil {
		return nil, ce.err
	}
	return e.membersFor(ce, t, file)
}
