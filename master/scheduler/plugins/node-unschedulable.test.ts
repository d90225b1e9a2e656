import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Toleration } from '../../../shared/api/core/v1/affinity.js';
import { describeStatus, nodeInfo, podWith, runFilter } from '../test-fixtures.js';
import { NodeUnschedulable } from './node-unschedulable.js';

const cases: readonly { name: string; cordoned: boolean; tolerations?: Toleration[]; want: string }[] = [
  { name: 'a schedulable node takes the pod', cordoned: false, want: 'Success' },
  { name: 'a cordoned node refuses it', cordoned: true, want: "UnschedulableAndUnresolvable: node(s) were unschedulable" },
  { name: 'unless it tolerates the unschedulable taint', cordoned: true, tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], want: 'Success' },
  { name: 'a toleration of everything counts', cordoned: true, tolerations: [{ operator: 'Exists' }], want: 'Success' },
  { name: 'a toleration for another effect does not', cordoned: true, tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }], want: "UnschedulableAndUnresolvable: node(s) were unschedulable" },
];

for (const c of cases) {
  test(`NodeUnschedulable: ${c.name}`, () => {
    const pod = podWith('p', [{}], c.tolerations !== undefined ? { tolerations: c.tolerations } : {});
    assert.equal(describeStatus(runFilter(new NodeUnschedulable(), pod, nodeInfo('n', { cpu: '1', memory: '1Gi', unschedulable: c.cordoned }))), c.want);
  });
}
