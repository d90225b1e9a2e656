import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
