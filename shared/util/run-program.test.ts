import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProgram } from './run-program.js';

const signal = new AbortController().signal;

async function* pieces(n: number, failAt?: number): AsyncGenerator<string> {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error(`piece ${i} could not be made`);
    yield `${String(i).padStart(5, '0')}${'x'.repeat(40_000)}\n`;
  }
}

test('a program gets its input all at once or piece by piece, in order', async () => {
  assert.deepEqual(await runProgram('cat', [], signal, 'one\ntwo\n'), { code: 0, stdout: 'one\ntwo\n', stderr: '' });
  const r = await runProgram('cat', [], signal, pieces(20));        // 800 kB: more than a pipe holds
  assert.equal(r.code, 0);
  assert.deepEqual(r.stdout.split('\n').filter((l) => l !== '').map((l) => Number(l.slice(0, 5))), [...Array(20).keys()]);
});

// Not killed, cat would wait for the end of its input for ever: the timeout fails the test.
test('a piece that fails to come kills the program and is the error', { timeout: 30_000 }, async () => {
  await assert.rejects(runProgram('cat', [], signal, pieces(20, 5)), /piece 5 could not be made/);
});

test('a program that cannot start gives code 127, with pieces too', async () => {
  const r = await runProgram('bosun-no-such-program', [], signal, pieces(3));
  assert.equal(r.code, 127);
  assert.match(r.stderr, /ENOENT/);
});
