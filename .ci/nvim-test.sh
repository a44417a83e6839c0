#!/usr/bin/env bash
# Editor recipes from the README, tried with the real editors:
#
# - Neovim (Debian's neovim), headless, with cmd/inboxlint/editors/inboxlint.lua
#   and then editors/inboxlint.vim as the user's config: save a flawed
#   template (BufWritePost → :make → quickfix), fix a line and save again,
#   save a clean one. testdata/ci/nvim-probe.lua records the quickfix list,
#   where the cursor lands on each entry and whether the window is open.
# - Emacs (Debian's emacs-nox; skip with INBOXLINT_CI_EMACS=0), batch mode,
#   with editors/inboxlint.el (a Flymake backend) and M-x compile.
# - VS Code cannot run here: the problem matcher of
#   editors/vscode-tasks.json is applied, as a JavaScript regular
#   expression like VS Code's, to the task's real output.
#
# The recipes are the files `inboxlint editor-setup` prints (checked first),
# in cmd/inboxlint/editors/; the probes and templates are in testdata/ci.
#
# Every check compares with what inboxlint itself reports in JSON for the
# same file, so new rules do not break it. The flawed template has an em
# dash before a finding: columns are characters, and a recipe that reads
# them as bytes lands two characters short.
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"

pkgs=(neovim jq)
[ "${INBOXLINT_CI_EMACS:-1}" = 0 ] || pkgs+=(emacs-nox)
command -v node >/dev/null || pkgs+=(nodejs)
apt_install "${pkgs[@]}"

build_inboxlint "$WORK/bin"
export PATH="$WORK/bin:$PATH"
# Keep the editors away from the user's config, state and swap files.
export XDG_CONFIG_HOME=$WORK/xdg/config XDG_DATA_HOME=$WORK/xdg/data \
	XDG_STATE_HOME=$WORK/xdg/state XDG_CACHE_HOME=$WORK/xdg/cache
CI_DATA=$ROOT/testdata/ci
EDITORS=$ROOT/cmd/inboxlint/editors

# fresh_project DIR: a copy-repository-like directory with the templates.
fresh_project() {
	rm -rf "$1"
	mkdir -p "$1"
	cp "$CI_DATA/flawed.md" "$CI_DATA/clean.md" "$1/"
}

# want FILE: inboxlint's findings for FILE (run in the current directory)
# as "line:col:s:rule", s the severity's first letter.
want() {
	inboxlint lint --format json --fail-on never "$1" |
		jq -r '.diagnostics[] | "\(.line):\(.column):\(.severity[0:1]):\(.rule)"' | sort
}

# same DESCRIPTION WANT GOT: pass when the two lists are equal.
same() {
	if diff -u <(printf '%s\n' "$2") <(printf '%s\n' "$3") >"$WORK/diff"; then
		pass "$1"
	else
		fail "$1 (- inboxlint, + editor):"
		sed 's/^/    /' "$WORK/diff"
	fi
}

echo "== inboxlint editor-setup"
for pair in neovim:inboxlint.lua vim:inboxlint.vim emacs:inboxlint.el vscode:vscode-tasks.json helix:languages.toml; do
	check "inboxlint editor-setup ${pair%%:*} prints editors/${pair#*:}" \
		cmp -s <(inboxlint editor-setup "${pair%%:*}") "$EDITORS/${pair#*:}"
done

echo "== Neovim $(nvim --version | head -1)"
same_as_doc "the README's Neovim recipe is editors/inboxlint.lua" "$EDITORS/inboxlint.lua" "Neovim and Vim" lua
same_as_doc "the README's Vim recipe is editors/inboxlint.vim" "$EDITORS/inboxlint.vim" "Neovim and Vim" vim
for recipe in inboxlint.lua inboxlint.vim; do
	proj=$WORK/nvim-${recipe##*.}
	fresh_project "$proj"
	out=$proj/out
	mkdir -p "$out"
	(cd "$proj" && want flawed.md) >"$WORK/want1"
	grep -q ':27:e:placeholder$' "$WORK/want1" || die "fixture changed: no placeholder finding at 9:27 in flawed.md"
	(cd "$proj" && PROBE_OUT=$out timeout 60 nvim --headless -n -i NONE -u "$EDITORS/$recipe" \
		-c "luafile $CI_DATA/nvim-probe.lua" flawed.md) >"$WORK/nvim.log" 2>&1 ||
		{ cat "$WORK/nvim.log"; die "$recipe: nvim failed"; }
	(cd "$proj" && want flawed.md) >"$WORK/want2" # now with line 9 fixed

	qf() { jq -r '.entries[] | "\(.lnum):\(.col):\(.type):\(.text | capture("\\((?<r>[^ ()]+)\\)$").r)"' "$1" | sort; }
	same "$recipe: quickfix after saving flawed.md holds inboxlint's findings (line, col, type, rule)" \
		"$(cat "$WORK/want1")" "$(qf "$out/1-flawed.json")"
	check "$recipe: the quickfix window opened (cwindow)" test "$(jq .qfwin "$out/1-flawed.json")" = true
	bad=$(jq -r '.entries[] | select(.cursor_line != .lnum or .cursor_char != .col) | "\(.lnum):\(.col) → cursor at \(.cursor_line):\(.cursor_char)"' "$out/1-flawed.json")
	check "$recipe: jumping to each entry puts the cursor on the finding's character${bad:+ ($bad)}" test -z "$bad"
	check "$recipe: the edit removed the line 9 findings" bash -c "! grep -q '^9:' '$WORK/want2'"
	same "$recipe: after fixing line 9 and saving, the quickfix list follows" \
		"$(cat "$WORK/want2")" "$(qf "$out/2-fixed.json")"
	check "$recipe: saving clean.md empties the list and closes the window" \
		test "$(jq -c '[.size, .qfwin]' "$out/3-clean.json")" = "[0,false]"
done

if [ "${INBOXLINT_CI_EMACS:-1}" != 0 ]; then
	echo "== Emacs $(emacs --version | head -1)"
	proj=$WORK/emacs
	fresh_project "$proj"
	out=$proj/out
	mkdir -p "$out"
	(cd "$proj" && want flawed.md) >"$WORK/want1"
	want_spans=$(cd "$proj" && inboxlint lint --format json --fail-on never flawed.md |
		jq -r '.diagnostics[] | "\(.line):\(.column)-\(.endLine):\(.endColumn):\({"error":"error","warning":"warning"}[.severity] // "note"):\(.rule)"' | sort)
	want_loci=$(cut -d: -f1-2 "$WORK/want1" | sort -u)
	(cd "$proj" && HOME=$WORK/home PROBE_OUT=$out timeout 60 emacs --batch -Q -L "$EDITORS" -l "$CI_DATA/emacs-probe.el") >"$WORK/emacs.log" 2>&1 ||
		{ cat "$WORK/emacs.log"; die "emacs failed"; }
	(cd "$proj" && want flawed.md) >"$WORK/want2"
	fm() { jq -r '.[] | "\(.line):\(.column)-\(.endLine):\(.endColumn):\(.type):\(.text | capture("\\((?<r>[^ ()]+)\\)$").r)"' "$1" | sort; }
	same "Emacs Flymake (inboxlint.el): diagnostics span exactly inboxlint's findings (start, end, type, rule)" \
		"$want_spans" "$(fm "$out/flymake-flawed.json")"
	same "Emacs Flymake: after fixing line 9 and saving, the diagnostics follow" \
		"$(cut -d: -f1-2,4 "$WORK/want2")" "$(fm "$out/flymake-flawed-saved.json" | sed -E 's/-[0-9]+:[0-9]+:[a-z]+:/:/')"
	check "Emacs Flymake: clean.md has no diagnostics" test "$(jq length "$out/flymake-clean.json")" = 0
	same "Emacs M-x compile + next-error: visits each finding's line and column" \
		"$want_loci" "$(jq -r '.[] | "\(.line):\(.column)"' "$out/compile.json" | sort -u)"
fi

echo "== VS Code problem matcher (editors/vscode-tasks.json)"
same_as_doc "the README's tasks.json is editors/vscode-tasks.json" "$EDITORS/vscode-tasks.json" "VS Code" json
proj=$WORK/vscode
fresh_project "$proj"
# The task runs `inboxlint lint --format unix` in the workspace folder.
(cd "$proj" && { inboxlint lint --format unix >"$WORK/unix.txt" || true; })
(cd "$proj" && inboxlint lint --format json --fail-on never |
	jq -r '.diagnostics[] | "\(.file):\(.line):\(.column):\(.severity):\(.rule):\(.message)\(
		[(.variant // empty | "variant \(tojson)"), (.member // empty | "member \(tojson)")] |
		if length > 0 then " [" + join(", ") + "]" else "" end)"' | sort) >"$WORK/want-vscode"
node - "$EDITORS/vscode-tasks.json" "$WORK/unix.txt" >"$WORK/got-vscode" <<'EOF'
const fs = require("fs");
const [tasksFile, outFile] = process.argv.slice(2);
const task = JSON.parse(fs.readFileSync(tasksFile, "utf8")).tasks.find(t => t.label === "inboxlint");
const p = task.problemMatcher.pattern;
const re = new RegExp(p.regexp);
for (const line of fs.readFileSync(outFile, "utf8").split("\n")) {
  if (line === "") continue;
  const m = re.exec(line);
  if (!m) { console.log("UNMATCHED " + line); continue; }
  console.log([m[p.file], m[p.line], m[p.column], m[p.severity], m[p.code], m[p.message]].join(":"));
}
EOF
sort -o "$WORK/got-vscode" "$WORK/got-vscode"
same "VS Code: the problem matcher reads every finding (file, line, column, severity, code, message)" \
	"$(cat "$WORK/want-vscode")" "$(cat "$WORK/got-vscode")"
check "VS Code: the task's output has findings to match" test -s "$WORK/unix.txt"

finish
