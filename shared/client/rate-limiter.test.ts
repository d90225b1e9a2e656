import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from './fake-clock.js';
import { BucketRateLimiter, ExponentialFailureRateLimiter, MaxOfRateLimiter, defaultControllerRateLimiter } from './rate-limiter.js';

test('per-key backoff starts at 5 ms, doubles on each failure, is capped at 1000 s and resets on forget', () => {
  const r = new ExponentialFailureRateLimiter({ baseMs: 5, maxMs: 1_000_000 });
  const got = Array.from({ length: 5 }, () => r.when('a'));
  assert.deepEqual(got, [5, 10, 20, 40, 80]);
  assert.equal(r.when('b'), 5, 'keys are independent');
  assert.equal(r.numRequeues('a'), 5);
  for (let i = 0; i < 30; i++) r.when('a');
  assert.equal(r.when('a'), 1_000_000);
  for (let i = 0; i < 2000; i++) r.when('a');
  assert.equal(r.when('a'), 1_000_000, 'no overflow after many failures');
  r.forget('a');
  assert.equal(r.numRequeues('a'), 0);
  assert.equal(r.when('a'), 5);
});

test('the token bucket lets a burst through, then spaces keys at its rate and refills with time', async () => {
  const clock = new FakeClock();
  const r = new BucketRateLimiter({ qps: 10, burst: 3, clock });
  assert.deepEqual([r.when('a'), r.when('b'), r.when('c')], [0, 0, 0]);
  assert.deepEqual([r.when('d'), r.when('e')], [100, 200]);
  await clock.advance(1000);                       // 10 tokens back, but the bucket holds 3
  assert.deepEqual([r.when('f'), r.when('g'), r.when('h'), r.when('i')], [0, 0, 0, 100]);
  assert.equal(r.numRequeues('a'), 0);
});

test('the controller default takes the longer of the per-key and the overall wait', () => {
  const clock = new FakeClock();
  const r = defaultControllerRateLimiter(clock);
  assert.equal(r.when('a'), 5);
  assert.equal(r.when('a'), 10);
  assert.equal(r.numRequeues('a'), 2);
  const slow = new MaxOfRateLimiter([new ExponentialFailureRateLimiter({ baseMs: 5, maxMs: 1e6 }), new BucketRateLimiter({ qps: 1, burst: 1, clock })]);
  assert.equal(slow.when('x'), 5);
  assert.equal(slow.when('y'), 1000, 'the bucket is empty: it asks for longer than the key');
  slow.forget('x');
  assert.equal(slow.numRequeues('x'), 0);
});
