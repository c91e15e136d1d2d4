#!/usr/bin/env node
// Lints a list of Dockerfiles with one npm peer of dfopt, in this one process: the library is
// loaded once and every file is read and linted in turn, so Node's start-up is paid once, as in
// the figures of the peer comparison (benchmarks/compare_peers.sh).
//
//   node benchmarks/peer_driver.js TOOL LIST
//
// TOOL is `dockerfilelint` or `dockerfile-utils`; LIST is a file with one path per line (the
// list `dfopt check --show-files` printed). Prints one tab-separated line to stdout:
//   tool  files  bytes  findings  failures  lint_seconds
// where `failures` counts files the library threw on (they are skipped, not retried) and
// `lint_seconds` is the time spent reading and linting, without Node's start-up.
'use strict';

const fs = require('fs');
const path = require('path');

const [tool, listPath] = process.argv.slice(2);
if (!tool || !listPath) {
  process.stderr.write('usage: peer_driver.js dockerfilelint|dockerfile-utils LIST\n');
  process.exit(2);
}

// Each linter is called the way its own CLI calls it on a file.
let lint;
if (tool === 'dockerfilelint') {
  // bin/dockerfilelint: run(<the file's directory, where .dockerfilelintrc is looked up>, text).
  const dockerfilelint = require('dockerfilelint');
  lint = (file, text) => dockerfilelint.run(path.resolve(path.dirname(file)), text);
} else if (tool === 'dockerfile-utils') {
  // bin/dockerfile-utils lint: validate(text) with the default settings.
  const utils = require('dockerfile-utils');
  lint = (_file, text) => utils.validate(text);
} else {
  process.stderr.write(`peer_driver.js: unknown tool '${tool}'\n`);
  process.exit(2);
}

const files = fs.readFileSync(listPath, 'utf8').split('\n').filter((line) => line !== '');
let bytes = 0;
let findings = 0;
let failures = 0;
const start = process.hrtime.bigint();
for (const file of files) {
  const buffer = fs.readFileSync(file);
  bytes += buffer.length;
  try {
    findings += lint(file, buffer.toString('utf8')).length;
  } catch (e) {
    failures += 1;
    if (process.env.PEER_DRIVER_VERBOSE) process.stderr.write(`${file}: ${e}\n`);
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(
    [tool, files.length, bytes, findings, failures, seconds.toFixed(3)].join('\t') + '\n');
