#!/usr/bin/env bash
# The inbox preview in a real browser: go test -tags browser ./lint/preview
# drives headless Chromium (Debian's chromium) with chromedp through the
# static page of testdata/examples (member picker, a conversation clicked
# through to a terminal button, highlighted findings, printing, screenshots
# at 1280 and 375 pixels checked against the page), the XSS cases, the live
# server (--serve on a free loopback port, a template edited on disk, the
# page updated in place within 2 s) and the scale case (1,000 templates ×
# 13 members). Then BenchmarkPage reports the time and size of writing that
# page. Chromium missing is a failure, not a skip.
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

apt_install chromium
CHROMIUM=$(command -v chromium || true)
[ -n "$CHROMIUM" ] || die "chromium is not installed (apt-get install -y chromium)"
echo "== $("$CHROMIUM" --version 2>/dev/null | grep -m1 -o 'Chromium [0-9.]*'), $(go version | awk '{print $3}')"

echo "== the browser tests compile and vet (build tag browser)"
check "go vet -tags browser ./lint/preview" go vet -tags browser ./lint/preview
if command -v golangci-lint >/dev/null; then
	check "golangci-lint --build-tags browser ./lint/preview" golangci-lint run --build-tags browser ./lint/preview/...
fi

echo "== browser tests"
shots=$WORK/screenshots
if go test -tags browser -count=1 -v ./lint/preview -run 'TestBrowser' -args -chromium "$CHROMIUM" -screenshots "$shots" >"$WORK/browser.log" 2>&1; then
	pass "go test -tags browser ./lint/preview (headless Chromium)"
else
	fail "go test -tags browser ./lint/preview (headless Chromium):"
	grep -v '^=== ' "$WORK/browser.log" | sed 's/^/    /'
fi
grep -E -- '--- (PASS|FAIL): TestBrowser[A-Za-z]*( |$)' "$WORK/browser.log" | sed 's/^/    /' || true
grep -oE 'preview-(scale|serve): .*' "$WORK/browser.log" | sed 's/^/    /' || true
for f in message-1280 message-375 conversation-1280 conversation-375; do
	check "screenshot $f.png saved and checked" test -s "$shots/$f.png"
done

echo "== BenchmarkPage: lint --format html on 1,000 templates × 13 members"
if go test -run '^$' -bench '^BenchmarkPage$' -benchtime 3x ./lint/preview >"$WORK/bench.log" 2>&1; then
	pass "BenchmarkPage"
	grep -E '^BenchmarkPage' "$WORK/bench.log" | sed 's/^/    /'
else
	fail "BenchmarkPage:"
	sed 's/^/    /' "$WORK/bench.log"
fi

finish
