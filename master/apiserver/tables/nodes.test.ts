import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, NodeStatus } from '../../../shared/api/core/v1/node.js';
import { columns, rowCells } from './nodes.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');

const nodeInfo = {
  machineID: 'm',
  systemUUID: 'u',
  bootID: 'b',
  kernelVersion: '6.1.0-28-amd64',
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  containerRuntimeVersion: 'docker://20.10.24',
  kubeletVersion: 'v1.32.0',
  kubeProxyVersion: '',
  operatingSystem: 'linux',
  architecture: 'amd64',
};

function node(labels: Record<string, string>, status: NodeStatus, unschedulable?: boolean): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels, creationTimestamp: '2026-11-23T02:42:54Z' },
    spec: unschedulable === undefined ? {} : { unschedulable },
    status,
  };
}

test('node columns are the real server\'s', () => {
  assert.deepEqual(
    columns.map((c) => [c.name, c.priority]),
    [
      ['Name', 0],
      ['Status', 0],
      ['Roles', 0],
      ['Age', 0],
      ['Version', 0],
      ['Internal-IP', 1],
      ['External-IP', 1],
      ['OS-Image', 1],
      ['Kernel-Version', 1],
      ['Container-Runtime', 1],
    ],
  );
});

test('node rows show readiness, cordoning, roles and system info', () => {
  const addresses = [
    { type: 'Hostname' as const, address: 'node-1' },
    { type: 'InternalIP' as const, address: '192.168.1.10' },
  ];
  const cases: [string, Node, TableCell[]][] = [
    [
      'a cordoned Ready control-plane node',
      node(
        { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'node-1' },
        { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }], addresses, nodeInfo },
        true,
      ),
      ['node-1', 'Ready,SchedulingDisabled', 'control-plane', '2d3h', 'v1.32.0', '192.168.1.10', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.1.0-28-amd64', 'docker://20.10.24'],
    ],
    [
      'a worker that stopped reporting',
      node({}, { conditions: [{ type: 'Ready', status: 'Unknown' }], addresses: [...addresses, { type: 'ExternalIP', address: '203.0.113.5' }], nodeInfo }),
      ['node-1', 'NotReady', '<none>', '2d3h', 'v1.32.0', '192.168.1.10', '203.0.113.5', 'Debian GNU/Linux 12 (bookworm)', '6.1.0-28-amd64', 'docker://20.10.24'],
    ],
    [
      'a node that never posted status, with several roles',
      node({ 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/': '', 'kubernetes.io/role': 'ingress', 'node-role.kubernetes.io/etcd': 'true' }, {}),
      ['node-1', 'Unknown', 'etcd,ingress,worker', '2d3h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
    ],
    [
      'a not ready node that is cordoned',
      node({ 'kubernetes.io/role': '' }, { conditions: [{ type: 'Ready', status: 'False' }], nodeInfo }, true),
      ['node-1', 'NotReady,SchedulingDisabled', '<none>', '2d3h', 'v1.32.0', '<none>', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.1.0-28-amd64', 'docker://20.10.24'],
    ],
  ];
  for (const [name, obj, want] of cases) {
    assert.deepEqual(rowCells(obj, now), want, name);
  }
});
