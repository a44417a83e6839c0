package render

import (
	"slices"
	"strings"
	"testing"
)

// German and French Excel write ";" between columns (the comma is their
// decimal mark); a sheet saved as text has tabs. Both are read like a
// comma-separated file, a value that holds another of the delimiters
// included.
func TestParseMembersCSVDelimiters(t *testing.T) {
	want := []Member{
		{FirstName: "Ana", LastName: "López", JobTitle: "CTO, EMEA", CompanyName: "Acme; Söhne", idx: 1},
		{FirstName: "Jörg", LastName: "Maier", JobTitle: "Leiter", CompanyName: "Müller GmbH", idx: 2},
	}
	for name, in := range map[string]string{
		"comma":           "first_name,last_name,job_title,company_name\nAna,López,\"CTO, EMEA\",Acme; Söhne\nJörg,Maier,Leiter,Müller GmbH\n",
		"semicolon excel": "first_name;last_name;job_title;company_name\r\nAna;López;CTO, EMEA;\"Acme; Söhne\"\r\nJörg;Maier;Leiter;Müller GmbH\r\n",
		"tab":             "First Name\tLast Name\tJob Title\tCompany Name\nAna\tLópez\tCTO, EMEA\tAcme; Söhne\nJörg\tMaier\tLeiter\tMüller GmbH\n",
		"quoted header":   "\"first_name\";\"last_name\";\"job_title\";\"company_name\"\nAna;López;CTO, EMEA;\"Acme; Söhne\"\nJörg;Maier;Leiter;Müller GmbH\n",
	} {
		got, err := ParseMembers("members.csv", "csv", []byte(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
		}
	}
	// a semicolon file is split into columns, so an unknown one is named
	// alone, not the whole header as one column
	_, err := ParseMembers("members.csv", "csv", []byte("Vorname;last_name\nAna;Lopez\n"))
	if err == nil || !strings.HasPrefix(err.Error(), `members.csv:1:1: unknown column "Vorname": `) {
		t.Errorf("unknown column in a semicolon file: %v", err)
	}
}

func TestCSVDelimiter(t *testing.T) {
	for in, want := range map[string]rune{
		"":                     ',',
		"first_name\n":         ',',
		"a,b;c\n":              ',',
		"a;b;c\nx,y,z,w,v\n":   ';',
		"a\tb\tc,d\n":          '\t',
		"\"a,b,c\";d;e\n":      ';',
		"\"x;\ny;\";a,b\n":     ',',
		"first_name;last_name": ';',
	} {
		if got := csvDelimiter([]byte(in)); got != want {
			t.Errorf("csvDelimiter(%q) = %q, want %q", in, got, want)
		}
	}
}
