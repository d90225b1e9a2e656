// Stop and restart the apiserver: every object is still there, unchanged, and a client
// that watched with its last resourceVersion resumes without missing or repeating events.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster, getJson, type TestCluster } from './cluster.js';

interface Ev { type: string; object: { metadata: { name: string; resourceVersion: string } } }

/** Reads a watch until `count` events arrived or the stream ends. */
async function readWatch(url: string, count: number, timeoutMs = 15_000): Promise<Ev[]> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  const events: Ev[] = [];
  try {
    const res = await fetch(url, { signal: ctl.signal });
    assert.equal(res.status, 200);
    let buf = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += Buffer.from(chunk).toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buf.slice(0, i)) as Ev);
        buf = buf.slice(i + 1);
        if (events.length >= count) { ctl.abort(); return events; }
      }
    }
  } catch (err) {
    if (!(err instanceof Error && err.name === 'AbortError')) throw err;
  } finally {
    clearTimeout(timer);
  }
  return events;
}

const cm = (name: string, v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v } });

async function post(url: string, body: unknown): Promise<{ metadata: { resourceVersion: string } }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json() as { metadata: { resourceVersion: string } };
}

describe('apiserver restart', () => {
  let c: TestCluster;
  before(async () => { c = await startCluster(); });
  after(async () => { await c?.stop(); });

  test('keeps every object and resumes a watch exactly where it stopped', async () => {
    const base = `${c.apiserver.url}/api/v1/namespaces/default/configmaps`;
    const first = await post(base, cm('one', '1'));
    await post(base, cm('two', '2'));
    const listBefore = await getJson<{ items: unknown[]; metadata: { resourceVersion: string } }>(base);
    // A watcher sees events up to here, then the apiserver goes away.
    const seen = await readWatch(`${base}?watch=true&resourceVersion=${first.metadata.resourceVersion}`, 1);
    assert.deepEqual(seen.map((e) => e.object.metadata.name), ['two']);
    const lastSeen = seen[0]!.object.metadata.resourceVersion;

    await c.apiserver.stop();
    // While it is down, nothing happens; then it comes back and changes continue.
    await c.apiserver.restart();
    const listAfter = await getJson<{ items: unknown[] }>(base);
    assert.deepEqual(listAfter.items, listBefore.items);
    await post(base, cm('three', '3'));
    const res = await fetch(`${base}/one`, { method: 'DELETE' });
    assert.equal(res.status, 200);

    const resumed = await readWatch(`${base}?watch=true&resourceVersion=${lastSeen}`, 2);
    assert.deepEqual(resumed.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED three', 'DELETED one']);
    const revs = resumed.map((e) => Number(e.object.metadata.resourceVersion));
    assert.ok(revs[0]! > Number(lastSeen) && revs[1]! > revs[0]!);
  });

  test('a resourceVersion older than the kept history gets 410 Expired in the stream', async () => {
    const base = `${c.apiserver.url}/api/v1/namespaces/default/configmaps`;
    const res = await fetch(`${c.apiserver.url}/metrics`);
    assert.equal(res.status, 200);
    // Compact etcd beyond everything so far, then restart: the old revision is gone.
    const list = await getJson<{ metadata: { resourceVersion: string } }>(base);
    const { execFileSync } = await import('node:child_process');
    execFileSync('etcdctl', ['--endpoints', c.etcd.endpoints.join(','), 'compact', list.metadata.resourceVersion], { env: { ...process.env, ETCDCTL_API: '3' } });
    await c.apiserver.stop();
    await c.apiserver.restart();
    const events = await readWatch(`${base}?watch=true&resourceVersion=1`, 1);
    assert.equal(events[0]?.type, 'ERROR');
    assert.equal((events[0]?.object as unknown as { code: number; reason: string }).code, 410);
    assert.equal((events[0]?.object as unknown as { reason: string }).reason, 'Expired');
  });
});
