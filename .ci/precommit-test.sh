#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml), tried with the real
# pre-commit (Debian's package):
#
# 1. pre-commit validate-manifest accepts .pre-commit-hooks.yaml.
# 2. pre-commit try-repo, against a committed copy of this working tree
#    (try-repo installs the hook from the repository's HEAD commit), from a
#    consumer repository with one clean and one flawed template: the flawed
#    one fails the hook and its findings are printed, the clean one passes.
# 3. Many files at once: the hook runs inboxlint once (require_serial), so
#    the output has one summary line that counts every file; without it
#    pre-commit splits the files across a process per CPU.
# 4. The inboxlint-strict hook fails on a template that has only warnings,
#    which the inboxlint hook lets through, and passes a clean one.
# 5. The README's .pre-commit-config.yaml snippet (read from README.md),
#    with repo: and rev: pointed
#    at the committed copy, installed as a git hook in a consumer repository
#    that also has a README.md: a commit of the clean template goes
#    through, a commit adding the flawed one is refused.
#
# How pre-commit gets inboxlint: language golang runs `go install ./...` at
# the root of its clone of the hook repository, with GOPATH set to the
# hook's environment directory and the rest of the environment passed
# through (GOPROXY, GOFLAGS, GOTOOLCHAIN, ...). language_version defaults to
# "system" whenever a `go` is on PATH (pre-commit 3.0.4 here; current
# releases choose the same way), so the machine's Go builds it; only
# without one would pre-commit download a Go from go.dev, which this
# machine cannot reach. The environment directory is named
# golangenv-system, which step 5 checks. GOFLAGS is unset for pre-commit
# here because users do not set -buildvcs=false: the build must work with
# VCS stamping on, as it does in pre-commit's git clone of the repository.
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

apt_install pre-commit git
echo "== $(pre-commit --version), $(go version)"

gitc() { git -c user.name=inboxlint-ci -c user.email=ci@inboxlint.invalid -c commit.gpgsign=false "$@"; }
# pre-commit as a user runs it: its own store in $WORK, no GOFLAGS. Each
# try-repo installs a new environment with a fresh GOPATH, which would
# download every module again; GOMODCACHE points them all at this
# machine's module cache, the one cache a user's machine shares too.
export PRE_COMMIT_HOME=$WORK/pre-commit-home
GOMODCACHE=$(go env GOMODCACHE)
export GOMODCACHE
pc() { env -u GOFLAGS pre-commit "$@"; }

if pc validate-manifest .pre-commit-hooks.yaml >"$WORK/validate.log" 2>&1; then
	pass "pre-commit validate-manifest .pre-commit-hooks.yaml"
else
	fail "pre-commit validate-manifest .pre-commit-hooks.yaml:"
	sed 's/^/    /' "$WORK/validate.log"
fi

# The hook repository: this working tree, committed.
hookrepo=$WORK/hookrepo
copy_tree "$hookrepo"
(cd "$hookrepo" && git init -q -b main && git add -A && gitc commit -qm "inboxlint working tree")
rev=$(git -C "$hookrepo" rev-parse HEAD)

# A copy repository with one clean and one flawed template.
consumer=$WORK/consumer
mkdir -p "$consumer/ads"
cp testdata/ci/clean.md testdata/ci/flawed.md "$consumer/ads/"
(cd "$consumer" && git init -q -b main && git add ads)

echo "== pre-commit try-repo"
set +e
(cd "$consumer" && pc try-repo "$hookrepo" inboxlint --files ads/flawed.md) >"$WORK/flawed.log" 2>&1
status=$?
set -e
check "try-repo on the flawed template fails (exit $status)" test "$status" -ne 0
# The text format names the file, then each finding as line:col.
if grep -qx 'ads/flawed.md' "$WORK/flawed.log" &&
	grep -Eq '^ +6:4 +error .*unknown-macro$' "$WORK/flawed.log" &&
	grep -Eq '^ +9:29 +error .*placeholder$' "$WORK/flawed.log"; then
	pass "try-repo prints the findings (ads/flawed.md, 6:4 unknown-macro, 9:29 placeholder)"
else
	fail "try-repo output lacks the expected findings:"
	sed 's/^/    /' "$WORK/flawed.log"
fi
check "the hook failed with inboxlint's exit code 1, not 2 (a build or usage error)" \
	grep -q '^- exit code: 1$' "$WORK/flawed.log"

set +e
(cd "$consumer" && pc try-repo "$hookrepo" inboxlint --files ads/clean.md) >"$WORK/clean.log" 2>&1
status=$?
set -e
if [ "$status" -eq 0 ] && grep -Eq '^inboxlint\.+Passed$' "$WORK/clean.log"; then
	pass "try-repo on the clean template passes"
else
	fail "try-repo on the clean template: exit $status"
	sed 's/^/    /' "$WORK/clean.log"
fi

echo "== many files: one inboxlint run (require_serial)"
# pre-commit splits the file list into one chunk per CPU (at least 4 files
# each) unless the hook has require_serial: 12 files make 2 chunks or more
# on any machine with more than one CPU.
for i in $(seq -w 1 11); do cp testdata/ci/clean.md "$consumer/ads/clean-$i.md"; done
(cd "$consumer" && git add ads)
set +e
(cd "$consumer" && pc try-repo "$hookrepo" inboxlint --verbose --files ads/flawed.md ads/clean-*.md) >"$WORK/many.log" 2>&1
status=$?
set -e
summaries=$(grep -Ec '^([0-9]+ problems? \(.*\)|no problems) in [0-9]+ files?$' "$WORK/many.log" || true)
if [ "$status" -ne 0 ] && [ "$summaries" -eq 1 ] && grep -Eq '^[0-9]+ problems? \(.*\) in 12 files$' "$WORK/many.log"; then
	pass "12 files: one inboxlint run, one summary (\"$(grep -E ' in 12 files$' "$WORK/many.log")\")"
else
	fail "12 files: want one summary line \"... in 12 files\" and a failed hook; got $summaries summaries, exit $status (CPUs: $(nproc)):"
	sed 's/^/    /' "$WORK/many.log"
fi

echo "== the inboxlint-strict hook (--fail-on warning)"
cp testdata/ci/warnings-only.md "$consumer/ads/"
(cd "$consumer" && git add ads)
try_hook() { # try_hook LOG HOOK FILE: the hook's exit status
	local st=0
	(cd "$consumer" && pc try-repo "$hookrepo" "$2" --verbose --files "$3") >"$WORK/$1" 2>&1 || st=$?
	return "$st"
}
status=0
try_hook strict-warn.log inboxlint-strict ads/warnings-only.md || status=$?
if [ "$status" -ne 0 ] && grep -q '^- exit code: 1$' "$WORK/strict-warn.log" &&
	grep -Eq '^ +17:4 +warning .*cta-specificity$' "$WORK/strict-warn.log" &&
	grep -Eq '^inboxlint \(strict\)\.+Failed$' "$WORK/strict-warn.log"; then
	pass "inboxlint-strict fails on a warning-only template (exit code 1, 17:4 cta-specificity)"
else
	fail "inboxlint-strict on a warning-only template: exit $status, want a failure with the warning:"
	sed 's/^/    /' "$WORK/strict-warn.log"
fi
status=0
try_hook default-warn.log inboxlint ads/warnings-only.md || status=$?
if [ "$status" -eq 0 ] && grep -Eq '^inboxlint\.+Passed$' "$WORK/default-warn.log" &&
	grep -Eq '^1 problem \(0 errors, 1 warning, 0 infos\) in 1 file$' "$WORK/default-warn.log"; then
	pass "inboxlint lets the same template through (warnings do not fail it)"
else
	fail "inboxlint on a warning-only template: exit $status, want a pass that still prints the warning:"
	sed 's/^/    /' "$WORK/default-warn.log"
fi
status=0
try_hook strict-clean.log inboxlint-strict ads/clean.md || status=$?
if [ "$status" -eq 0 ] && grep -Eq '^inboxlint \(strict\)\.+Passed$' "$WORK/strict-clean.log"; then
	pass "inboxlint-strict passes the clean template"
else
	fail "inboxlint-strict on the clean template: exit $status"
	sed 's/^/    /' "$WORK/strict-clean.log"
fi

echo "== .pre-commit-config.yaml as a git hook (the README's snippet)"
repo=$WORK/copyrepo
mkdir -p "$repo/ads"
cp testdata/ci/clean.md "$repo/ads/"
printf '# Our LinkedIn ads\n\nNot a template: the hook must leave it alone.\n' >"$repo/README.md"
# The README's snippet, pointed at the committed copy.
snippet=$(doc_block "pre-commit" yaml)
if [ -z "$snippet" ] || ! grep -q 'repo: https://github.com/inboxlint/inboxlint$' <<<"$snippet"; then
	fail "no pre-commit snippet with repo: https://github.com/inboxlint/inboxlint under a \"pre-commit\" heading in README.md"
	snippet=$'repos:\n  - repo: https://github.com/inboxlint/inboxlint\n    rev: main\n    hooks:\n      - id: inboxlint\n        files: ^ads/'
fi
sed -e "s|repo: https://github.com/inboxlint/inboxlint\$|repo: $hookrepo|" -e "s|rev: [^ ]*.*\$|rev: $rev|" \
	<<<"$snippet" >"$repo/.pre-commit-config.yaml"
(cd "$repo" && git init -q -b main && pc install >/dev/null && git add -A)
if (cd "$repo" && env -u GOFLAGS git -c user.name=ci -c user.email=ci@inboxlint.invalid commit -qm "clean ad") >"$WORK/commit1.log" 2>&1; then
	pass "git commit of the clean template (and a README.md) goes through the hook"
else
	fail "git commit of the clean template was refused:"
	sed 's/^/    /' "$WORK/commit1.log"
fi
cp testdata/ci/flawed.md "$repo/ads/"
(cd "$repo" && git add ads/flawed.md)
head=$(git -C "$repo" rev-parse HEAD)
if (cd "$repo" && env -u GOFLAGS git -c user.name=ci -c user.email=ci@inboxlint.invalid commit -qm "flawed ad") >"$WORK/commit2.log" 2>&1; then
	fail "git commit of the flawed template went through"
else
	pass "git commit of the flawed template is refused"
fi
check "the refused commit left HEAD alone" test "$(git -C "$repo" rev-parse HEAD)" = "$head"
check "the refused commit printed the findings" grep -Eq '^ +9:29 +error .*placeholder$' "$WORK/commit2.log"

env_dir=$(find "$PRE_COMMIT_HOME" -maxdepth 2 -type d -name 'golangenv-*' | head -1)
check "pre-commit built with the system Go (environment ${env_dir##*/})" \
	test "${env_dir##*/}" = golangenv-system
check "the hook's inboxlint was built by the machine's $(go env GOVERSION)" \
	bash -c "go version '$env_dir/bin/inboxlint' | grep -q ': $(go env GOVERSION)\$'"

# Known limitation, reported rather than failed: a Markdown file that is no
# template, passed by name (as pre-commit does), is an error (exit 2), even
# when .inboxlint.yaml's include/exclude leave it out. Hence `files:` in the
# snippet.
set +e
(cd "$repo" && printf 'exclude: ["README.md"]\n' >.inboxlint.yaml &&
	"$env_dir/bin/inboxlint" lint README.md ads/clean.md) >"$WORK/readme.log" 2>&1
status=$?
set -e
rm -f "$repo/.inboxlint.yaml"
if [ "$status" -ne 0 ]; then
	echo "NOTE: inboxlint lint README.md (excluded in .inboxlint.yaml) exits $status: $(grep -m1 '^inboxlint:' "$WORK/readme.log")"
	echo "NOTE: so a hook without files: fails on any non-template .md; the README snippet sets files: ^ads/"
fi

finish
