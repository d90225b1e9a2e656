import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Semaphore } from './semaphore.js';

test('runs at most limit tasks at once, in order, and frees a slot when a task fails', async () => {
  const s = new Semaphore(2);
  let now = 0;
  let most = 0;
  const order: number[] = [];
  const task = (i: number, fail = false) => s.run(async () => {
    now++; most = Math.max(most, now); order.push(i);
    await new Promise((r) => setTimeout(r, 5));
    now--;
    if (fail) throw new Error(`task ${i}`);
    return i;
  });
  const results = await Promise.allSettled([task(1), task(2, true), task(3), task(4), task(5)]);
  assert.equal(most, 2);
  assert.deepEqual(order, [1, 2, 3, 4, 5]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
  assert.throws(() => new Semaphore(0), /at least 1/);
});

test('idle resolves once nothing holds or waits, and at once when nothing does', async () => {
  const s = new Semaphore(1);
  await s.idle();
  let done = 0;
  const tasks = [1, 2, 3].map(() => s.run(async () => { await new Promise((r) => setTimeout(r, 5)); done++; }));
  await s.idle();
  assert.equal(done, 3, 'every queued task ran before idle');
  await Promise.all(tasks);
});

test('many waiters keep their order', async () => {
  const s = new Semaphore(1);
  const order: number[] = [];
  await Promise.all(Array.from({ length: 5000 }, (_, i) => s.run(async () => { order.push(i); })));
  assert.deepEqual(order, Array.from({ length: 5000 }, (_, i) => i));
});
