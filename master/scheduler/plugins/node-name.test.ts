import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeStatus, nodeInfo, podWith, runFilter } from '../test-fixtures.js';
import { NodeName } from './node-name.js';

for (const [name, nodeName, want] of [
  ['no node named: any node', undefined, 'Success'],
  ['the named node', 'n1', 'Success'],
  ['another node', 'n2', "UnschedulableAndUnresolvable: node(s) didn't match the requested node name"],
] as const) {
  test(`NodeName: ${name}`, () => {
    const pod = podWith('p', [{}], nodeName !== undefined ? { nodeName } : {});
    assert.equal(describeStatus(runFilter(new NodeName(), pod, nodeInfo('n1', { cpu: '1', memory: '1Gi' }))), want);
  });
}
