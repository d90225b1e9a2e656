import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from './fake-clock.js';
import { ExponentialFailureRateLimiter } from './rate-limiter.js';
import { WorkQueue } from './workqueue.js';

const never = new AbortController().signal;
const queue = (clock = new FakeClock()): WorkQueue =>
  new WorkQueue({ clock, rateLimiter: new ExponentialFailureRateLimiter({ baseMs: 5, maxMs: 1_000_000 }) });

test('keys come out in the order they were added, each once however often it was added', async () => {
  const q = queue();
  for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(k);
  assert.equal(q.len(), 3);
  assert.deepEqual([await q.get(never), await q.get(never), await q.get(never)], ['a', 'b', 'c']);
  assert.equal(q.len(), 0);
});

test('a key added while it is processed is not handed to a second worker, and runs again after done', async () => {
  const q = queue();
  q.add('a');
  q.add('b');
  assert.equal(await q.get(never), 'a');
  q.add('a');                                        // dirtied while processing
  q.add('a');
  assert.equal(q.len(), 1, 'only b waits: a is held back');
  assert.equal(await q.get(never), 'b');
  let second: string | undefined = 'pending';
  const waiting = q.get(never).then((k) => { second = k; });
  await new Promise((r) => setImmediate(r));
  assert.equal(second, 'pending', 'no worker gets a while it is processed');
  q.done('a');
  await waiting;
  assert.equal(second, 'a', 'done puts the dirtied key back once');
  q.done('a');
  q.done('b');
  assert.equal(q.len(), 0);
});

test('a key done without being added again is not queued again', async () => {
  const q = queue();
  q.add('a');
  assert.equal(await q.get(never), 'a');
  q.done('a');
  assert.equal(q.len(), 0);
});

test('waiting getters are served in the order they asked', async () => {
  const q = queue();
  const got: string[] = [];
  const one = q.get(never).then((k) => got.push(`1:${k}`));
  const two = q.get(never).then((k) => got.push(`2:${k}`));
  q.add('x');
  q.add('y');
  await Promise.all([one, two]);
  assert.deepEqual(got, ['1:x', '2:y']);
});

test('addAfter adds the key once its delay has passed, the earliest of several delays winning', async () => {
  const clock = new FakeClock();
  const q = queue(clock);
  q.addAfter('a', 100);
  q.addAfter('a', 50);
  q.addAfter('a', 500);
  q.addAfter('now', 0);
  assert.equal(q.len(), 1);
  assert.equal(await q.get(never), 'now');
  await clock.advance(49);
  assert.equal(q.len(), 0);
  await clock.advance(1);
  assert.equal(q.len(), 1);
  await clock.advance(1000);
  assert.equal(q.len(), 1, 'the later timers were dropped');
});

test('addRateLimited backs a key off 5, 10, 20 ms and forget resets it', async () => {
  const clock = new FakeClock();
  const q = queue(clock);
  const waits: number[] = [];
  for (let i = 0; i < 3; i++) {
    q.addRateLimited('a');
    const start = clock.now().getTime();
    while (q.len() === 0) await clock.advance(1);
    waits.push(clock.now().getTime() - start);
    assert.equal(await q.get(never), 'a');
    q.done('a');
  }
  assert.deepEqual(waits, [5, 10, 20]);
  assert.equal(q.numRequeues('a'), 3);
  q.forget('a');
  assert.equal(q.numRequeues('a'), 0);
});

test('get resolves undefined when its signal aborts, and the key it would have had goes to the next', async () => {
  const q = queue();
  const ac = new AbortController();
  const first = q.get(ac.signal);
  ac.abort();
  assert.equal(await first, undefined);
  q.add('a');
  assert.equal(await q.get(never), 'a');
  assert.equal(await q.get(ac.signal), undefined, 'an aborted signal gets nothing even with keys waiting');
});

test('shutDown wakes waiting getters with undefined, ignores adds, drops delayed keys and drains what was queued', async () => {
  const clock = new FakeClock();
  const q = queue(clock);
  const waiting = q.get(never);
  q.shutDown();
  assert.equal(await waiting, undefined);
  assert.equal(q.shuttingDown(), true);
  q.add('late');
  q.addAfter('later', 10);
  await clock.advance(100);
  assert.equal(q.len(), 0);
  assert.equal(clock.timers, 0);

  const q2 = queue(clock);
  q2.add('a');
  q2.addAfter('b', 10);
  q2.shutDown();
  assert.equal(await q2.get(never), 'a');
  assert.equal(await q2.get(never), undefined);
  assert.equal(clock.timers, 0);
});

test('many keys pass through in order', async () => {
  const q = queue();
  for (let i = 0; i < 5000; i++) q.add(`k${i}`);
  for (let i = 0; i < 5000; i++) {
    const k = await q.get(never);
    assert.equal(k, `k${i}`);
    q.done(k!);
  }
  assert.equal(q.len(), 0);
});
