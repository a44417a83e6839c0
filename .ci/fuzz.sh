#!/usr/bin/env bash
# Runs every native fuzz target (go test -fuzz) of the packages below
# briefly, one at a time: FUZZTIME each (default 10s). Targets are found with
# go test -list, so a new Fuzz function is run without editing this script.
# Exits non-zero on the first failure; go test has then written the
# failing input to <package>/testdata/fuzz/<Target>/, where it stays as a
# regression seed once the bug is fixed.
#
#   .ci/fuzz.sh                  every target, 10s each
#   FUZZTIME=60s .ci/fuzz.sh     longer, as before a release
#   .ci/fuzz.sh ./render         one package's targets
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZTIME=${FUZZTIME:-10s}
# Minimizing a new input takes up to a minute by default, which would
# stall a short run; a crasher is still minimized, for at most this long.
MINIMIZE=${FUZZMINIMIZETIME:-5s}
if [ $# -gt 0 ]; then
	packages=("$@")
else
	packages=(./render ./render/sandbox ./render/escape ./lint ./cmd/inboxlint)
fi

ran=0
for pkg in "${packages[@]}"; do
	targets=$(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true)
	if [ -z "$targets" ]; then
		echo "fuzz: no fuzz targets in $pkg" >&2
		exit 1
	fi
	for target in $targets; do
		echo "== $pkg $target ($FUZZTIME)"
		go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$MINIMIZE"
		ran=$((ran + 1))
	done
done
echo "fuzz: $ran targets passed"
