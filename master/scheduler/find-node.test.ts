import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchedulerCache } from './cache.js';
import { defaultConfiguration, parseSchedulerConfiguration } from './config.js';
import { findNode, numFeasibleNodesToFind } from './find-node.js';
import { buildFramework } from './framework/build.js';
import { fitErrorMessage } from './framework/fit-error.js';
import { hollowNode, type NodeShape } from './test-api.js';
import { podWith, requesting } from './test-fixtures.js';
import type { Pod } from '../../shared/api/core/v1/pod.js';

const binder = { bind: async () => {} };

function cluster(nodes: Record<string, NodeShape>): SchedulerCache {
  const c = new SchedulerCache();
  for (const [name, shape] of Object.entries(nodes)) c.addOrUpdateNode(hollowNode(name, shape));
  return c;
}

function decide(c: SchedulerCache, pod: Pod, config = defaultConfiguration()): string {
  const fwk = buildFramework(config.profiles[0]!, config.percentageOfNodesToScore, { cluster: c, binder });
  const d = findNode(fwk, c, pod, { next: 0 }, { random: () => 0.5 });
  if (d.kind === 'Scheduled') return d.nodeName;
  if (d.kind === 'Error') return `error: ${d.error.message}`;
  return fitErrorMessage(d.diagnosis);
}

test('numFeasibleNodesToFind: all below 100 nodes, then 50% − n/125, at least 5% and 100', () => {
  assert.deepEqual([10, 99, 100, 1000, 5000, 6000, 20_000].map((n) => numFeasibleNodesToFind(n, 0)), [10, 99, 100, 420, 500, 300, 1000]);
  assert.equal(numFeasibleNodesToFind(1000, 100), 1000);
  assert.equal(numFeasibleNodesToFind(1000, 1), 100);
});

const small = { cpu: '2', memory: '4Gi' };
const big = { cpu: '8', memory: '16Gi' };

const decided: readonly { plugin: string; nodes: Record<string, NodeShape>; pod: Pod; want: string }[] = [
  { plugin: 'NodeResourcesFit', nodes: { a: small, b: big }, pod: podWith('p', [requesting({ cpu: '3' })]), want: 'b' },
  { plugin: 'NodeUnschedulable', nodes: { a: { ...big, unschedulable: true }, b: small }, pod: podWith('p', [{}]), want: 'b' },
  { plugin: 'TaintToleration (filter)', nodes: { a: { ...big, taints: [{ key: 'k', effect: 'NoSchedule' }] }, b: small }, pod: podWith('p', [{}]), want: 'b' },
  { plugin: 'TaintToleration (score)', nodes: { a: { ...small, taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }, b: small }, pod: podWith('p', [{}]), want: 'b' },
  { plugin: 'NodeAffinity (selector)', nodes: { a: big, b: { ...small, labels: { disk: 'ssd' } } }, pod: podWith('p', [{}], { nodeSelector: { disk: 'ssd' } }), want: 'b' },
  {
    plugin: 'NodeAffinity (preferred)', nodes: { a: small, b: { ...small, labels: { disk: 'ssd' } } },
    pod: podWith('p', [{}], { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } }] } } }),
    want: 'b',
  },
  { plugin: 'NodeName', nodes: { a: big, b: small }, pod: podWith('p', [{}], { nodeName: 'b' }), want: 'b' },
  { plugin: 'LeastAllocated', nodes: { a: small, b: big }, pod: podWith('p', [requesting({ cpu: '1', memory: '2Gi' })]), want: 'b' },
  {
    plugin: 'ImageLocality', nodes: { a: small, b: { ...small, images: [{ names: ['app:1'], sizeBytes: 900 * 2 ** 20 }] } },
    pod: podWith('p', [{ image: 'app:1' }]), want: 'b',
  },
  {
    plugin: 'nothing fits', nodes: { a: small, b: { ...big, taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }] }, c: small },
    pod: podWith('p', [requesting({ cpu: '2001m' })]),
    want: '0/3 nodes are available: 1 node(s) had untolerated taint {k: v}, 2 Insufficient cpu.',
  },
];

for (const c of decided) {
  test(`the framework's decision turns on ${c.plugin}`, () => {
    assert.equal(decide(cluster(c.nodes), c.pod), c.want);
  });
}

test('a configuration can turn a plugin off and change weights', () => {
  const nodes = cluster({ a: { ...small, taints: [{ key: 'k', effect: 'NoSchedule' }] } });
  const pod = podWith('p', [{}]);
  assert.match(decide(nodes, pod), /untolerated taint/);
  const off = parseSchedulerConfiguration('profiles:\n- schedulerName: default-scheduler\n  plugins:\n    filter:\n      disabled: [{name: TaintToleration}]\n');
  assert.equal(decide(nodes, pod, off), 'a');
});

test('the assumed pods of earlier decisions steer the next ones', () => {
  const c = cluster({ a: { cpu: '1', memory: '4Gi' }, b: { cpu: '1', memory: '4Gi' } });
  const fwk = buildFramework(defaultConfiguration().profiles[0]!, 0, { cluster: c, binder });
  const placed: string[] = [];
  for (let i = 0; i < 3; i++) {
    const pod = podWith(`p${i}`, [requesting({ cpu: '500m' })]);
    const d = findNode(fwk, c, pod, { next: 0 });
    if (d.kind !== 'Scheduled') { placed.push('none'); continue; }
    c.assume(`default/p${i}`, pod, d.nodeName);
    placed.push(d.nodeName);
  }
  assert.deepEqual([...placed].slice(0, 2).sort(), ['a', 'b']);
  assert.notEqual(placed[2], 'none');
  const d = findNode(fwk, c, podWith('p3', [requesting({ cpu: '501m' })]), { next: 0 });
  assert.equal(d.kind, 'Unschedulable');
});

test('at 1,000 nodes only enough are looked at to find 420 feasible ones', () => {
  const nodes: Record<string, NodeShape> = {};
  for (let i = 0; i < 1000; i++) nodes[`n${i}`] = small;
  const c = cluster(nodes);
  const fwk = buildFramework(defaultConfiguration().profiles[0]!, 0, { cluster: c, binder });
  const cursor = { next: 0 };
  const d = findNode(fwk, c, podWith('p', [requesting({ cpu: '1' })]), cursor);
  assert.equal(d.kind, 'Scheduled');
  if (d.kind === 'Scheduled') { assert.equal(d.evaluated, 420); assert.equal(d.feasible, 420); }
  assert.equal(cursor.next, 420, 'the next search starts where this one stopped');
});
