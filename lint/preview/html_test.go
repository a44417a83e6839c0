package preview

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile is copy and members written to break out of the page.
var hostile = map[string]string{
	"members.csv": "first_name,last_name,job_title,company_name,industry\n" +
		"<script>alert(1)</script>,</script><script>alert(2)</script>,\"\"\"><img src=x onerror=alert(3)>\",Acme\u202e evil,x\n",
	"ad.md": "---\nformat: message\nsender: \"Dana <b>Reyes</b>\"\n" +
		"subject: \"\\\"><img src=x onerror=alert(1)> %FIRSTNAME%\\u001b[2J\\u007f\\u2028\"\n" +
		"members: members.csv\n---\n" +
		"Hi %FIRSTNAME% %LASTNAME%, as %JOBTITLE% at %COMPANYNAME%: <svg onload=alert(4)>\n\n" +
		"See [this](javascript:alert(5)) ok?\n\n- [Click <i>me</i>](javascript:alert(6))\n",
	"conv.md": "---\nformat: conversation\nsender: Dana Reyes\nsubject: \"Hi\"\n---\n" +
		"# <svg onload=alert(7)>\nWhich?\n\n- [<img src=x onerror=alert(8)>](#next)\n\n# Next\nDone?\n\n- [Go](https://example.com)\n",
}

func writePage(t *testing.T, p *Page) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, p); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var dataScript = regexp.MustCompile(`(?s)<script type="application/json" id="il-data">(.*?)</script>`)

func TestPageEscapesEverything(t *testing.T) {
	page, _ := build(t, hostile, Options{})
	out := writePage(t, page)

	// markup from the files never becomes markup
	if n := strings.Count(out, "<script"); n != 2 {
		t.Errorf("%d <script elements, want the page's own 2", n)
	}
	for _, bad := range []string{"<img", "<b>", "<i>", "<svg onload", "</script><script", "href=\"javascript", "onerror=\"", "onload=\""} {
		if strings.Contains(out, bad) {
			i := strings.Index(out, bad)
			t.Errorf("the page contains %q: …%s…", bad, out[max(0, i-60):min(len(out), i+60)])
		}
	}
	if n, want := strings.Count(out, "<svg"), 1+len(page.Flows); n != want {
		t.Errorf("%d <svg elements, want %d (the marker defs and one per flow map)", n, want)
	}
	// no raw control character, bidi override or line separator anywhere
	for i, r := range out {
		if r == utf8.RuneError || r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x202e || r == 0x2028 {
			t.Fatalf("raw %U at byte %d: …%q…", r, i, out[max(0, i-40):min(len(out), i+40)])
		}
	}

	// the data round-trips: the page's script reads the copy exactly
	m := dataScript.FindStringSubmatch(out)
	if m == nil {
		t.Fatal("no data script")
	}
	var got Page
	if err := json.Unmarshal([]byte(m[1]), &got); err != nil {
		t.Fatalf("the data is not JSON: %v", err)
	}
	f := file(t, &got, "ad.md")
	c := f.Variants[0].Cards[0]
	if want := "\"><img src=x onerror=alert(1)> <script>alert(1)</script>\x1b[2J\x7f\u2028"; c.Subject.Text != want {
		t.Errorf("subject %q, want %q", c.Subject.Text, want)
	}
	if got.Members[0] != "<script>alert(1)</script> </script><script>alert(2)</script>" {
		t.Errorf("member %q", got.Members[0])
	}
	if b := f.Variants[0].Messages[0].Buttons[0]; b.Kind != "invalid" || b.Target != "javascript:alert(6)" {
		t.Errorf("the javascript: button is %+v", b)
	}
	// the flow map's labels are escaped text
	if !strings.Contains(out, "&lt;svg onload=alert(7)&gt;") || !strings.Contains(out, "&lt;img src=x onerror=alert(8)&gt;") {
		t.Errorf("the flow map does not show the heading and label as text")
	}
}

func TestPageContentPolicy(t *testing.T) {
	conv, err := os.ReadFile("../../testdata/examples/software-demo.md")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := build(t, map[string]string{"conv.md": string(conv)}, Options{})
	out := writePage(t, page)
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(out)
	if csp == nil {
		t.Fatal("no Content-Security-Policy")
	}
	policy := html.UnescapeString(csp[1])
	sum := func(s string) string {
		h := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
	}
	// the hashes are of the script and style as they are in the page
	script := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindStringSubmatch(out)
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(out)
	if script == nil || style == nil {
		t.Fatal("no inline script or style")
	}
	for _, want := range []string{"default-src 'none'", "script-src " + sum(script[1]), "style-src " + sum(style[1]), "connect-src 'none'", "img-src 'none'"} {
		if !strings.Contains(policy, want) {
			t.Errorf("policy %q lacks %q", policy, want)
		}
	}
	page.Live = true
	if out := writePage(t, page); !strings.Contains(out, "connect-src &#39;self&#39;") {
		t.Errorf("the live page may not connect to its server")
	}
	// self-contained: nothing is loaded from anywhere
	for _, ref := range []string{" src=", "href=\"http", "@import", "url(http", "<link", "<iframe", "<object"} {
		if strings.Contains(out, ref) {
			t.Errorf("the page refers to something outside: %q", ref)
		}
	}
}

func TestPageDeterministic(t *testing.T) {
	files := map[string]string{"ad.md": hostile["ad.md"], "conv.md": hostile["conv.md"], "members.csv": hostile["members.csv"]}
	for i := 0; i < 6; i++ {
		files[fmt.Sprintf("more/ad-%d.md", i)] = strings.Replace(serverAd, "seat", fmt.Sprintf("seat %d", i), 1)
	}
	// one core, then all of them: files are rendered in parallel
	procs := runtime.GOMAXPROCS(1)
	p1, _ := build(t, files, Options{})
	runtime.GOMAXPROCS(max(procs, 4))
	p2, _ := build(t, files, Options{})
	runtime.GOMAXPROCS(procs)
	a, b := writePage(t, p1), writePage(t, p2)
	// the temporary directories differ; nothing else may
	re := regexp.MustCompile(`/[^"]*?/((more/)?(ad|conv)(-\d)?\.md)`)
	if re.ReplaceAllString(a, "$1") != re.ReplaceAllString(b, "$1") {
		t.Errorf("two pages of the same files differ")
	}
}

func TestJSONString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{"Zoë 太郎 🚀", `"Zoë 太郎 🚀"`},
		{"a\"b\\c", `"a\"b\\c"`},
		{"<script>&</script>", `"\u003cscript\u003e\u0026\u003c/script\u003e"`},
		{"tab\tnl\ncr\resc\x1bnul\x00", `"tab\tnl\ncr\resc\u001bnul\u0000"`},
		{"x\x7fy", `"x\u007fy"`},
		{"\u0085\u202e\u2066\u200f\u061c", `"\u0085\u202e\u2066\u200f\u061c"`},
		{"\u2028\u2029", `"\u2028\u2029"`},
		{"bad \xff byte", `"bad \ufffd byte"`},
	}
	for _, tt := range tests {
		var b jsonBuf
		b.str(tt.in)
		if string(b) != tt.want {
			t.Errorf("str(%q) = %s, want %s", tt.in, b, tt.want)
		}
		var back string
		if err := json.Unmarshal(b, &back); err != nil || back != strings.ToValidUTF8(tt.in, "\ufffd") {
			t.Errorf("%s decodes to %q, %v", b, back, err)
		}
	}
}

// TestPageJSONIsEncodingJSON: the hand-written encoder writes what
// encoding/json writes for the page's types.
func TestPageJSONIsEncodingJSON(t *testing.T) {
	conv, err := os.ReadFile("../../testdata/examples/software-demo-flawed.md")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"conv.md": string(conv)}
	for k, v := range hostile {
		files[k] = v
	}
	page, _ := build(t, files, Options{})
	page.Live, page.Version, page.Errors = true, 7, []string{"x.md: cannot read"}
	ours, err := pageData{page}.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := json.Marshal(page)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(ours, &a); err != nil {
		t.Fatalf("ours is not JSON: %v", err)
	}
	if err := json.Unmarshal(theirs, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		ja, _ := json.MarshalIndent(a, "", " ")
		jb, _ := json.MarshalIndent(b, "", " ")
		la, lb := strings.Split(string(ja), "\n"), strings.Split(string(jb), "\n")
		for i := 0; i < len(la) && i < len(lb); i++ {
			if la[i] != lb[i] {
				t.Fatalf("the encodings differ at line %d: %s, encoding/json: %s", i, la[i], lb[i])
			}
		}
		t.Fatalf("the encodings differ in length: %d and %d lines", len(la), len(lb))
	}
}
