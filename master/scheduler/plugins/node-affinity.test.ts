import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NodeSelectorTerm } from '../../../shared/api/core/v1/affinity.js';
import { CycleState } from '../framework/cycle-state.js';
import { describeStatus, nodeInfo, podWith, runFilter } from '../test-fixtures.js';
import { NodeAffinity } from './node-affinity.js';

const labels = { disk: 'ssd', zone: 'a', cores: '16' };
const node = nodeInfo('n1', { cpu: '1', memory: '1Gi', labels });
const miss = "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector";
const required = (...terms: NodeSelectorTerm[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });

const cases: readonly { name: string; spec: object; want: string }[] = [
  { name: 'no constraints', spec: {}, want: 'Success' },
  { name: 'nodeSelector matching', spec: { nodeSelector: { disk: 'ssd' } }, want: 'Success' },
  { name: 'nodeSelector with a different value', spec: { nodeSelector: { disk: 'hdd' } }, want: miss },
  { name: 'nodeSelector on a missing label', spec: { nodeSelector: { gpu: '' } }, want: miss },
  { name: 'In', spec: required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }), want: 'Success' },
  { name: 'NotIn', spec: required({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }), want: miss },
  { name: 'Exists', spec: required({ matchExpressions: [{ key: 'disk', operator: 'Exists' }] }), want: 'Success' },
  { name: 'DoesNotExist', spec: required({ matchExpressions: [{ key: 'disk', operator: 'DoesNotExist' }] }), want: miss },
  { name: 'Gt', spec: required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['15'] }] }), want: 'Success' },
  { name: 'Lt at the bound', spec: required({ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['16'] }] }), want: miss },
  { name: 'terms are ORed', spec: required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }, { matchExpressions: [{ key: 'disk', operator: 'Exists' }] }), want: 'Success' },
  { name: 'requirements in a term are ANDed', spec: required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'disk', operator: 'In', values: ['hdd'] }] }), want: miss },
  { name: 'matchFields on metadata.name', spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }), want: 'Success' },
  { name: 'an empty term matches nothing', spec: required({}), want: miss },
  { name: 'nodeSelector and affinity both apply', spec: { nodeSelector: { disk: 'ssd' }, ...required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }) }, want: miss },
];

for (const c of cases) {
  test(`NodeAffinity filter: ${c.name}`, () => {
    assert.equal(describeStatus(runFilter(new NodeAffinity(), podWith('p', [{}], c.spec), node)), c.want);
  });
}

test('NodeAffinity score: sums the weights of matching preferred terms, normalised to 100', () => {
  const p = new NodeAffinity();
  const pod = podWith('p', [{}], { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
    { weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
    { weight: 30, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
  ] } } });
  const nodes = [node, nodeInfo('n2', { cpu: '1', memory: '1Gi', labels: { disk: 'ssd' } }), nodeInfo('n3', { cpu: '1', memory: '1Gi' })];
  const state = new CycleState();
  assert.equal(p.preScore(state, pod).code, 'Success');
  const scores = new Float64Array(nodes.map((n) => p.score(state, pod, n)));
  assert.deepEqual([...scores], [40, 10, 0]);
  p.normalizeScores(state, pod, nodes, scores);
  assert.deepEqual([...scores], [100, 25, 0]);
});
