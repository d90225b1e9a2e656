import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Taint, Toleration } from '../../../shared/api/core/v1/affinity.js';
import { CycleState } from '../framework/cycle-state.js';
import { describeStatus, nodeInfo, podWith, runFilter } from '../test-fixtures.js';
import { TaintToleration } from './taint-toleration.js';

const gpu: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
const cases: readonly { name: string; taints: Taint[]; tolerations?: Toleration[]; want: string }[] = [
  { name: 'no taints', taints: [], want: 'Success' },
  { name: 'an untolerated NoSchedule taint', taints: [gpu], want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}' },
  { name: 'an untolerated NoExecute taint', taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }], want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {k: v}' },
  { name: 'PreferNoSchedule does not filter', taints: [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }], want: 'Success' },
  { name: 'tolerated by key and value', taints: [gpu], tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], want: 'Success' },
  { name: 'a wrong value does not tolerate', taints: [gpu], tolerations: [{ key: 'dedicated', value: 'cpu' }], want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}' },
  { name: 'Exists tolerates any value', taints: [gpu], tolerations: [{ key: 'dedicated', operator: 'Exists' }], want: 'Success' },
  { name: 'a toleration for another effect does not', taints: [gpu], tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }], want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}' },
  { name: 'the first untolerated taint is named', taints: [gpu, { key: 'b', effect: 'NoSchedule' }], tolerations: [{ key: 'dedicated', operator: 'Exists' }], want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {b: }' },
];

for (const c of cases) {
  test(`TaintToleration filter: ${c.name}`, () => {
    const pod = podWith('p', [{}], c.tolerations !== undefined ? { tolerations: c.tolerations } : {});
    assert.equal(describeStatus(runFilter(new TaintToleration(), pod, nodeInfo('n', { cpu: '1', memory: '1Gi', taints: c.taints }))), c.want);
  });
}

test('TaintToleration score: fewer untolerated PreferNoSchedule taints score higher', () => {
  const p = new TaintToleration();
  const prefer = (key: string): Taint => ({ key, effect: 'PreferNoSchedule' });
  const nodes = [
    nodeInfo('clean', { cpu: '1', memory: '1Gi' }),
    nodeInfo('one', { cpu: '1', memory: '1Gi', taints: [prefer('a')] }),
    nodeInfo('two', { cpu: '1', memory: '1Gi', taints: [prefer('a'), prefer('b')] }),
    nodeInfo('tolerated', { cpu: '1', memory: '1Gi', taints: [prefer('c')] }),
  ];
  const pod = podWith('p', [{}], { tolerations: [{ key: 'c', operator: 'Exists', effect: 'PreferNoSchedule' }] });
  const state = new CycleState();
  p.preScore(state, pod);
  const scores = new Float64Array(nodes.map((n) => p.score(state, pod, n)));
  p.normalizeScores(state, pod, nodes, scores);
  assert.deepEqual([...scores], [100, 50, 0, 100]);
});
