package lint

import (
	"regexp"
	"strings"
	"sync"
)

// semVer matches a Semantic Versioning 2.0.0 version without build
// metadata: three numbers without leading zeros, then optional pre-release
// identifiers, of which the numeric ones have no leading zeros either.
// Only SARIF output needs it, so it is compiled on first use.
var semVer = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
		`(-(0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?$`)
})

// buildMeta matches SemVer build metadata after its "+".
var buildMeta = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$`) })

// semanticVersion turns inboxlint's version string, as `inboxlint version`
// prints it ("v1.2.0+dirty (revision 0123456789ab, modified)"), into what
// SARIF's semanticVersion wants: plain SemVer, so the first word without
// Go's "v" and without build metadata ("1.2.0"). It is "" when the version
// is not SemVer, such as "(devel)", so that the field is left out rather
// than filled with something a SARIF consumer cannot compare.
func semanticVersion(v string) string {
	v, _, _ = strings.Cut(v, " ")
	v, ok := strings.CutPrefix(v, "v")
	if !ok {
		return ""
	}
	v, meta, hasMeta := strings.Cut(v, "+")
	if !semVer().MatchString(v) || hasMeta && !buildMeta().MatchString(meta) {
		return ""
	}
	return v
}
