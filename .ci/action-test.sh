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

# The upload-sarif stand-in, where act looks for github/codeql-action.
cache=$WORK/act-cache
stub=$cache/github-codeql-action-upload-sarif@v3
mkdir -p "$stub/upload-sarif"
cp testdata/ci/upload-sarif-stub.yml "$stub/upload-sarif/action.yml"
(cd "$stub" && git init -q -b main && git remote add origin https://github.com/github/codeql-action &&
	git add -A && gitc commit -qm "upload-sarif stand-in" && git tag v3)

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

finish
