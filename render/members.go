package render

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/render/escape"
)

// Member is one sample LinkedIn member record that macros are filled from.
// The send stage renders every variant once per member, so the rules see
// copy the way each of these people would: a long company name, a missing
// job title, a member who turned personalization off.
type Member struct {
	FirstName, LastName, JobTitle, CompanyName, Industry string
	// Off marks a member who has turned personalization off: every macro
	// renders LinkedIn's fallback.
	Off bool

	idx int // 1-based position in the file it was loaded from; 0 when built by hand
}

// Value is what LinkedIn puts in place of macro mac for this member: the
// member's value with surrounding spaces trimmed, or the macro's fallback
// ("LinkedIn Member", "professional", ...) when the value is empty after
// trimming or Off is set. It mirrors LinkedIn's behaviour rather than the
// record, so rules never see an empty macro LinkedIn would not send.
func (m *Member) Value(mac Macro) string {
	if m.Off {
		return mac.Fallback()
	}
	var v string
	switch mac {
	case MacroFirstName:
		v = m.FirstName
	case MacroLastName:
		v = m.LastName
	case MacroJobTitle:
		v = m.JobTitle
	case MacroCompanyName:
		v = m.CompanyName
	case MacroIndustry:
		v = m.Industry
	}
	if v = strings.TrimSpace(v); v == "" {
		return mac.Fallback()
	}
	return v
}

// Label names the member in diagnostics, so a finding says whose rendering
// broke a limit: "Alexandra Konstantinopoulou", "Jordan Lee (personalization
// off)", or "member 7" (its 1-based position in the members file) when the
// record has no name. A Member built by hand without a name is
// "unnamed member".
func (m *Member) Label() string {
	first, last := strings.TrimSpace(m.FirstName), strings.TrimSpace(m.LastName)
	var label string
	switch {
	case first != "" && last != "":
		label = first + " " + last
	case first != "" || last != "":
		label = first + last
	case m.idx > 0:
		label = "member " + strconv.Itoa(m.idx)
	default:
		label = "unnamed member"
	}
	if m.Off {
		label += " (personalization off)"
	}
	return label
}

// Limits on a members file. Sample members exist to show the range of
// renderings, and every member multiplies the linting work (variants ×
// members × fields), so a file beyond these is almost certainly a CRM export
// pointed at by mistake; failing fast beats a CI job that runs for an hour.
const (
	// MaxMembers is the most records a members file may hold.
	MaxMembers = 100_000
	// MaxMembersFileSize is the largest members file accepted, in bytes
	// (10 MB).
	MaxMembersFileSize = 10 << 20
)

//go:generate go test -run TestDefaultMembersGenerated -update .

// The default members' source is members.yaml; the binary carries them as
// a Go literal (members_default_gen.go), which a test regenerates from the
// YAML and compares, so that no run parses YAML to know them.

// DefaultMembers returns the sample set built into the binary, used when a
// template and the config name no members file. It covers the hard cases
// (a very long company name and job title, accented, non-Latin and emoji
// names, missing values, personalization off) so that limits are checked
// against realistic worst cases out of the box. Each call returns a fresh
// copy the caller may modify.
func DefaultMembers() []Member {
	return slices.Clone(defaultMembers)
}

// MembersFormat is the format of the members file at path, from its
// extension compared case-insensitively: "csv" for .csv, "json" for .json,
// "yaml" for .yaml or .yml. Anything else is an error rather than a guess,
// since a wrong guess would report confusing syntax errors. Reading the
// file is the caller's (package lint/repofs confines it to the
// repository); ParseMembers then parses it.
func MembersFormat(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return "csv", nil
	case ".json":
		return "json", nil
	case ".yaml", ".yml":
		return "yaml", nil
	}
	return "", &FileError{File: path, Msg: "cannot tell the members file's format: name it .csv, .json, .yaml or .yml"}
}

// ParseMembers parses data as a members file in the named format ("csv",
// "json" or "yaml"; "yml" is accepted too); name is the file name used in
// error messages. It never touches the file system: the caller reads the
// file (see MembersFormat).
//
// Every format has the same fields. Keys and CSV headers are matched
// ignoring case, spaces, "_" and "-", so first_name, FirstName, "First Name"
// and FIRST-NAME all work: first_name, last_name, job_title (or title),
// company_name (or company), industry, and personalization (or the British
// personalisation): off, false, no or 0 turn it off; on, true, yes, 1 or
// empty leave it on. Columns named id, email or notes are ignored, since CRM
// exports usually carry them; any other unknown key is an error, so a
// misspelt column is caught instead of silently rendering fallbacks.
// Values are trimmed of surrounding spaces; a value that still holds a line
// break (CR, LF, NEL, U+2028, U+2029) or another control character (a tab
// aside) is an error at its position, since it would break the copy and
// every output that quotes it. A leading UTF-8 byte order mark is skipped,
// and text that is not UTF-8 (a Windows-1252 or UTF-16 export), or that
// holds a NUL byte (a binary file, /proc/self/environ), is an error. There must be at least one member and at most MaxMembers;
// the data may be at most MaxMembersFileSize bytes.
//
// CSV is read with encoding/csv: the first row is the header, quoted fields
// may contain commas (and line breaks, which the check above then refuses
// in a value), and rows that are entirely blank are skipped. JSON is a list of objects whose values are strings (or null,
// meaning empty; personalization may also be a boolean). YAML is a list of
// mappings with scalar values.
//
// Errors are *FileError values, "FILE:LINE:COL: message". A message
// quotes at most a short escaped excerpt of the file (escape.Excerpt), so a
// file that is not what it claims (a link to a secret) is not printed.
func ParseMembers(name, format string, data []byte) ([]Member, error) {
	if len(data) > MaxMembersFileSize {
		return nil, &FileError{File: name, Msg: "members file is larger than the 10 MB limit: keep a few representative members"}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if i := membersInvalidUTF8(data); i >= 0 {
		line, col := fileLineCol(data, i)
		return nil, &FileError{File: name, Line: line, Col: col, Msg: "text is not valid UTF-8: save the file as UTF-8"}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := fileLineCol(data, i)
		return nil, &FileError{File: name, Line: line, Col: col, Msg: "the file holds a NUL byte, so it is not a members file: save the members as UTF-8 text (CSV, JSON or YAML)"}
	}
	p := &membersParser{name: name, data: data}
	var err error
	switch format {
	case "csv":
		err = p.parseCSV()
	case "json":
		err = p.parseJSON()
	case "yaml", "yml":
		err = p.parseYAML()
	default:
		return nil, &FileError{File: name, Msg: fmt.Sprintf("unknown members format %q: use csv, json or yaml", format)}
	}
	if err != nil {
		return nil, err
	}
	return p.members, nil
}

// membersInvalidUTF8 is the offset of the first byte of data that is not valid
// UTF-8, or -1.
func membersInvalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// membersParser holds the state shared by the three formats.
type membersParser struct {
	name    string
	data    []byte // without a byte order mark
	members []Member
}

// errAt is a problem at a position. The message's quotes of the file are
// excerpts already; escaping what remains keeps a message from a parser
// below (encoding/json, yaml) from carrying a raw control character.
func (p *membersParser) errAt(line, col int, format string, args ...any) error {
	return &FileError{File: p.name, Line: line, Col: col, Msg: escape.Controls(fmt.Sprintf(format, args...))}
}

func (p *membersParser) errAtOffset(off int, format string, args ...any) error {
	line, col := fileLineCol(p.data, off)
	return p.errAt(line, col, format, args...)
}

// add appends a new member, or fails when the file holds too many.
func (p *membersParser) add(line, col int) (*Member, error) {
	if len(p.members) == MaxMembers {
		return nil, p.errAt(line, col, "too many members: the limit is %d", MaxMembers)
	}
	p.members = append(p.members, Member{idx: len(p.members) + 1})
	return &p.members[len(p.members)-1], nil
}
