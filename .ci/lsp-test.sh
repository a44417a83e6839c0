#!/usr/bin/env bash
# The language server (inboxlint lsp), tried with a real client: headless
# Neovim's built-in LSP client opens a template whose finding follows an
# emoji and an em dash, and the diagnostics it shows must sit exactly where
# inboxlint's own JSON output puts them (LSP positions count UTF-16 units,
# the JSON output characters; Neovim converts them through the buffer's
# text, so a server that miscounted would land off by one per emoji). Then
# an unsaved edit that fixes the copy must clear them.
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"

apt_install neovim jq
build_inboxlint "$WORK/bin"
export PATH="$WORK/bin:$PATH"
export XDG_CONFIG_HOME=$WORK/xdg/config XDG_DATA_HOME=$WORK/xdg/data \
	XDG_STATE_HOME=$WORK/xdg/state XDG_CACHE_HOME=$WORK/xdg/cache
export PROBE_OUT=$WORK/probe
mkdir -p "$PROBE_OUT" "$WORK/project"
cp "$ROOT/testdata/ci/lsp-emoji.md" "$WORK/project/ad.md"
cd "$WORK/project"

echo "== Neovim $(nvim --version | head -1), inboxlint lsp"
timeout 60 nvim --headless -u NONE -i NONE -n -c "luafile $ROOT/testdata/ci/lsp-probe.lua" ad.md >"$WORK/nvim.log" 2>&1 ||
	{ cat "$WORK/nvim.log"; die "Neovim did not finish the session"; }

want=$(inboxlint lint --format json --fail-on never ad.md |
	jq -r '.diagnostics[] | "\(.line):\(.column)-\(.endColumn):\(.rule)"' | sort)
got=$(jq -r '.[] | "\(.line):\(.char)-\(.end_char):\(.code)"' "$PROBE_OUT/open.json" | sort)
check "the server published findings" test -n "$got"
if [ "$want" = "$got" ]; then
	pass "Neovim shows each finding at inboxlint's line and character columns ($(echo "$got" | tr '\n' ' '))"
else
	fail "positions differ: inboxlint says [$want], Neovim shows [$got]"
fi
check "diagnostics name their source" test "$(jq -r '[.[].source] | unique | join(",")' "$PROBE_OUT/open.json")" = inboxlint
check "the placeholder is an error (severity 1)" test "$(jq -r '[.[] | select(.code == "placeholder") | .severity] | join(",")' "$PROBE_OUT/open.json")" = 1
check "an unsaved edit that fixes the copy clears the findings" test "$(jq length "$PROBE_OUT/edited.json")" = 0
finish
