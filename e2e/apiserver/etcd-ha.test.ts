// Against a 3-member etcd cluster: with any one member stopped, reads and writes go on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster, getJson, type TestCluster } from './cluster.js';

describe('apiserver on a 3-member etcd cluster', () => {
  let c: TestCluster;
  before(async () => { c = await startCluster({ etcdMembers: 3 }); });
  after(async () => { await c?.stop(); });

  for (const down of [0, 1, 2]) {
    test(`reads and writes keep working with member ${down} stopped`, async () => {
      await c.etcd.stopMember(down);
      try {
        const name = `while-m${down}-down`;
        await c.kubectl.ok(['create', 'configmap', name, '--from-literal=k=v'], { timeoutMs: 30_000 });
        const got = await getJson<{ data: Record<string, string> }>(`${c.apiserver.url}/api/v1/namespaces/default/configmaps/${name}`);
        assert.equal(got.data['k'], 'v');
        const out = await c.kubectl.ok(['get', 'configmaps', '-o', 'name'], { timeoutMs: 30_000 });
        assert.match(out, new RegExp(`configmap/${name}`));
      } finally {
        c.etcd.startMember(down);
        await c.etcd.waitHealthy();
      }
    });
  }
});
