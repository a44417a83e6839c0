package render

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// membersCase is one ParseMembers input with either the members it must
// produce or the exact error.
type membersCase struct {
	name    string
	in      string
	want    []Member
	wantErr string
}

func runMembersCases(t *testing.T, file, format string, cases []membersCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMembers(file, format, []byte(tt.in))
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseMembers succeeded with %+v, want error %q", got, tt.wantErr)
				}
				if err.Error() != tt.wantErr {
					t.Fatalf("ParseMembers error:\n got %q\nwant %q", err.Error(), tt.wantErr)
				}
				var me *FileError
				if !errors.As(err, &me) {
					t.Errorf("error is %T, want *FileError", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseMembers: %v", err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ParseMembers:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseMembersCSVHeaders(t *testing.T) {
	want := []Member{{FirstName: "Ana", LastName: "Lopez", JobTitle: "CTO", CompanyName: "Acme", Industry: "Retail", idx: 1}}
	for _, header := range []string{
		"first_name,last_name,job_title,company_name,industry",
		"FirstName,LastName,JobTitle,CompanyName,Industry",
		"First Name,Last Name,Job Title,Company Name,Industry",
		"FIRST-NAME,LAST-NAME,JOB-TITLE,COMPANY-NAME,INDUSTRY",
		" first name , last_Name ,Title,Company,industry",
		"Industry,Company,Title,Last Name,First Name",
	} {
		in := header + "\nAna,Lopez,CTO,Acme,Retail\n"
		if strings.HasPrefix(header, "Industry") {
			in = header + "\nRetail,Acme,CTO,Lopez,Ana\n"
		}
		got, err := ParseMembers("members.csv", "csv", []byte(in))
		if err != nil {
			t.Errorf("header %q: %v", header, err)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("header %q:\n got %+v\nwant %+v", header, got, want)
		}
	}
}

func TestParseMembersCSV(t *testing.T) {
	runMembersCases(t, "members.csv", "csv", []membersCase{
		{
			name: "byte order mark",
			in:   "\ufefffirst_name,last_name\nAna,Lopez\n",
			want: []Member{{FirstName: "Ana", LastName: "Lopez", idx: 1}},
		},
		{
			// a newline is refused in a value that reaches the copy, not
			// in a column that is ignored
			name: "quoted field with comma, and newline in an ignored column",
			in:   "first_name,company,notes\n\"Ana\",\"Acme, Corp\",\"met at\nbooth\"\nBo,Beta,\n",
			want: []Member{{FirstName: "Ana", CompanyName: "Acme, Corp", idx: 1}, {FirstName: "Bo", CompanyName: "Beta", idx: 2}},
		},
		{
			name:    "line numbers count the newline inside quotes",
			in:      "first_name,notes\nAna,\"met at\nbooth\"\nBo\n",
			wantErr: "members.csv:4: row has 1 field, the header has 2",
		},
		{
			name:    "quoted newline in a value",
			in:      "first_name,company\nAna,\"Acme\nCorp\"\nBo\n",
			wantErr: "members.csv:2:5: company_name holds a line break: write each value on one line",
		},
		{
			name:    "quoted CRLF in a value",
			in:      "first_name,company\r\nAna,\"Acme\r\nCorp\"\r\n",
			wantErr: "members.csv:2:5: company_name holds a line break: write each value on one line",
		},
		{
			name:    "lone CR in a value",
			in:      "first_name,last_name\nAna,\"Lee\rJr\"\n",
			wantErr: "members.csv:2:5: last_name holds a line break: write each value on one line",
		},
		{
			name:    "line separator in a value",
			in:      "first_name\nAna\u2028::error file=x::forged\n",
			wantErr: "members.csv:2:1: first_name holds a line break: write each value on one line",
		},
		{
			name:    "paragraph separator in a value",
			in:      "job_title\nCTO\u2029x\n",
			wantErr: "members.csv:2:1: job_title holds a line break: write each value on one line",
		},
		{
			name:    "next line (NEL) in a value",
			in:      "industry\nRetail\u0085x\n",
			wantErr: "members.csv:2:1: industry holds a line break: write each value on one line",
		},
		{
			name:    "escape sequence in a value",
			in:      "first_name,last_name\nAna,Lee\x1b[2K\n",
			wantErr: `members.csv:2:5: last_name holds the control character "\x1b": remove it`,
		},
		{
			name:    "DEL in a value",
			in:      "first_name\nA\x7fna\n",
			wantErr: `members.csv:2:1: first_name holds the control character "\x7f": remove it`,
		},
		{
			name:    "C1 control in a value",
			in:      "first_name\nA\u009bna\n",
			wantErr: `members.csv:2:1: first_name holds the control character "\u009b": remove it`,
		},
		{
			name:    "NUL byte",
			in:      "first_name\nAna\x00Lee\n",
			wantErr: "members.csv:2:4: the file holds a NUL byte, so it is not a members file: save the members as UTF-8 text (CSV, JSON or YAML)",
		},
		{
			name: "tabs and surrounding line breaks are fine",
			in:   "first_name,last_name\nAna\tMaria,\"\nLee\n\"\n",
			want: []Member{{FirstName: "Ana\tMaria", LastName: "Lee", idx: 1}},
		},
		{
			name:    "a long unknown column is quoted as an excerpt",
			in:      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nx\n",
			wantErr: `members.csv:1:1: unknown column "PATH=/usr/local/sbin:/usr/local/bin:/usr"…: use first_name, last_name, job_title, company_name, industry or personalization`,
		},
		{
			name:    "an unknown column with control characters is escaped",
			in:      "\"a\x1b]0;x\x07\"\nx\n",
			wantErr: `members.csv:1:1: unknown column "a\x1b]0;x\a": use first_name, last_name, job_title, company_name, industry or personalization`,
		},
		{
			name:    "a long personalization value is quoted as an excerpt",
			in:      "first_name,personalization\nAna," + strings.Repeat("s", 100) + "\n",
			wantErr: `members.csv:2:5: personalization is "` + strings.Repeat("s", 40) + `"…: use on or off`,
		},
		{
			name:    "a long column twice is quoted as an excerpt",
			in:      "first_name,\"first name" + strings.Repeat(" ", 60) + "\"\nAna,Ana\n",
			wantErr: `members.csv:1:12: column "first name` + strings.Repeat(" ", 30) + `"… repeats "first_name": both set first_name`,
		},
		{
			name:    "ragged row",
			in:      "first_name,last_name,job_title,company_name,industry\nAna,Lopez,CTO,Acme,Retail\nBo,Berg,CEO,Beta,Banking\nCy,Chan,COO\n",
			wantErr: "members.csv:4: row has 3 fields, the header has 5",
		},
		{
			name:    "row with too many fields",
			in:      "first_name\nAna,Lopez\n",
			wantErr: "members.csv:2: row has 2 fields, the header has 1",
		},
		{
			name: "blank and empty rows are skipped",
			in:   "first_name,last_name\n\nAna,Lopez\n , \n,\n\n\n",
			want: []Member{{FirstName: "Ana", LastName: "Lopez", idx: 1}},
		},
		{
			name: "crlf line endings and trimmed values",
			in:   "first_name, last_name\r\n  Ana ,  Lopez \r\n",
			want: []Member{{FirstName: "Ana", LastName: "Lopez", idx: 1}},
		},
		{
			name: "ignored columns",
			in:   "ID,Email,first_name,Notes\n7,ana@example.com,Ana,met at booth\n",
			want: []Member{{FirstName: "Ana", idx: 1}},
		},
		{
			name: "personalization values",
			in:   "first_name,personalization\nA,off\nB,FALSE\nC,no\nD,0\nE,on\nF,\nG,Yes\nH,1\nI,true\n",
			want: []Member{
				{FirstName: "A", Off: true, idx: 1}, {FirstName: "B", Off: true, idx: 2},
				{FirstName: "C", Off: true, idx: 3}, {FirstName: "D", Off: true, idx: 4},
				{FirstName: "E", idx: 5}, {FirstName: "F", idx: 6}, {FirstName: "G", idx: 7},
				{FirstName: "H", idx: 8}, {FirstName: "I", idx: 9},
			},
		},
		{
			name:    "bad personalization",
			in:      "first_name,personalization\nAna,maybe\n",
			wantErr: `members.csv:2:5: personalization is "maybe": use on or off`,
		},
		{
			name:    "unknown column with suggestion",
			in:      "first_name,frist_name\nAna,Ana\n",
			wantErr: `members.csv:1:12: unknown column "frist_name": did you mean "first_name"?`,
		},
		{
			name:    "unknown column suggests the canonical name for an alias",
			in:      "Compnay\nAcme\n",
			wantErr: `members.csv:1:1: unknown column "Compnay": did you mean "company_name"?`,
		},
		{
			name:    "unknown column",
			in:      "first_name,phone\nAna,555\n",
			wantErr: `members.csv:1:12: unknown column "phone": use first_name, last_name, job_title, company_name, industry or personalization`,
		},
		{
			name:    "column position counts characters",
			in:      "first_name,personalization\nJosé,maybe\n",
			wantErr: `members.csv:2:6: personalization is "maybe": use on or off`,
		},
		{
			name:    "column without a name",
			in:      "first_name,,industry\nAna,,Retail\n",
			wantErr: `members.csv:1:12: a column has no name: use first_name, last_name, job_title, company_name, industry or personalization`,
		},
		{
			name:    "same column twice",
			in:      "industry,Industry\nRetail,Retail\n",
			wantErr: `members.csv:1:10: column "Industry" repeats "industry": both set industry`,
		},
		{
			name:    "alias and full name",
			in:      "title,Job Title\nCEO,CEO\n",
			wantErr: `members.csv:1:7: column "Job Title" repeats "title": both set job_title`,
		},
		{
			name:    "identical column twice",
			in:      "industry,industry\nRetail,Retail\n",
			wantErr: `members.csv:1:10: column "industry" appears twice`,
		},
		{
			name:    "bare quote",
			in:      "first_name,last_name\nAna,Lo\"pez\n",
			wantErr: `members.csv:2:7: bare " in non-quoted-field: put the field in double quotes and write a quote inside it as ""`,
		},
		{
			name:    "unclosed quote",
			in:      "first_name,last_name\nJosé,\"Lopez\nBo,Berg\n",
			wantErr: `members.csv:3:8: extraneous or missing " in quoted-field: close the quoted field, and write a quote inside it as ""`,
		},
		{
			name:    "not utf-8",
			in:      "first_name\nJos\xe9\n",
			wantErr: "members.csv:2:4: text is not valid UTF-8: save the file as UTF-8",
		},
		{
			name:    "empty file",
			in:      "",
			wantErr: "members.csv: no members: the file is empty",
		},
		{
			name:    "header only",
			in:      "First Name,Last Name\n\n",
			wantErr: "members.csv: no members: add rows below the header",
		},
	})
}

func TestParseMembersJSON(t *testing.T) {
	runMembersCases(t, "members.json", "json", []membersCase{
		{
			name: "good",
			in: `[
  {"First Name": " Ana ", "lastName": "Lopez", "title": "CTO", "company": "Acme", "industry": null, "id": 7},
  {"first_name": "Bo", "personalization": false},
  {"first_name": "Cy", "personalization": "OFF", "notes": "x"},
  {"first_name": "Di", "personalization": true},
  {}
]`,
			want: []Member{
				{FirstName: "Ana", LastName: "Lopez", JobTitle: "CTO", CompanyName: "Acme", idx: 1},
				{FirstName: "Bo", Off: true, idx: 2},
				{FirstName: "Cy", Off: true, idx: 3},
				{FirstName: "Di", idx: 4},
				{idx: 5},
			},
		},
		{
			name: "byte order mark and crlf",
			in:   "\ufeff[\r\n{\"first_name\": \"Ana\"}\r\n]\r\n",
			want: []Member{{FirstName: "Ana", idx: 1}},
		},
		{
			name:    "not a list",
			in:      `{"first_name": "Ana"}`,
			wantErr: "members.json:1:1: want a list of members, found an object",
		},
		{
			name:    "member not an object",
			in:      "[\n  {\"first_name\": \"Ana\"},\n  \"Bo\"\n]",
			wantErr: `members.json:3:3: member 2 is a string, not an object with keys like "first_name"`,
		},
		{
			name:    "unknown key",
			in:      "[\n  {\"first_name\": \"Ana\", \"compnay\": \"Acme\"}\n]",
			wantErr: `members.json:2:25: unknown key "compnay": did you mean "company_name"?`,
		},
		{
			name:    "number value",
			in:      `[{"first_name": 42}]`,
			wantErr: "members.json:1:17: first_name must be a string, not a number",
		},
		{
			name:    "object value",
			in:      `[{"company": {"name": "Acme"}}]`,
			wantErr: "members.json:1:14: company must be a string, not an object",
		},
		{
			name:    "boolean name",
			in:      `[{"first_name": true}]`,
			wantErr: "members.json:1:17: first_name must be a string, not a boolean",
		},
		{
			name:    "bad personalization type",
			in:      `[{"personalization": 0}]`,
			wantErr: `members.json:1:22: personalization must be true, false, "on" or "off", not a number`,
		},
		{
			name:    "bad personalization text",
			in:      `[{"personalization": "sometimes"}]`,
			wantErr: `members.json:1:22: personalization is "sometimes": use on or off`,
		},
		{
			name:    "alias repeats a key",
			in:      `[{"title": "CEO", "job_title": "CEO"}]`,
			wantErr: `members.json:1:19: key "job_title" repeats "title": both set job_title`,
		},
		{
			name:    "escaped newline in a value",
			in:      `[{"first_name": "Ana\n::error file=a.md::forged"}]`,
			wantErr: `members.json:1:17: first_name holds a line break: write each value on one line`,
		},
		{
			name:    "raw line separator in a value",
			in:      "[{\"company\": \"Acme\u2028Corp\"}]",
			wantErr: `members.json:1:14: company_name holds a line break: write each value on one line`,
		},
		{
			name:    "escape sequence in a value",
			in:      `[{"last_name": "Lee\u001b[31m"}]`,
			wantErr: `members.json:1:16: last_name holds the control character "\x1b": remove it`,
		},
		{
			name:    "a long unknown key is quoted as an excerpt",
			in:      `[{"GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz": "x"}]`,
			wantErr: `members.json:1:3: unknown key "GITHUB_TOKEN=ghp_0123456789abcdefghijklm"…: use first_name, last_name, job_title, company_name, industry or personalization`,
		},
		{
			name:    "a key with a line break is escaped where it is named",
			in:      `[{"first\nname": 1}]`,
			wantErr: `members.json:1:18: "first\nname" must be a string, not a number`,
		},
		{
			name:    "syntax error",
			in:      "[\n  {\"first_name\": \"Ana\",}\n]",
			wantErr: "members.json:2:24: invalid character '}' looking for beginning of object key string",
		},
		{
			name:    "syntax error column counts characters",
			in:      "[{\"first_name\": \"José\" \"x\"}]",
			wantErr: "members.json:1:24: invalid character '\"' after object key:value pair",
		},
		{
			name:    "truncated",
			in:      `[{"first_name": "Ana"`,
			wantErr: "members.json:1:22: unexpected end of JSON: a list or object is not closed",
		},
		{
			name:    "text after the list",
			in:      "[{\"first_name\": \"Ana\"}]\nx",
			wantErr: "members.json:2:1: unexpected text after the list of members",
		},
		{
			name:    "empty list",
			in:      " []",
			wantErr: "members.json:1:2: no members: the list is empty",
		},
		{
			name:    "empty file",
			in:      "\n",
			wantErr: "members.json: no members: the file is empty",
		},
	})
}

func TestParseMembersYAML(t *testing.T) {
	runMembersCases(t, "members.yaml", "yaml", []membersCase{
		{
			name: "good",
			in: `- first_name: Ana
  Last Name: " Lopez "
  JobTitle: CTO
  company: &acme Acme
  industry: ~
  email: ana@example.com
- first_name: Bo
  company_name: *acme
  personalization: off
- first_name: Cy
  personalization: false
- first_name: Di
  personalization: true
  id: 4
  notes: [met at booth]
`,
			want: []Member{
				{FirstName: "Ana", LastName: "Lopez", JobTitle: "CTO", CompanyName: "Acme", idx: 1},
				{FirstName: "Bo", CompanyName: "Acme", Off: true, idx: 2},
				{FirstName: "Cy", Off: true, idx: 3},
				{FirstName: "Di", idx: 4},
			},
		},
		{
			name: "flow style",
			in:   `[{first_name: Ana}, {first_name: Bo}]`,
			want: []Member{{FirstName: "Ana", idx: 1}, {FirstName: "Bo", idx: 2}},
		},
		{
			name:    "not a list",
			in:      "members:\n  - first_name: Ana\n",
			wantErr: "members.yaml:1:1: want a list of members, found a mapping",
		},
		{
			name:    "member not a mapping",
			in:      "- first_name: Ana\n- Bo\n",
			wantErr: "members.yaml:2:3: member 2 is a single value, not a mapping with keys like first_name",
		},
		{
			name:    "unknown key",
			in:      "- first_name: Ana\n  lastname: Lopez\n  jobtitel: CTO\n",
			wantErr: `members.yaml:3:3: unknown key "jobtitel": did you mean "job_title"?`,
		},
		{
			name:    "list value",
			in:      "- first_name: [Ana, Bo]\n",
			wantErr: "members.yaml:1:15: first_name must be text, not a list",
		},
		{
			name:    "bad personalization",
			in:      "- first_name: Ana\n  personalization: maybe\n",
			wantErr: `members.yaml:2:20: personalization is "maybe": use on or off`,
		},
		{
			name:    "same key twice",
			in:      "- first_name: Ana\n  first_name: Bo\n",
			wantErr: `members.yaml:2:3: key "first_name" appears twice`,
		},
		{
			name:    "line break in a value",
			in:      "- first_name: \"Ana\\nLee\"\n",
			wantErr: `members.yaml:1:15: first_name holds a line break: write each value on one line`,
		},
		{
			name:    "literal block value",
			in:      "- company: |\n    Acme\n    ::error file=a.md::forged\n",
			wantErr: `members.yaml:1:12: company_name holds a line break: write each value on one line`,
		},
		{
			name:    "control character in a value",
			in:      "- industry: \"Retail\\e[2K\"\n",
			wantErr: `members.yaml:1:13: industry holds the control character "\x1b": remove it`,
		},
		{
			name:    "a long key is quoted as an excerpt",
			in:      "- " + strings.Repeat("k", 200) + ": x\n",
			wantErr: `members.yaml:1:3: unknown key "` + strings.Repeat("k", 40) + `"…: use first_name, last_name, job_title, company_name, industry or personalization`,
		},
		{
			name:    "non-scalar key",
			in:      "- [a]: Ana\n",
			wantErr: "members.yaml:1:3: a key is a list: keys must be names like first_name",
		},
		{
			name:    "syntax error",
			in:      "- first_name: Ana\n  last_name: \"Lopez\n",
			wantErr: "members.yaml:2: found unexpected end of stream",
		},
		{
			name:    "syntax error without a line",
			in:      "\t- first_name: Ana\n",
			wantErr: "members.yaml: found character that cannot start any token",
		},
		{
			name:    "empty list",
			in:      "# nobody yet\n[]\n",
			wantErr: "members.yaml:2:1: no members: the list is empty",
		},
		{
			name:    "only comments",
			in:      "# nobody yet\n",
			wantErr: "members.yaml: no members: the file is empty",
		},
	})
}

func TestParseMembersLimits(t *testing.T) {
	big := make([]byte, MaxMembersFileSize+1)
	if _, err := ParseMembers("big.csv", "csv", big); err == nil || err.Error() != "big.csv: members file is larger than the 10 MB limit: keep a few representative members" {
		t.Errorf("oversized file: error %v", err)
	}

	var b strings.Builder
	b.WriteString("first_name\n")
	for range MaxMembers {
		b.WriteString("a\n")
	}
	ms, err := ParseMembers("many.csv", "csv", []byte(b.String()))
	if err != nil || len(ms) != MaxMembers {
		t.Fatalf("exactly MaxMembers: got %d members, %v", len(ms), err)
	}
	if got := ms[MaxMembers-1].Label(); got != "a" {
		t.Errorf("last member label = %q", got)
	}
	b.WriteString("a\n")
	if _, err := ParseMembers("many.csv", "csv", []byte(b.String())); err == nil || err.Error() != "many.csv:100002: too many members: the limit is 100000" {
		t.Errorf("MaxMembers+1: error %v", err)
	}
}

func TestParseMembersFormat(t *testing.T) {
	if _, err := ParseMembers("members.toml", "toml", []byte("x")); err == nil || err.Error() != `members.toml: unknown members format "toml": use csv, json or yaml` {
		t.Errorf("unknown format: error %v", err)
	}
	ms, err := ParseMembers("m.yml", "yml", []byte("- first_name: Ana\n"))
	if err != nil || len(ms) != 1 {
		t.Errorf("yml format: %v, %v", ms, err)
	}
}

// loadMembersFile reads a members file the way lint does, minus the
// confinement (package lint/repofs, tested there): the format from the
// name, then ParseMembers.
func loadMembersFile(path string) ([]Member, error) {
	format, err := MembersFormat(path)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseMembers(path, format, data)
}

func TestMembersFiles(t *testing.T) {
	csvMembers, err := loadMembersFile(filepath.Join("..", "testdata", "members", "members.csv"))
	if err != nil {
		t.Fatal(err)
	}
	wantCSV := []Member{
		{FirstName: "Emily", LastName: "Carter", JobTitle: "Marketing Director", CompanyName: "Northwind Analytics", Industry: "Software Development", idx: 1},
		{FirstName: "José", LastName: "Álvarez", JobTitle: "Senior Vice President, Global Demand Generation and Revenue Operations", CompanyName: "Grupo Solaris Telecomunicaciones", Industry: "Telecommunications", idx: 2},
		{FirstName: "Marcus", LastName: "Johnson", JobTitle: "Independent Consultant", Industry: "Business Consulting and Services", idx: 3},
	}
	if !slices.Equal(csvMembers, wantCSV) {
		t.Errorf("members.csv:\n got %+v\nwant %+v", csvMembers, wantCSV)
	}

	jsonMembers, err := loadMembersFile(filepath.Join("..", "testdata", "members", "members.json"))
	if err != nil {
		t.Fatal(err)
	}
	wantJSON := []Member{
		{FirstName: "Alexandra", LastName: "Konstantinopoulou", JobTitle: "Head of Strategic Partnerships", CompanyName: "Konstantinopoulou & Papadimitriou International Logistics Holdings S.A.", Industry: "Transportation, Logistics, Supply Chain and Storage", idx: 1},
		{FirstName: "Sam 🚀", LastName: "Okafor", JobTitle: "Founder & CEO", CompanyName: "Launchpad Labs", Industry: "Technology, Information and Internet", idx: 2},
		{FirstName: "Jordan", LastName: "Lee", JobTitle: "Sales Manager", CompanyName: "Acme Corporation", Industry: "Retail", Off: true, idx: 3},
	}
	if !slices.Equal(jsonMembers, wantJSON) {
		t.Errorf("members.json:\n got %+v\nwant %+v", jsonMembers, wantJSON)
	}

	dir := t.TempDir()
	upper := filepath.Join(dir, "PEOPLE.YML")
	if err := os.WriteFile(upper, []byte("- first_name: Ana\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ms, err := loadMembersFile(upper); err != nil || len(ms) != 1 || ms[0].FirstName != "Ana" {
		t.Errorf("loading %s = %+v, %v", upper, ms, err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("[\n  {\"first_name\": 1}\n]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := loadMembersFile(bad); err == nil || err.Error() != bad+":2:18: first_name must be a string, not a number" {
		t.Errorf("loading bad.json: error %v", err)
	}

	for _, tt := range []struct{ name, format string }{
		{"a/members.csv", "csv"}, {"m.JSON", "json"}, {"m.yaml", "yaml"}, {"PEOPLE.YML", "yaml"},
		{"members.txt", ""}, {"members", ""}, {"members.xlsx", ""}, {"csv", ""},
	} {
		format, err := MembersFormat(tt.name)
		want := tt.name + ": cannot tell the members file's format: name it .csv, .json, .yaml or .yml"
		switch {
		case tt.format != "" && (format != tt.format || err != nil):
			t.Errorf("MembersFormat(%q) = %q, %v; want %q", tt.name, format, err, tt.format)
		case tt.format == "" && (err == nil || err.Error() != want):
			t.Errorf("MembersFormat(%q) error %v, want %q", tt.name, err, want)
		}
	}
}

func TestMemberValue(t *testing.T) {
	full := Member{FirstName: "Ana", LastName: "Lopez", JobTitle: "CTO", CompanyName: "Acme", Industry: "Retail"}
	blank := Member{FirstName: " \t", LastName: "\u00a0", JobTitle: "  ", CompanyName: "\n", Industry: " "}
	padded := Member{FirstName: " Ana ", LastName: "Lopez\n", JobTitle: " CTO", CompanyName: "Acme ", Industry: "\tRetail"}
	off := full
	off.Off = true
	tests := []struct {
		mac                             Macro
		full, empty, blank, padded, off string
	}{
		{MacroFirstName, "Ana", "LinkedIn Member", "LinkedIn Member", "Ana", "LinkedIn Member"},
		{MacroLastName, "Lopez", "LinkedIn Member", "LinkedIn Member", "Lopez", "LinkedIn Member"},
		{MacroJobTitle, "CTO", "professional", "professional", "CTO", "professional"},
		{MacroCompanyName, "Acme", "your company", "your company", "Acme", "your company"},
		{MacroIndustry, "Retail", "industry", "industry", "Retail", "industry"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			what string
			m    Member
			want string
		}{{"full", full, tt.full}, {"empty", Member{}, tt.empty}, {"blank", blank, tt.blank}, {"padded", padded, tt.padded}, {"off", off, tt.off}} {
			if got := c.m.Value(tt.mac); got != c.want {
				t.Errorf("%s member: Value(%v) = %q, want %q", c.what, tt.mac, got, c.want)
			}
		}
	}
}

func TestMemberLabel(t *testing.T) {
	loaded, err := ParseMembers("m.csv", "csv", []byte("first_name,last_name,personalization,industry\nAna,Lopez,,\n,,,Retail\n,,off,Retail\nJordan,Lee,off,\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		m    Member
		want string
	}{
		{Member{FirstName: "Alexandra", LastName: "Konstantinopoulou"}, "Alexandra Konstantinopoulou"},
		{Member{FirstName: " Ana "}, "Ana"},
		{Member{LastName: "Lopez"}, "Lopez"},
		{Member{FirstName: "太郎", LastName: "山田"}, "太郎 山田"},
		{Member{Industry: "Retail"}, "unnamed member"},
		{Member{Off: true}, "unnamed member (personalization off)"},
		{loaded[0], "Ana Lopez"},
		{loaded[1], "member 2"},
		{loaded[2], "member 3 (personalization off)"},
		{loaded[3], "Jordan Lee (personalization off)"},
	}
	for _, tt := range tests {
		if got := tt.m.Label(); got != tt.want {
			t.Errorf("%+v.Label() = %q, want %q", tt.m, got, tt.want)
		}
	}
}

func TestDefaultMembers(t *testing.T) {
	ms := DefaultMembers()
	if n := len(ms); n < 10 || n > 15 {
		t.Errorf("DefaultMembers has %d members, want about a dozen", n)
	}

	first := ms[0]
	if first.Off || first.FirstName == "" || first.LastName == "" || first.JobTitle == "" || first.CompanyName == "" || first.Industry == "" {
		t.Errorf("first member %+v should be plain and complete", first)
	}
	for _, v := range []string{first.FirstName, first.LastName, first.JobTitle, first.CompanyName, first.Industry} {
		if Count(v, CountUTF16) != len(v) || len(v) > 30 {
			t.Errorf("first member value %q is not plain ASCII of ordinary length", v)
		}
	}

	has := func(what string, pred func(m Member) bool) {
		t.Helper()
		for _, m := range ms {
			if pred(m) {
				return
			}
		}
		t.Errorf("no default member with %s", what)
	}
	names := func(m Member) string { return m.FirstName + m.LastName }
	anyRune := func(s string, pred func(r rune) bool) bool { return strings.IndexFunc(s, pred) >= 0 }
	inScript := func(tab *unicode.RangeTable) func(m Member) bool {
		return func(m Member) bool { return anyRune(names(m), func(r rune) bool { return unicode.Is(tab, r) }) }
	}

	has("Alexandra Konstantinopoulou", func(m Member) bool { return m.Label() == "Alexandra Konstantinopoulou" })
	has("a company name over 60 UTF-16 units", func(m Member) bool { return Count(m.CompanyName, CountUTF16) > 60 })
	has("a job title of 50+ UTF-16 units", func(m Member) bool { return Count(m.JobTitle, CountUTF16) >= 50 })
	has("an accented Latin name", func(m Member) bool {
		return anyRune(names(m), func(r rune) bool { return r > unicode.MaxASCII && unicode.Is(unicode.Latin, r) })
	})
	has("a Han name", inScript(unicode.Han))
	has("an Arabic name", inScript(unicode.Arabic))
	has("a Cyrillic name", inScript(unicode.Cyrillic))
	has("a Devanagari name", inScript(unicode.Devanagari))
	has("a name whose graphemes and code points differ", func(m Member) bool {
		return Count(names(m), CountGraphemes) != Count(names(m), CountCodePoints)
	})
	has("a first name with a rune above U+FFFF", func(m Member) bool {
		return anyRune(m.FirstName, func(r rune) bool { return r > 0xFFFF })
	})
	has("a non-Latin company name", func(m Member) bool {
		return anyRune(m.CompanyName, func(r rune) bool { return unicode.In(r, unicode.Han, unicode.Katakana, unicode.Cyrillic) })
	})
	has("a missing job title", func(m Member) bool { return !m.Off && m.JobTitle == "" && m.Value(MacroJobTitle) == "professional" })
	has("a missing company", func(m Member) bool {
		return !m.Off && m.CompanyName == "" && m.Value(MacroCompanyName) == "your company"
	})
	has("a job title starting with a vowel sound", func(m Member) bool {
		return m.JobTitle != "" && strings.ContainsRune("AEIO", rune(m.JobTitle[0]))
	})
	has("a job title starting with a consonant sound", func(m Member) bool { return strings.HasPrefix(m.JobTitle, "VP ") })
	has("an initialism job title with a vowel sound", func(m Member) bool { return strings.HasPrefix(m.JobTitle, "HR ") })
	has("a job title with a vowel letter but a consonant sound", func(m Member) bool { return strings.HasPrefix(m.JobTitle, "U") })

	var off []string
	labels := map[string]bool{}
	for i, m := range ms {
		if m.Off {
			off = append(off, m.Label())
		}
		if labels[m.Label()] {
			t.Errorf("label %q appears twice", m.Label())
		}
		labels[m.Label()] = true
		if m.idx != i+1 {
			t.Errorf("member %d has index %d", i+1, m.idx)
		}
	}
	if len(off) != 1 || off[0] != "Jordan Lee (personalization off)" {
		t.Errorf("members with personalization off: %q, want exactly one", off)
	}

	ms[0].FirstName = "changed"
	if DefaultMembers()[0].FirstName == "changed" {
		t.Error("DefaultMembers returned a shared slice; it must return a fresh copy")
	}
}

// Rows that end with a lone CR (old Mac spreadsheets) are rows, and errors
// in such a file still name the right line.
func TestParseMembersCROnly(t *testing.T) {
	ms, err := ParseMembers("mac.csv", "csv", []byte("first_name,last_name\rAna,Lopez\rBen,Okafor\r"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].FirstName != "Ana" || ms[1].LastName != "Okafor" {
		t.Errorf("members = %+v", ms)
	}
	_, err = ParseMembers("mac.csv", "csv", []byte("first_name,last_name\rAna,Lopez\rBen\r"))
	if err == nil || !strings.HasPrefix(err.Error(), "mac.csv:3: ") {
		t.Errorf("error = %v, want one on line 3", err)
	}
}
