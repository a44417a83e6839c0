#!/usr/bin/env bash
# The release configuration, tried with the real tools:
#
# 1. actionlint accepts .github/workflows/release.yml, which pins the
#    GoReleaser version tested here.
# 2. goreleaser check accepts .goreleaser.yaml, without deprecations.
# 3. goreleaser build --snapshot --single-target --clean, in a temporary
#    copy of the working tree committed to a fresh repository (so nothing is
#    written into this one, and there is a commit to stamp) and tagged
#    v1.2.3: the binary runs, and version, --version and -v print
#    "inboxlint v1.2.4-SNAPSHOT-<commit> (revision <commit>, clean)"; it is
#    static (CGO_ENABLED=0), built with -trimpath (no path of the copy in
#    it), dated at the commit, and SARIF names the same version and its
#    SemVer.
# 4. goreleaser release --skip=publish,announce at the tag, with the
#    targets cut to linux/amd64 and windows/amd64 (all six take minutes):
#    a tar.gz and a zip named inboxlint_1.2.3_<os>_<arch>, each holding the
#    binary, LICENSE and README.md (root-owned, dated at the commit),
#    checksums.txt that `sha256sum -c` accepts, and "inboxlint v1.2.3
#    (revision <commit>, clean)".
# 5. Reproducible: the same release from a clone at another path, under
#    another umask, gives the same checksums.txt byte for byte.
#
# 6. The README's download recipe (its Install section), run as written
#    against a file server on loopback standing in for GitHub's release
#    host: the archive and checksums.txt download, sha256sum accepts the
#    archive and the binary prints its version; a corrupted archive fails
#    the check and is not unpacked.
#
# Needs: Go, git, jq, unzip, python3 (Debian); installs goreleaser and
# actionlint with go install when missing.
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

GORELEASER_VERSION=v2.15.1
ACTIONLINT_VERSION=v1.7.12
apt_install git jq unzip python3
go_tool goreleaser "github.com/goreleaser/goreleaser/v2@$GORELEASER_VERSION"
go_tool actionlint "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
echo "== goreleaser $(goreleaser --version 2>/dev/null | awk '/^GitVersion:/ {print $2}'), actionlint $(actionlint --version | head -1), $(go version)"

gitc() { git -c user.name=inboxlint-ci -c user.email=ci@inboxlint.invalid -c commit.gpgsign=false -c tag.gpgsign=false "$@"; }
show() { sed 's/^/    /' "$1" | tail -n "${2:-40}"; }

echo "== the release workflow"
workflow=.github/workflows/release.yml
if actionlint "$workflow" >"$WORK/actionlint.log" 2>&1; then
	pass "actionlint $workflow"
else
	fail "actionlint $workflow:"
	show "$WORK/actionlint.log"
fi
check "$workflow runs GoReleaser $GORELEASER_VERSION, the version tested here" \
	grep -Eq "^ +version: $GORELEASER_VERSION( |$)" "$workflow"

echo "== goreleaser check"
if goreleaser check >"$WORK/check.log" 2>&1 && ! grep -q DEPRECATED "$WORK/check.log"; then
	pass "goreleaser check .goreleaser.yaml (valid, nothing deprecated)"
else
	fail "goreleaser check .goreleaser.yaml:"
	show "$WORK/check.log"
fi

# A clone of the project as the release workflow has it: a commit, a tag, a
# remote (GoReleaser reads the remote; nothing is fetched or pushed).
tree=$WORK/inboxlint
copy_tree "$tree"
(cd "$tree" && git init -q -b main && git add -A && gitc commit -qm "inboxlint working tree" &&
	gitc tag v1.2.3 && git remote add origin https://github.com/inboxlint/inboxlint.git)
rev=$(git -C "$tree" rev-parse HEAD)
short=$(git -C "$tree" rev-parse --short HEAD)
commit_time=$(git -C "$tree" log -1 --format=%ct)
# GoReleaser runs go build with the caller's environment: the builds must
# not depend on GOFLAGS (this machine's go env may say -buildvcs=false).
goreleaser_in() { (cd "$1" && shift && goreleaser "$@"); }

echo "== goreleaser build --snapshot --single-target"
if ! goreleaser_in "$tree" build --snapshot --single-target --clean >"$WORK/snapshot.log" 2>&1; then
	fail "goreleaser build --snapshot --single-target --clean:"
	show "$WORK/snapshot.log"
	die "no snapshot binary to check"
fi
pass "goreleaser build --snapshot --single-target --clean"
check "the build wrote nothing into the repository (git status clean)" \
	test -z "$(git -C "$tree" status --porcelain)"
bin=$tree/$(jq -r '[.[] | select(.type == "Binary")][0].path' "$tree/dist/artifacts.json")
snap=$(jq -r .version "$tree/dist/metadata.json")
check "the snapshot is SemVer after v1.2.3: $snap = 1.2.4-SNAPSHOT-$short" test "$snap" = "1.2.4-SNAPSHOT-$short"
want="inboxlint v$snap (revision ${rev:0:12}, clean)"
for arg in version --version -v; do
	got=$("$bin" "$arg" 2>&1) || true
	check "inboxlint $arg prints \"$want\" (got \"$got\")" test "$got" = "$want"
done
go version -m "$bin" >"$WORK/buildinfo.txt"
for setting in "CGO_ENABLED=0" "-trimpath=true" "vcs.revision=$rev" "vcs.modified=false"; do
	check "the binary records $setting" grep -qE "^[[:space:]]+build[[:space:]]+$setting\$" "$WORK/buildinfo.txt"
done
check "no path of the build tree in the binary (-trimpath)" bash -c "! grep -qF '$tree' '$bin'"
check "the binary is dated at the commit (mod_timestamp)" test "$(stat -c %Y "$bin")" = "$commit_time"

set +e
(cd "$tree" && "$bin" lint --format sarif testdata/examples) >"$WORK/sarif.json" 2>"$WORK/sarif.err"
status=$?
set -e
check "lint --format sarif on the examples exits 1 (got $status)" test "$status" -eq 1
driver=$(jq -c '.runs[0].tool.driver | {version, semanticVersion}' "$WORK/sarif.json" 2>/dev/null || echo '"no SARIF"')
check "SARIF driver: $driver" \
	test "$driver" = "$(jq -nc --arg v "${want#inboxlint }" --arg s "$snap" '{version: $v, semanticVersion: $s}')"

echo "== goreleaser release --skip=publish,announce at v1.2.3 (linux and windows, $(go env GOARCH))"
# The same configuration with two of its six targets: the tar.gz and the
# zip path, without four more cross-builds. The cut must match, or this
# would test something else.
cut=$WORK/goreleaser-two-targets.yaml
arch=$(go env GOARCH)
sed -e 's/^    goos: \[linux, darwin, windows\]$/    goos: [linux, windows]/' \
	-e "s/^    goarch: \\[amd64, arm64\\]\$/    goarch: [$arch]/" .goreleaser.yaml >"$cut"
if [ "$(diff .goreleaser.yaml "$cut" | grep -c '^>')" -ne 2 ]; then
	die "the goos/goarch lines of .goreleaser.yaml changed: update the cut in $(basename "$0")"
fi
release() { # release DIR LOG
	if ! goreleaser_in "$1" release --clean --skip=publish,announce -f "$cut" >"$2" 2>&1; then
		fail "goreleaser release --skip=publish,announce in $1:"
		show "$2"
		die "no release to check"
	fi
}
release "$tree" "$WORK/release.log"
pass "goreleaser release --skip=publish,announce"
dist=$tree/dist
tgz=inboxlint_1.2.3_linux_$arch.tar.gz zip=inboxlint_1.2.3_windows_$arch.zip
check "dist has $tgz, $zip and checksums.txt" test -f "$dist/$tgz" -a -f "$dist/$zip" -a -f "$dist/checksums.txt"
check "checksums.txt lists exactly the two archives" \
	test "$(awk '{print $2}' "$dist/checksums.txt" | sort | tr '\n' ' ')" = "$tgz $zip "
if (cd "$dist" && sha256sum -c checksums.txt) >"$WORK/sha.log" 2>&1; then
	pass "sha256sum -c checksums.txt"
else
	fail "sha256sum -c checksums.txt:"
	show "$WORK/sha.log"
fi
echo "== the README's download and check, against a release host on loopback"
site=$WORK/site
mkdir -p "$site/inboxlint/inboxlint/releases/download/v1.2.3"
cp "$dist/$tgz" "$dist/$zip" "$dist/checksums.txt" "$site/inboxlint/inboxlint/releases/download/v1.2.3/"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$site" >"$WORK/http.log" 2>&1 &
http_pid=$!
# Stop the server however the script ends; cleanup (lib.sh) still sees the
# script's exit status.
stop_server() {
	local st=$?
	kill "$http_pid" 2>/dev/null || true
	(exit "$st")
	cleanup
}
trap stop_server EXIT
port=
for _ in $(seq 100); do
	port=$(sed -n 's/^Serving HTTP on 127\.0\.0\.1 port \([0-9]*\) .*/\1/p' "$WORK/http.log")
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || die "the loopback file server did not start: $(cat "$WORK/http.log")"
recipe=$(doc_block "Install" sh 1)
# shellcheck disable=SC2016 # the recipe's own $v, literally
if ! grep -q '^v=[0-9.]* os=linux arch=amd64 ' <<<"$recipe" ||
	! grep -qF 'base=https://github.com/inboxlint/inboxlint/releases/download/v$v' <<<"$recipe"; then
	fail "the first sh block under \"Install\" in README.md is not the download recipe (v=... os=linux arch=amd64, base=https://github.com/...):"
	awk '{print "    " $0}' <<<"$recipe"
fi
# The recipe as documented, for the tag built above and this machine's
# architecture, from the loopback host instead of github.com.
recipe=$(sed -e "s/^v=[0-9.]* os=linux arch=amd64 /v=1.2.3 os=linux arch=$arch /" \
	-e "s|^base=https://github.com/|base=http://127.0.0.1:$port/|" <<<"$recipe")
run_recipe() { # run_recipe DIR LOG: the recipe, stopping at the first failure
	mkdir -p "$1"
	(cd "$1" && bash -euo pipefail -c "$recipe") >"$2" 2>&1
}
want="inboxlint v1.2.3 (revision ${rev:0:12}, clean)"
if run_recipe "$WORK/download" "$WORK/recipe.log" && grep -qx "$tgz: OK" "$WORK/recipe.log" &&
	grep -qxF "$want" "$WORK/recipe.log"; then
	pass "the README's recipe downloads, checks ($tgz: OK) and runs \"$want\""
else
	fail "the README's recipe:"
	show "$WORK/recipe.log"
fi
check "the macOS check in its comment works too (shasum -a 256 --ignore-missing -c)" \
	bash -c "cd '$WORK/download' && shasum -a 256 --ignore-missing -c checksums.txt | grep -qx '$tgz: OK'"
# A corrupted archive on the host: the check fails and stops the recipe
# before the archive is unpacked.
echo corrupt >>"$site/inboxlint/inboxlint/releases/download/v1.2.3/$tgz"
if ! run_recipe "$WORK/download-bad" "$WORK/recipe-bad.log" && grep -q "^$tgz: FAILED" "$WORK/recipe-bad.log" &&
	[ ! -e "$WORK/download-bad/inboxlint" ]; then
	pass "with a corrupted archive, sha256sum reports FAILED and the recipe stops before unpacking"
else
	fail "the README's recipe with a corrupted archive:"
	show "$WORK/recipe-bad.log"
fi
kill "$http_pid" 2>/dev/null || true
wait "$http_pid" 2>/dev/null || true

tar -tvzf "$dist/$tgz" | awk '{print $1, $2, $6}' | sort -k3 >"$WORK/tgz.txt"
printf '%s\n' "-rw-r--r-- root/root LICENSE" "-rw-r--r-- root/root README.md" "-rwxr-xr-x root/root inboxlint" >"$WORK/tgz.want"
if diff -u "$WORK/tgz.want" "$WORK/tgz.txt" >"$WORK/tgz.diff"; then
	pass "$tgz holds inboxlint, LICENSE and README.md, root-owned"
else
	fail "$tgz contents (- want, + got):"
	show "$WORK/tgz.diff"
fi
dates=$(tar -tvzf "$dist/$tgz" --full-time --utc 2>/dev/null | awk '{print $4 " " $5}' | sort -u)
check "the tar.gz entries are dated at the commit ($dates)" \
	test "$dates" = "$(date -u -d "@$commit_time" '+%Y-%m-%d %H:%M:%S')"
check "$zip holds inboxlint.exe, LICENSE and README.md" \
	test "$(unzip -Z1 "$dist/$zip" | sort | tr '\n' ' ')" = "LICENSE README.md inboxlint.exe "
mkdir -p "$WORK/unpacked"
tar -xzf "$dist/$tgz" -C "$WORK/unpacked"
check "the archived README.md and LICENSE are the tree's" \
	bash -c "cmp -s '$WORK/unpacked/README.md' '$tree/README.md' && cmp -s '$WORK/unpacked/LICENSE' '$tree/LICENSE'"
want="inboxlint v1.2.3 (revision ${rev:0:12}, clean)"
got=$("$WORK/unpacked/inboxlint" version 2>&1) || true
check "the released inboxlint prints \"$want\" (got \"$got\")" test "$got" = "$want"
(cd "$tree" && "$WORK/unpacked/inboxlint" lint --format sarif testdata/examples >"$WORK/sarif-release.json" 2>/dev/null) || true
check "its SARIF semanticVersion is 1.2.3" \
	test "$(jq -r '.runs[0].tool.driver.semanticVersion' "$WORK/sarif-release.json" 2>/dev/null)" = "1.2.3"

echo "== reproducible: the same release from another clone, path and umask"
again=$WORK/elsewhere/inboxlint-again
mkdir -p "${again%/*}"
git clone -q "$tree" "$again"
git -C "$again" remote set-url origin https://github.com/inboxlint/inboxlint.git
mask=$(umask)
umask 0002
release "$again" "$WORK/release-again.log"
umask "$mask"
if diff -u "$dist/checksums.txt" "$again/dist/checksums.txt" >"$WORK/repro.diff"; then
	pass "checksums.txt is byte-identical: the archives and binaries are reproducible"
else
	fail "the second release differs (- first, + second):"
	show "$WORK/repro.diff"
fi

finish
