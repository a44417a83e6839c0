// Driven by .ci/lsp-test.sh: a language client on vscode-languageserver-
// protocol / vscode-jsonrpc (the libraries VS Code's own client is built
// on) runs `inboxlint lsp` through a whole session on
// testdata/ci/lsp-conversation.md and asserts every answer. Edits the
// server returns are applied with vscode-languageserver-textdocument, as
// an editor applies them. Prints "ok - ..." or "not ok - ..." per check;
// exits 1 when any failed.
"use strict";
const cp = require("child_process");
const fs = require("fs");
const path = require("path");
const assert = require("assert");
const url = require("url");
const rpc = require("vscode-languageserver-protocol/node");
const { TextDocument } = require("vscode-languageserver-textdocument");

const [fixture, project] = process.argv.slice(2);
const file = path.join(project, "ad.md");
fs.copyFileSync(fixture, file);
const uri = url.pathToFileURL(file).href;

const server = cp.spawn("inboxlint", ["lsp"], { cwd: project, stdio: ["pipe", "pipe", "inherit"] });
const exited = new Promise((resolve) => server.on("exit", (code) => resolve(code)));
const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));

let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log("ok - " + name);
  } catch (e) {
    failed++;
    console.log("not ok - " + name + ": " + String(e.message).replace(/\n/g, "\n    "));
  }
}

// diagnostics by document version, resolved as they arrive
const published = new Map();
const waiting = new Map();
conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
  published.set(p.version, p.diagnostics);
  const w = waiting.get(p.version);
  if (w) w(p.diagnostics);
});
function diagnostics(version) {
  if (published.has(version)) return Promise.resolve(published.get(version));
  return new Promise((resolve, reject) => {
    waiting.set(version, resolve);
    setTimeout(() => reject(new Error("no diagnostics for version " + version)), 30000);
  });
}
const registrations = [];
conn.onRequest(rpc.RegistrationRequest.type, (p) => {
  registrations.push(...p.registrations);
  return null;
});
conn.listen();

let doc = TextDocument.create(uri, "markdown", 1, fs.readFileSync(file, "utf8"));
async function change(text) {
  doc = TextDocument.create(uri, "markdown", doc.version + 1, text);
  await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: doc.version },
    contentChanges: [{ text }],
  });
  return diagnostics(doc.version);
}
const pos = (line, character) => ({ textDocument: { uri }, position: { line, character } });
const where = (r) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const codes = (ds) => ds.map((d) => `${d.code}@${where(d.range)}`).sort();

(async () => {
  await check("initialize announces every capability", async () => {
    const res = await conn.sendRequest(rpc.InitializeRequest.type, {
      processId: process.pid,
      rootUri: url.pathToFileURL(project).href,
      workspaceFolders: [{ uri: url.pathToFileURL(project).href, name: "project" }],
      capabilities: { workspace: { applyEdit: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    const c = res.capabilities;
    assert.deepStrictEqual(c.textDocumentSync, { openClose: true, change: rpc.TextDocumentSyncKind.Full, save: { includeText: true } });
    assert.strictEqual(c.hoverProvider, true);
    assert.deepStrictEqual(c.completionProvider.triggerCharacters, ["%", "#", ":", "."]);
    assert.strictEqual(c.documentSymbolProvider, true);
    assert.strictEqual(c.definitionProvider, true);
    assert.strictEqual(c.referencesProvider, true);
    assert.deepStrictEqual(c.renameProvider, { prepareProvider: true });
    assert.deepStrictEqual(c.codeActionProvider, { codeActionKinds: [rpc.CodeActionKind.QuickFix] });
    assert.strictEqual(res.serverInfo.name, "inboxlint");
  });
  await conn.sendNotification(rpc.InitializedNotification.type, {});

  await check("didOpen: the findings, with UTF-16 ranges", async () => {
    await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "markdown", version: 1, text: doc.getText() },
    });
    const ds = await diagnostics(1);
    // "[Speaker name]" follows 👋, which counts two UTF-16 units
    assert.ok(codes(ds).includes("placeholder@13:50-13:64"), codes(ds).join(" "));
    assert.ok(ds.every((d) => d.source === "inboxlint" && d.codeDescription.href.endsWith("#" + d.code)));
  });
  await check("the server asks to watch configs, members files and templates", async () => {
    for (let i = 0; i < 100 && registrations.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(registrations.length, 1);
    assert.strictEqual(registrations[0].method, "workspace/didChangeWatchedFiles");
    assert.deepStrictEqual(registrations[0].registerOptions.watchers.map((w) => w.globPattern),
      ["**/.inboxlint.yaml", "**/.inboxlint.yml", "**/*.{csv,json,yaml,yml}", "**/*.md"]);
  });

  await check("didChange: an emoji and a space added before the placeholder move it three UTF-16 units", async () => {
    const ds = await change(doc.getText().replace("Hi %FIRSTNAME% 👋", "👋 Hi %FIRSTNAME% 👋"));
    assert.ok(codes(ds).includes("placeholder@13:53-13:67"), codes(ds).join(" "));
  });

  await check("hover on a macro: each member's value, the fallback, the field's limits", async () => {
    const h = await conn.sendRequest(rpc.HoverRequest.type, pos(13, 8));
    assert.strictEqual(h.contents.kind, "markdown");
    assert.deepStrictEqual(h.range, { start: { line: 13, character: 6 }, end: { line: 13, character: 17 } });
    const v = h.contents.value;
    assert.match(v, /^\*\*%FIRSTNAME%\*\* for each sample member:/);
    assert.match(v, /- Emily Carter: ` Emily `/);
    assert.match(v, /- Jordan Lee \\\(personalization off\\\): ` LinkedIn Member `/);
    assert.match(v, /LinkedIn's fallback, when a member has no value or personalization is off: ` LinkedIn Member `/);
    assert.match(v, /\nbody: \d+ characters as written, at most \d+ rendered/);
    assert.match(v, /- LinkedIn's limit 8000 \(`body-length`\): fits/);
  });
  await check("hover on a button: where it leads and its label's length", async () => {
    const h = await conn.sendRequest(rpc.HoverRequest.type, pos(15, 4));
    assert.strictEqual(h.contents.value, "**Button** ` Yes please `\n\nLeads to the message ` The playbook ` (line 19)\n\n" +
      "button label: 10 characters as written, at most 10 rendered (Emily Carter · variant vp)\n- button limit 25 (`cta-length`): fits");
  });
  await check("hover on {{ .topic }}: its value in each variant", async () => {
    const h = await conn.sendRequest(rpc.HoverRequest.type, pos(13, 33));
    assert.match(h.contents.value, /^\*\*\\\.topic\*\* in each variant:\n\n- variant vp: ` pipeline `\n- variant ops: ` forecasting `/);
  });

  await check("completion after %: the five macros, replacing what is typed", async () => {
    const list = await conn.sendRequest(rpc.CompletionRequest.type, pos(13, 8));
    assert.deepStrictEqual(list.items.map((i) => i.label), ["%FIRSTNAME%", "%LASTNAME%", "%JOBTITLE%", "%COMPANYNAME%", "%INDUSTRY%"]);
    const edited = TextDocument.applyEdits(doc, [list.items[3].textEdit]);
    assert.ok(edited.includes("👋 Hi %COMPANYNAME% 👋"), edited.split("\n")[13]);
  });
  await check("completion after # in a button: the messages' slugs", async () => {
    const list = await conn.sendRequest(rpc.CompletionRequest.type, pos(15, 16));
    assert.deepStrictEqual(list.items.map((i) => i.label), ["#welcome", "#the-playbook"]);
  });

  await check("code action: ignore the placeholder on its line, then write the reason", async () => {
    const placeholder = published.get(doc.version).filter((d) => d.code === "placeholder");
    const actions = await conn.sendRequest(rpc.CodeActionRequest.type, {
      textDocument: { uri }, range: placeholder[0].range, context: { diagnostics: placeholder },
    });
    assert.deepStrictEqual(actions.map((a) => a.title), [
      "Ignore placeholder on this line (then write the reason)", "Ignore placeholder in this file (then write the reason)"]);
    let ds = await change(TextDocument.applyEdits(doc, actions[0].edit.changes[uri]));
    assert.ok(doc.getText().includes("explains. {{- /* inboxlint:ignore placeholder <reason> */}}\n"));
    const syntax = ds.filter((d) => d.code === "syntax");
    assert.strictEqual(syntax.length, 1);
    assert.strictEqual(syntax[0].message, "inboxlint:ignore placeholder: replace <reason> with why the rule does not apply here");
    assert.strictEqual(doc.getText(syntax[0].range), "<reason>");
    ds = await change(doc.getText().replace("<reason>", "the speaker is announced on the day"));
    assert.deepStrictEqual(ds.filter((d) => d.code === "placeholder" || d.code === "syntax"), []);
  });

  await check("code action: a macro in the wrong case gets its fix first, preferred, and applying it clears the finding", async () => {
    let ds = await change(doc.getText().replace("👋 Hi %FIRSTNAME% 👋", "👋 Hi %firstname% 👋"));
    const macro = ds.filter((d) => d.code === "unknown-macro");
    assert.deepStrictEqual(macro.map((d) => where(d.range)), ["13:6-13:17"]);
    const actions = await conn.sendRequest(rpc.CodeActionRequest.type, {
      textDocument: { uri }, range: macro[0].range, context: { diagnostics: macro },
    });
    assert.strictEqual(actions[0].title, "Write %FIRSTNAME%");
    assert.strictEqual(actions[0].kind, rpc.CodeActionKind.QuickFix);
    assert.strictEqual(actions[0].isPreferred, true);
    assert.deepStrictEqual(actions.slice(1).map((a) => a.title), [
      "Ignore unknown-macro on this line (then write the reason)", "Ignore unknown-macro in this file (then write the reason)"]);
    ds = await change(TextDocument.applyEdits(doc, actions[0].edit.changes[uri]));
    assert.ok(doc.getText().includes("👋 Hi %FIRSTNAME% 👋"), doc.getText().split("\n")[13]);
    assert.deepStrictEqual(ds.filter((d) => d.code === "unknown-macro"), []);
  });

  await check("definition of #the-playbook: its heading", async () => {
    const locs = await conn.sendRequest(rpc.DefinitionRequest.type, pos(15, 18));
    assert.deepStrictEqual(locs, [{ uri, range: { start: { line: 18, character: 0 }, end: { line: 18, character: 14 } } }]);
  });
  await check("references of a message: its heading and the button that targets it", async () => {
    const locs = await conn.sendRequest(rpc.ReferencesRequest.type, { ...pos(18, 4), context: { includeDeclaration: true } });
    assert.deepStrictEqual(locs.map((l) => where(l.range)), ["18:0-18:14", "15:15-15:28"]);
  });
  await check("rename a heading: the buttons that target it follow", async () => {
    const prep = await conn.sendRequest(rpc.PrepareRenameRequest.type, pos(18, 4));
    assert.deepStrictEqual(prep, { range: { start: { line: 18, character: 2 }, end: { line: 18, character: 14 } }, placeholder: "The playbook" });
    const edit = await conn.sendRequest(rpc.RenameRequest.type, { ...pos(18, 4), newName: "Your playbook" });
    assert.deepStrictEqual(Object.keys(edit.changes), [uri]);
    const ds = await change(TextDocument.applyEdits(doc, edit.changes[uri]));
    assert.ok(doc.getText().includes("\n# Your playbook\n") && doc.getText().includes("- [Yes please](#your-playbook)"));
    assert.ok(!doc.getText().includes("the-playbook"));
    assert.deepStrictEqual(ds.filter((d) => d.code === "flow-target"), [], "a button lost its target");
  });
  await check("rename to another message's heading is refused with the reason", async () => {
    await assert.rejects(conn.sendRequest(rpc.RenameRequest.type, { ...pos(18, 4), newName: "Welcome" }),
      (e) => e.code === -32803 && e.message === "message 1 (line 12) already has the id #welcome: choose another heading");
  });
  await check("a changed .inboxlint.yaml, reported as a watched file, re-lints the document", async () => {
    fs.writeFileSync(path.join(project, ".inboxlint.yaml"), "rules:\n  flow-cycle: error\n");
    const before = published.get(doc.version).filter((d) => d.code === "flow-cycle");
    assert.deepStrictEqual(before.map((d) => d.severity), [rpc.DiagnosticSeverity.Warning]);
    published.delete(doc.version);
    await conn.sendNotification(rpc.DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: url.pathToFileURL(path.join(project, ".inboxlint.yaml")).href, type: rpc.FileChangeType.Created }],
    });
    const ds = await diagnostics(doc.version);
    assert.deepStrictEqual(ds.filter((d) => d.code === "flow-cycle").map((d) => d.severity), [rpc.DiagnosticSeverity.Error]);
  });
  await check("document symbols: the messages and their buttons", async () => {
    const syms = await conn.sendRequest(rpc.DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.deepStrictEqual(syms.map((s) => [s.name, s.detail, s.kind, s.children.map((c) => c.name)]), [
      ["Welcome", "#welcome", rpc.SymbolKind.Namespace, ["Yes please", "Register"]],
      ["Your playbook", "#your-playbook", rpc.SymbolKind.Namespace, ["Back to start", "Get it"]],
    ]);
  });

  await check("shutdown, then exit with status 0", async () => {
    assert.strictEqual(await conn.sendRequest(rpc.ShutdownRequest.type), null);
    await conn.sendNotification(rpc.ExitNotification.type);
    assert.strictEqual(await exited, 0);
  });
  conn.dispose();
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.log("not ok - the session: " + e.message);
  process.exit(1);
});
