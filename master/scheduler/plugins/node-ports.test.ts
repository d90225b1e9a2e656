import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerPort } from '../../../shared/api/core/v1/container.js';
import { describeStatus, nodeInfo, podWith, runFilter } from '../test-fixtures.js';
import { NodePorts } from './node-ports.js';

const withPorts = (name: string, ports: ContainerPort[]) => podWith(name, [{ ports }]);
const clash = "Unschedulable: node(s) didn't have free ports for the requested pod ports";
const cases: readonly { name: string; used: ContainerPort[]; want: ContainerPort[]; result: string }[] = [
  { name: 'no host ports', used: [{ containerPort: 80, hostPort: 80 }], want: [{ containerPort: 80 }], result: 'Success' },
  { name: 'a free port', used: [{ containerPort: 80, hostPort: 80 }], want: [{ containerPort: 80, hostPort: 8080 }], result: 'Success' },
  { name: 'the same port', used: [{ containerPort: 80, hostPort: 80 }], want: [{ containerPort: 81, hostPort: 80 }], result: clash },
  { name: 'the same port, other protocol', used: [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }], want: [{ containerPort: 53, hostPort: 53 }], result: 'Success' },
  { name: 'different host IPs', used: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], want: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.2' }], result: 'Success' },
  { name: '0.0.0.0 against a specific IP', used: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], want: [{ containerPort: 80, hostPort: 80 }], result: clash },
  { name: 'a specific IP against 0.0.0.0', used: [{ containerPort: 80, hostPort: 80 }], want: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.2' }], result: clash },
  { name: 'port 80 is not 8080', used: [{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' }], want: [{ containerPort: 80, hostPort: 80 }], result: 'Success' },
];

for (const c of cases) {
  test(`NodePorts: ${c.name}`, () => {
    const node = nodeInfo('n', { cpu: '1', memory: '1Gi' }, [withPorts('old', c.used)]);
    assert.equal(describeStatus(runFilter(new NodePorts(), withPorts('new', c.want), node)), c.result);
  });
}
