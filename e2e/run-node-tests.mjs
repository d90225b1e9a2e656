#!/usr/bin/env node
// Runs the compiled tests with node's test runner: `unit` (pure, *.test.js outside e2e/ and
// not *.int.test.js), `integration` (*.int.test.js and e2e/**/*.test.js: real etcd, kubectl,
// Docker), or `all`. Ends with node's own summary.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const dist = join(root, 'dist');
const which = process.argv[2] ?? 'all';
const filter = process.argv[3];

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const all = walk(dist).map((p) => relative(root, p)).sort();
const isIntegration = (p) => p.endsWith('.int.test.js') || p.startsWith(join('dist', 'e2e') + '/');
const files = all.filter((p) => which === 'all' || (which === 'unit' ? !isIntegration(p) : isIntegration(p)))
  .filter((p) => filter === undefined || p.includes(filter));
if (files.length === 0) {
  console.error(`no ${which} test files found under dist/ (did the build run?)`);
  process.exit(1);
}
const concurrency = process.env.BOSUN_TEST_CONCURRENCY ?? '2';
const r = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
