#!/usr/bin/env bash
# The language server (inboxlint lsp), tried with real clients:
#
# - headless Neovim's built-in LSP client opens a template whose finding
#   follows an emoji and an em dash, and the diagnostics it shows must sit
#   exactly where inboxlint's own JSON output puts them (LSP positions
#   count UTF-16 units, the JSON output characters; Neovim converts them
#   through the buffer's text, so a server that miscounted would land off
#   by one per emoji). Then an unsaved edit that fixes the copy must clear
#   them.
# - a Node client on vscode-languageserver-protocol / vscode-jsonrpc
#   (testdata/ci/lsp-client.js) drives a whole session: initialize,
#   didOpen, didChange, hover (macro, button, var), completion (%, #),
#   codeAction (the ignore action applied, then its reason written),
#   definition, references, rename (and a refused one), a watched config
#   that changed, documentSymbol, shutdown and exit,
#   asserting every answer.
# - headless Neovim with the README's 0.7 recipe (cmd/inboxlint/editors/
#   inboxlint-lsp-0.7.lua) opens two templates of one repository: one
#   server serves both, both get diagnostics, and a code action picked through
#   vim.ui.select inserts the directive. The 0.8 recipe, which Debian's
#   Neovim cannot run, is checked for starting both buffers under one name
#   and root_dir, which is what makes vim.lsp.start reuse the client.
# - Emacs (emacs-nox with Debian's elpa-eglot; skip with
#   INBOXLINT_CI_EMACS=0) with the Eglot recipe: one server for two
#   buffers, Flymake diagnostics at inboxlint's positions, a hover.
# - Helix is not packaged for Debian: its languages.toml is read as TOML.
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"

pkgs=(neovim jq)
command -v node >/dev/null || pkgs+=(nodejs npm)
apt_install "${pkgs[@]}"
build_inboxlint "$WORK/bin"
export PATH="$WORK/bin:$PATH"
export XDG_CONFIG_HOME=$WORK/xdg/config XDG_DATA_HOME=$WORK/xdg/data \
	XDG_STATE_HOME=$WORK/xdg/state XDG_CACHE_HOME=$WORK/xdg/cache
CI_DATA=$ROOT/testdata/ci
EDITORS=$ROOT/cmd/inboxlint/editors
export PROBE_OUT=$WORK/probe
mkdir -p "$PROBE_OUT" "$WORK/project"
cp "$CI_DATA/lsp-emoji.md" "$WORK/project/ad.md"
cd "$WORK/project"

echo "== Neovim $(nvim --version | head -1), inboxlint lsp"
timeout 60 nvim --headless -u NONE -i NONE -n -c "luafile $CI_DATA/lsp-probe.lua" ad.md >"$WORK/nvim.log" 2>&1 ||
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

echo "== Node $(node --version), vscode-languageserver-protocol client"
npm_tools "$WORK/node" vscode-languageserver-protocol@3.17.5 vscode-languageserver-textdocument@1.0.12
mkdir -p "$WORK/node-project/.git"
status=0
NODE_PATH=$WORK/node/node_modules timeout 120 node "$CI_DATA/lsp-client.js" "$CI_DATA/lsp-conversation.md" "$WORK/node-project" >"$WORK/node.log" 2>&1 || status=$?
while IFS= read -r line; do
	case $line in
	"ok - "*) pass "node client: ${line#ok - }" ;;
	"not ok - "*) fail "node client: ${line#not ok - }" ;;
	*) echo "    $line" ;;
	esac
done <"$WORK/node.log"
check "node client: the session ran to the end (status $status)" test "$status" = 0
check "node client: every step of the session was checked" test "$(grep -c '^ok - ' "$WORK/node.log")" -ge 17

echo "== Neovim, the README's 0.7 recipe: one server for two buffers, a code action"
same_as_doc "the README's Neovim 0.7 language server recipe is editors/inboxlint-lsp-0.7.lua" "$EDITORS/inboxlint-lsp-0.7.lua" "Language server" lua 1
same_as_doc "the README's Neovim 0.8 language server recipe is editors/inboxlint-lsp.lua" "$EDITORS/inboxlint-lsp.lua" "Language server" lua 2
for pair in neovim-lsp:inboxlint-lsp.lua neovim-lsp-0.7:inboxlint-lsp-0.7.lua eglot:inboxlint-eglot.el; do
	check "inboxlint editor-setup ${pair%%:*} prints editors/${pair#*:}" \
		cmp -s <(inboxlint editor-setup "${pair%%:*}") "$EDITORS/${pair#*:}"
done
proj=$WORK/buffers
mkdir -p "$proj/sub" "$proj/.git" "$WORK/buffers-out"
cp "$CI_DATA/lsp-emoji.md" "$proj/one.md"
cp "$CI_DATA/lsp-emoji.md" "$proj/sub/two.md"
(cd "$proj" && PROBE_OUT=$WORK/buffers-out timeout 90 nvim --headless -n -i NONE -u "$EDITORS/inboxlint-lsp-0.7.lua" \
	-c "luafile $CI_DATA/lsp-buffers-probe.lua") >"$WORK/nvim2.log" 2>&1 ||
	{ cat "$WORK/nvim2.log"; die "Neovim did not finish the two-buffer session"; }
out=$WORK/buffers-out
check "one inboxlint server, rooted at the repository, serves both buffers" \
	test "$(jq -c '[.[] | select(.name == "inboxlint") | [.root, .buffers]]' "$out/clients.json")" = "[[\"$proj\",[\"one.md\",\"sub/two.md\"]]]"
check "both buffers show the placeholder finding" \
	test "$(jq -c '[.one[].code, .two[].code]' "$out/open.json")" = '["placeholder","placeholder"]'
check "the code actions Neovim offers are the two ignore actions" \
	test "$(jq -c .titles "$out/action.json")" = '["Ignore placeholder on this line (then write the reason)","Ignore placeholder in this file (then write the reason)"]'
check "picking the first inserts the directive at the end of the finding's line" \
	bash -c "jq -r .line '$out/action.json' | grep -qF 'Can I save you a seat? {{- /* inboxlint:ignore placeholder <reason> */}}'"
check "the reason placeholder is reported until it is written" \
	test "$(jq -c '[.diagnostics[].code]' "$out/action.json")" = '["placeholder","syntax"]'
check "with the reason written, sub/two.md has no findings and one.md keeps its own" \
	test "$(jq -c '[(.diagnostics | length), [.one[].code]]' "$out/reason.json")" = '[0,["placeholder"]]'

echo "== Neovim 0.8 recipe (vim.lsp.start), its arguments for two buffers"
# Debian's Neovim is 0.7, which has no vim.lsp.start: record what the
# recipe passes it for two buffers of one repository.
cat >"$WORK/start-stub.lua" <<'LUA'
local calls = {}
vim.lsp.start = function(config) table.insert(calls, { name = config.name, cmd = config.cmd, root_dir = config.root_dir, buf = vim.fn.bufname()}) end
vim.cmd("source " .. os.getenv("RECIPE"))
vim.cmd("edit one.md")
vim.cmd("edit sub/two.md")
local f = assert(io.open(os.getenv("PROBE_OUT") .. "/start.json", "w"))
f:write(vim.fn.json_encode(calls))
f:close()
vim.cmd("qa!")
LUA
(cd "$proj/sub" && RECIPE=$EDITORS/inboxlint-lsp.lua PROBE_OUT=$out timeout 30 nvim --headless -n -i NONE -u NONE \
	-c "filetype on" -c "cd .." -c "luafile $WORK/start-stub.lua") >"$WORK/nvim3.log" 2>&1 ||
	{ cat "$WORK/nvim3.log"; die "Neovim did not run the 0.8 recipe"; }
check "vim.lsp.start gets one name, command and root_dir for both buffers" \
	test "$(jq -c '[.[] | [.name, .cmd, .root_dir, .buf]]' "$out/start.json")" = "[[\"inboxlint\",[\"inboxlint\",\"lsp\"],\"$proj\",\"one.md\"],[\"inboxlint\",[\"inboxlint\",\"lsp\"],\"$proj\",\"sub/two.md\"]]"
if [ "${INBOXLINT_CI_EMACS:-1}" != 0 ]; then
	echo "== Emacs with Eglot, the README's recipe: one server for two buffers"
	apt_install emacs-nox elpa-eglot
	same_as_doc "the README's Eglot recipe is editors/inboxlint-eglot.el" "$EDITORS/inboxlint-eglot.el" "Language server" elisp 1
	proj=$WORK/eglot
	mkdir -p "$proj/sub" "$proj/.git" "$WORK/eglot-out"
	cp "$CI_DATA/lsp-emoji.md" "$proj/one.md"
	cp "$CI_DATA/lsp-emoji.md" "$proj/sub/two.md"
	# -q, not -Q: Debian's site start-up puts its elpa packages (Eglot) on
	# the load path
	(cd "$proj" && HOME=$WORK/home RECIPE=$EDITORS/inboxlint-eglot.el PROBE_OUT=$WORK/eglot-out timeout 90 \
		emacs --batch -q -l "$CI_DATA/eglot-probe.el") >"$WORK/eglot.log" 2>&1 ||
		{ cat "$WORK/eglot.log"; die "Emacs did not finish the Eglot session"; }
	eg=$WORK/eglot-out/eglot.json
	check "Eglot runs one inboxlint server for the project, managing both buffers" \
		test "$(jq -c '[.servers, .managed]' "$eg")" = '[1,[2]]'
	want=$(cd "$proj" && inboxlint lint --format json --fail-on never one.md | jq -r '[.diagnostics[] | "\(.line):\(.column):\(.rule)"] | join(" ")')
	check "Eglot's Flymake shows one.md's findings at inboxlint's line and character ($want)" \
		test "$(jq -r '[.one[] | "\(.line):\(.column):\(.text | capture("\\[(?<r>[^]]+)\\]").r)"] | join(" ")' "$eg")" = "$want"
	check "and sub/two.md's, from the same server" test "$(jq -c '[.two[].line, .two[].column]' "$eg")" = "$(jq -c '[.one[].line, .one[].column]' "$eg")"
	check "hover on %FIRSTNAME% in Eglot shows each member's value" \
		bash -c "jq -r .hover '$eg' | grep -qF '**%FIRSTNAME%** for each sample member:'"
fi

echo "== Helix recipe (editors/languages.toml)"
# Helix is not packaged for Debian: the recipe is checked as Helix reads
# it, a TOML file whose markdown language runs the inboxlint server.
same_as_doc "the README's Helix recipe is editors/languages.toml" "$EDITORS/languages.toml" "Helix" toml 1
check "languages.toml defines the inboxlint server as \`inboxlint lsp\` and gives it to markdown" python3 - "$EDITORS/languages.toml" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    cfg = tomllib.load(f)
server = cfg["language-server"]["inboxlint"]
assert server == {"command": "inboxlint", "args": ["lsp"]}, server
md = [l for l in cfg["language"] if l["name"] == "markdown"]
assert len(md) == 1 and "inboxlint" in md[0]["language-servers"], md
PY
finish
