import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeStatus, nodeInfo, podWith, requesting, runFilter } from '../test-fixtures.js';
import { NodeResourcesFit } from './node-resources-fit.js';

const node = { cpu: '2', memory: '4Gi', pods: '3' };
const used = [podWith('a', [requesting({ cpu: '500m', memory: '1Gi' })])];   // leaves 1500m, 3Gi, 2 pods

const cases: readonly { name: string; pod: ReturnType<typeof podWith>; want: string }[] = [
  { name: 'fits exactly (cpu and memory)', pod: podWith('p', [requesting({ cpu: '1500m', memory: '3Gi' })]), want: 'Success' },
  { name: 'one millicore too much', pod: podWith('p', [requesting({ cpu: '1501m' })]), want: 'Unschedulable: Insufficient cpu' },
  { name: 'one byte too much', pod: podWith('p', [requesting({ memory: String(3 * 2 ** 30 + 1) })]), want: 'Unschedulable: Insufficient memory' },
  { name: 'both short, reasons in Kubernetes order', pod: podWith('p', [requesting({ cpu: '2', memory: '4Gi' })]), want: 'Unschedulable: Insufficient cpu, Insufficient memory' },
  { name: 'no requests ask for nothing', pod: podWith('p', [{}]), want: 'Success' },
  { name: 'containers add up', pod: podWith('p', [requesting({ cpu: '1' }), requesting({ cpu: '501m' })]), want: 'Unschedulable: Insufficient cpu' },
  {
    name: 'an init container counts as the max with the regular sum (fits)',
    pod: podWith('p', [requesting({ cpu: '500m' })], { initContainers: [{ name: 'i', image: 'busybox', ...requesting({ cpu: '1500m' }) }] }),
    want: 'Success',
  },
  {
    name: 'an init container bigger than what is left',
    pod: podWith('p', [requesting({ cpu: '100m' })], { initContainers: [{ name: 'i', image: 'busybox', ...requesting({ cpu: '1501m' }) }] }),
    want: 'Unschedulable: Insufficient cpu',
  },
  {
    name: 'a sidecar (restartPolicy Always) adds to the regular containers',
    pod: podWith('p', [requesting({ cpu: '1' })], { initContainers: [{ name: 's', image: 'busybox', restartPolicy: 'Always', ...requesting({ cpu: '501m' }) }] }),
    want: 'Unschedulable: Insufficient cpu',
  },
  { name: 'overhead counts', pod: podWith('p', [requesting({ cpu: '1400m' })], { overhead: { cpu: '101m' } }), want: 'Unschedulable: Insufficient cpu' },
  { name: 'overhead that still fits exactly', pod: podWith('p', [requesting({ cpu: '1400m' })], { overhead: { cpu: '100m' } }), want: 'Success' },
  { name: 'an extended resource the node lacks', pod: podWith('p', [requesting({ 'example.com/gpu': '1' })]), want: 'Unschedulable: Insufficient example.com/gpu' },
];

for (const c of cases) {
  test(`NodeResourcesFit: ${c.name}`, () => {
    assert.equal(describeStatus(runFilter(new NodeResourcesFit(), c.pod, nodeInfo('n', node, used))), c.want);
  });
}

test('NodeResourcesFit: a full node has too many pods, even for a pod without requests', () => {
  const full = nodeInfo('n', node, [podWith('a', [{}]), podWith('b', [{}]), podWith('c', [{}])]);
  assert.equal(describeStatus(runFilter(new NodeResourcesFit(), podWith('p', [{}]), full)), 'Unschedulable: Too many pods');
});

test('NodeResourcesFit: a node without allocatable pods takes none', () => {
  const n = nodeInfo('n', { cpu: '2', memory: '4Gi', pods: '0' });
  assert.equal(describeStatus(runFilter(new NodeResourcesFit(), podWith('p', [requesting({ cpu: '3' })]), n)), 'Unschedulable: Too many pods, Insufficient cpu');
});
