import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock, settle } from './fake-clock.js';
import { ExponentialFailureRateLimiter } from './rate-limiter.js';
import { runWorkers } from './run-workers.js';
import { WorkQueue } from './workqueue.js';

interface Warning { fields: { err?: unknown; key?: string }; msg: string }
const recorder = (): { warnings: Warning[]; log: { warn: (fields: object, msg: string) => void } } => {
  const warnings: Warning[] = [];
  return { warnings, log: { warn: (fields, msg) => { warnings.push({ fields: fields as Warning['fields'], msg }); } } };
};

test('a failed sync is logged with its key and retried after backoff; success forgets the backoff', async () => {
  const clock = new FakeClock();
  const queue = new WorkQueue({ clock, rateLimiter: new ExponentialFailureRateLimiter({ baseMs: 5, maxMs: 1e6 }) });
  const { warnings, log } = recorder();
  const ac = new AbortController();
  const calls: string[] = [];
  let failuresLeft = 2;
  const done = runWorkers({
    queue, workers: 2, log, signal: ac.signal,
    sync: async (key) => {
      calls.push(`${key}@${clock.now().getTime() % 100_000}`);
      if (key === 'bad' && failuresLeft-- > 0) throw new Error('boom');
    },
  });
  queue.add('good');
  queue.add('bad');
  await settle();
  assert.equal(queue.numRequeues('bad'), 1);
  assert.deepEqual(warnings.map((w) => [w.msg, w.fields.key, (w.fields.err as Error).message]), [['Sync failed', 'bad', 'boom']]);
  await clock.advance(5);
  assert.equal(queue.numRequeues('bad'), 2);
  await clock.advance(10);
  assert.equal(queue.numRequeues('bad'), 0, 'the third attempt succeeded and forgot the key');
  assert.equal(calls.filter((c) => c.startsWith('bad')).length, 3);
  ac.abort();
  await done;
});

test('a key is never synced by two workers at once', async () => {
  const clock = new FakeClock();
  const queue = new WorkQueue({ clock });
  const ac = new AbortController();
  let running = 0;
  let most = 0;
  let release: () => void = () => {};
  const syncs: string[] = [];
  const done = runWorkers({
    queue, workers: 4, log: recorder().log, signal: ac.signal,
    sync: async (key) => {
      syncs.push(key);
      running++;
      most = Math.max(most, running);
      await new Promise<void>((r) => { release = r; });
      running--;
    },
  });
  queue.add('a');
  await settle();
  queue.add('a');
  queue.add('a');
  await settle();
  assert.equal(most, 1);
  release();
  await settle();
  assert.equal(syncs.length, 2, 'the adds made while it ran are one more sync');
  release();
  await settle();
  assert.equal(syncs.length, 2);
  ac.abort();
  await done;
});

test('workers stop when the signal aborts, without logging the syncs it cut short', async () => {
  const clock = new FakeClock();
  const queue = new WorkQueue({ clock });
  const { warnings, log } = recorder();
  const ac = new AbortController();
  const done = runWorkers({
    queue, workers: 1, log, signal: ac.signal,
    sync: (_key, signal) => new Promise((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    }),
  });
  queue.add('a');
  queue.add('b');
  await settle();
  ac.abort();
  await done;
  assert.deepEqual(warnings, []);
  assert.equal(queue.len(), 1, 'b was never taken');
});
