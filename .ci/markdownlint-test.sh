#!/usr/bin/env bash
# The README's markdownlint-cli2 config for template folders, tried with the
# real markdownlint-cli2 (from npm) on the examples:
#
# 1. The README's block is testdata/examples/.markdownlint-cli2.yaml, so the
#    documented config is the tested one.
# 2. Without it, markdownlint's defaults report exactly the rules the config
#    turns off or relaxes (MD013, MD022, MD025, MD034, MD041), plus MD051 on
#    the flawed Conversation Ad's broken #slug button. A new markdownlint
#    that reports more on the examples fails here, to be looked at.
# 3. With it, in a copy repository (templates under ads/, a README.md at the
#    root), only the broken button is left in ads/ (MD051 agrees with
#    inboxlint's flow-target), while README.md keeps the defaults: the
#    config is for its folder only. The clean examples pass.
# 4. The README's note: a root .markdownlint.yaml is replaced, not merged,
#    by the folder's config unless the folder's config extends it.
# 5. The rule cards, rules/docs/*.md, pass markdownlint's defaults (they
#    are prose, not templates: no config relaxes anything for them).
#
# Needs: Node.js/npm (markdownlint-cli2 is installed into a temporary
# directory).
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

MARKDOWNLINT_CLI2=markdownlint-cli2@0.24.1
config=testdata/examples/.markdownlint-cli2.yaml
same_as_doc "the README's markdownlint config is $config" "$config" "markdownlint" yaml

npm_tools "$WORK/npm" "$MARKDOWNLINT_CLI2"
mdl_bin=$WORK/npm/node_modules/.bin/markdownlint-cli2
echo "== $("$mdl_bin" --help 2>/dev/null | head -1)"

# mdl DIR LOG GLOB...: markdownlint-cli2 in DIR; its findings (on stderr)
# and banner go to LOG; the exit status is returned.
mdl() {
	local dir=$1 log=$2 st=0
	shift 2
	(cd "$dir" && "$mdl_bin" "$@") >"$log" 2>&1 || st=$?
	return "$st"
}
# mdl_clean WHAT PASS DIR LOG GLOB...: pass with PASS when markdownlint-cli2
# in DIR finds nothing in GLOB..., else fail showing its findings.
mdl_clean() {
	local what=$1 ok=$2 dir=$3 log=$4 st=0
	shift 4
	mdl "$dir" "$log" "$@" || st=$?
	if [ "$st" -eq 0 ] && grep -q '^Summary: 0 issues' "$log"; then
		pass "$ok"
	else
		fail "$what (exit $st):"
		sed 's/^/    /' "$log" | head -40
	fi
}
# findings LOG: "file rule" for each finding, sorted and counted.
findings() { grep -Eo '^[^ ]+:[0-9]+(:[0-9]+)? error MD[0-9]+' "$1" | sed -E 's/:[0-9]+(:[0-9]+)? error / /' | sort | uniq -c | awk '{print $2, $3, $1}'; }
# rules LOG: the rules that fired, one line.
rules() { grep -Eo ' error MD[0-9]+' "$1" | awk '{print $2}' | sort -u | tr '\n' ' '; }

echo "== the examples with markdownlint's defaults"
bare=$WORK/bare
mkdir -p "$bare"
cp testdata/examples/*.md "$bare/"
status=0
mdl "$bare" "$WORK/bare.log" "*.md" || status=$?
got=$(rules "$WORK/bare.log")
want="MD013 MD022 MD025 MD034 MD041 MD051 "
if [ "$status" -eq 1 ] && [ "$got" = "$want" ]; then
	pass "the defaults report $want(exit 1)"
else
	fail "the defaults report \"$got\", want \"$want\" (exit $status):"
	sed 's/^/    /' "$WORK/bare.log" | head -40
fi
check "MD025 fires on the Conversation Ads' second and later # headings" \
	grep -Eq '^software-demo\.md:17 error MD025/single-title' "$WORK/bare.log"
check "MD041 fires on a Message Ad's first line of copy" \
	grep -Eq '^report-offer\.md:6 error MD041/first-line-heading' "$WORK/bare.log"

echo "== the config, in a copy repository's ads/ folder"
repo=$WORK/repo
mkdir -p "$repo/ads"
cp testdata/examples/*.md "$config" "$repo/ads/"
# Not a template: markdownlint's defaults must still apply to it.
printf '# Our LinkedIn ads\n\nTemplates are in ads/.   \n\n# Second title\n' >"$repo/README.md"
status=0
mdl "$repo" "$WORK/repo.log" "**/*.md" || status=$?
got=$(findings "$WORK/repo.log")
want=$(printf '%s\n' "README.md MD009 1" "README.md MD025 1" "ads/software-demo-flawed.md MD051 1")
if [ "$status" -eq 1 ] && [ "$got" = "$want" ]; then
	pass "ads/ keeps only the broken #slug button (MD051); README.md keeps the defaults (MD009, MD025)"
else
	fail "with the config (exit $status), want \"file rule count\":"
	diff <(echo "$want") <(echo "$got") | sed 's/^/    /' || true
	sed 's/^/    /' "$WORK/repo.log" | head -40
fi
check "MD051 names the button inboxlint's flow-target reports (14:3, #stalled-deal)" \
	grep -Fq 'ads/software-demo-flawed.md:14:3 error MD051/link-fragments' "$WORK/repo.log"
clean=(ads/event-invitation.md ads/report-offer.md ads/roundtable-invite.md ads/software-demo.md)
mdl_clean "the clean examples" "the clean examples pass (${#clean[@]} files, 0 issues)" "$repo" "$WORK/clean.log" "${clean[@]}"

echo "== a root .markdownlint.yaml: replaced unless the folder's config extends it"
printf 'MD009: false\n' >"$repo/.markdownlint.yaml"
printf 'Trailing spaces at the end.   \n' >>"$repo/ads/report-offer.md"
mdl "$repo" "$WORK/root.log" "ads/report-offer.md" || true
check "without extends, the root's MD009: false does not reach ads/" \
	grep -q '^ads/report-offer.md:[0-9]*:[0-9]* error MD009' "$WORK/root.log"
sed 's|^config:$|config:\n  extends: ../.markdownlint.yaml|' "$config" >"$repo/ads/.markdownlint-cli2.yaml"
check "the extends line went in" grep -q '^  extends: \.\./\.markdownlint\.yaml$' "$repo/ads/.markdownlint-cli2.yaml"
status=0
mdl "$repo" "$WORK/extends.log" "ads/report-offer.md" || status=$?
check "with extends: ../.markdownlint.yaml, it does (report-offer.md passes, exit $status)" test "$status" -eq 0

echo "== the rule cards with markdownlint's defaults"
mdl_clean "the rule cards" "rules/docs/*.md pass (0 issues)" "$ROOT/rules" "$WORK/cards.log" "docs/*.md"

finish
