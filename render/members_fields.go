package render

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/render/escape"
)

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
	keys := make([]string, len(memberKeys))
	for i, k := range memberKeys {
		if k.key == norm {
			return k.field, ""
		}
		keys[i] = k.key
	}
	// suggest only within two edits, and not for names of three letters
	if k := Nearest(norm, keys, 2); k != "" && len(norm) > 3 {
		i := slices.Index(keys, k)
		suggest := memberFieldNames[memberKeys[i].field]
		if suggest == "" {
			suggest = k
		}
		return 0, fmt.Sprintf("unknown %s %s: %s", what, escape.Excerpt(key), DidYouMean(suggest))
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
