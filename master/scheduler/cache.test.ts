import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchedulerCache } from './cache.js';
import { hollowNode } from './test-api.js';
import { podWith, requesting } from './test-fixtures.js';

test('an assumed pod counts at once, is confirmed by the bound copy and forgotten if binding fails', () => {
  const c = new SchedulerCache();
  c.addOrUpdateNode(hollowNode('n1', { cpu: '2', memory: '4Gi' }));
  c.addOrUpdateNode(hollowNode('n2', { cpu: '2', memory: '4Gi' }));
  const p = podWith('p', [requesting({ cpu: '500m', memory: '1Gi' })]);
  c.assume('default/p', p, 'n1');
  assert.equal(c.node('n1')!.requested.milliCPU, 500);
  assert.equal(c.node('n1')!.pods.size, 1);
  assert.ok(c.isAssumed('default/p'));
  c.upsertPod('default/p', { ...p, spec: { ...p.spec!, nodeName: 'n1' } });
  assert.ok(!c.isAssumed('default/p'));
  assert.equal(c.node('n1')!.requested.milliCPU, 500);
  c.forget('default/p');                                   // confirmed: stays
  assert.equal(c.node('n1')!.pods.size, 1);

  const q = podWith('q', [requesting({ cpu: '1' })]);
  c.assume('default/q', q, 'n2');
  c.forget('default/q');
  assert.equal(c.node('n2')!.requested.milliCPU, 0);
  assert.equal(c.node('n2')!.pods.size, 0);
});

test('a finished pod frees its node; a pod on an unknown node is kept until the node comes', () => {
  const c = new SchedulerCache();
  const p = podWith('p', [requesting({ cpu: '1' })], { nodeName: 'later' });
  c.upsertPod('default/p', p);
  assert.equal(c.nodeCount(), 0);
  c.addOrUpdateNode(hollowNode('later', { cpu: '2', memory: '4Gi' }));
  assert.equal(c.node('later')!.requested.milliCPU, 1000);
  c.upsertPod('default/p', { ...p, status: { phase: 'Succeeded' } });
  assert.equal(c.node('later')!.requested.milliCPU, 0);
});

test('removing a node keeps the list dense and counts images per node', () => {
  const c = new SchedulerCache();
  const img = [{ names: ['nginx:1'], sizeBytes: 10 }];
  for (const n of ['a', 'b', 'c']) c.addOrUpdateNode(hollowNode(n, { cpu: '1', memory: '1Gi', images: img }));
  assert.equal(c.imageNodeCount('nginx:1'), 3);
  c.removeNode('a');
  assert.deepEqual(c.nodeList().map((n) => n.name).sort(), ['b', 'c']);
  assert.equal(c.imageNodeCount('nginx:1'), 2);
  c.nodeList().forEach((n, i) => assert.equal(n.listIndex, i));
});
