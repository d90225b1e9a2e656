import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventRing, type CacheEvent } from './event-ring.js';

const ev = (rev: number): CacheEvent =>
  ({ type: 'ADDED', key: `k${rev}`, object: { metadata: { name: `o${rev}` } }, prev: undefined, rev });

test('returns the events after a revision in order, across the wrap-around', () => {
  const ring = new EventRing(4);
  for (const r of [2, 5, 7, 9, 11, 12]) ring.push(ev(r));
  assert.deepEqual(ring.after(0).map((e) => e.rev), [7, 9, 11, 12]);
  assert.deepEqual(ring.after(9).map((e) => e.rev), [11, 12]);
  assert.deepEqual(ring.after(10).map((e) => e.rev), [11, 12]);
  assert.deepEqual(ring.after(12).map((e) => e.rev), []);
});

test('hands back the event it pushes out once full', () => {
  const ring = new EventRing(2);
  assert.equal(ring.push(ev(1)), undefined);
  assert.equal(ring.push(ev(2)), undefined);
  assert.equal(ring.push(ev(3))?.rev, 1);
  assert.equal(ring.length, 2);
});
