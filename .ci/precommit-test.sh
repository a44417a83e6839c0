#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml), tried with the real
# pre-commit (Debian's package):
#
# 1. pre-commit validate-manifest accepts .pre-commit-hooks.yaml.
# 2. pre-commit try-repo, against a committed copy of this working tree
#    (try-repo installs the hook from the repository's HEAD commit), from a
#    consumer repository with one clean and one flawed template: the flawed
#    one fails the hook and its findings are printed, the clean one passes.
# 3. The README's .pre-commit-config.yaml snippet (read from README.md),
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
# golangenv-system, which step 3 checks. GOFLAGS is unset for pre-commit
# here because users do not set -buildvcs=false: the build must work with
# VCS stamping on, as it does in pre-commit's git clone of the repository.
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

apt_install pre-commit git
echo "== $(pre-commit --version), $(go version)"

gitc() { git -c user.name=inboxlint-ci -c user.email=ci@inboxlint.invalid -c commit.gpgsign=false "$@"; }
# pre-commit as a user runs it: its own store in $WORK, no GOFLAGS.
export PRE_COMMIT_HOME=$WORK/pre-commit-home
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
	grep -Eq '^ +9:27 +error .*placeholder$' "$WORK/flawed.log"; then
	pass "try-repo prints the findings (ads/flawed.md, 6:4 unknown-macro, 9:27 placeholder)"
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
check "the refused commit printed the findings" grep -Eq '^ +9:27 +error .*placeholder$' "$WORK/commit2.log"

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
