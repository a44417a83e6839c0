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
	packages=(./render ./render/sandbox ./render/escape ./lint ./lint/lang ./lint/preview ./cmd/inboxlint)
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
		# Go's fuzzer can end a run that reached its -fuzztime while a worker
		# was still busy with "context deadline exceeded" and no failing
		# input: that is the engine's own timing, not a finding, so such a
		# run is tried once more. A real failure writes its input and fails
		# both times.
		for attempt in 1 2; do
			set +e
			out=$(go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$MINIMIZE" 2>&1)
			status=$?
			set -e
			printf '%s\n' "$out"
			if [ "$status" -eq 0 ]; then
				break
			fi
			if [ "$attempt" -eq 1 ] && grep -q 'context deadline exceeded' <<<"$out" && ! grep -q 'Failing input written' <<<"$out"; then
				echo "fuzz: $target stopped on the fuzzer's own deadline; running it again"
				continue
			fi
			exit "$status"
		done
		ran=$((ran + 1))
	done
done
echo "fuzz: $ran targets passed"
