# shellcheck shell=bash
# Helpers shared by the integration tests in .ci/*-test.sh. Source it from a
# script that has already run `set -euo pipefail`:
#
#   . "$(dirname "$0")/lib.sh"
#
# It sets ROOT (the repository root), WORK (a temporary directory removed
# on exit), puts Go's bin directory on PATH, and provides:
#
#   pass MSG / fail MSG       print a PASS/FAIL line; fail marks the run failed
#   check MSG CMD...          pass or fail MSG by CMD's exit status
#   finish                    print the tally and exit 1 when anything failed
#   die MSG                   fail MSG and stop (for set-up the rest needs)
#   apt_install PKG...        install the Debian packages that are missing
#                             (apt-get update at most once per script)
#   go_tool BIN MODULE@VER    go install MODULE@VER unless BIN --version
#                             already reports VER
#   npm_tools DIR PKG...      npm install PKG... into DIR (a fresh temp dir)
#   copy_tree DEST            copy the working tree (tracked and untracked,
#                             not ignored files) to DEST, uncommitted edits
#                             included
#   build_inboxlint DIR       go build the CLI into DIR/inboxlint
#   doc_block TITLE LANG [N]  a code block of the README's section TITLE
#   same_as_doc MSG FILE TITLE LANG [N]
#                             pass when that block is FILE, comments aside,
#                             so the documented recipes are the tested ones
#   elapsed                   seconds since the script started

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GOBIN_DIR=$(go env GOPATH)/bin
export PATH="$GOBIN_DIR:$PATH"
# A fixed locale and no colours, so what the tests read is stable.
export LC_ALL=C.UTF-8 NO_COLOR=1
START=$SECONDS
FAILED=0
PASSED=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/inboxlint-ci.XXXXXX")
cleanup() {
	local status=$?
	# A command that failed outside a check (set -e) ends the script: say so.
	if [ "$status" -ne 0 ] && [ "$FAILED" -eq 0 ]; then
		echo "FAIL: $(basename "$0" .sh): aborted with status $status (see the output above)"
	fi
	# Go's module cache is read-only; make everything removable first.
	chmod -R u+w "$WORK" 2>/dev/null || true
	rm -rf "$WORK"
	exit "$status"
}
trap cleanup EXIT

pass() { PASSED=$((PASSED + 1)); echo "PASS: $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }

check() {
	local msg=$1
	shift
	if "$@"; then pass "$msg"; else fail "$msg"; fi
}

elapsed() { echo $((SECONDS - START)); }

finish() {
	local name
	name=$(basename "$0" .sh)
	if [ "$FAILED" -gt 0 ]; then
		echo "FAIL: $name: $FAILED failed, $PASSED passed ($(elapsed)s)"
		exit 1
	fi
	echo "PASS: $name: $PASSED passed ($(elapsed)s)"
}

# die prints a FAIL line and stops the script: for set-up that the rest
# cannot do without.
die() {
	fail "$*"
	finish
	exit 1
}

APT_UPDATED=
apt_install() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "installing Debian packages: ${missing[*]}"
	if [ -z "$APT_UPDATED" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
		APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

go_tool() {
	local bin=$1 mod=$2 ver=${2##*@}
	if command -v "$bin" >/dev/null && "$bin" --version 2>/dev/null | grep -qF "${ver#v}"; then
		return 0
	fi
	echo "installing $mod"
	(cd "$WORK" && GOFLAGS=-buildvcs=false go install "$mod")
}

npm_tools() {
	local dir=$1
	shift
	mkdir -p "$dir"
	(cd "$dir" && npm init -y >/dev/null &&
		npm install --no-audit --no-fund --loglevel=error "$@" >/dev/null)
}

copy_tree() {
	local dest=$1
	mkdir -p "$dest"
	# -co: cached and other (untracked) files, minus .gitignore'd ones; a
	# tracked file deleted in the working tree is skipped.
	(cd "$ROOT" && git ls-files -z -co --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf -) | tar -xf - -C "$dest"
}

build_inboxlint() {
	mkdir -p "$1"
	if ! (cd "$ROOT" && go build -buildvcs=false -o "$1/inboxlint" ./cmd/inboxlint); then
		die "go build ./cmd/inboxlint failed"
	fi
}

# doc_block TITLE LANG [N]: the Nth (default 1st) ```LANG block in the
# section headed TITLE (any level: "## TITLE", "### TITLE") of README.md.
# Empty when there is none.
doc_block() {
	local title=$1 lang=$2 n=${3:-1} doc=$ROOT/README.md
	[ -f "$doc" ] || return 0
	awk -v t="$title" -v lang="$lang" -v n="$n" '
		inb && $0 == "```" { exit }
		inb { print; next }
		/^```+[^`]*$/ {
			if (!fence && on && $0 == "```" lang && ++k == n) { inb = 1; next }
			fence = !fence
			next
		}
		fence { next }
		/^#+ / {
			level = index($0, " ") - 1
			if (substr($0, level + 2) == t) { on = 1; top = level; next }
			if (on && level <= top) on = 0
		}
	' "$doc"
}

# code_lines LANG: the lines of code on stdin without blank lines and
# LANG's whole-line comments, for comparing a recipe with its test copy.
code_lines() {
	local c
	case $1 in
	yaml | sh | toml) c='#' ;;
	lua) c='--' ;;
	vim) c='"' ;;
	elisp) c=';' ;;
	*) c='' ;;
	esac
	if [ -n "$c" ]; then
		grep -Ev "^[[:space:]]*(\$|$c)" || true
	else
		grep -Ev '^[[:space:]]*$' || true
	fi
}

# same_as_doc DESCRIPTION FILE TITLE LANG [N]: the documented block is
# FILE, comments aside.
same_as_doc() {
	local desc=$1 file=$2 block
	block=$(doc_block "$3" "$4" "${5:-1}")
	if [ -z "$block" ]; then
		fail "$desc: no \`\`\`$4 block under \"$3\" in README.md"
	elif diff -u <(code_lines "$4" <"$file") <(code_lines "$4" <<<"$block") >"$WORK/doc.diff"; then
		pass "$desc"
	else
		fail "$desc (- ${file#"$ROOT"/}, + documented):"
		sed 's/^/    /' "$WORK/doc.diff"
	fi
}
