#!/usr/bin/env bash
# The JSON Schema of .inboxlint.yaml (inboxlint.schema.json, generated from
# the config's Go types; go test checks it is not stale) against real
# configs, with ajv (npm ajv 8, its draft 2020-12 validator, in one node
# process for all the configs):
#
# - every config in testdata/ (the sections of the testscripts and hostile
#   cases named like a config) that inboxlint accepts (inboxlint rules
#   --config exits 0): ajv accepts it too, so the schema rejects nothing
#   the tool takes; and the README's config blocks and the one inboxlint
#   init writes, which ajv must accept whatever files they name;
# - configs inboxlint rejects for their shape (an unknown key, an unknown
#   count, a severity that is none, an option a rule does not have, a
#   custom rule of an unknown kind): ajv rejects each too.
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

command -v npm >/dev/null || apt_install nodejs npm
npm_tools "$WORK/npm" ajv@8.17.1 js-yaml@4.1.0
build_inboxlint "$WORK/bin"
il=$WORK/bin/inboxlint

# The configs, each in its own directory: from the txtar files' sections
# whose name is a config's, the README's yaml blocks that start with
# "# .inboxlint.yaml", and init's.
node - "$WORK/configs" testdata/script/*.txtar testdata/hostile/cases/*.txtar README.md <<'JS'
const fs = require("fs"), path = require("path");
const [out, ...files] = process.argv.slice(2);
let n = 0;
const save = (from, text, must) => {
  const dir = path.join(out, String(n++));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "from"), from);
  if (must) fs.writeFileSync(path.join(dir, "must"), "");
  fs.writeFileSync(path.join(dir, "config.yaml"), text);
};
for (const f of files) {
  if (!fs.existsSync(f)) continue;
  const text = fs.readFileSync(f, "utf8");
  if (f.endsWith(".md")) {
    const re = /```yaml\n(# \.inboxlint\.yaml[^\n]*\n[\s\S]*?)```/g;
    for (let m; (m = re.exec(text)); ) save(`${f} (a yaml block)`, m[1], true);
    continue;
  }
  const parts = text.split(/^-- (.+) --$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const name = parts[i].trim();
    if (/(^|\/)\.inboxlint\.ya?ml$/.test(name)) save(`${f}: ${name}`, parts[i + 1].replace(/^\n/, ""));
  }
}
JS
mkdir -p "$WORK/init"
(cd "$WORK/init" && git init -q && "$il" init >/dev/null)
n=$(find "$WORK/configs" -mindepth 1 -maxdepth 1 -type d | wc -l)
mkdir -p "$WORK/configs/$n"
cp "$WORK/init/.inboxlint.yaml" "$WORK/configs/$n/config.yaml"
echo "inboxlint init" >"$WORK/configs/$n/from"
touch "$WORK/configs/$n/must"

# validate FILE...: ajv's verdict on each YAML file, "ok FILE" or "bad
# FILE: errors", one a line.
validate() {
	NODE_PATH=$WORK/npm/node_modules node - "$ROOT/inboxlint.schema.json" "$@" <<'JS'
const fs = require("fs"), yaml = require("js-yaml");
const Ajv2020 = require("ajv/dist/2020");
const [schemaFile, ...files] = process.argv.slice(2);
const check = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
for (const f of files) {
  let data;
  try {
    data = yaml.load(fs.readFileSync(f, "utf8")) ?? {};
  } catch (e) {
    console.log(`skip ${f}`); // YAML js-yaml reads otherwise: inboxlint's own concern
    continue;
  }
  console.log(check(data) ? `ok ${f}` : `bad ${f}: ${JSON.stringify(check.errors.map((e) => `${e.instancePath} ${e.message}`))}`);
}
JS
}

echo "== the schema accepts every config inboxlint accepts"
good=() skipped=0
for dir in "$WORK"/configs/*/; do
	# a config that extends files of its test is judged with them absent:
	# inboxlint then rejects it, and it is not counted; the README's and
	# init's must pass the schema whatever the files they name
	if [ -e "$dir/must" ] || (cd "$dir" && git init -q && "$il" rules --config config.yaml) >/dev/null 2>&1; then
		good+=("$dir/config.yaml")
	else
		skipped=$((skipped + 1))
	fi
done
validate "${good[@]}" >"$WORK/good.log"
while read -r verdict file rest; do
	case $verdict in
	ok) ;;
	skip) skipped=$((skipped + 1)) ;;
	*) fail "ajv rejects a config inboxlint accepts: $(cat "$(dirname "$file")/from"): $rest" ;;
	esac
done <"$WORK/good.log"
accepted=$(grep -c '^ok ' "$WORK/good.log" || true)
check "ajv accepts all $accepted configs inboxlint accepts (of $((accepted + skipped)); inboxlint rejects the rest)" test "$accepted" -ge 20

echo "== the schema rejects what inboxlint rejects for its shape"
bad=(
	'colour: red'
	'count: bytes'
	'fail-on: sometimes'
	'root: maybe'
	'include: {a: b}'
	'rules: {hype: loud}'
	'rules: {hype: {severity: fatal}}'
	'rules: {subject-length: {visbile: 3}}'
	'rules: {sender: {max: 2}}'
	'rules: {syntax: off}'
	'custom: [{id: x, kind: banned, pattern: a, message: m}]'
	'custom: [{id: NoSynergy, kind: forbidden, pattern: a, message: m}]'
	'custom: [{id: x, kind: forbidden, patern: a}]'
)
files=()
for i in "${!bad[@]}"; do
	mkdir -p "$WORK/bad/$i"
	printf '%s\n' "${bad[$i]}" >"$WORK/bad/$i/config.yaml"
	if (cd "$WORK/bad/$i" && "$il" rules --config config.yaml) >/dev/null 2>&1; then
		fail "inboxlint accepts ${bad[$i]} (the case is wrong)"
	fi
	files+=("$WORK/bad/$i/config.yaml")
done
validate "${files[@]}" >"$WORK/bad.log"
for i in "${!bad[@]}"; do
	check "ajv rejects: ${bad[$i]}" grep -q "^bad $WORK/bad/$i/config.yaml:" "$WORK/bad.log"
done

finish
