#!/usr/bin/env bash
# The SARIF output validates against the official SARIF 2.1.0 schema (with
# ajv, as code scanning's own checks would reject an invalid file) and is
# consistent: there are results, every result's ruleIndex names the rule
# with the same id, and the results are the findings of the JSON format.
#
# Needs: Go, Node.js/npm (ajv-cli@5 and ajv-formats@3 are installed into a
# temporary directory), jq (Debian). The schema is ../shared/schemas/
# sarif-2.1.0.json beside the clone; where that folder is missing, the same
# file is taken from the npm package @microsoft/sarif-multitool-linux@5.7.0
# and checked against its recorded sha256.
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

apt_install jq

SCHEMA_SHA256=1c49a0f2b60444c71bb14878e21e0d882198eff4c539861b133093ad89ed798c
schema=$ROOT/../shared/schemas/sarif-2.1.0.json
if [ ! -f "$schema" ]; then
	echo "no $schema: taking the schema from @microsoft/sarif-multitool-linux@5.7.0"
	(cd "$WORK" && npm pack --silent @microsoft/sarif-multitool-linux@5.7.0 >/dev/null &&
		tar -xzf microsoft-sarif-multitool-linux-5.7.0.tgz package/sarif-2.1.0.json)
	schema=$WORK/package/sarif-2.1.0.json
fi
check "schema is the recorded SARIF 2.1.0 schema (sha256)" \
	test "$(sha256sum "$schema" | cut -d' ' -f1)" = "$SCHEMA_SHA256"

npm_tools "$WORK/ajv" ajv-cli@5 ajv-formats@3

# A build failure would also exit 1 from go run: build first.
if ! go build -o /dev/null ./cmd/inboxlint; then
	die "go build ./cmd/inboxlint failed"
fi

out=$WORK/out.json
set +e
go run ./cmd/inboxlint lint --format sarif testdata/examples >"$out" 2>"$WORK/stderr"
status=$?
set -e
check "lint --format sarif exits 1 on the flawed examples (got $status)" test "$status" -eq 1
# go run adds its own "exit status 1"; anything else on stderr is news.
grep -v '^exit status 1$' "$WORK/stderr" | sed 's/^/    stderr: /' || true
jq -e '.runs[0]' "$out" >/dev/null 2>&1 || die "lint --format sarif printed no SARIF log"

# ajv resolves -c ajv-formats from the working directory.
if (cd "$WORK/ajv" && npx --no-install ajv validate --spec=draft2020 -c ajv-formats \
	-s "$schema" -d "$out" >"$WORK/ajv.log" 2>&1); then
	pass "SARIF validates against the 2.1.0 schema (ajv, draft 2020-12, formats)"
else
	fail "SARIF does not validate against the 2.1.0 schema:"
	sed 's/^/    /' "$WORK/ajv.log" | head -40
fi

# Does ajv reject what it should? A broken copy must fail, or the check
# above proves nothing.
jq '.runs[0].results[0].level = "fatal"' "$out" >"$WORK/broken.json"
check "ajv rejects a SARIF file with an invalid level" \
	bash -c "cd '$WORK/ajv' && ! npx --no-install ajv validate --spec=draft2020 -c ajv-formats -s '$schema' -d '$WORK/broken.json' >/dev/null 2>&1"

n=$(jq '.runs[0].results | length' "$out")
check "SARIF has results ($n)" test "$n" -gt 0

# The fixes (fixes[] with artifactChanges) are part of what was validated:
# there must be some, each change naming its result's file, and a fix
# whose inserted content is not an artifactContent object must be refused.
nfix=$(jq '[.runs[0].results[] | .fixes[]?] | length' "$out")
check "SARIF carries fixes ($nfix)" test "$nfix" -gt 0
badfix=$(jq -r '.runs[0].results[] | select(.fixes) | .locations[0].physicalLocation.artifactLocation.uri as $u
	| .fixes[] | select(.artifactChanges[0].artifactLocation.uri != $u or (.properties.kind | IN("certain", "suggestion") | not))
	| .description.text' "$out")
check "every fix changes its result's file and says its kind" test -z "$badfix"
jq '(first(.runs[0].results[] | select(.fixes)) | .fixes[0].artifactChanges[0].replacements[0].insertedContent) = "text"' \
	"$out" >"$WORK/brokenfix.json"
check "ajv rejects a SARIF fix whose insertedContent is not an object" \
	bash -c "cd '$WORK/ajv' && ! npx --no-install ajv validate --spec=draft2020 -c ajv-formats -s '$schema' -d '$WORK/brokenfix.json' >/dev/null 2>&1"

bad=$(jq -r '.runs[0] as $r | $r.results[]
	| select(.ruleIndex == null or $r.tool.driver.rules[.ruleIndex].id != .ruleId)
	| "\(.ruleId) has ruleIndex \(.ruleIndex) → \($r.tool.driver.rules[.ruleIndex].id // "nothing")"' "$out")
if [ -z "$bad" ]; then
	pass "every result's ruleIndex points at the rule with its ruleId"
else
	fail "ruleIndex mismatches:"
	while IFS= read -r l; do echo "    $l"; done <<<"$bad"
fi

dups=$(jq -r '.runs[0].tool.driver.rules | group_by(.id)[] | select(length > 1) | .[0].id' "$out")
check "rule ids are unique in tool.driver.rules" test -z "$dups"

# The results are the same findings as the JSON format reports.
set +e
go run ./cmd/inboxlint lint --format json testdata/examples >"$WORK/out.jsonfmt" 2>/dev/null
set -e
jq -r '.diagnostics[] | "\(.file):\(.line):\(.column):\(.endLine):\(.endColumn):\(.severity):\(.rule)"' \
	"$WORK/out.jsonfmt" | sort >"$WORK/want"
jq -r '.runs[0].results[] | .locations[0].physicalLocation as $p
	| "\($p.artifactLocation.uri):\($p.region.startLine):\($p.region.startColumn):\($p.region.endLine):\($p.region.endColumn):\(
	{"error":"error","warning":"warning","note":"info"}[.level]):\(.ruleId)"' "$out" | sort >"$WORK/got"
if diff -u "$WORK/want" "$WORK/got" >"$WORK/diff"; then
	pass "SARIF results match the JSON diagnostics (file, region, level, rule)"
else
	fail "SARIF results differ from the JSON diagnostics:"
	sed 's/^/    /' "$WORK/diff"
fi

absent=$(jq -r '.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri' "$out" | sort -u |
	while read -r uri; do [ -f "$uri" ] || echo "$uri"; done)
check "artifact URIs are paths relative to the repository root" test -z "$absent"

finish
