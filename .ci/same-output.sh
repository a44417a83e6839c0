#!/usr/bin/env bash
# Checks that the working tree's inboxlint writes byte for byte what the
# baseline commit's does, and the same at every parallelism: performance
# work must not change a single finding. Not part of .ci/run (it lints the
# 10,000-template reference corpus many times); run it by hand after any
# change on the hot path:
#
#   bash .ci/same-output.sh [BASE]    # BASE: a commit, default the merge base with main
#
# It builds BASE (from git, in a temporary directory) and the working tree,
# generates the reference corpus (../shared/bench/gen_corpus.go -n 10000
# -seed 1 -members 12, or INBOXLINT_BENCH_CORPUS when set), and compares
# standard output and exit status for every format on the corpus (linted
# from its own directory, with its members.csv) and on testdata/examples,
# and on variant corpora derived from it (.ci/variants_corpus.py), and the
# working tree's output at -j 1, -j 2 and -j 8.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

base=${1:-$(cd "$ROOT" && git merge-base HEAD main)}
base=$(cd "$ROOT" && git rev-parse --verify "$base^{commit}")
echo "baseline $base"

mkdir -p "$WORK/base-src"
(cd "$ROOT" && git archive "$base") | tar -xf - -C "$WORK/base-src"
(cd "$WORK/base-src" && go build -buildvcs=false -o "$WORK/base/inboxlint" ./cmd/inboxlint) || die "cannot build $base"
build_inboxlint "$WORK/new"

corpus=${INBOXLINT_BENCH_CORPUS:-}
if [ -z "$corpus" ]; then
	corpus=$WORK/corpus
	go run "$ROOT/../shared/bench/gen_corpus.go" -n 10000 -seed 1 -members 12 -out "$corpus" 2>/dev/null ||
		die "cannot generate the reference corpus"
fi

# out BIN NAME DIR ARGS...: BIN's stdout in DIR in $WORK/NAME.out, its
# status in NAME.rc
out() {
	local bin=$1 name=$2 dir=$3
	shift 3
	local rc=0
	(cd "$dir" && "$bin" lint --no-color "$@" >"$WORK/$name.out" 2>"$WORK/$name.err") || rc=$?
	echo "$rc" >"$WORK/$name.rc"
}

# same NAME WANT DIR ARGS...: baseline and working tree agree on ARGS in
# DIR, and exit with status WANT
same() {
	local name=$1 want=$2
	shift 2
	out "$WORK/base/inboxlint" "base-$name" "$@"
	out "$WORK/new/inboxlint" "new-$name" "$@"
	if [ "$(cat "$WORK/new-$name.rc")" != "$want" ]; then
		fail "$name: exit $(cat "$WORK/new-$name.rc"), want $want: $(head -c 300 "$WORK/new-$name.err")"
	elif cmp -s "$WORK/base-$name.out" "$WORK/new-$name.out" && cmp -s "$WORK/base-$name.rc" "$WORK/new-$name.rc"; then
		pass "$name: identical ($(wc -c <"$WORK/new-$name.out") bytes, exit $(cat "$WORK/new-$name.rc"))"
	else
		fail "$name: output differs from $base (exit $(cat "$WORK/base-$name.rc") before, $(cat "$WORK/new-$name.rc") now)"
		diff "$WORK/base-$name.out" "$WORK/new-$name.out" | head -20 || true
	fi
}

for f in json text sarif unix github; do
	same "corpus-$f" 1 "$corpus" --format "$f" --members members.csv .
done
for f in json text sarif unix github html; do
	same "examples-$f" 1 "$ROOT" --format "$f" testdata/examples
done

# Variants: the same templates with variants that differ in one paragraph,
# placed first, second or last, with findings only some variants share,
# and with names that repeat (no sharing); and .ci/perf.sh's 20 variants.
for mode in first second last dup perf; do
	vdir=$WORK/variants-$mode
	python3 "$ROOT/.ci/variants_corpus.py" "$corpus" "$vdir" 300 7 "$mode" || die "cannot write the $mode variants corpus"
	cp "$corpus/members.csv" "$vdir/"
	for f in json text; do
		same "variants-$mode-$f" 1 "$vdir" --format "$f" --members members.csv .
	done
done

for j in 1 2 8; do
	out "$WORK/new/inboxlint" "j$j" "$corpus" -j "$j" --format json --members members.csv .
	if cmp -s "$WORK/j$j.out" "$WORK/new-corpus-json.out"; then
		pass "-j $j: identical to the default parallelism"
	else
		fail "-j $j: output depends on the parallelism"
	fi
done
finish
