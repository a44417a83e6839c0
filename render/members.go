package render

import (
	"bytes"
	_ "embed" // the default member set
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

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

//go:embed members.yaml
var defaultMembersYAML []byte

var defaultMembers = sync.OnceValue(func() []Member {
	ms, err := ParseMembers("members.yaml", "yaml", defaultMembersYAML)
	if err != nil {
		panic("render: embedded default members: " + err.Error())
	}
	return ms
})

// DefaultMembers returns the sample set built into the binary, used when a
// template and the config name no members file. It covers the hard cases
// (a very long company name and job title, accented, non-Latin and emoji
// names, missing values, personalization off) so that limits are checked
// against realistic worst cases out of the box. Each call returns a fresh
// copy the caller may modify.
func DefaultMembers() []Member {
	return slices.Clone(defaultMembers())
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
		line, col := membersLineCol(data, i)
		return nil, &FileError{File: name, Line: line, Col: col, Msg: "text is not valid UTF-8: save the file as UTF-8"}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := membersLineCol(data, i)
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

// membersLineCol converts a byte offset in data into a 1-based line and a
// 1-based column counted in code points, the convention of the YAML parser
// and of template positions.
func membersLineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return bytes.Count(data[:off], []byte("\n")) + 1, utf8.RuneCount(data[start:off]) + 1
}

// memberField is the record field a key or column fills.
type memberField uint8

const (
	memberFirstName memberField = iota
	memberLastName
	memberJobTitle
	memberCompanyName
	memberIndustry
	memberPersonalization
	memberIgnored // a column CRM exports carry that has no macro
	numMemberFields
)

// memberFieldNames are the canonical spellings, used in messages.
var memberFieldNames = [numMemberFields]string{"first_name", "last_name", "job_title", "company_name", "industry", "personalization", ""}

// memberKeys maps normalized keys (see normalizeMemberKey) to fields, in the
// order suggestions are tried.
var memberKeys = []struct {
	key   string
	field memberField
}{
	{"firstname", memberFirstName},
	{"lastname", memberLastName},
	{"jobtitle", memberJobTitle},
	{"title", memberJobTitle},
	{"companyname", memberCompanyName},
	{"company", memberCompanyName},
	{"industry", memberIndustry},
	{"personalization", memberPersonalization},
	{"personalisation", memberPersonalization},
	{"id", memberIgnored},
	{"email", memberIgnored},
	{"notes", memberIgnored},
}

// normalizeMemberKey lower-cases key and drops spaces, "_" and "-", so that
// first_name, FirstName, "First Name" and FIRST-NAME compare equal.
func normalizeMemberKey(key string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, key)
}

// lookupMemberField finds the field for a key as written in the file, or
// returns a message saying what to write instead. what is "column" or "key".
func lookupMemberField(key, what string) (memberField, string) {
	norm := normalizeMemberKey(key)
	if norm == "" {
		return 0, fmt.Sprintf("a %s has no name: use first_name, last_name, job_title, company_name, industry or personalization", what)
	}
	best, bestDist := -1, 3 // suggest only within two edits
	for i, k := range memberKeys {
		if k.key == norm {
			return k.field, ""
		}
		if d := Distance(norm, k.key); d < bestDist && len(norm) > 3 {
			best, bestDist = i, d
		}
	}
	if best >= 0 {
		suggest := memberFieldNames[memberKeys[best].field]
		if suggest == "" {
			suggest = memberKeys[best].key
		}
		return 0, fmt.Sprintf("unknown %s %s: did you mean %s?", what, escape.Excerpt(key), suggest)
	}
	return 0, fmt.Sprintf("unknown %s %s: use first_name, last_name, job_title, company_name, industry or personalization", what, escape.Excerpt(key))
}

// set stores value v for field f, returning a message when v is not a valid
// personalization setting or holds a line break or control character.
func (m *Member) set(f memberField, v string) string {
	v = strings.TrimSpace(v)
	if f < memberPersonalization {
		if msg := memberValueProblem(memberFieldNames[f], v); msg != "" {
			return msg
		}
	}
	switch f {
	case memberFirstName:
		m.FirstName = v
	case memberLastName:
		m.LastName = v
	case memberJobTitle:
		m.JobTitle = v
	case memberCompanyName:
		m.CompanyName = v
	case memberIndustry:
		m.Industry = v
	case memberPersonalization:
		switch strings.ToLower(v) {
		case "off", "false", "no", "0":
			m.Off = true
		case "on", "true", "yes", "1", "":
			m.Off = false
		default:
			return fmt.Sprintf("personalization is %s: use on or off", escape.Excerpt(v))
		}
	}
	return ""
}

// memberValueProblem says what is wrong with a value that would break the
// copy it is rendered into, or any output that quotes it: a line break
// (which also turns one CI log line into two, the second one read as a
// workflow command) or another control character. Tabs are allowed:
// spreadsheet exports carry them, and they print as spaces.
func memberValueProblem(field, v string) string {
	for _, r := range v {
		switch {
		case r == '\t':
		case r == '\n', r == '\r', r == 0x85, r == 0x2028, r == 0x2029:
			return fmt.Sprintf("%s holds a line break: write each value on one line", field)
		case r < 0x20, r == 0x7F, r >= 0x80 && r <= 0x9F:
			return fmt.Sprintf("%s holds the control character %s: remove it", field, escape.Excerpt(string(r)))
		}
	}
	return ""
}

// memberKeyText is a key as the file writes it, for messages: as it is
// when it is short and printable (first_name), else as an escaped excerpt.
func memberKeyText(key string) string {
	if utf8.RuneCountInString(key) <= escape.ExcerptLen && escape.Controls(key) == key {
		return key
	}
	return escape.Excerpt(key)
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
	line, col := membersLineCol(p.data, off)
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

// memberKeySet notes which fields a record has set, to report a key given twice
// (job_title and title both fill the job title).
type memberKeySet [numMemberFields]string

func (s *memberKeySet) check(f memberField, key, what string) string {
	if f == memberIgnored {
		return ""
	}
	if prev := s[f]; prev != "" {
		if prev == key {
			return fmt.Sprintf("%s %s appears twice", what, escape.Excerpt(key))
		}
		return fmt.Sprintf("%s %s repeats %s: both set %s", what, escape.Excerpt(key), escape.Excerpt(prev), memberFieldNames[f])
	}
	s[f] = key
	return ""
}

func (p *membersParser) parseCSV() error {
	// Old Mac spreadsheets end rows with a lone CR, which encoding/csv does
	// not take for a line break: make it one. The bytes keep their
	// offsets, so positions in errors stay right.
	if i := bytes.IndexByte(p.data, '\r'); i >= 0 {
		data := bytes.Clone(p.data)
		for k := i; k < len(data); k++ {
			if data[k] == '\r' && (k+1 == len(data) || data[k+1] != '\n') {
				data[k] = '\n'
			}
		}
		p.data = data
	}
	r := csv.NewReader(bytes.NewReader(p.data))
	r.FieldsPerRecord = -1 // ragged rows get our own message
	header, err := r.Read()
	if err == io.EOF {
		return p.errAt(0, 0, "no members: the file is empty")
	}
	if err != nil {
		return p.csvError(err)
	}
	cols := make([]memberField, len(header))
	var seen memberKeySet
	for i, h := range header {
		line, col := p.csvPos(r, i)
		f, msg := lookupMemberField(h, "column")
		if msg == "" {
			msg = seen.check(f, h, "column")
		}
		if msg != "" {
			return p.errAt(line, col, "%s", msg)
		}
		cols[i] = f
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return p.csvError(err)
		}
		line, _ := r.FieldPos(0)
		if membersBlankRecord(rec) {
			continue
		}
		if len(rec) != len(header) {
			fields := "fields"
			if len(rec) == 1 {
				fields = "field"
			}
			return p.errAt(line, 0, "row has %d %s, the header has %d", len(rec), fields, len(header))
		}
		m, err := p.add(line, 0)
		if err != nil {
			return err
		}
		for i, v := range rec {
			if msg := m.set(cols[i], v); msg != "" {
				line, col := p.csvPos(r, i)
				return p.errAt(line, col, "%s", msg)
			}
		}
	}
	if len(p.members) == 0 {
		return p.errAt(0, 0, "no members: add rows below the header")
	}
	return nil
}

func membersBlankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// csvPos is the position of field i of the record just read, with the
// column in code points rather than encoding/csv's bytes.
func (p *membersParser) csvPos(r *csv.Reader, i int) (line, col int) {
	line, byteCol := r.FieldPos(i)
	return line, p.runeCol(line, byteCol)
}

// runeCol converts a 1-based byte column on a 1-based line to code points.
func (p *membersParser) runeCol(line, byteCol int) int {
	start := 0
	for n := 1; n < line; n++ {
		i := bytes.IndexByte(p.data[start:], '\n')
		if i < 0 {
			break
		}
		start += i + 1
	}
	end := min(start+byteCol-1, len(p.data))
	return utf8.RuneCount(p.data[start:end]) + 1
}

func (p *membersParser) csvError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return p.errAt(0, 0, "%v", err)
	}
	msg := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg += `: put the field in double quotes and write a quote inside it as ""`
	case errors.Is(pe.Err, csv.ErrQuote):
		msg += `: close the quoted field, and write a quote inside it as ""`
	}
	return p.errAt(pe.Line, p.runeCol(pe.Line, pe.Column), "%s", msg)
}

func (p *membersParser) parseJSON() error {
	dec := json.NewDecoder(bytes.NewReader(p.data))
	// next is the offset of the token the decoder will return next.
	next := func() int {
		off := int(dec.InputOffset())
		for off < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
			off++
		}
		return off
	}
	token := func() (json.Token, int, error) {
		off := next()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, off, p.errAtOffset(len(p.data), "unexpected end of JSON: a list or object is not closed")
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, off, p.errAtOffset(int(se.Offset), "%s", se.Error())
		}
		if err != nil {
			return nil, off, p.errAtOffset(off, "%v", err)
		}
		return tok, off, nil
	}

	if len(bytes.TrimSpace(p.data)) == 0 {
		return p.errAt(0, 0, "no members: the file is empty")
	}
	tok, off, err := token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		return p.errAtOffset(off, "want a list of members, found %s", membersJSONKind(tok))
	}
	for dec.More() {
		tok, off, err := token()
		if err != nil {
			return err
		}
		if tok != json.Delim('{') {
			return p.errAtOffset(off, "member %d is %s, not an object with keys like \"first_name\"", len(p.members)+1, membersJSONKind(tok))
		}
		line, col := membersLineCol(p.data, off)
		m, err := p.add(line, col)
		if err != nil {
			return err
		}
		var seen memberKeySet
		for dec.More() {
			tok, keyOff, err := token()
			if err != nil {
				return err
			}
			key := tok.(string) // the decoder only returns strings in key position
			f, msg := lookupMemberField(key, "key")
			if msg == "" {
				msg = seen.check(f, key, "key")
			}
			if msg != "" {
				return p.errAtOffset(keyOff, "%s", msg)
			}
			tok, valOff, err := token()
			if err != nil {
				return err
			}
			var v string
			switch tv := tok.(type) {
			case string:
				v = tv
			case nil: // null: no value
			case bool:
				if f != memberPersonalization && f != memberIgnored {
					return p.errAtOffset(valOff, "%s must be a string, not a boolean", memberKeyText(key))
				}
				v = strconv.FormatBool(tv)
			default: // a number, or the start of an object or list
				_, isDelim := tok.(json.Delim)
				switch {
				case f == memberIgnored && !isDelim:
					continue // an id may well be a number
				case f == memberPersonalization:
					return p.errAtOffset(valOff, "%s must be true, false, \"on\" or \"off\", not %s", memberKeyText(key), membersJSONKind(tok))
				default:
					return p.errAtOffset(valOff, "%s must be a string, not %s", memberKeyText(key), membersJSONKind(tok))
				}
			}
			if msg := m.set(f, v); msg != "" {
				return p.errAtOffset(valOff, "%s", msg)
			}
		}
		if _, _, err := token(); err != nil { // '}'
			return err
		}
	}
	if _, _, err := token(); err != nil { // ']'
		return err
	}
	if off := next(); off < len(p.data) {
		return p.errAtOffset(off, "unexpected text after the list of members")
	}
	if len(p.members) == 0 {
		return p.errAtOffset(off, "no members: the list is empty")
	}
	return nil
}

func membersJSONKind(tok json.Token) string {
	switch tok := tok.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	case json.Delim:
		if tok == '{' {
			return "an object"
		}
		return "a list"
	default:
		return "a number"
	}
}

// membersYAMLErrLine matches the position prefix of go.yaml.in/yaml errors.
var membersYAMLErrLine = regexp.MustCompile(`^yaml: line (\d+): `)

func (p *membersParser) parseYAML() error {
	var doc yaml.Node
	if err := yaml.Unmarshal(p.data, &doc); err != nil {
		msg := err.Error()
		if m := membersYAMLErrLine.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			// at the end, yaml counts one line past the last
			line = min(line, membersYAMLLines(p.data))
			return p.errAt(line, 0, "%s", msg[len(m[0]):])
		}
		return p.errAt(0, 0, "%s", strings.TrimPrefix(msg, "yaml: "))
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return p.errAt(0, 0, "no members: the file is empty")
	}
	root := membersYAMLDeref(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return p.errAt(0, 0, "no members: the file is empty")
	}
	if root.Kind != yaml.SequenceNode {
		return p.errAt(root.Line, root.Column, "want a list of members, found %s", membersYAMLKind(root))
	}
	for _, item := range root.Content {
		item = membersYAMLDeref(item)
		if item.Kind != yaml.MappingNode {
			return p.errAt(item.Line, item.Column, "member %d is %s, not a mapping with keys like first_name", len(p.members)+1, membersYAMLKind(item))
		}
		m, err := p.add(item.Line, item.Column)
		if err != nil {
			return err
		}
		var seen memberKeySet
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := membersYAMLDeref(item.Content[i]), membersYAMLDeref(item.Content[i+1])
			if k.Kind != yaml.ScalarNode {
				return p.errAt(k.Line, k.Column, "a key is %s: keys must be names like first_name", membersYAMLKind(k))
			}
			f, msg := lookupMemberField(k.Value, "key")
			if msg == "" {
				msg = seen.check(f, k.Value, "key")
			}
			if msg != "" {
				return p.errAt(k.Line, k.Column, "%s", msg)
			}
			if v.Kind != yaml.ScalarNode {
				if f == memberIgnored {
					continue
				}
				return p.errAt(v.Line, v.Column, "%s must be text, not %s", memberKeyText(k.Value), membersYAMLKind(v))
			}
			val := v.Value
			if v.ShortTag() == "!!null" {
				val = ""
			}
			if msg := m.set(f, val); msg != "" {
				return p.errAt(v.Line, v.Column, "%s", msg)
			}
		}
	}
	if len(p.members) == 0 {
		return p.errAt(root.Line, root.Column, "no members: the list is empty")
	}
	return nil
}

// membersYAMLLines counts lines the way YAML does: CR LF, CR, LF, NEL,
// U+2028 and U+2029 each end one.
func membersYAMLLines(data []byte) int {
	n := 1
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			n++
		case data[i] == '\n':
			n++
		case bytes.HasPrefix(data[i:], []byte("\u0085")), bytes.HasPrefix(data[i:], []byte("\u2028")), bytes.HasPrefix(data[i:], []byte("\u2029")):
			n++
		}
	}
	return n
}

// membersYAMLDeref follows an alias to the node it names.
func membersYAMLDeref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func membersYAMLKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	default:
		return "a single value"
	}
}
