import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../shared/client/fake-clock.js';
import { SyncScheduler } from './sync-scheduler.js';

test('syncs at once, batches pokes within the min period, syncs every max period, retries a failure after min', async () => {
  const clock = new FakeClock();
  const t0 = clock.now().getTime();
  const at: number[] = [];
  const reasons: string[] = [];
  let fail = false;
  const s = new SyncScheduler({ minMs: 1000, maxMs: 30_000, clock, sync: async (_signal, reason) => { at.push(clock.now().getTime() - t0); reasons.push(reason); return !fail; } });
  const ctl = new AbortController();
  const run = s.run(ctl.signal);
  await clock.advance(0);
  assert.deepEqual(at, [0]);
  await clock.advance(100); s.poke(); await clock.advance(100); s.poke(); s.poke();
  await clock.advance(2000);
  assert.deepEqual(at, [0, 1000], 'three pokes, one sync, not before min');
  await clock.advance(30_000);                                // now 32 200
  assert.deepEqual(at, [0, 1000, 31_000], 'a sync every max period without pokes');
  fail = true; s.poke(); await clock.advance(0);              // more than min after the last: at once, and it fails
  assert.deepEqual(at, [0, 1000, 31_000, 32_200]);
  fail = false; await clock.advance(999);
  assert.equal(at.length, 4, 'no retry before min');
  await clock.advance(1);
  assert.deepEqual(at, [0, 1000, 31_000, 32_200, 33_200], 'a failure is retried after min');
  await clock.advance(5000);
  assert.equal(at.length, 5, 'then quiet until the next poke or max period');
  assert.deepEqual(reasons, ['change', 'change', 'periodic', 'change', 'change'], 'only the max-period sync is periodic; a retry is a change');
  ctl.abort();
  await run;
});
