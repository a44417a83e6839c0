#!/usr/bin/env bash
# Measures inboxlint against the performance targets and prints the table
# the README shows. Not part of CI's pass/fail (timings depend on the
# machine); run it by hand on a quiet machine:
#
#   bash .ci/perf.sh            # the table
#   BENCH=1 bash .ci/perf.sh    # also go test -bench, summarized by benchstat
#
# It installs hyperfine (Debian) and benchstat (golang.org/x/perf) when
# missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$(go env GOPATH)/bin:$PATH"

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/inboxlint" ./cmd/inboxlint
go test ./lint/corpus -run '^TestCorpus$' -count=1 -args -corpus-dir="$tmp/corpus" -corpus-n=10000 >/dev/null
one=testdata/examples/event-invitation.md

# median of N runs of a command: "WALL_SECONDS RSS_MB"
measure() {
	local n=$1; shift
	for _ in $(seq "$n"); do
		/usr/bin/time -o "$tmp/one" -f "%e %M" "$@" >/dev/null 2>&1 || true
		tail -n 1 "$tmp/one" >>"$tmp/times"
	done
	sort -n "$tmp/times" | awk '{w[NR]=$1; r[NR]=$2} END {m=int((NR+1)/2); printf "%.2f %.0f", w[m], r[m]/1024}'
	rm -f "$tmp/times"
}

single=$(hyperfine -N --warmup 10 --runs 100 --export-json "$tmp/one.json" "$tmp/inboxlint lint --no-color $one" 2>/dev/null >/dev/null; \
	python3 -c "import json; r=json.load(open('$tmp/one.json'))['results'][0]; print('%.1f ms' % (r['median']*1000))")
read -r big_s big_mb <<<"$(measure 7 "$tmp/inboxlint" lint --format json "$tmp/corpus")"
read -r cat_s _ <<<"$(measure 7 sh -c "cat $tmp/corpus/* > /dev/null")"

cat <<EOT
| measurement (this machine, $(nproc) cores) | target | measured (median) |
|---|---|---|
| one template, process start to exit | ≤ 10 ms | $single |
| 10,000 Message Ads × 13 members, --format json | ≤ 1.0 s, ≤ 100 MB RSS | $big_s s wall, $big_mb MB RSS |
| cat of the same 10,000 files (the floor) | | $cat_s s |
EOT

if [ "${BENCH:-}" = 1 ]; then
	command -v benchstat >/dev/null || go install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
	go test ./lint ./render -run '^$' -bench 'Run|Parse|Render' -benchmem -count 6 -timeout 30m > "$tmp/bench.txt"
	benchstat "$tmp/bench.txt"
fi
