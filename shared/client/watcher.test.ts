import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError, expired } from '../api/errors.js';
import type { ApiObject } from '../api/meta.js';
import { Backoff } from './backoff.js';
import { FakeClock } from './fake-clock.js';
import { FakeListerWatcher } from './fake-lister-watcher.js';
import { recordingLog } from './test-log.js';
import { Watcher, type WatcherState } from './watcher.js';

const cm = (name: string, rv: string): ApiObject => ({ metadata: { name, namespace: 'default', resourceVersion: rv } });

function setup() {
  const clock = new FakeClock();
  const client = new FakeListerWatcher<ApiObject>();
  const seen: string[] = [];
  const log = recordingLog();
  const watcher = new Watcher<ApiObject>({
    client, clock, log, labelSelector: 'app=web',
    backoff: new Backoff({ initialMs: 800, maxMs: 30_000, random: () => 0 }),
    sink: {
      replaced: (items) => seen.push(`replaced ${items.map((o) => o.metadata.name).join(',')}`),
      changed: (type, obj) => seen.push(`${type} ${obj.metadata.name}@${obj.metadata.resourceVersion}`),
    },
  });
  return { clock, client, seen, log, watcher, signal: new AbortController().signal };
}

test('a list fills the sink and leads to watching from the list\'s resourceVersion', async () => {
  const t = setup();
  t.client.lists.push({ items: [cm('a', '3'), cm('b', '4')], metadata: { resourceVersion: '10' } });
  const next = await t.watcher.step({ kind: 'listing' }, t.signal);
  assert.deepEqual(next, { kind: 'watching', resourceVersion: '10' });
  assert.deepEqual(t.seen, ['replaced a,b']);
  assert.deepEqual(t.client.listCalls, [{ labelSelector: 'app=web', limit: 500 }]);
});

test('a failed list backs off, doubling, before listing again', async () => {
  const t = setup();
  t.client.lists.push(new Error('connection refused'), new Error('connection refused'));
  const first = await t.watcher.step({ kind: 'listing' }, t.signal);
  assert.deepEqual(first, { kind: 'backoff', delayMs: 800, then: { kind: 'listing' } });
  assert.deepEqual(await t.watcher.step({ kind: 'listing' }, t.signal), { kind: 'backoff', delayMs: 1600, then: { kind: 'listing' } });
  assert.equal(t.log.lines.filter((l) => l.message === 'List failed').length, 2);
});

test('a backoff waits its delay on the clock, then moves to its next state', async () => {
  const t = setup();
  let next: WatcherState | undefined;
  const stepping = t.watcher.step({ kind: 'backoff', delayMs: 800, then: { kind: 'watching', resourceVersion: '7' } }, t.signal)
    .then((s) => { next = s; });
  await t.clock.advance(799);
  assert.equal(next, undefined);
  await t.clock.advance(1);
  await stepping;
  assert.deepEqual(next, { kind: 'watching', resourceVersion: '7' });
});

test('watch events reach the sink; when the stream ends the watcher watches again from the last resourceVersion', async () => {
  const t = setup();
  const stepping = t.watcher.step({ kind: 'watching', resourceVersion: '10' }, t.signal);
  const w = await t.client.watchNumber(1);
  assert.deepEqual(w.opts, { labelSelector: 'app=web', resourceVersion: '10', allowWatchBookmarks: true });
  w.push({ type: 'ADDED', object: cm('c', '11') }, { type: 'MODIFIED', object: cm('a', '12') }, { type: 'DELETED', object: cm('b', '13') });
  w.end();
  assert.deepEqual(await stepping, { kind: 'watching', resourceVersion: '13' });
  assert.deepEqual(t.seen, ['ADDED c@11', 'MODIFIED a@12', 'DELETED b@13']);
});

test('a bookmark moves the resourceVersion and delivers nothing', async () => {
  const t = setup();
  const stepping = t.watcher.step({ kind: 'watching', resourceVersion: '10' }, t.signal);
  const w = await t.client.watchNumber(1);
  w.push({ type: 'BOOKMARK', resourceVersion: '20' });
  w.end();
  assert.deepEqual(await stepping, { kind: 'watching', resourceVersion: '20' });
  assert.deepEqual(t.seen, []);
});

test('410 in the stream after some events goes straight back to listing', async () => {
  const t = setup();
  const stepping = t.watcher.step({ kind: 'watching', resourceVersion: '10' }, t.signal);
  const w = await t.client.watchNumber(1);
  w.push({ type: 'ADDED', object: cm('c', '11') });
  w.fail(expired('too old resource version: 11 (40)'));
  assert.deepEqual(await stepping, { kind: 'listing' });
});

test('410 at once (an HTTP 410 or an immediate ERROR) lists again after a backoff', async () => {
  const t = setup();
  const stepping = t.watcher.step({ kind: 'watching', resourceVersion: '10' }, t.signal);
  (await t.client.watchNumber(1)).fail(new StatusError(410, 'Gone', 'gone'));
  assert.deepEqual(await stepping, { kind: 'backoff', delayMs: 800, then: { kind: 'listing' } });
});

test('any other watch failure backs off and resumes from the last resourceVersion', async () => {
  const t = setup();
  const stepping = t.watcher.step({ kind: 'watching', resourceVersion: '10' }, t.signal);
  const w = await t.client.watchNumber(1);
  w.push({ type: 'ADDED', object: cm('c', '11') });
  w.fail(new Error('socket hang up'));
  assert.deepEqual(await stepping, { kind: 'backoff', delayMs: 800, then: { kind: 'watching', resourceVersion: '11' } });
  assert.equal(t.log.lines.at(-1)?.message, 'Watch failed');
});

test('a watch that ends at once with nothing counts as a failure; one that lasted does not', async () => {
  const t = setup();
  let stepping = t.watcher.step({ kind: 'watching', resourceVersion: '10' }, t.signal);
  (await t.client.watchNumber(1)).end();
  assert.deepEqual(await stepping, { kind: 'backoff', delayMs: 800, then: { kind: 'watching', resourceVersion: '10' } });
  stepping = t.watcher.step({ kind: 'watching', resourceVersion: '10' }, t.signal);
  const w = await t.client.watchNumber(2);
  await t.clock.advance(60_000);
  w.end();
  assert.deepEqual(await stepping, { kind: 'watching', resourceVersion: '10' });
});

test('run lists, watches, relists after 410 and stops when its signal aborts', async () => {
  const t = setup();
  const ac = new AbortController();
  t.client.lists.push({ items: [cm('a', '3')], metadata: { resourceVersion: '5' } }, { items: [cm('b', '30')], metadata: { resourceVersion: '31' } });
  const running = t.watcher.run(ac.signal);
  const w1 = await t.client.watchNumber(1);
  w1.push({ type: 'ADDED', object: cm('c', '6') });
  w1.fail(expired('too old'));
  const w2 = await t.client.watchNumber(2);
  assert.equal(w2.opts.resourceVersion, '31');
  ac.abort();
  await running;
  assert.deepEqual(t.seen, ['replaced a', 'ADDED c@6', 'replaced b']);
});
