import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../../../shared/api/core/v1/node.js';
import { StatusError } from '../../../shared/api/errors.js';
import { Store } from '../../../shared/client/store.js';
import { recordingLog } from '../../../shared/client/test-log.js';
import type { EventTarget, EventType } from '../../../shared/client/event-recorder.js';
import type { NodeIpamApi } from './api.js';
import { NodeCidrs } from './node-cidrs.js';
import { recordExisting, syncNode, type NodeIpamDeps } from './sync.js';

const signal = new AbortController().signal;

class RecordingApi implements NodeIpamApi {
  readonly updates: Node[] = [];
  readonly failures: StatusError[] = [];
  live: Node | undefined;

  async update(node: Node): Promise<Node> {
    const fail = this.failures.shift();
    if (fail !== undefined) throw fail;
    this.updates.push(node);
    return node;
  }

  async get(name: string): Promise<Node> {
    if (this.live === undefined) throw new StatusError(404, 'NotFound', `nodes "${name}" not found`);
    return this.live;
  }
}

const node = (name: string, podCIDR?: string, rv = '7'): Node => ({
  apiVersion: 'v1', kind: 'Node',
  metadata: { name, uid: `uid-${name}`, resourceVersion: rv, creationTimestamp: '2026-11-25T06:00:00Z' },
  spec: podCIDR !== undefined ? { podCIDR, podCIDRs: [podCIDR] } : {},
});

function setup(nodes: Node[], clusterCIDR = '10.244.0.0/16') {
  const store = new Store<Node>();
  store.replace(nodes);
  const api = new RecordingApi();
  const events: { type: EventType; reason: string; message: string; node: string | undefined }[] = [];
  const log = recordingLog();
  const deps: NodeIpamDeps = {
    nodes: store, cidrs: new NodeCidrs(clusterCIDR, 24), api, log, reported: new Set(),
    events: { record: (t: EventTarget, type: EventType, reason: string, message: string) => { events.push({ type, reason, message, node: t.object.metadata.name }); } },
  };
  return { deps, api, events, log, store };
}

test('gives a node without a CIDR the next free /24, in podCIDR and podCIDRs, with its resourceVersion', async () => {
  const { deps, api } = setup([node('a', '10.244.0.0/24'), node('b')]);
  recordExisting(deps, 'a', '10.244.0.0/24');
  assert.deepEqual(await syncNode(deps, 'b', signal), { type: 'done' });
  assert.deepEqual(api.updates.map((n) => [n.metadata.name, n.metadata.resourceVersion, n.spec]), [['b', '7', { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] }]]);
});

test('two nodes synced back to back never get the same CIDR', async () => {
  const { deps, api } = setup([node('a'), node('b')]);
  await Promise.all([syncNode(deps, 'a', signal), syncNode(deps, 'b', signal)]);
  assert.deepEqual(api.updates.map((n) => n.spec?.podCIDR).sort(), ['10.244.0.0/24', '10.244.1.0/24']);
});

test('a node that has a CIDR is only recorded; a taken or foreign one is logged once and left alone', async () => {
  const { deps, api, log } = setup([node('a', '10.244.5.0/24'), node('b', '10.244.5.0/24'), node('c', '192.168.0.0/24')]);
  for (const n of ['a', 'b', 'c', 'b', 'c']) await syncNode(deps, n, signal);
  assert.deepEqual(api.updates, []);
  assert.deepEqual(log.lines.map((l) => [l.message, l.fields['node']]), [
    ['Node pod CIDR is already taken by another node', 'b'],
    ['Node pod CIDR is outside the cluster CIDR', 'c'],
  ]);
  assert.equal(log.lines[0]?.fields['otherNode'], 'a');
});

test('a full range records a CIDRNotAvailable warning on the node; a deleted node frees its CIDR', async () => {
  const { deps, api, events, store } = setup([node('a'), node('b'), node('c')], '10.244.0.0/23');
  assert.deepEqual(await syncNode(deps, 'a', signal), { type: 'done' });
  assert.deepEqual(await syncNode(deps, 'b', signal), { type: 'done' });
  assert.deepEqual(await syncNode(deps, 'c', signal), { type: 'rangeFull' });
  assert.deepEqual(events, [{ type: 'Warning', reason: 'CIDRNotAvailable', message: 'Node c status is now: CIDRNotAvailable', node: 'c' }]);
  store.apply('DELETED', node('a'));
  assert.deepEqual(await syncNode(deps, 'a', signal), { type: 'released' });
  assert.deepEqual(await syncNode(deps, 'a', signal), { type: 'done' });   // nothing left to free
  assert.deepEqual(await syncNode(deps, 'c', signal), { type: 'done' });
  assert.deepEqual(api.updates.map((n) => [n.metadata.name, n.spec?.podCIDR]), [['a', '10.244.0.0/24'], ['b', '10.244.1.0/24'], ['c', '10.244.0.0/24']]);
});

test('after a conflict it writes onto the live node, or takes the CIDR someone else set', async () => {
  const { deps, api } = setup([node('a'), node('b')]);
  api.failures.push(new StatusError(409, 'Conflict', 'the object has been modified'));
  api.live = node('a', undefined, '9');
  await syncNode(deps, 'a', signal);
  assert.deepEqual(api.updates.map((n) => [n.metadata.resourceVersion, n.spec?.podCIDR]), [['9', '10.244.0.0/24']]);
  api.failures.push(new StatusError(409, 'Conflict', 'the object has been modified'));
  api.live = node('b', '10.244.9.0/24', '9');
  await syncNode(deps, 'b', signal);
  assert.equal(api.updates.length, 1);
  // b's reserved 10.244.1.0/24 went back: the next node gets it once the round comes back to it.
  assert.equal(deps.cidrs.allocate('x'), '10.244.2.0/24');
});

test('a failed write is retried with the same CIDR', async () => {
  const { deps, api } = setup([node('a')]);
  api.failures.push(new StatusError(500, 'InternalError', 'etcd is away'));
  await assert.rejects(syncNode(deps, 'a', signal), /etcd is away/);
  await syncNode(deps, 'a', signal);
  assert.deepEqual(api.updates.map((n) => n.spec?.podCIDR), ['10.244.0.0/24']);
});
