import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globalFlags, parseArgs, parseDuration, UsageError, type FlagDef } from './args.js';

const defs: FlagDef[] = [
  ...globalFlags,
  { long: 'output', short: 'o', kind: 'string' },
  { long: 'filename', short: 'f', kind: 'strings' },
  { long: 'all-namespaces', short: 'A', kind: 'bool' },
  { long: 'stdin', short: 'i', kind: 'bool' },
  { long: 'tty', short: 't', kind: 'bool' },
  { long: 'watch', short: 'w', kind: 'bool' },
  { long: 'replicas', kind: 'int', default: '-1' },
];

test('reads long and short flags in every spelling kubectl accepts, among positionals', () => {
  const a = parseArgs(defs, ['pods', '-n', 'shop', 'web', '--output=yaml', '-A', '--replicas', '3']);
  assert.deepEqual(a.positionals, ['pods', 'web']);
  assert.equal(a.str('namespace'), 'shop');
  assert.equal(a.str('output'), 'yaml');
  assert.equal(a.bool('all-namespaces'), true);
  assert.equal(a.int('replicas'), 3);
  assert.equal(parseArgs(defs, ['-oyaml']).str('output'), 'yaml');
  assert.equal(parseArgs(defs, ['-o=json']).str('output'), 'json');
  assert.equal(parseArgs(defs, ['-njobs']).str('namespace'), 'jobs');
  assert.equal(parseArgs(defs, ['--watch=false']).bool('watch'), false);
  assert.equal(parseArgs(defs, []).int('replicas'), -1);
});

test('groups boolean shorthands and repeats list flags', () => {
  const a = parseArgs(defs, ['-it', 'pod', '-f', 'a.yaml', '-f', 'b.yaml,c.yaml']);
  assert.equal(a.bool('stdin'), true);
  assert.equal(a.bool('tty'), true);
  assert.deepEqual(a.strs('filename'), ['a.yaml', 'b.yaml', 'c.yaml']);
});

test('stops at -- and keeps the command that follows', () => {
  const a = parseArgs(defs, ['-i', 'web', '--', 'sh', '-c', 'echo -n hi']);
  assert.deepEqual(a.positionals, ['web']);
  assert.deepEqual(a.afterDash, ['sh', '-c', 'echo -n hi']);
  assert.equal(a.dashSeen, true);
});

test('rejects unknown flags, missing values and bad numbers with kubectl-like messages', () => {
  assert.throws(() => parseArgs(defs, ['--nope']), (e: unknown) => e instanceof UsageError && e.message === 'unknown flag: --nope');
  assert.throws(() => parseArgs(defs, ['-x']), /unknown shorthand flag: 'x' in -x/);
  assert.throws(() => parseArgs(defs, ['-n']), /flag needs an argument/);
  assert.throws(() => parseArgs(defs, ['--replicas=two']), /invalid argument "two" for "--replicas"/);
});

test('parses durations as kubectl writes them', () => {
  assert.equal(parseDuration('30s', 't'), 30_000);
  assert.equal(parseDuration('1h30m', 't'), 5_400_000);
  assert.equal(parseDuration('0', 't'), 0);
  assert.equal(parseDuration('250ms', 't'), 250);
  assert.throws(() => parseDuration('soon', 'timeout'), /invalid duration "soon"/);
});
