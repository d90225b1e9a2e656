// The score plugins: LeastAllocated, BalancedAllocation, ImageLocality, SelectorSpread, each
// with a case where its score decides between nodes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../framework/cycle-state.js';
import type { PreScorePlugin, ScorePlugin } from '../framework/plugin.js';
import type { NodeInfo } from '../node-info.js';
import { nodeInfo, podWith, requesting } from '../test-fixtures.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { NodeResourcesBalancedAllocation, balancedScore } from './balanced-allocation.js';
import { ImageLocality, imageScore, maxContainerThreshold, minThreshold } from './image-locality.js';
import { NodeResourcesLeastAllocated, leastRequestedScore } from './least-allocated.js';
import { SelectorSpread } from './selector-spread.js';

function scores(p: PreScorePlugin & ScorePlugin, pod: Pod, nodes: NodeInfo[]): number[] {
  const state = new CycleState();
  assert.equal(p.preScore(state, pod, nodes).code, 'Success');
  const s = new Float64Array(nodes.map((n) => p.score(state, pod, n)));
  p.normalizeScores?.(state, pod, nodes, s);
  return [...s];
}

test('leastRequestedScore: the free share in whole points, 0 when over', () => {
  assert.equal(leastRequestedScore(0, 4000), 100);
  assert.equal(leastRequestedScore(1000, 4000), 75);
  assert.equal(leastRequestedScore(3999, 4000), 0);
  assert.equal(leastRequestedScore(4001, 4000), 0);
  assert.equal(leastRequestedScore(1, 0), 0);
});

test('LeastAllocated prefers the emptier node, counting pods without requests as 100m/200Mi', () => {
  const busy = nodeInfo('busy', { cpu: '4', memory: '8Gi' }, [podWith('a', [{}]), podWith('b', [requesting({ cpu: '2', memory: '4Gi' })])]);
  const idle = nodeInfo('idle', { cpu: '4', memory: '8Gi' });
  const pod = podWith('p', [requesting({ cpu: '1', memory: '2Gi' })]);
  // busy: cpu (4000-3100)/4000 → 22, memory (8192-6344)/8192 → 22; idle: 75, 75.
  assert.deepEqual(scores(new NodeResourcesLeastAllocated(), pod, [busy, idle]), [22, 75]);
});

test('balancedScore: equal fractions score 100, lopsided ones less', () => {
  assert.equal(balancedScore(1000, 4000, 2048, 8192), 100);
  assert.equal(balancedScore(4000, 4000, 0, 8192), 50);
  assert.equal(balancedScore(3000, 4000, 1024, 8192), 68);
});

test('BalancedAllocation prefers the node where the pod evens out cpu and memory', () => {
  const cpuHeavy = nodeInfo('cpu-heavy', { cpu: '4', memory: '8Gi' }, [podWith('a', [requesting({ cpu: '2' })])]);
  const even = nodeInfo('even', { cpu: '4', memory: '8Gi' });
  const pod = podWith('p', [requesting({ cpu: '1', memory: '2Gi' })]);
  const [heavy, balanced] = scores(new NodeResourcesBalancedAllocation(), pod, [cpuHeavy, even]);
  assert.ok(balanced! > heavy!, `${balanced} > ${heavy}`);
  assert.equal(balanced, 100);
});

test('BalancedAllocation skips a pod without requests', () => {
  assert.equal(new NodeResourcesBalancedAllocation().preScore(new CycleState(), podWith('p', [{}])).code, 'Skip');
});

test('imageScore: clamped between 23 MB and 1000 MB per container', () => {
  assert.equal(imageScore(0, 1), 0);
  assert.equal(imageScore(minThreshold, 1), 0);
  assert.equal(imageScore(maxContainerThreshold, 1), 100);
  assert.equal(imageScore(maxContainerThreshold * 5, 1), 100);
  assert.equal(imageScore(maxContainerThreshold, 2), 49);   // 977 / 1977
});

test('ImageLocality prefers the node that has the image, scaled by how many nodes have it', () => {
  const size = 500 * 1024 * 1024;
  const withImage = nodeInfo('with', { cpu: '1', memory: '1Gi', images: [{ names: ['docker.io/library/nginx:1.27', 'nginx:1.27'], sizeBytes: size }] });
  const without = nodeInfo('without', { cpu: '1', memory: '1Gi' });
  const cluster = { nodeCount: () => 2, imageNodeCount: (img: string) => (img === 'nginx:1.27' ? 1 : 0) };
  const pod = podWith('p', [{ image: 'nginx:1.27' }]);
  const [a, b] = scores(new ImageLocality(cluster), pod, [withImage, without]);
  // 500 MB × 1/2 nodes = 250 MB → (250 − 23) / (1000 − 23) × 100 = 23.
  assert.deepEqual([a, b], [23, 0]);
  const latest = podWith('q', [{ image: 'nginx' }]);
  const onlyLatest = nodeInfo('latest', { cpu: '1', memory: '1Gi', images: [{ names: ['nginx:latest'], sizeBytes: size * 2 }] });
  const all = { nodeCount: () => 1, imageNodeCount: () => 1 };
  assert.deepEqual(scores(new ImageLocality(all), latest, [onlyLatest]), [100]);
});

test('SelectorSpread: nodes with fewer pods of the same owner score higher', () => {
  const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-1', controller: true };
  const mine = (n: string) => podWith(n, [{}], {}, { ownerReferences: [owner] });
  const other = podWith('x', [{}], {}, { ownerReferences: [{ ...owner, uid: 'rs-2' }] });
  const nodes = [
    nodeInfo('two', { cpu: '1', memory: '1Gi' }, [mine('a'), mine('b')]),
    nodeInfo('one', { cpu: '1', memory: '1Gi' }, [mine('c'), other]),
    nodeInfo('none', { cpu: '1', memory: '1Gi' }, [other]),
  ];
  assert.deepEqual(scores(new SelectorSpread(), mine('p'), nodes), [0, 50, 100]);
  assert.equal(new SelectorSpread().preScore(new CycleState(), podWith('lone', [{}])).code, 'Skip');
});

test('SelectorSpread: zones weigh two thirds', () => {
  const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-1', controller: true };
  const mine = (n: string) => podWith(n, [{}], {}, { ownerReferences: [owner] });
  const z = (zone: string) => ({ 'topology.kubernetes.io/zone': zone });
  const nodes = [
    nodeInfo('a1', { cpu: '1', memory: '1Gi', labels: z('a') }, [mine('p1')]),
    nodeInfo('a2', { cpu: '1', memory: '1Gi', labels: z('a') }),
    nodeInfo('b1', { cpu: '1', memory: '1Gi', labels: z('b') }),
  ];
  // a1: node 0, zone 0 → 0; a2: node 100, zone a has the one pod → 0 → 33; b1: 100, 100 → 100.
  assert.deepEqual(scores(new SelectorSpread(), mine('p'), nodes), [0, 33, 100]);
});
