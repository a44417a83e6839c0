#!/usr/bin/env bash
# The GitHub Action (action.yml), checked statically and run for real with
# act (github.com/nektos/act) in host mode:
#
# 1. action-validator (npm @action-validator/cli 0.6.0) accepts action.yml
#    and the example workflow testdata/ci/workflow.yml, and rejects a
#    broken action.yml; actionlint accepts the example workflow, and, in
#    the test repository where the action is local, checks its `with:`
#    against action.yml's inputs (a bogus input is reported); shellcheck
#    passes the action's run scripts.
# 2. A temporary copy repository (ads/legacy.md, flawed, in the first
#    commit; ads/flawed.md in the second; ads/clean.md in the third) with
#    the example workflow as .github/workflows/lint.yml, its
#    `uses: inboxlint/inboxlint@main` pointed at ./inboxlint-action (a copy
#    of this working tree). act runs it three times:
#    - push: everything is linted; the step fails (fail-on: error);
#    - pull_request, base = first commit, changed-only: flawed.md and
#      clean.md are linted, legacy.md is not; the step fails;
#    - pull_request, base = second commit: only clean.md; the job passes.
#    From act's JSON log: the ::error/::warning/::notice annotations (file,
#    line, col, end, rule as title, message) are exactly inboxlint's
#    findings, the errors/warnings outputs are its summary, the SARIF file
#    reached the upload step, and step and job results are right.
#    The job summary act records ($GITHUB_STEP_SUMMARY) is shown, and
#    checked against inboxlint's summary format: totals, a row per file,
#    findings linked to their lines at the commit.
# 3. The release-binary path: the action used at a release tag
#    (inboxlint/inboxlint@v0.9.0, from act's cache), with release-url
#    pointing at a Python file server on loopback that serves a release
#    archive and its checksums.txt: the binary is downloaded and verified,
#    nothing is built; at v0.9.1, whose checksums.txt does not match, the
#    action warns and builds from source (actions/setup-go, stubbed).
#
# Why there is a stand-in for upload-sarif but none for checkout: this
# machine reaches no github.com, so act cannot clone any remote action.
# act never clones actions/checkout when it checks out the repository
# under test (no `repository:`/`ref:` inputs): it copies the working
# directory into the job's workspace instead, .git included, so the
# workflow's `actions/checkout@v4` step runs as written. It does clone
# github/codeql-action for upload-sarif, so the test pre-populates act's
# action cache (--action-cache-path, used as is with --action-offline-mode)
# with a git repository at the path act would clone to, tagged v3, holding
# testdata/ci/upload-sarif-stub.yml: it checks the SARIF file it is given
# instead of uploading it (the real one needs a token and GitHub's API).
# actions/setup-go, which the action runs before it builds from source, gets
# the same treatment (testdata/ci/setup-go-stub.yml): the runner act
# drives is this machine, which has Go.
#
# act runs with --no-cache-server (its cache server would listen on a
# non-loopback address), without a Docker socket, with its version check
# off and all its state in the temporary directory.
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

apt_install git jq shellcheck
command -v npm >/dev/null || apt_install nodejs npm
ACT_VERSION=v0.2.89
ACTIONLINT_VERSION=v1.7.12
go_tool act "github.com/nektos/act@$ACT_VERSION"
go_tool actionlint "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
npm_tools "$WORK/npm" @action-validator/cli@0.6.0 js-yaml@4
validator() { (cd "$WORK/npm" && npx --no-install action-validator "$@"); }
echo "== act $(act --version | awk '{print $3}'), actionlint $(actionlint -version | head -1), $(go version | awk '{print $3}')"

gitc() { git -c user.name=inboxlint-ci -c user.email=ci@inboxlint.invalid -c commit.gpgsign=false "$@"; }

echo "== static checks"
if validator "$ROOT/action.yml" >"$WORK/av.log" 2>&1; then
	pass "action-validator: action.yml"
else
	fail "action-validator: action.yml:"
	sed 's/^/    /' "$WORK/av.log"
fi
if validator "$ROOT/testdata/ci/workflow.yml" >"$WORK/av.log" 2>&1; then
	pass "action-validator: testdata/ci/workflow.yml"
else
	fail "action-validator: testdata/ci/workflow.yml:"
	sed 's/^/    /' "$WORK/av.log"
fi
mkdir -p "$WORK/broken"
sed '/^runs:/,$d' action.yml >"$WORK/broken/action.yml"
check "action-validator rejects an action.yml without runs: (it does validate)" \
	bash -c "! (cd '$WORK/npm' && npx --no-install action-validator '$WORK/broken/action.yml') >/dev/null 2>&1"
same_as_doc "the README's workflow is testdata/ci/workflow.yml" testdata/ci/workflow.yml "GitHub Action" yaml
if actionlint -no-color testdata/ci/workflow.yml >"$WORK/al.log" 2>&1; then
	pass "actionlint: testdata/ci/workflow.yml"
else
	fail "actionlint: testdata/ci/workflow.yml:"
	sed 's/^/    /' "$WORK/al.log"
fi
# Check the action's scripts with shellcheck, as GitHub runs them (bash -e).
node - "$WORK/npm/node_modules/js-yaml" "$ROOT/action.yml" "$WORK/scripts" <<'EOF'
const fs = require("fs"), path = require("path");
const [yamlDir, file, dir] = process.argv.slice(2);
const yaml = require(yamlDir);
fs.mkdirSync(dir, { recursive: true });
yaml.load(fs.readFileSync(file, "utf8")).runs.steps.forEach((s, i) => {
  if (s.run) fs.writeFileSync(path.join(dir, `step${i}-${s.id || "run"}.sh`), "#!/bin/bash -e\n" + s.run);
});
EOF
if shellcheck -s bash "$WORK"/scripts/*.sh >"$WORK/sc.log" 2>&1; then
	pass "shellcheck: action.yml's run scripts ($(find "$WORK/scripts" -name '*.sh' | wc -l))"
else
	fail "shellcheck: action.yml's run scripts:"
	sed 's/^/    /' "$WORK/sc.log"
fi

echo "== a copy repository"
repo=$WORK/repo
mkdir -p "$repo/ads" "$repo/.github/workflows"
copy_tree "$repo/inboxlint-action"
sed 's|uses: inboxlint/inboxlint@main|uses: ./inboxlint-action|' testdata/ci/workflow.yml >"$repo/.github/workflows/lint.yml"
grep -q 'uses: ./inboxlint-action' "$repo/.github/workflows/lint.yml" || die "workflow.yml no longer uses inboxlint/inboxlint@main"
cp testdata/ci/legacy.md "$repo/ads/"
(cd "$repo" && git init -q -b main && git add -A && gitc commit -qm "legacy ad and the workflow")
base1=$(git -C "$repo" rev-parse HEAD)
cp testdata/ci/flawed.md "$repo/ads/"
(cd "$repo" && git add -A && gitc commit -qm "flawed ad")
base2=$(git -C "$repo" rev-parse HEAD)
cp testdata/ci/clean.md "$repo/ads/"
(cd "$repo" && git add -A && gitc commit -qm "clean ad")
head=$(git -C "$repo" rev-parse HEAD)

if (cd "$repo" && actionlint -no-color .github/workflows/lint.yml) >"$WORK/al.log" 2>&1; then
	pass "actionlint: the workflow with the local action (inputs checked against action.yml)"
else
	fail "actionlint: the workflow with the local action:"
	sed 's/^/    /' "$WORK/al.log"
fi
sed 's|          fail-on: error|          fail-on: error\n          fail_on: warning|' "$repo/.github/workflows/lint.yml" >"$repo/.github/workflows/bogus.yml"
check "actionlint reports an input action.yml does not declare (fail_on)" \
	bash -c "cd '$repo' && actionlint -no-color .github/workflows/bogus.yml 2>&1 | grep -q 'input \"fail_on\" is not defined'"
rm "$repo/.github/workflows/bogus.yml"

# The stand-ins, where act looks for github/codeql-action/upload-sarif and
# actions/setup-go: act's cache directory is the step's uses: with
# slashes as dashes, a git repository with the tag.
cache=$WORK/act-cache
# cache_action DIR REMOTE TAG: commit DIR as a cached action at TAG.
cache_action() {
	(cd "$1" && git init -q -b main && git remote add origin "$2" &&
		git add -A && gitc commit -qm "action at $3" && git tag "$3")
}
stub=$cache/github-codeql-action-upload-sarif@v3
mkdir -p "$stub/upload-sarif"
cp testdata/ci/upload-sarif-stub.yml "$stub/upload-sarif/action.yml"
cache_action "$stub" https://github.com/github/codeql-action v3
mkdir -p "$cache/actions-setup-go@v5"
cp testdata/ci/setup-go-stub.yml "$cache/actions-setup-go@v5/action.yml"
cache_action "$cache/actions-setup-go@v5" https://github.com/actions/setup-go v5

build_inboxlint "$WORK/bin"
# expect FILE...: inboxlint's findings for FILEs (in the repository) as
# the annotations the action should print: command file line col endLine
# endColumn title message.
expect() {
	(cd "$repo" && "$WORK/bin/inboxlint" lint --format json --fail-on never "$@") |
		jq -r '.diagnostics[] | [({"error":"error","warning":"warning"}[.severity] // "notice"),
			.file, .line, .column, .endLine, .endColumn, .rule, .message] | map(tostring) | join("|")' | sort
}
summary() {
	(cd "$repo" && "$WORK/bin/inboxlint" lint --format json --fail-on never "$@") |
		jq -r '"\(.summary.errors) \(.summary.warnings)"'
}

# run_act NAME EVENT [EVENT_JSON]: act's JSON log in $WORK/NAME.jsonl.
run_act() {
	local name=$1 event=$2 status
	local args=(-W .github/workflows/lint.yml -P ubuntu-latest=-self-hosted --action-offline-mode
		--action-cache-path "$cache" --no-cache-server --container-daemon-socket - --json)
	[ $# -ge 3 ] && args+=(-e "$3")
	set +e
	(cd "$repo" && ACT_DISABLE_VERSION_CHECK=1 timeout 300 act "$event" "${args[@]}") \
		>"$WORK/$name.jsonl" 2>"$WORK/$name.err"
	status=$?
	set -e
	echo "$status"
}

# assert_run NAME WANT_STATUS WANT_JOB STATUS FILES...: the checks on one
# act run, against inboxlint's own findings for FILES.
assert_run() {
	local name=$1 want_status=$2 want_job=$3 status=$4
	shift 4
	local log=$WORK/$name.jsonl
	if [ "$status" -ne "$want_status" ]; then
		fail "$name: act exited $status, want $want_status:"
		tail -20 "$WORK/$name.err" | sed 's/^/    /'
		jq -r '.msg' "$log" 2>/dev/null | tail -30 | sed 's/^/    /'
		return
	fi
	pass "$name: act exited $status"
	local job
	job=$(jq -r 'select(.jobResult) | .jobResult' "$log")
	check "$name: job result $job (want $want_job)" test "$job" = "$want_job"
	check "$name: actions/checkout@v4 ran (act copies the workspace for a local checkout)" \
		test "$(jq -r 'select(.step == "actions/checkout@v4" and .stage == "Main" and .stepResult) | .stepResult' "$log")" = success

	local want got
	want=$(expect "$@")
	got=$(jq -r 'select(.stepID == ["inboxlint","lint"] and (.command == "error" or .command == "warning" or .command == "notice"))
		| [.command, .kvPairs.file, .kvPairs.line, .kvPairs.col, .kvPairs.endLine, .kvPairs.endColumn, .kvPairs.title, .arg] | join("|")' "$log" | sort)
	if [ "$want" = "$got" ]; then
		pass "$name: annotations are inboxlint's findings for $* ($(grep -c . <<<"$want") annotations)"
	else
		fail "$name: annotations differ from inboxlint's findings for $* (- want, + got):"
		diff <(echo "$want") <(echo "$got") | sed 's/^/    /' || true
	fi

	local counts outs
	counts=$(summary "$@")
	outs=$(jq -r 'select(.command == "set-output" and .stepID == ["inboxlint"]) | "\(.name)=\(.arg)"' "$log" | sort -u | tr '\n' ' ')
	check "$name: outputs ${outs}match the summary ($counts)" \
		test "$outs" = "errors=${counts% *} warnings=${counts#* } "
	check "$name: a later step reads the outputs" \
		grep -qF "inboxlint found ${counts% *} errors and ${counts#* } warnings" <(jq -r 'select(.step == "Report") | .msg' "$log")
	local lint_result
	lint_result=$(jq -r 'select(.stepID == ["inboxlint"] and .stage == "Main" and .stepResult) | .stepResult' "$log")
	if [ "${counts% *}" -gt 0 ]; then
		check "$name: the lint step failed (errors and fail-on: error)" test "$lint_result" = failure
	else
		check "$name: the lint step passed (no errors)" test "$lint_result" = success
	fi
	local n
	n=$(grep -c . <<<"$want" || true)
	check "$name: upload-sarif got inboxlint.sarif, SARIF 2.1.0 with all $n findings" \
		grep -qE "^upload-sarif-stub: file=inboxlint.sarif version=2.1.0 tool=inboxlint results=$n category=inboxlint$" \
		<(jq -r 'select(.step == "Upload to code scanning") | .msg' "$log")
	check "$name: one inboxlint run for annotations, SARIF, JSON and the summary" \
		test "$(jq -r 'select(.stepID == ["inboxlint","lint"]) | .msg' "$log" | grep -c '^inboxlint: [0-9]* errors, [0-9]* warnings$')" = 1
	assert_summary "$name" "$counts" "$@"
}

# assert_summary NAME "ERRORS WARNINGS" FILES...: the job summary act
# logged is inboxlint's summary format for FILES: its totals, a row per
# file with links to the commit's files, the top findings; shown in full.
assert_summary() {
	local name=$1 counts=$2
	shift 2
	local log=$WORK/$name.jsonl got
	# act logs the file again for the composite step that holds the one
	# that wrote it: the first record is the job summary
	got=$(jq -s -r '[.[] | select(.command == "summary")][0].content // ""' "$log")
	echo "  -- $name: the job summary act recorded (\$GITHUB_STEP_SUMMARY):"
	while IFS= read -r l; do echo "  | $l"; done <<<"$got"
	local e=${counts% *} w=${counts#* } es=s ws=s
	[ "$e" = 1 ] && es=""
	[ "$w" = 1 ] && ws=""
	check "$name: the summary's totals are $e error$es and $w warning$ws" \
		grep -qF "**$e error$es, $w warning$ws," <<<"$got"
	check "$name: the summary has the table's header" \
		grep -qxF '| File | Errors | Warnings | Longest subject | Longest body |' <<<"$got"
	local want_rows got_rows
	want_rows=$( (cd "$repo" && "$WORK/bin/inboxlint" lint --format summary --fail-on never "$@") | grep '^| ' | sed 's/\[\([^]]*\)\]([^)]*)/\1/g')
	got_rows=$(grep '^| ' <<<"$got" | sed 's/\[\([^]]*\)\]([^)]*)/\1/g')
	if [ "$want_rows" = "$got_rows" ]; then
		pass "$name: the summary's table is inboxlint's for $* ($(($(grep -c . <<<"$got_rows") - 1)) files)"
	else
		fail "$name: the summary's table differs (- want, + got):"
		diff <(echo "$want_rows") <(echo "$got_rows") | sed 's/^/    /' || true
	fi
	if [ "$e" -gt 0 ]; then
		check "$name: the summary links findings to their lines at the commit" \
			grep -qE '^- \*\*error\*\* \[ads/[a-z]+\.md\\:[0-9]+\\:[0-9]+\]\(https://github\.com/[^)]*/blob/[0-9a-f]{40}/ads/[a-z]+\.md#L[0-9]+\)' <<<"$got"
	fi
}

echo "== act: push (everything)"
st=$(run_act push push)
assert_run push 1 failure "$st" ads
check "push: changed-only says it lints everything on a push" \
	grep -q "changed-only: not a pull request, linting everything" <(jq -r .msg "$WORK/push.jsonl")

pr_event() {
	jq -n --arg base "$1" --arg head "$head" \
		'{number: 7, pull_request: {number: 7, base: {sha: $base, ref: "main"}, head: {sha: $head, ref: "new-ads"}}}' >"$WORK/pr-$2.json"
}
echo "== act: pull_request, changed-only, flawed.md and clean.md new"
pr_event "$base1" 1
st=$(run_act pr-flawed pull_request "$WORK/pr-1.json")
assert_run pr-flawed 1 failure "$st" ads/clean.md ads/flawed.md
check "pr-flawed: legacy.md, unchanged, is not linted" \
	bash -c "! jq -r 'select(.kvPairs.file) | .kvPairs.file' '$WORK/pr-flawed.jsonl' | grep -q legacy"

echo "== act: pull_request, changed-only, clean.md new"
pr_event "$base2" 2
st=$(run_act pr-clean pull_request "$WORK/pr-2.json")
assert_run pr-clean 0 success "$st" ads/clean.md
check "pr-clean: at a branch, the action builds from source (setup-go's cache)" \
	grep -q '^setup-go-stub: go-version-file=go.mod cache-dependency-path=go.sum ' <(jq -r .msg "$WORK/pr-clean.jsonl")

# The release-binary path: the workflow uses the action at a release tag
# (inboxlint/inboxlint@v0.9.0, from act's cache), and release-url points
# at a file server on loopback standing in for GitHub's release host,
# serving an archive named as GoReleaser names it and its checksums.txt.
echo "== act: the action at a release tag, the binary from a local release host"
rel=$WORK/releases
for tag in v0.9.0 v0.9.1; do
	mkdir -p "$rel/$tag/pkg"
	cp "$WORK/bin/inboxlint" "$rel/$tag/pkg/inboxlint"
	archive=inboxlint_${tag#v}_linux_amd64.tar.gz
	tar -czf "$rel/$tag/$archive" -C "$rel/$tag/pkg" inboxlint
	(cd "$rel/$tag" && sha256sum "$archive" >checksums.txt)
	rm -r "$rel/$tag/pkg"
done
# v0.9.1's checksums.txt does not match its archive: the action must not
# run that binary
sed -i 's/^[0-9a-f]\{8\}/00000000/' "$rel/v0.9.1/checksums.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$rel" >"$WORK/http.log" 2>&1 &
http_pid=$!
trap 'st=$?; kill "$http_pid" 2>/dev/null; (exit "$st"); cleanup' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/v0.9.0/checksums.txt" >/dev/null && break; sleep 0.1; done
for tag in v0.9.0 v0.9.1; do
	copy_tree "$cache/inboxlint-inboxlint@$tag"
	cache_action "$cache/inboxlint-inboxlint@$tag" https://github.com/inboxlint/inboxlint "$tag"
done
sed -e 's|uses: ./inboxlint-action|uses: inboxlint/inboxlint@v0.9.0|' \
	-e "s|          fail-on: error|          fail-on: error\n          release-url: http://127.0.0.1:$port|" \
	"$repo/.github/workflows/lint.yml" >"$WORK/release.yml"
cp "$WORK/release.yml" "$repo/.github/workflows/lint.yml"
st=$(run_act release push)
assert_run release 1 failure "$st" ads
msgs=$(jq -r .msg "$WORK/release.jsonl")
check "release: the v0.9.0 binary was downloaded and its checksum verified" \
	grep -q '^inboxlint: using the v0.9.0 release binary, checksum verified$' <<<"$msgs"
check "release: nothing was built (no setup-go, no go build)" \
	bash -c "! grep -q '^setup-go-stub:' <<<\"\$1\"" _ "$msgs"
check "release: the archive and checksums.txt came from the loopback host" \
	grep -q 'GET /v0.9.0/inboxlint_0.9.0_linux_amd64.tar.gz' "$WORK/http.log"

echo "== act: a release whose checksum does not match: built from source, with a warning"
sed -i 's|inboxlint/inboxlint@v0.9.0|inboxlint/inboxlint@v0.9.1|' "$repo/.github/workflows/lint.yml"
st=$(run_act release-bad push)
assert_run release-bad 1 failure "$st" ads
check "release-bad: a warning says the archive does not match checksums.txt" \
	grep -qxF "inboxlint_0.9.1_linux_amd64.tar.gz does not match checksums.txt: building inboxlint from source instead" \
	<(jq -r 'select(.command == "warning") | .arg' "$WORK/release-bad.jsonl")
check "release-bad: it was built from source instead" \
	grep -q '^setup-go-stub: ' <(jq -r .msg "$WORK/release-bad.jsonl")

finish
