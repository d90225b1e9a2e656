import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expired } from '../api/errors.js';
import type { ApiObject } from '../api/meta.js';
import { FakeClock, settle } from './fake-clock.js';
import { FakeListerWatcher } from './fake-lister-watcher.js';
import { Informer, type EventHandlers } from './informer.js';
import { isTombstone } from './store.js';
import { recordingLog } from './test-log.js';

const cm = (name: string, rv: string, app = 'web'): ApiObject =>
  ({ metadata: { name, namespace: 'default', resourceVersion: rv, labels: { app } } });

function setup(resyncMs = 0) {
  const clock = new FakeClock();
  const client = new FakeListerWatcher<ApiObject>();
  const log = recordingLog();
  const informer = new Informer<ApiObject>({
    client, clock, log, resyncMs, backoff: { random: () => 0 },
    indexers: { byApp: (o) => [o.metadata.labels?.['app'] ?? ''] },
  });
  const events: string[] = [];
  const name = (o: ApiObject): string => `${o.metadata.name}@${o.metadata.resourceVersion}`;
  const handlers: EventHandlers<ApiObject> = {
    onAdd: (o) => events.push(`add ${name(o)}`),
    onUpdate: (old, o) => events.push(`update ${name(old)}->${name(o)}`),
    onDelete: (o) => events.push(isTombstone(o) ? `tombstone ${o.key} last ${name(o.last)}` : `delete ${name(o)}`),
  };
  return { clock, client, log, informer, events, handlers };
}

test('handlers hear adds, updates with the old object and deletes, after the cache has changed', async () => {
  const t = setup();
  const ac = new AbortController();
  t.client.lists.push({ items: [cm('a', '1')], metadata: { resourceVersion: '1' } });
  let cachedAtUpdate: ApiObject | undefined;
  t.informer.addHandlers(t.handlers);
  t.informer.addHandlers({ onUpdate: () => { cachedAtUpdate = t.informer.store.get('default/a'); } });
  const running = t.informer.run(ac.signal);
  assert.equal(await t.informer.waitForSync(ac.signal), true);
  const w = await t.client.watchNumber(1);
  w.push({ type: 'MODIFIED', object: cm('a', '2', 'db') }, { type: 'ADDED', object: cm('b', '3') }, { type: 'DELETED', object: cm('a', '4', 'db') });
  await settle();
  assert.deepEqual(t.events, ['add a@1', 'update a@1->a@2', 'add b@3', 'delete a@4']);
  assert.equal(cachedAtUpdate?.metadata.resourceVersion, '2');
  assert.deepEqual(t.informer.store.keys(), ['default/b']);
  assert.deepEqual(t.informer.store.byIndex('byApp', 'web').map((o) => o.metadata.name), ['b']);
  ac.abort();
  await running;
});

test('a relist after 410 updates what is still there and delivers a tombstone for what vanished meanwhile', async () => {
  const t = setup();
  const ac = new AbortController();
  t.client.lists.push(
    { items: [cm('a', '1'), cm('b', '2')], metadata: { resourceVersion: '2' } },
    { items: [cm('a', '9')], metadata: { resourceVersion: '10' } },
  );
  t.informer.addHandlers(t.handlers);
  const running = t.informer.run(ac.signal);
  const w1 = await t.client.watchNumber(1);
  w1.fail(expired('too old resource version: 2 (8)'));
  await t.clock.advance(800);                      // an immediate 410 relists after a backoff
  const w2 = await t.client.watchNumber(2);
  assert.equal(w2.opts.resourceVersion, '10');
  assert.deepEqual(t.events, ['add a@1', 'add b@2', 'update a@1->a@9', 'tombstone default/b last b@2']);
  assert.equal(t.log.lines.some((l) => l.message === 'Watch expired, listing again'), true);
  ac.abort();
  await running;
});

test('resync delivers every cached object again as an update every resyncMs', async () => {
  const t = setup(30_000);
  const ac = new AbortController();
  t.client.lists.push({ items: [cm('a', '1'), cm('b', '2')], metadata: { resourceVersion: '2' } });
  t.informer.addHandlers(t.handlers);
  const running = t.informer.run(ac.signal);
  await t.informer.waitForSync(ac.signal);
  await t.clock.advance(29_999);
  assert.deepEqual(t.events, ['add a@1', 'add b@2']);
  await t.clock.advance(1);
  assert.deepEqual(t.events.slice(2), ['update a@1->a@1', 'update b@2->b@2']);
  await t.clock.advance(30_000);
  assert.equal(t.events.length, 6);
  ac.abort();
  await running;
});

test('handlers added after the sync are told of the cached objects as adds', async () => {
  const t = setup();
  const ac = new AbortController();
  t.client.lists.push({ items: [cm('a', '1')], metadata: { resourceVersion: '1' } });
  const running = t.informer.run(ac.signal);
  await t.informer.waitForSync(ac.signal);
  t.informer.addHandlers(t.handlers);
  assert.deepEqual(t.events, ['add a@1']);
  ac.abort();
  await running;
});

test('a throwing handler is logged and does not keep the others from hearing the event', async () => {
  const t = setup();
  const ac = new AbortController();
  t.client.lists.push({ items: [cm('a', '1')], metadata: { resourceVersion: '1' } });
  t.informer.addHandlers({ onAdd: () => { throw new Error('bad handler'); } });
  t.informer.addHandlers(t.handlers);
  const running = t.informer.run(ac.signal);
  await t.informer.waitForSync(ac.signal);
  assert.deepEqual(t.events, ['add a@1']);
  assert.deepEqual(t.log.lines.filter((l) => l.level === 'error').map((l) => l.message), ['Event handler failed']);
  ac.abort();
  await running;
});

test('waitForSync answers false when its signal aborts before the first list', async () => {
  const t = setup();
  const ac = new AbortController();
  t.client.lists.push(new Error('apiserver down'));
  const running = t.informer.run(ac.signal);
  const waiting = t.informer.waitForSync(ac.signal);
  await settle();
  assert.equal(t.informer.hasSynced(), false);
  ac.abort();
  assert.equal(await waiting, false);
  await running;
});
