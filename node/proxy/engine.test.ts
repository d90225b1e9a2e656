import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// V8's OptimizationStatus bit for code made by TurboFan (src/runtime/runtime.h).
const turboFanned = 1 << 6;

/** The optimization status of a function asked to be optimized, in a fresh node process (tuned or not). */
function statusAfterAskingToOptimize(tuned: boolean): number {
  const engine = new URL('./engine.js', import.meta.url).href;
  const script = `
    import { setFlagsFromString } from 'node:v8';
    ${tuned ? `(await import(${JSON.stringify(engine)})).tuneEngine();` : ''}
    setFlagsFromString('--allow-natives-syntax');
    const add = (a, b) => a + b;
    const status = new Function('f', '%PrepareFunctionForOptimization(f); f(1, 2); f(3, 4); %OptimizeFunctionOnNextCall(f); f(5, 6); return %GetOptimizationStatus(f);');
    process.stdout.write(String(status(add)));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: fileURLToPath(new URL('.', import.meta.url)) });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout);
}

test('the tuned engine never hands code to the optimizing compiler; an untuned one does when asked', () => {
  assert.equal(statusAfterAskingToOptimize(false) & turboFanned, turboFanned, 'the check itself sees TurboFan code');
  assert.equal(statusAfterAskingToOptimize(true) & turboFanned, 0);
});

/** The largest the young generation ("new_space") grows while 200,000 objects pass through a window of 5,000 live ones, in a node started with `nodeOptions`. */
function youngGenerationBytes(nodeOptions: string): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    let most = 0;
    const window = new Array(5000);
    for (let i = 0; i < 200000; i++) {
      window[i % 5000] = { text: 'x'.repeat(100) + i };
      if (i % 1000 === 0) most = Math.max(most, getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
    }
    process.stdout.write(String(most));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: nodeOptions } });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout);
}

test('the proxy\'s unit starts node with a young generation of 2 MB semi-spaces, which stays small however much is made', () => {
  const env = readFileSync(new URL('../../../deploy/env/proxy.env', import.meta.url), 'utf8');
  const options = /^NODE_OPTIONS=(.*)$/m.exec(env)?.[1];
  assert.equal(options, '--max-semi-space-size=2');
  const mb = 1 << 20;
  assert.ok(youngGenerationBytes('') > 8 * mb, 'without it the young generation grows (the check itself works)');
  const tuned = youngGenerationBytes(options);
  assert.ok(tuned <= 6 * mb, `with it: ${tuned} bytes`);
});
