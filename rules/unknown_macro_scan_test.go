package rules

import (
	"reflect"
	"regexp"
	"testing"
)

// The patterns the scans replace, the oracle they must agree with.
var (
	unclosedPattern    = regexp.MustCompile(`(?i)%(firstname|lastname|jobtitle|companyname|industry)\b`)
	unopenedPattern    = regexp.MustCompile(`(?i)\b(firstname|lastname|jobtitle|companyname|industry)%`)
	percentWordPattern = regexp.MustCompile(`%([A-Za-z][A-Za-z_]{1,29})%`)
)

var macroScanCases = []string{
	"",
	"%",
	"92% of teams",
	"Hi %FIRSTNAME%, your industry",
	"Hi %FIRSTNAME, and %firstname% and FIRSTNAME%",
	"%FIRSTNAMEs %FIRSTNAME_ %FIRSTNAME9 %FIRSTNAME- %FIRSTNAME",
	"xFIRSTNAME% _FIRSTNAME% 9FIRSTNAME% -FIRSTNAME% FIRSTNAME%",
	"%FIRSTNAME%LASTNAME%JOBTITLE%",
	"%industry%industry%industry",
	"%ſompanyname %firſtname %laſtname ſtname% induſtry% %INDUſTRY",
	"%Jobtitle\xff %jobtitle\u00e9 \xffjobtitle% \u00e9jobtitle% é%companyname",
	"%%firstname%% %%%lastname %first name% firstname%%",
	"%ﬁrstname %FIRSTNAMEK firstnamе%", // a ligature, a Kelvin sign, a Cyrillic е
	"50% off, 100%, %, %% and %COMPANYNAME%'s team in %INDUSTRY%",
	"%A% %AB% %A_% %_A% %a1% %FIRST_NAME% %first name% %ABC%DEF%GHI% within 5% %X%",
	"%abcdefghijklmnopqrstuvwxyzabcd% %abcdefghijklmnopqrstuvwxyzabcde% %Zabcdefghijklmnopqrstuvwxyzabc%",
	"%@% %[% %`% %{% %Ä% %éclair% %Name%%Other% %%Name% %Name",
}

func TestMacroScansMatchPatterns(t *testing.T) {
	for _, s := range macroScanCases {
		checkMacroScans(t, s)
	}
}

func checkMacroScans(t *testing.T, s string) {
	t.Helper()
	if got, want := findUnclosed(s), unclosedPattern.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
		t.Errorf("findUnclosed(%q) = %v, the pattern finds %v", s, got, want)
	}
	if got, want := findUnopened(s), unopenedPattern.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
		t.Errorf("findUnopened(%q) = %v, the pattern finds %v", s, got, want)
	}
	if got, want := findPercentWords(s), percentWordPattern.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
		t.Errorf("findPercentWords(%q) = %v, the pattern finds %v", s, got, want)
	}
}

func FuzzMacroScans(f *testing.F) {
	for _, s := range macroScanCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkMacroScans(t, s) })
}
