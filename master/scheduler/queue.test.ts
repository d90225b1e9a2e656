import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock, settle } from '../../shared/client/fake-clock.js';
import type { Pod } from '../../shared/api/core/v1/pod.js';
import { SchedulingQueue } from './queue.js';

const pod = (name: string, priority?: number): Pod => ({ metadata: { name, namespace: 'default' }, spec: { containers: [], ...(priority !== undefined ? { priority } : {}) } });
const never = new AbortController().signal;

test('pops by priority, then in order of arrival', async () => {
  const q = new SchedulingQueue({ clock: new FakeClock() });
  q.add('default/a', pod('a'));
  q.add('default/b', pod('b', 10));
  q.add('default/c', pod('c'));
  q.add('default/d', pod('d', 10));
  const order: string[] = [];
  for (let i = 0; i < 4; i++) order.push((await q.pop(never))!.key);
  assert.deepEqual(order, ['default/b', 'default/d', 'default/a', 'default/c']);
});

test('a pop waits for a pod, and ends when the signal aborts', async () => {
  const q = new SchedulingQueue({ clock: new FakeClock() });
  const waiting = q.pop(never);
  q.add('default/a', pod('a'));
  assert.equal((await waiting)?.key, 'default/a');
  const ctl = new AbortController();
  const stopped = q.pop(ctl.signal);
  ctl.abort();
  assert.equal(await stopped, undefined);
});

test('an unschedulable pod waits for a cluster event, then for its back-off', async () => {
  const clock = new FakeClock();
  const q = new SchedulingQueue({ clock });
  q.add('default/a', pod('a'));
  const first = (await q.pop(never))!;
  q.addUnschedulable(first);
  assert.equal(q.where('default/a'), 'unschedulable');
  await clock.advance(60_000);
  assert.equal(q.where('default/a'), 'unschedulable', 'no timer moves it back');
  q.moveAllToActiveOrBackoff();
  assert.equal(q.where('default/a'), 'active', 'back-off (1 s) long over');
  const second = (await q.pop(never))!;
  assert.equal(second.attempts, 2);
  q.addUnschedulable(second);
  q.moveAllToActiveOrBackoff();
  assert.equal(q.where('default/a'), 'backoff', 'moved back within its 2 s back-off');
  await clock.advance(1999);
  assert.equal(q.where('default/a'), 'backoff');
  await clock.advance(1);
  await settle();
  assert.equal(q.where('default/a'), 'active');
});

test('back-off doubles from 1 s up to 10 s', () => {
  const q = new SchedulingQueue({ clock: new FakeClock() });
  assert.deepEqual([1, 2, 3, 4, 5, 6, 20].map((n) => q.backoffDuration(n)), [1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
});

test('an event during the attempt sends the pod to back-off instead of waiting for another', async () => {
  const clock = new FakeClock();
  const q = new SchedulingQueue({ clock });
  q.add('default/a', pod('a'));
  const p = (await q.pop(never))!;
  q.moveAllToActiveOrBackoff();        // e.g. a node was added while the pod was being scheduled
  q.addUnschedulable(p);
  assert.equal(q.where('default/a'), 'backoff');
  await clock.advance(1000);
  await settle();
  assert.equal(q.where('default/a'), 'active');
});

test('a changed pod leaves the unschedulable set; a deleted one leaves the queue', async () => {
  const q = new SchedulingQueue({ clock: new FakeClock() });
  q.add('default/a', pod('a'));
  const p = (await q.pop(never))!;
  q.addUnschedulable(p);
  q.add('default/a', pod('a', 5));
  assert.notEqual(q.where('default/a'), 'unschedulable');
  q.delete('default/a');
  assert.equal(q.where('default/a'), undefined);
  q.add('default/b', pod('b'));
  const b = (await q.pop(never))!;
  q.delete('default/b');                // deleted while in flight
  q.addUnschedulable(b);
  assert.equal(q.where('default/b'), undefined);
  assert.deepEqual(q.stats(), { active: 0, backoff: 0, unschedulable: 0, inFlight: 0 });
});
