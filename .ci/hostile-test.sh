#!/usr/bin/env bash
# The red-team suite of issue 9: inboxlint run on hostile pull requests.
# Every case of testdata/hostile/cases.tsv runs in a fresh git repository
# with inputs from testdata/hostile/gen, under /usr/bin/time -v and a
# timeout, with a canary secret in the environment and a marker in files
# outside the repository. A case passes when it stays under 2 s of CPU and
# 300 MB of RSS, ends with the expected exit status, prints a line matching
# its expected regexp and none matching its forbidden one, and no output
# holds the canary, the marker, /etc/passwd or a raw control character.
# Then the 950 KB conversation must give byte-identical JSON across runs and
# across GOMAXPROCS 1, 2 and 8. It prints one line per case and a summary
# table.
#
#   bash .ci/hostile-test.sh [REGEXP]   all cases, or those whose name matches
#
# Environment:
#   HOSTILE_TIMEOUT  seconds before a case is killed (default 20)
#   HOSTILE_MEM_MB   address-space limit of a case, in MB (default 4096), so
#                    that a case that explodes fails instead of the machine
#   HOSTILE_RUNS     runs of the determinism check (default 10; 0 skips it)
#   HOSTILE_TABLE    also write the summary table (Markdown) to this file
#   HOSTILE_KEEP     keep every case's copy and output in this directory
#   HOSTILE_BIN      test this inboxlint binary instead of building one
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"

FILTER=${1:-}
TIMEOUT=${HOSTILE_TIMEOUT:-20}
MEM_MB=${HOSTILE_MEM_MB:-4096}
RUNS=${HOSTILE_RUNS:-10}
MAX_CPU=2.0 # seconds of user + system time
MAX_RSS=300 # MB
MAX_OUTPUT_MB=1024 # a case that prints more is killed (SIGXFSZ), to spare the disk
FORMATS="text unix json sarif github"
DETERMINISM_INPUT=conv-950k-30v

[ -x /usr/bin/time ] || apt_install time
for tool in timeout git mkfifo mknod sha256sum; do
	command -v "$tool" >/dev/null || die "$tool is missing"
done

BIN=$WORK/bin
if [ -n "${HOSTILE_BIN:-}" ]; then
	mkdir -p "$BIN" && cp "$HOSTILE_BIN" "$BIN/inboxlint"
else
	build_inboxlint "$BIN"
fi
(cd "$ROOT" && go build -o "$BIN/hostile-gen" ./testdata/hostile/gen &&
	go build -o "$BIN/lspclient" ./testdata/hostile/lspclient) || die "cannot build the suite's helpers"

random() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
# Both are longer than the 40 characters of an excerpt an error may quote:
# finding either one whole in the output is a leak.
CANARY=canary-$(random)
SECRET=inboxlint-secret-$(random)

OUTDIR=${HOSTILE_KEEP:-$WORK/out}
GEN=$OUTDIR/gen
RUN=$GEN/run
mkdir -p "$OUTDIR" "$WORK/home" "$WORK/tmp"
rm -rf "$GEN"
"$BIN/hostile-gen" -out "$GEN" -mark "$SECRET" -cases "$ROOT/testdata/hostile/cases" || die "testdata/hostile/gen failed"
mkdir -p "$RUN"

# env_for DIR [VAR=VALUE...] sets ENVV to the whole environment of a case
# run in DIR (for env -i). The canary is the only secret in it: nothing of
# this shell's environment reaches inboxlint.
env_for() {
	local dir=$1
	shift
	ENVV=(PATH="$BIN:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
		HOME="$WORK/home" TMPDIR="$WORK/tmp" LC_ALL=C.UTF-8 NO_COLOR=1 TZ=UTC
		GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
		GIT_AUTHOR_NAME=hostile GIT_AUTHOR_EMAIL=hostile@example.com
		GIT_COMMITTER_NAME=hostile GIT_COMMITTER_EMAIL=hostile@example.com
		OUTSIDE="$GEN/outside" CASE="$dir" "$@" INBOXLINT_CANARY="$CANARY")
}

# limits: the shell commands that cap a case's address space and the size
# of the files it writes (its output), in the units ulimit takes (KiB).
limits() { echo "ulimit -v $((MEM_MB * 1024)); ulimit -f $((MAX_OUTPUT_MB * 1024))"; }

# sanitize: text of the output fit for this log: the secrets replaced, non-
# printable bytes as ?, at most 100 characters.
sanitize() {
	local s=${1//"$CANARY"/<canary>}
	s=${s//"$SECRET"/<marker>}
	printf '%s' "$s" | LC_ALL=C tr -c '[:print:]' '?' | sed 's/^ *//' | cut -c1-100
}

# first_line REGEXP FILE...: the first line of the files that matches REGEXP.
first_line() {
	local re=$1
	shift
	LC_ALL=C.UTF-8 grep -haP -m1 -- "$re" "$@" 2>/dev/null | head -n1 || true
}

TABLE=$WORK/table.md
{
	echo "| case | issue | CPU s | wall s | RSS MB | exit | outcome |"
	echo "|---|---|---|---|---|---|---|"
} >"$TABLE"
SKIPPED=0

# run_case NAME ISSUE INPUT SETUP COMMAND EXIT EXPECT FORBID
run_case() {
	local name=$1 issue=$2 input=$3 setup=$4 cmd=$5 want=$6 expect=$7 forbid=$8
	local dir=$RUN/${name//\//.} out=$OUTDIR/${name//\//.}
	rm -rf "$dir" "$out"
	mkdir -p "$dir" "$out"
	if [ "$input" != - ]; then
		if [ ! -d "$GEN/cases/$input" ]; then
			fail "$name: no input $input"
			echo "| $name | $issue | | | | | FAIL: no input $input |" >>"$TABLE"
			return
		fi
		cp -a "$GEN/cases/$input/." "$dir/"
	fi
	git -C "$dir" init -q
	if [ "$setup" != - ]; then
		local st=0
		env_for "$dir"
		(cd "$dir" && env -i "${ENVV[@]}" bash -ec "$setup") >"$out/setup.log" 2>&1 || st=$?
		if [ "$st" -eq 77 ]; then
			SKIPPED=$((SKIPPED + 1))
			echo "SKIP: $name (its setup says the machine cannot run it)"
			echo "| $name | $issue | | | | | SKIP |" >>"$TABLE"
			return
		elif [ "$st" -ne 0 ]; then
			fail "$name: setup failed: $(sanitize "$(tail -n1 "$out/setup.log")")"
			echo "| $name | $issue | | | | | FAIL: setup failed |" >>"$TABLE"
			return
		fi
	fi

	local rc=0
	env_for "$dir"
	(cd "$dir" && /usr/bin/time -v -o "$out/time" timeout -k 5 "$TIMEOUT" \
		env -i "${ENVV[@]}" bash -c "$(limits); $cmd" \
		>"$out/stdout" 2>"$out/stderr" </dev/null) || rc=$?
	record "$name" "$issue" "$out" "$rc" "$want" "$expect" "$forbid"
}

# record NAME ISSUE OUT RC EXIT EXPECT FORBID: judge one run and report it.
record() {
	local name=$1 issue=$2 out=$3 rc=$4 want=$5 expect=$6 forbid=$7
	local cpu wall rss killed over reasons=() line leaks
	read -r cpu wall rss killed over < <(awk -F': ' -v max="$MAX_CPU" '
		/User time/ { u = $2 }
		/System time/ { s = $2 }
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
		/Maximum resident set size/ { r = $2 / 1024 }
		/^Command terminated by signal 9/ { k = 1 }
		END { printf "%.2f %.2f %.0f %d %d\n", u + s, w, r, k, (u + s >= max) ? 1 : 0 }' "$out/time")
	local outputs=("$out/stdout" "$out/stderr")

	if [ "$killed" = 1 ]; then
		# timeout's SIGKILL to its process group killed timeout too, so its
		# children's CPU time and RSS were never collected
		reasons+=("hangs: killed by the timeout after $TIMEOUT s, with SIGKILL (CPU and RSS not measured)")
		cpu="?" rss="?" over=0
	elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		reasons+=("hangs: killed by the timeout after $TIMEOUT s")
	elif [ "$rc" -eq 153 ]; then
		reasons+=("prints more than $MAX_OUTPUT_MB MB: killed by the output limit")
	elif [ "$rc" -ge 2 ] && grep -aqiE 'out of memory|cannot allocate memory' "$out/stderr"; then
		reasons+=("cut off by the $MEM_MB MB memory limit (out of memory)")
	elif [ "$rc" -ge 2 ] && grep -aqE '^goroutine [0-9]+ \[|^panic: ' "$out/stderr"; then
		reasons+=("crashes with a Go stack trace")
	fi
	if [ "$over" = 1 ]; then
		reasons+=("CPU $cpu s (limit $MAX_CPU s)")
	fi
	if [ "$rss" != "?" ] && [ "$rss" -ge "$MAX_RSS" ]; then
		reasons+=("RSS $rss MB (limit $MAX_RSS MB)")
	fi
	if [[ "|$want|" != *"|$rc|"* ]]; then
		reasons+=("exit $rc, want $want")
	fi
	# expect "-": no line is required (a clean run of the unix or github
	# format prints nothing)
	if [ "$expect" != - ] && ! LC_ALL=C.UTF-8 grep -aqP -- "$expect" "${outputs[@]}" 2>/dev/null; then
		reasons+=("no line matches /$expect/")
	fi
	# the language-server client says what went wrong itself
	if line=$(first_line '^lspclient: FAIL: ' "$out/stdout") && [ -n "$line" ]; then
		reasons+=("$(sanitize "${line#lspclient: FAIL: }")")
	fi
	if [ "$forbid" != - ] && line=$(first_line "$forbid" "${outputs[@]}") && [ -n "$line" ]; then
		reasons+=("forbidden line: $(sanitize "$line")")
	fi
	leaks=$(grep -ahoF -e "$CANARY" -e "$SECRET" -e "root:x:0:0:" "${outputs[@]}" | sort -u) || true
	if [[ $leaks == *"$CANARY"* ]]; then
		reasons+=("prints the environment (the canary)")
	fi
	if [[ $leaks == *"$SECRET"* ]]; then
		reasons+=("prints content of a file it must not quote (the marker)")
	fi
	if [[ $leaks == *"root:x:0:0:"* ]]; then
		reasons+=("prints /etc/passwd")
	fi
	# C0 controls but tab and line feed, DEL, C1 (UTF-8 C2 80..9F), U+2028/9
	if LC_ALL=C grep -aqP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]' "${outputs[@]}"; then
		reasons+=("raw control characters in the output")
	fi

	local outcome
	if [ ${#reasons[@]} -eq 0 ]; then
		outcome=PASS
		pass "$name"
	else
		outcome="FAIL: ${reasons[0]}"
		for line in "${reasons[@]:1}"; do outcome+="; $line"; done
		fail "$name: ${outcome#FAIL: }"
	fi
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$issue" "$cpu" "$wall" "${rss:-?}" "$rc" "${outcome//|/\\|}" >>"$TABLE"
}

echo "== the red-team cases (testdata/hostile/cases.tsv)"
n=0
while IFS=$'\t' read -r name issue input setup cmd want expect forbid; do
	case $name in '' | '#'*) continue ;; esac
	if [ -z "$forbid" ]; then
		die "cases.tsv: the line of $name does not have 8 tab-separated fields"
	fi
	if [[ $cmd == *@FORMAT@* ]]; then
		for f in $FORMATS; do
			[ -z "$FILTER" ] || [[ ${name//@FORMAT@/$f} =~ $FILTER ]] || continue
			run_case "${name//@FORMAT@/$f}" "$issue" "$input" "$setup" "${cmd//@FORMAT@/$f}" "$want" "$expect" "$forbid"
			n=$((n + 1))
		done
		continue
	fi
	[ -z "$FILTER" ] || [[ $name =~ $FILTER ]] || continue
	run_case "$name" "$issue" "$input" "$setup" "$cmd" "$want" "$expect" "$forbid"
	n=$((n + 1))
done <"$ROOT/testdata/hostile/cases.tsv"
[ "$n" -gt 0 ] || die "no case matches /$FILTER/"

# The same input gives byte-identical JSON on every run and whatever the
# number of threads (issue 9, §2): the wall-clock budget made it depend on
# the machine's load.
determinism() {
	local dir=$RUN/determinism out=$OUTDIR/determinism hashes=() procs i rc
	rm -rf "$dir" "$out"
	mkdir -p "$out"
	cp -a "$GEN/cases/$DETERMINISM_INPUT" "$dir"
	git -C "$dir" init -q
	local labels=()
	for i in $(seq "$RUNS"); do labels+=("run-$i:"); done
	for procs in 1 2 8; do labels+=("gomaxprocs-$procs:$procs"); done
	local start=$SECONDS
	for l in "${labels[@]}"; do
		local label=${l%%:*} p=${l#*:} extra=()
		[ -z "$p" ] || extra=(GOMAXPROCS="$p")
		rc=0
		env_for "$dir" "${extra[@]}"
		(cd "$dir" && timeout -k 5 "$TIMEOUT" env -i "${ENVV[@]}" \
			bash -c "$(limits); inboxlint lint --format json ad.md" \
			>"$out/$label.json" 2>"$out/$label.err" </dev/null) || rc=$?
		hashes+=("$(sha256sum <"$out/$label.json" | cut -c1-12) $label exit $rc")
	done
	local distinct
	distinct=$(printf '%s\n' "${hashes[@]}" | cut -d' ' -f1 | sort -u | wc -l)
	local msg="--format json of $DETERMINISM_INPUT, $RUNS runs and GOMAXPROCS 1, 2, 8: $distinct distinct output(s)"
	if [ "$distinct" -eq 1 ]; then
		pass "determinism: $msg"
		echo "| determinism | 2 determinism | | $((SECONDS - start)) (all runs) | | | PASS: $msg |" >>"$TABLE"
	else
		fail "determinism: $msg"
		printf '    %s\n' "${hashes[@]}"
		echo "| determinism | 2 determinism | | $((SECONDS - start)) (all runs) | | | FAIL: $msg |" >>"$TABLE"
	fi
}
if [ "$RUNS" -gt 0 ] && { [ -z "$FILTER" ] || [[ determinism =~ $FILTER ]]; }; then
	echo "== determinism"
	determinism
fi

echo
echo "== summary (limits: CPU $MAX_CPU s, RSS $MAX_RSS MB; timeout $TIMEOUT s, address space $MEM_MB MB)"
cat "$TABLE"
[ -z "${HOSTILE_TABLE:-}" ] || cp "$TABLE" "$HOSTILE_TABLE"
[ "$SKIPPED" -eq 0 ] || echo "($SKIPPED skipped)"
finish
