// The node IPAM controller against a real apiserver and etcd: twenty nodes created at once get
// twenty distinct /24s; a restarted controller keeps every assignment and hands out none of
// them again; with the range full a node gets a CIDRNotAvailable event, and the CIDR of a
// deleted node goes to it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setMaxListeners } from 'node:events';
import { pino } from 'pino';
import { startCluster, type TestCluster } from '../../../e2e/apiserver/cluster.js';
import { waitFor } from '../../../e2e/support/process.js';
import type { Event } from '../../../shared/api/core/v1/event.js';
import type { Node } from '../../../shared/api/core/v1/node.js';
import { InformerFactory } from '../../../shared/client/informer-factory.js';
import type { ResourceClient } from '../../../shared/client/resource-client.js';
import { RestClient } from '../../../shared/client/rest-client.js';
import { systemTimerClock } from '../../../shared/client/timers.js';
import { createNodeIpamController, type NodeIpamControllerOptions } from './index.js';

const signal = new AbortController().signal;
setMaxListeners(0, signal);                                // many requests at once share it

describe('node IPAM controller on a real apiserver', () => {
  let cluster: TestCluster;
  let client: RestClient;
  let nodes: ResourceClient<Node>;
  let events: ResourceClient<Event>;
  let stopController: (() => Promise<void>) | undefined;
  const log = pino({ level: process.env['BOSUN_TEST_LOG'] ?? 'silent' });

  const startController = (opts: NodeIpamControllerOptions): void => {
    const stop = new AbortController();
    setMaxListeners(0, stop.signal);
    const informers = new InformerFactory({ client, clock: systemTimerClock, log });
    const running = createNodeIpamController({ client, informers, clock: systemTimerClock, log }, opts).run(stop.signal);
    informers.start(stop.signal);
    stopController = async () => {
      stop.abort();
      await running;
      await informers.stopped();
    };
  };

  before(async () => {
    cluster = await startCluster();
    client = new RestClient({ server: cluster.apiserver.url });
    nodes = client.resource<Node>({ group: '', version: 'v1', resource: 'nodes', namespaced: false });
    events = client.resource<Event>({ group: '', version: 'v1', resource: 'events', namespaced: true });
    startController({ clusterCIDR: '10.244.0.0/16', nodeCIDRMaskSize: 24 });
  });

  after(async () => {
    await stopController?.();
    client.close();
    await cluster.stop();
  });

  const createNode = (name: string) => nodes.create('', { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: {} }, {}, signal);
  const cidrsOf = async (names: readonly string[]): Promise<Map<string, string> | undefined> => {
    const all = new Map((await nodes.list('', {}, signal)).items.map((n) => [n.metadata.name ?? '', n]));
    const out = new Map<string, string>();
    for (const name of names) {
      const n = all.get(name);
      const cidr = n?.spec?.podCIDR;
      if (cidr === undefined) return undefined;
      assert.deepEqual(n?.spec?.podCIDRs, [cidr]);
      out.set(name, cidr);
    }
    return out;
  };
  const first20 = Array.from({ length: 20 }, (_, i) => `node-${i}`);
  let assigned: Map<string, string>;

  test('gives twenty nodes created at once twenty distinct /24s of the cluster CIDR', async () => {
    await Promise.all(first20.map(createNode));
    assigned = await waitFor('twenty pod CIDRs', () => cidrsOf(first20));
    const cidrs = [...assigned.values()];
    assert.equal(new Set(cidrs).size, 20, `duplicates among ${cidrs.join(' ')}`);
    for (const c of cidrs) assert.match(c, /^10\.244\.\d{1,3}\.0\/24$/);
  });

  test('a restarted controller keeps every assignment and hands none of them out again', async () => {
    await stopController?.();
    // Nodes that join while it is down are listed before the others ("late-" < "node-").
    const late = Array.from({ length: 5 }, (_, i) => `late-${i}`);
    await Promise.all(late.map(createNode));
    startController({ clusterCIDR: '10.244.0.0/16', nodeCIDRMaskSize: 24 });
    const lateCidrs = await waitFor('the late nodes\' pod CIDRs', () => cidrsOf(late));
    assert.deepEqual(await cidrsOf(first20), assigned);
    const all = [...assigned.values(), ...lateCidrs.values()];
    assert.equal(new Set(all).size, 25, `duplicates among ${all.join(' ')}`);
  });

  test('with the range full a node gets CIDRNotAvailable, then the CIDR a deleted node frees', async () => {
    await stopController?.();
    startController({ clusterCIDR: '10.250.0.0/23', nodeCIDRMaskSize: 24 });   // two /24s; the nodes above are outside it
    await createNode('small-a');
    await createNode('small-b');
    const two = await waitFor('the two small nodes\' CIDRs', () => cidrsOf(['small-a', 'small-b']));
    assert.deepEqual([...two.values()].sort(), ['10.250.0.0/24', '10.250.1.0/24']);
    await createNode('small-c');
    const event = await waitFor('a CIDRNotAvailable event for small-c', async () =>
      (await events.list('default', {}, signal)).items.find((e) => e.involvedObject.name === 'small-c' && e.reason === 'CIDRNotAvailable'));
    assert.equal(event.type, 'Warning');
    assert.equal(event.involvedObject.kind, 'Node');
    assert.equal((await nodes.get('', 'small-c', signal)).spec?.podCIDR, undefined);
    await nodes.delete('', 'small-a', {}, signal);
    const c = await waitFor('small-c\'s CIDR', () => cidrsOf(['small-c']), 10_000);
    assert.equal(c.get('small-c'), two.get('small-a'));
    assert.deepEqual(await cidrsOf(first20), assigned);                      // out of range: left alone
  });
});
