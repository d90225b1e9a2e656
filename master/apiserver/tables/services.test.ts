import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service, ServiceSpec, ServiceStatus } from '../../../shared/api/core/v1/service.js';
import { columns, rowCells } from './services.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');

function service(name: string, spec: ServiceSpec, status?: ServiceStatus): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', creationTimestamp: '2026-11-25T04:42:54Z' },
    spec,
    ...(status === undefined ? {} : { status }),
  };
}

test('service columns are the real server\'s', () => {
  assert.deepEqual(
    columns.map((c) => [c.name, c.priority]),
    [
      ['Name', 0],
      ['Type', 0],
      ['Cluster-IP', 0],
      ['External-IP', 0],
      ['Port(s)', 0],
      ['Age', 0],
      ['Selector', 1],
    ],
  );
});

test('service rows show addresses, ports and selector', () => {
  const cases: [string, Service, TableCell[]][] = [
    [
      'the kubernetes service',
      service('kubernetes', { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }),
      ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '60m', '<none>'],
    ],
    [
      'a NodePort service with two ports',
      service('web', {
        type: 'NodePort',
        clusterIPs: ['10.96.12.34'],
        selector: { tier: 'frontend', app: 'nginx' },
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 },
          { name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 },
        ],
      }),
      ['web', 'NodePort', '10.96.12.34', '<none>', '80:30080/TCP,53:30053/UDP', '60m', 'app=nginx,tier=frontend'],
    ],
    [
      'a load balancer still waiting for its address',
      service('lb', { type: 'LoadBalancer', clusterIPs: ['10.96.0.50'], ports: [{ port: 443, protocol: 'TCP', nodePort: 31443 }], selector: { app: 'lb' } }),
      ['lb', 'LoadBalancer', '10.96.0.50', '<pending>', '443:31443/TCP', '60m', 'app=lb'],
    ],
    [
      'a load balancer with ingress and external IPs',
      service(
        'lb',
        { type: 'LoadBalancer', clusterIPs: ['10.96.0.50'], externalIPs: ['192.0.2.9'], ports: [{ port: 80, protocol: 'TCP', nodePort: 30080 }] },
        { loadBalancer: { ingress: [{ ip: '203.0.113.7' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.7' }] } },
      ),
      ['lb', 'LoadBalancer', '10.96.0.50', '203.0.113.7,lb.example.com,192.0.2.9', '80:30080/TCP', '60m', '<none>'],
    ],
    [
      'a headless service with external IPs and no ports',
      service('db', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], externalIPs: ['192.0.2.1', '192.0.2.2'], selector: { app: 'db' } }),
      ['db', 'ClusterIP', 'None', '192.0.2.1,192.0.2.2', '<none>', '60m', 'app=db'],
    ],
    [
      'an ExternalName service',
      service('ext', { type: 'ExternalName', externalName: 'db.example.com' }),
      ['ext', 'ExternalName', '<none>', 'db.example.com', '<none>', '60m', '<none>'],
    ],
    [
      'only the singular clusterIP set',
      service('old', { type: 'ClusterIP', clusterIP: '10.96.0.10', ports: [{ port: 53, protocol: 'UDP' }] }),
      ['old', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP', '60m', '<none>'],
    ],
  ];
  for (const [name, obj, want] of cases) {
    assert.deepEqual(rowCells(obj, now), want, name);
  }
});
