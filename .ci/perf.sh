#!/usr/bin/env bash
# Measures inboxlint against the performance targets of issue 15 on the
# reference corpus and prints the table the README shows. Not part of CI's
# pass/fail (timings depend on the machine and its load); run it by hand,
# on a machine as quiet as you can get:
#
#   bash .ci/perf.sh            # the table
#   BENCH=1 bash .ci/perf.sh    # also go test -bench on the reference corpus, summarized by benchstat
#
# The reference corpus is ../shared/bench/gen_corpus.go -n 10000 -seed 1
# -members 12 (deterministic, ordinary B2B vocabulary); the 50,000-template
# and 1,000-member cases use the same generator. Every time is the median
# of RUNS runs (default 5) of the whole process, peak RSS the median of the
# same runs; `cat` of the same files is measured in the same run as the
# floor, and the one-template case is timed by hyperfine against
# `inboxlint version`. It prints `uptime` first: on a shared machine the
# load says how far to trust the figures. PERF_DIR keeps the corpora for
# the benchmarks (INBOXLINT_BENCH_CORPUS=$PERF_DIR/ref).
#
# It installs hyperfine (Debian) and benchstat
# (golang.org/x/perf) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$(go env GOPATH)/bin:$PATH"
RUNS=${RUNS:-5}

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dir=${PERF_DIR:-$tmp}
mkdir -p "$dir"
go build -o "$tmp/inboxlint" ./cmd/inboxlint
bin=$tmp/inboxlint
gen() { [ -f "$2/members.csv" ] || go run ../shared/bench/gen_corpus.go -seed 1 -n "$1" -members "$3" -out "$2" 2>/dev/null; }
gen 10000 "$dir/ref" 12
gen 50000 "$dir/50k" 12
gen 1 "$dir/m1000" 1000
# 1,000 templates, as one variant and as 20 variants that differ in one
# paragraph: the paragraph each variant adds is its own value of {{ .p }}
if [ ! -d "$dir/v20" ]; then
	mkdir -p "$dir/v1" "$dir/v20"
	python3 .ci/variants_corpus.py "$dir/ref" "$dir/v1" 1000 1 perf
	python3 .ci/variants_corpus.py "$dir/ref" "$dir/v20" 1000 20 perf
fi

# measure NAME CMD...: RUNS runs of CMD; the medians "WALL_SECONDS RSS_MB
# CPU_SECONDS" (CPU: user + system, which a loaded machine inflates less
# than the wall time). Each run is timed by the wait4 rusage of the
# process, to the microsecond: GNU time's %e has 10 ms steps, a tenth of
# the 1,000-template runs that the variant ratio divides.
measure() {
	shift # the name says what is measured, for the reader
	python3 - "$RUNS" "$@" <<'PY'
import os, statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
wall, rss, cpu = [], [], []
for _ in range(runs):
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    wall.append(time.perf_counter() - t)
    rss.append(ru.ru_maxrss / 1024)
    cpu.append(ru.ru_utime + ru.ru_stime)
print("%.3f %.0f %.3f" % (statistics.median(wall), statistics.median(rss), statistics.median(cpu)), end="")
PY
}
# lint_dir DIR ARGS...: the command that runs inboxlint lint ARGS in DIR as
# one process (sh execs it), for measure
lint_dir() {
	local d=$1
	shift
	measure_cmd=(sh -c 'cd "$0" && exec "$@"' "$d" "$bin" lint --no-color "$@")
}

echo "uptime: $(uptime)" >&2
lint_dir "$dir/ref" --format json --members members.csv .
read -r ref_s ref_mb ref_cpu <<<"$(measure ref "${measure_cmd[@]}")"
read -r cat_s _ <<<"$(measure cat sh -c "cat '$dir'/ref/*.md >/dev/null")"
lint_dir "$dir/50k" --format json --members members.csv .
read -r big_s big_mb big_cpu <<<"$(measure 50k "${measure_cmd[@]}")"
lint_dir "$dir/ref" --format json --members "$dir/m1000/members.csv" .
read -r m1000_s _ m1000_cpu <<<"$(measure m1000 "${measure_cmd[@]}")"
lint_dir "$dir/v1" --format json --members ../ref/members.csv .
read -r v1_s _ v1_cpu <<<"$(measure v1 "${measure_cmd[@]}")"
lint_dir "$dir/v20" --format json --members ../ref/members.csv .
read -r v20_s _ v20_cpu <<<"$(measure v20 "${measure_cmd[@]}")"
one=testdata/examples/event-invitation.md
hyperfine -N --warmup 10 --runs 100 --export-json "$tmp/one.json" "$bin lint --no-color $one" "$bin version" >/dev/null 2>&1 || true
read -r one_ms version_ms <<<"$(python3 -c "import json; r=json.load(open('$tmp/one.json'))['results']; print('%.1f %.1f' % (r[0]['median']*1000, r[1]['median']*1000))")"
echo "uptime: $(uptime)" >&2

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
cat <<EOT
| case (this machine, $(nproc) cores, medians of $RUNS runs) | target | measured (wall) | CPU (user + system) |
|---|---|---|---|
| 10k × 12 members, \`--format json\` | ≤ 0.8 s, ≤ 4.5× \`cat\`, ≤ 80 MB | $ref_s s, $(ratio "$ref_s" "$cat_s")× \`cat\` ($cat_s s), $ref_mb MB | $ref_cpu s |
| 50k × 12 members | ≤ 4 s, ≤ 100 MB | $big_s s, $big_mb MB | $big_cpu s |
| 10k × 1,000 members vs × 12 | ≤ 1.2× | $(ratio "$m1000_s" "$ref_s")× ($m1000_s s) | $(ratio "$m1000_cpu" "$ref_cpu")× ($m1000_cpu s) |
| 1k templates, 20 variants differing in one paragraph vs 1 variant | ≤ 3× | $(ratio "$v20_s" "$v1_s")× ($v20_s s vs $v1_s s) | $(ratio "$v20_cpu" "$v1_cpu")× |
| one template, process start to exit | ≤ 1.3× \`inboxlint version\` | $(ratio "$one_ms" "$version_ms")× ($one_ms ms vs $version_ms ms) | |
| language server: diagnostics after one keystroke, 20 variants | ≤ 20 ms | \`BenchmarkLSPKeystroke\` (BENCH=1) | |
EOT

if [ "${BENCH:-}" = 1 ]; then
	command -v benchstat >/dev/null || go install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
	INBOXLINT_BENCH_CORPUS=$dir/ref go test ./lint ./render ./cmd/inboxlint -run '^$' -bench 'Run|Parse|Render|Reference|LSP' -benchmem -count 6 -timeout 60m >"$tmp/bench.txt"
	benchstat "$tmp/bench.txt"
fi
