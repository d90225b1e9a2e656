// The informer against a real apiserver and etcd: it follows creates, updates and deletes of
// ConfigMaps, lists again after the apiserver restarts on compacted history (410), and
// delivers a tombstone for what was deleted while it could not watch.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Etcd3 } from 'etcd3';
import { ApiserverProcess } from '../../e2e/support/apiserver.js';
import { EtcdCluster } from '../../e2e/support/etcd.js';
import { isStatusError } from '../api/errors.js';
import type { ApiObject } from '../api/meta.js';
import { Informer } from './informer.js';
import { RestClient } from './rest-client.js';
import { isTombstone } from './store.js';
import { recordingLog } from './test-log.js';
import { systemTimerClock } from './timers.js';

interface ConfigMap extends ApiObject { data?: Record<string, string> }

const configMaps = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const namespaces = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
const cm = (name: string, v: string): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v } });

/** What handlers heard, one line per event, and a way to wait for a line. */
class Heard {
  readonly lines: string[] = [];
  private waiters: { want: string; resolve: () => void }[] = [];

  push(line: string): void {
    this.lines.push(line);
    for (const w of this.waiters.filter((x) => x.want === line)) w.resolve();
    this.waiters = this.waiters.filter((x) => x.want !== line);
  }

  until(want: string, timeoutMs = 20_000): Promise<void> {
    if (this.lines.includes(want)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`never heard ${JSON.stringify(want)}; heard ${JSON.stringify(this.lines)}`)), timeoutMs);
      this.waiters.push({ want, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }
}

function watchConfigMaps(client: RestClient, namespace: string) {
  const heard = new Heard();
  const log = recordingLog();
  const informer = new Informer<ConfigMap>({
    client: client.resource<ConfigMap>(configMaps), namespace, clock: systemTimerClock, log,
    backoff: { initialMs: 100, maxMs: 500 },
  });
  const v = (o: ConfigMap): string => o.data?.['v'] ?? '';
  informer.addHandlers({
    onAdd: (o) => heard.push(`add ${o.metadata.name}=${v(o)}`),
    onUpdate: (old, o) => { if (old.metadata.resourceVersion !== o.metadata.resourceVersion) heard.push(`update ${o.metadata.name} ${v(old)}->${v(o)}`); },
    onDelete: (o) => heard.push(isTombstone(o) ? `tombstone ${o.key}=${v(o.last)}` : `delete ${o.metadata.name}=${v(o)}`),
  });
  return { informer, heard, log };
}

describe('informer on a real apiserver', () => {
  let etcd: EtcdCluster;
  let watched: ApiserverProcess;
  let other: ApiserverProcess;
  let client: RestClient;
  let writer: RestClient;
  const signal = new AbortController().signal;

  before(async () => {
    etcd = await EtcdCluster.start(1);
    watched = await ApiserverProcess.start(etcd.endpoints);
    other = await ApiserverProcess.start(etcd.endpoints);
    client = new RestClient({ server: watched.url, userAgent: 'informer-int-test' });
    writer = new RestClient({ server: other.url, userAgent: 'informer-int-test' });
  });
  after(async () => {
    client?.close();
    writer?.close();
    await watched?.stop();
    await other?.stop();
    await etcd?.stop();
  });

  const makeNamespace = async (name: string): Promise<void> => {
    await writer.resource(namespaces).create('', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, {}, signal);
  };

  test('sees ConfigMaps created, updated and deleted', async () => {
    await makeNamespace('crud');
    const cms = client.resource<ConfigMap>(configMaps);
    await cms.create('crud', cm('before', '0'), {}, signal);
    const { informer, heard } = watchConfigMaps(client, 'crud');
    const ac = new AbortController();
    const running = informer.run(ac.signal);
    assert.equal(await informer.waitForSync(ac.signal), true);
    assert.deepEqual(heard.lines, ['add before=0']);
    const a = await cms.create('crud', cm('a', '1'), {}, signal);
    await heard.until('add a=1');
    await cms.update({ ...a, data: { v: '2' } }, signal);
    await heard.until('update a 1->2');
    await cms.delete('crud', 'a', {}, signal);
    await heard.until('delete a=2');
    assert.deepEqual(heard.lines, ['add before=0', 'add a=1', 'update a 1->2', 'delete a=2']);
    assert.deepEqual(informer.store.keys(), ['crud/before']);
    assert.deepEqual(informer.store.byIndex('namespace', 'crud').map((o) => o.metadata.name), ['before']);
    ac.abort();
    await running;
  });

  test('lists again after a restart on compacted history and delivers a tombstone for what was deleted meanwhile', async () => {
    await makeNamespace('relist');
    const cms = writer.resource<ConfigMap>(configMaps);
    await cms.create('relist', cm('kept', '1'), {}, signal);
    await cms.create('relist', cm('doomed', '1'), {}, signal);
    const { informer, heard, log } = watchConfigMaps(client, 'relist');
    const ac = new AbortController();
    const running = informer.run(ac.signal);
    await informer.waitForSync(ac.signal);
    await watched.stop();
    await cms.delete('relist', 'doomed', {}, signal);
    const kept = await cms.get('relist', 'kept', signal);
    await cms.update({ ...kept, data: { v: '2' } }, signal);
    const kv = new Etcd3({ hosts: etcd.endpoints });
    try {
      const head = (await kv.kv.range({ key: Buffer.from('/registry/') })).header.revision;
      await kv.kv.compact({ revision: head, physical: true });
    } finally {
      kv.close();
    }
    await watched.restart();
    await heard.until('tombstone relist/doomed=1');
    await heard.until('update kept 1->2');
    assert.deepEqual(informer.store.keys(), ['relist/kept']);
    assert.ok(log.lines.some((l) => l.message === 'Watch expired, listing again'), JSON.stringify(log.lines.map((l) => l.message)));
    ac.abort();
    await running;
  });

  test('an update with a stale resourceVersion fails with reason Conflict', async () => {
    await makeNamespace('stale');
    const cms = client.resource<ConfigMap>(configMaps);
    const first = await cms.create('stale', cm('c', '1'), {}, signal);
    await cms.update({ ...first, data: { v: '2' } }, signal);
    await assert.rejects(cms.update({ ...first, data: { v: '3' } }, signal),
      (err: unknown) => isStatusError(err, 'Conflict') && err.code === 409 && /the object has been modified/.test(err.message));
    assert.equal((await cms.get('stale', 'c', signal)).data?.['v'], '2');
  });
});
