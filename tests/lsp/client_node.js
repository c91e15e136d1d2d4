// End-to-end test of `dfopt lsp` from Node.js through vscode-jsonrpc and
// vscode-languageserver-protocol, the libraries VS Code's own client is built on.
//
//   node tests/lsp/client_node.js path/to/dfopt
//
// Exits 0 on success, 1 on failure and 77 (skipped) when the npm packages are not installed.
'use strict';

let rpc, proto;
try {
  rpc = require('vscode-jsonrpc/node');
  proto = require('vscode-languageserver-protocol');
} catch (e) {
  console.log('skipped: vscode-jsonrpc / vscode-languageserver-protocol are not installed (run npm ci)');
  process.exit(77);
}
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const dfopt = process.argv[2];
if (!dfopt) {
  console.error('usage: client_node.js DFOPT');
  process.exit(2);
}

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dfopt-lsp-node-'));
const file = path.join(workspace, 'Dockerfile');
const uri = 'file://' + file;
const text = [
  '# syntax=docker/dockerfile:1',
  'ARG BASE=debian:12',
  'FROM ${BASE} AS build',
  'ENV APP_HOME=/srv/app',
  'LABEL note="é😀" owner=me',
  'add a.txt $APP_HOME/',
  'RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install curl',
  'FROM alpine:3.19',
  'COPY --from=build /srv/app /app',
  '',
].join('\n');
fs.writeFileSync(file, text);

/// Applies TextEdits (UTF-16 positions, as JavaScript strings count) to `source`.
function applyEdits(source, edits) {
  const lines = source.split('\n');
  const offsetOf = (p) => {
    let o = 0;
    for (let i = 0; i < p.line && i < lines.length; ++i) o += lines[i].length + 1;
    return o + p.character;
  };
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  for (const e of sorted) {
    source = source.slice(0, offsetOf(e.range.start)) + e.newText + source.slice(offsetOf(e.range.end));
  }
  return source;
}

const stdoutChunks = [];
const child = spawn(dfopt, ['lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
child.stdout.on('data', (chunk) => stdoutChunks.push(chunk));
const loggedErrors = [];
const logger = { error: (m) => loggedErrors.push(m), warn: () => {}, info: () => {}, log: () => {} };
const connection = rpc.createMessageConnection(
  new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin), logger);

const published = [];
const waiters = [];
connection.onNotification(proto.PublishDiagnosticsNotification.type, (params) => {
  published.push(params);
  for (const w of [...waiters]) {
    if (w.match(params)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(params);
    }
  }
});
const messages = [];
connection.onNotification('window/showMessage', (p) => messages.push(p));
connection.onNotification('window/logMessage', () => {});
connection.listen();

function diagnostics(match, what) {
  const found = published.find((p) => p.uri === uri && match(p));
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for diagnostics: ' + what)), 15000);
    waiters.push({ match: (p) => p.uri === uri && match(p), resolve: (p) => { clearTimeout(timer); resolve(p); } });
  });
}
const codes = (p) => p.diagnostics.map((d) => d.code);
const td = { uri };
const at = (line, character) => ({ textDocument: td, position: { line, character } });

async function main() {
  // Lifecycle: requests before initialize are refused.
  await assert.rejects(connection.sendRequest(proto.HoverRequest.type, at(0, 0)), (e) => e.code === -32002);
  const init = await connection.sendRequest(proto.InitializeRequest.type, {
    processId: process.pid,
    rootUri: 'file://' + workspace,
    capabilities: {
      textDocument: {
        synchronization: { didSave: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
      },
      workspace: { configuration: false },
    },
  });
  const caps = init.capabilities;
  assert.equal(caps.textDocumentSync.change, proto.TextDocumentSyncKind.Incremental);
  for (const c of ['hoverProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'documentFormattingProvider']) {
    assert.ok(caps[c], c);
  }
  assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.dfopt']);
  assert.ok(caps.completionProvider.triggerCharacters.includes('$'));
  connection.sendNotification(proto.InitializedNotification.type, {});

  // Diagnostics on open, with UTF-16 columns after non-ASCII text.
  connection.sendNotification(proto.DidOpenTextDocumentNotification.type,
    { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  let d = await diagnostics((p) => p.version === 1, 'open');
  const apt = d.diagnostics.find((x) => x.message.includes('without `-y`'));
  assert.ok(apt, JSON.stringify(d));
  assert.equal(apt.range.start.line, 6);
  assert.equal(apt.range.start.character, text.split('\n')[6].indexOf('apt-get install'));
  const addCode = d.diagnostics.find((x) => x.range.start.line === 5 && x.message.includes('COPY')).code;

  // Incremental edits around non-ASCII text: "é😀" -> "ü", then a label after it.
  const line4 = text.split('\n')[4];
  const start = line4.indexOf('é');
  connection.sendNotification(proto.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [
      { range: { start: { line: 4, character: start }, end: { line: 4, character: start + 3 } }, text: 'ü' },
      { range: { start: { line: 4, character: start + 2 }, end: { line: 4, character: start + 2 } }, text: ' x=1' },
    ],
  });
  let current = applyEdits(text, [{ range: { start: { line: 4, character: start }, end: { line: 4, character: start + 3 } }, newText: 'ü' }]);
  current = applyEdits(current, [{ range: { start: { line: 4, character: start + 2 }, end: { line: 4, character: start + 2 } }, newText: ' x=1' }]);
  assert.equal(current.split('\n')[4], 'LABEL note="ü" x=1 owner=me');
  d = await diagnostics((p) => p.version === 2, 'incremental change');

  // Stale versions: a burst of full changes; the last publish is for the last version and
  // versions only grow.
  for (let v = 3; v <= 30; ++v) {
    current += `RUN echo ${v}\n`;
    connection.sendNotification(proto.DidChangeTextDocumentNotification.type,
      { textDocument: { uri, version: v }, contentChanges: [{ text: current }] });
  }
  d = await diagnostics((p) => p.version === 30, 'burst');
  const versions = published.filter((p) => p.uri === uri).map((p) => p.version);
  for (let i = 1; i < versions.length; ++i) assert.ok(versions[i] > versions[i - 1], versions.join(','));

  // Code actions: the preferred quick fix, the ignore pragma, fix all.
  const range = { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } };
  const actions = await connection.sendRequest(proto.CodeActionRequest.type,
    { textDocument: td, range, context: { diagnostics: d.diagnostics.filter((x) => x.range.start.line === 5) } });
  const quick = actions.find((a) => a.title === 'Replace `ADD` with `COPY`');
  assert.ok(quick && quick.isPreferred && quick.kind === 'quickfix', JSON.stringify(actions));
  assert.equal(applyEdits(current, quick.edit.changes[uri]).split('\n')[5], 'copy a.txt $APP_HOME/');
  const ignore = actions.find((a) => a.title === `Ignore ${addCode} for this instruction`);
  assert.ok(ignore, JSON.stringify(actions));
  assert.equal(applyEdits(current, ignore.edit.changes[uri]).split('\n')[5], `# dfopt ignore=${addCode}`);
  const fixAll = actions.find((a) => a.kind === 'source.fixAll.dfopt');
  assert.ok(fixAll, JSON.stringify(actions));
  const fixed = applyEdits(current, fixAll.edit.changes[uri]);
  assert.ok(/copy a.txt/i.test(fixed) && fixed.includes('install -y'), fixed);
  // Apply it as an editor would and see the findings go.
  connection.sendNotification(proto.DidChangeTextDocumentNotification.type,
    { textDocument: { uri, version: 31 }, contentChanges: [{ text: fixed }] });
  current = fixed;
  d = await diagnostics((p) => p.version === 31, 'after fix all');
  assert.ok(!codes(d).includes(addCode), JSON.stringify(d));

  // Hover: instruction docs, a variable's value, a base image, a diagnostic's rule docs.
  const lines = current.split('\n');
  const hover = async (line, character) => {
    const h = await connection.sendRequest(proto.HoverRequest.type, at(line, character));
    return h ? h.contents.value : '';
  };
  assert.match(await hover(3, 1), /ENV/);
  const varLine = lines.findIndex((l) => l.includes('$APP_HOME'));
  assert.match(await hover(varLine, lines[varLine].indexOf('$APP_HOME') + 2), /\/srv\/app/);
  assert.match(await hover(7, 7), /alpine/i);
  const remaining = d.diagnostics[0];
  assert.ok((await hover(remaining.range.start.line, remaining.range.start.character)).length > 0);

  // Completion: instructions, flags, stages after --from=, variables after $, mount options.
  const complete = async (edit, line, character) => {
    const v = ++version;
    connection.sendNotification(proto.DidChangeTextDocumentNotification.type,
      { textDocument: { uri, version: v }, contentChanges: [{ text: edit }] });
    const r = await connection.sendRequest(proto.CompletionRequest.type, at(line, character));
    return (Array.isArray(r) ? r : r.items).map((i) => i.label);
  };
  let version = 31;
  const base = current.endsWith('\n') ? current : current + '\n';
  const n = base.split('\n').length - 1;
  assert.ok((await complete(base + 'WORK', n, 4)).includes('WORKDIR'));
  assert.ok((await complete(base + 'COPY --', n, 7)).some((l) => l.startsWith('--from')));
  assert.ok((await complete(base + 'COPY --from=', n, 12)).includes('build'));
  assert.ok((await complete(base + 'ARG LATE=1\nRUN echo $', n + 1, 10)).includes('LATE'));
  const mount = await complete(base + 'RUN --mount=type=', n, 17);
  assert.ok(mount.includes('cache') && mount.includes('secret'), mount.join(','));
  connection.sendNotification(proto.DidChangeTextDocumentNotification.type,
    { textDocument: { uri, version: ++version }, contentChanges: [{ text: current }] });

  // Symbols and folding.
  const symbols = await connection.sendRequest(proto.DocumentSymbolRequest.type, { textDocument: td });
  assert.ok(symbols.length >= 2, JSON.stringify(symbols));
  assert.ok(symbols.some((s) => (s.children || []).length > 0));
  const folds = await connection.sendRequest(proto.FoldingRangeRequest.type, { textDocument: td });
  assert.ok(folds.length >= 1 && folds.every((f) => f.endLine > f.startLine), JSON.stringify(folds));

  // Formatting: the edits give the formatter's output, and formatting that again changes nothing.
  const formatEdits = await connection.sendRequest(proto.DocumentFormattingRequest.type,
    { textDocument: td, options: { tabSize: 4, insertSpaces: true } });
  const formatted = applyEdits(current, formatEdits || []);
  connection.sendNotification(proto.DidChangeTextDocumentNotification.type,
    { textDocument: { uri, version: ++version }, contentChanges: [{ text: formatted }] });
  const again = await connection.sendRequest(proto.DocumentFormattingRequest.type,
    { textDocument: td, options: { tabSize: 4, insertSpaces: true } });
  assert.equal(applyEdits(formatted, again || []), formatted);
  current = formatted;

  // Configuration: a config file in the workspace, then client settings over it.
  const before = await diagnostics((p) => p.version === version, 'formatted');
  const someCode = before.diagnostics[0].code;
  fs.writeFileSync(path.join(workspace, '.dfopt.yaml'), `ignore: [${someCode}]\n`);
  connection.sendNotification(proto.DidChangeWatchedFilesNotification.type,
    { changes: [{ uri: 'file://' + path.join(workspace, '.dfopt.yaml'), type: 1 }] });
  await diagnostics((p) => p.version === version && !codes(p).includes(someCode) && p !== before, 'config file');
  connection.sendNotification(proto.DidChangeConfigurationNotification.type,
    { settings: { dfopt: { select: [someCode] } } });
  const selected = await diagnostics((p) => codes(p).length > 0 && codes(p).every((c) => c === someCode), 'settings select');
  assert.ok(selected);
  connection.sendNotification(proto.DidChangeConfigurationNotification.type,
    { settings: { dfopt: { ignore: ['no-such-rule'] } } });
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(messages.some((m) => m.message.includes('no-such-rule')), JSON.stringify(messages));

  // didSave re-checks.
  const countBefore = published.length;
  connection.sendNotification(proto.DidSaveTextDocumentNotification.type, { textDocument: td });
  await diagnostics(() => published.length > countBefore, 'save');

  // Cancellation: a request queued behind a slow one is answered with RequestCancelled.
  const big = Array.from({ length: 2000 }, (_, i) => `RUN apt-get install pkg${i}`).join('\n') + '\n';
  connection.sendNotification(proto.DidChangeTextDocumentNotification.type,
    { textDocument: { uri, version: ++version }, contentChanges: [{ text: 'FROM debian:12\n' + big }] });
  const slow = connection.sendRequest(proto.CodeActionRequest.type,
    { textDocument: td, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } });
  const source = new rpc.CancellationTokenSource();
  const cancelled = connection.sendRequest(proto.HoverRequest.type, at(1, 1), source.token);
  source.cancel();
  await assert.rejects(cancelled, (e) => e.code === -32800);
  await slow;

  // Unknown methods and malformed input get JSON-RPC errors; the server keeps going.
  await assert.rejects(connection.sendRequest('dfopt/noSuchMethod', {}), (e) => e.code === -32601);
  await assert.rejects(connection.sendRequest(proto.HoverRequest.type, { textDocument: td, position: { line: -1, character: 0 } }),
    (e) => e.code === -32602);
  child.stdin.write('Content-Length: 9\r\n\r\n{garbage}');
  child.stdin.write('no header at all\r\n\r\n');
  const h = await connection.sendRequest(proto.HoverRequest.type, at(1, 1));
  assert.ok(h && h.contents.value.length > 0);
  assert.ok(loggedErrors.filter((e) => e.includes('-32700')).length >= 2, loggedErrors.join('\n'));

  // A document that does not parse: its syntax error is published, features give partial
  // results and formatting refuses with RequestFailed.
  const brokenUri = 'file://' + path.join(workspace, 'broken.Dockerfile');
  connection.sendNotification(proto.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: brokenUri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nRUN cat <<END\nhello\n' },
  });
  for (let i = 0; i < 300 && !published.some((p) => p.uri === brokenUri); ++i) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const broken = published.find((p) => p.uri === brokenUri);
  assert.ok(broken && broken.diagnostics.some((x) => x.code === 'DF901' && x.severity === 1), JSON.stringify(broken));
  const brokenHover = await connection.sendRequest(proto.HoverRequest.type,
    { textDocument: { uri: brokenUri }, position: { line: 1, character: 1 } });
  assert.ok(brokenHover && /RUN/.test(brokenHover.contents.value));
  const brokenSymbols = await connection.sendRequest(proto.DocumentSymbolRequest.type, { textDocument: { uri: brokenUri } });
  assert.ok(brokenSymbols.length >= 1);
  await assert.rejects(connection.sendRequest(proto.DocumentFormattingRequest.type,
    { textDocument: { uri: brokenUri }, options: { tabSize: 4, insertSpaces: true } }), (e) => e.code === -32803);
  connection.sendNotification(proto.DidCloseTextDocumentNotification.type, { textDocument: { uri: brokenUri } });

  // Shutdown and exit: status 0.
  await connection.sendRequest(proto.ShutdownRequest.type);
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  connection.sendNotification(proto.ExitNotification.type);
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
  assert.equal(code, 0);

  // Nothing but framed messages on stdout.
  let out = Buffer.concat(stdoutChunks);
  while (out.length) {
    const m = /^Content-Length: (\d+)\r\n\r\n/.exec(out.toString('latin1'));
    assert.ok(m, 'unframed output: ' + out.toString().slice(0, 80));
    out = out.subarray(m[0].length + Number(m[1]));
  }
}

main().then(
  () => {
    fs.rmSync(workspace, { recursive: true, force: true });
    console.log(`ok: ${published.length} diagnostics notifications`);
    process.exit(0);
  },
  (e) => {
    console.error('FAILED:', e && e.stack ? e.stack : e);
    child.kill();
    process.exit(1);
  });
