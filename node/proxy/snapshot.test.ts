import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../../shared/api/core/v1/node.js';
import type { Service } from '../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../shared/api/discovery/v1/endpoint-slice.js';
import { staleUdpFlows } from './conntrack.js';
import { loadBalancerUpdates } from './lb-status.js';
import { buildSnapshot, loadBalancerIPs, snapshotContext } from './snapshot.js';

const svc = (name: string, spec: Service['spec'], status?: Service['status']): Service => ({ metadata: { namespace: 'shop', name, resourceVersion: '1' }, spec, ...(status ? { status } : {}) });
const slice = (svcName: string, eps: { ip: string; node?: string; ready?: boolean }[], ports: EndpointSlice['ports']): EndpointSlice => ({
  metadata: { namespace: 'shop', name: `${svcName}-x`, labels: { 'kubernetes.io/service-name': svcName } }, addressType: 'IPv4',
  endpoints: eps.map((e) => ({ addresses: [e.ip], ...(e.node ? { nodeName: e.node } : {}), ...(e.ready === undefined ? {} : { conditions: { ready: e.ready } }) })), ports,
});

test('a snapshot has one entry per service port with its ready endpoints, sorted; headless and ExternalName are skipped', () => {
  const s = buildSnapshot({
    nodeName: 'n1', clusterCIDR: '10.244.0.0/16', masqueradeAll: false,
    services: [
      svc('web', { type: 'LoadBalancer', clusterIP: '10.96.0.5', externalTrafficPolicy: 'Local', sessionAffinity: 'ClientIP', ports: [{ name: 'http', port: 80, nodePort: 30080 }, { name: 'dns', protocol: 'UDP', port: 53, nodePort: 30053 }] },
        { loadBalancer: { ingress: [{ ip: '172.31.250.102' }, { ip: '172.31.250.101' }] } }),
      svc('headless', { clusterIP: 'None', ports: [{ port: 80 }] }),
      svc('ext', { type: 'ExternalName', externalName: 'example.org' }),
    ],
    slices: [slice('web', [{ ip: '10.244.2.9', node: 'n2' }, { ip: '10.244.1.4', node: 'n1' }, { ip: '10.244.1.5', node: 'n1', ready: false }],
      [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 5353, protocol: 'UDP' }])],
  });
  assert.deepEqual(s.servicePorts.map((p) => p.id), ['shop/web:dns/udp', 'shop/web:http/tcp']);
  const http = s.servicePorts[1]!;
  assert.deepEqual(http.endpoints, [{ ip: '10.244.1.4', port: 8080, local: true }, { ip: '10.244.2.9', port: 8080, local: false }]);
  assert.deepEqual(http.externalIPs, ['172.31.250.101', '172.31.250.102']);
  assert.equal(http.nodePort, 30080);
  assert.equal(http.externalLocal, true);
  assert.equal(http.affinitySeconds, 10_800);
  assert.equal(s.servicePorts[0]!.endpoints[0]!.port, 5353);
});

test('load balancer IPs are the Ready nodes\' InternalIPs, sorted; services get them once', () => {
  const node = (name: string, ip: string, ready: string): Node => ({ metadata: { name }, status: { addresses: [{ type: 'InternalIP', address: ip }], conditions: [{ type: 'Ready', status: ready }] } } as Node);
  const ips = loadBalancerIPs([node('n2', '172.31.250.102', 'True'), node('n1', '172.31.250.101', 'True'), node('n3', '172.31.250.103', 'Unknown')]);
  assert.deepEqual(ips, ['172.31.250.101', '172.31.250.102']);
  const lb = svc('lb', { type: 'LoadBalancer', clusterIP: '10.96.0.7', ports: [{ port: 80 }] });
  const [u] = loadBalancerUpdates([lb, svc('c', { clusterIP: '10.96.0.8' })], ips);
  assert.deepEqual(u?.status?.loadBalancer?.ingress, [{ ip: '172.31.250.101', ipMode: 'VIP' }, { ip: '172.31.250.102', ipMode: 'VIP' }]);
  assert.equal(lb.status, undefined, 'the cached object is not changed');
  assert.deepEqual(loadBalancerUpdates([u!], ips), [], 'already set: nothing to write');
});

test('UDP flows to removed endpoints are cleared, and entries made while a service had none', () => {
  const before = buildSnapshot({ nodeName: 'n1', clusterCIDR: '', masqueradeAll: false,
    services: [svc('dns', { type: 'NodePort', clusterIP: '10.96.0.10', ports: [{ protocol: 'UDP', port: 53, nodePort: 30053 }] }), svc('q', { clusterIP: '10.96.0.11', ports: [{ protocol: 'UDP', port: 9 }] })],
    slices: [slice('dns', [{ ip: '10.244.1.2' }, { ip: '10.244.2.2' }], [{ port: 53, protocol: 'UDP' }])] });
  const after = buildSnapshot({ nodeName: 'n1', clusterCIDR: '', masqueradeAll: false,
    services: [svc('dns', { type: 'NodePort', clusterIP: '10.96.0.10', ports: [{ protocol: 'UDP', port: 53, nodePort: 30053 }] }), svc('q', { clusterIP: '10.96.0.11', ports: [{ protocol: 'UDP', port: 9 }] })],
    slices: [slice('dns', [{ ip: '10.244.1.2' }], [{ port: 53, protocol: 'UDP' }]), slice('q', [{ ip: '10.244.3.3' }], [{ port: 9, protocol: 'UDP' }])] });
  assert.deepEqual(staleUdpFlows(before, after), [
    ['-p', 'udp', '--orig-dst', '10.96.0.10', '--dst-nat', '10.244.2.2'],
    ['-p', 'udp', '--orig-port-dst', '30053', '--dst-nat', '10.244.2.2'],
    ['-p', 'udp', '--orig-dst', '10.96.0.11'],
  ]);
  assert.deepEqual(staleUdpFlows(undefined, after), []);
});

test('large cluster mode starts above 1,000 endpoints, counted as kube-proxy counts them: ready or not, one per address and port', () => {
  const input = (slices: EndpointSlice[]) => ({ nodeName: 'n1', clusterCIDR: '10.244.0.0/16', masqueradeAll: false, services: [svc('web', { clusterIP: '10.96.0.5', ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81 }] })], slices });
  const eps = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ ip: `10.244.${(from + i) >> 8}.${(from + i) & 255}`, ready: i % 3 !== 0 }));
  const twoPorts: EndpointSlice['ports'] = [{ name: 'a', port: 8080 }, { name: 'b', port: 8081 }];
  assert.equal(snapshotContext(input([slice('web', eps(500), twoPorts)])).largeCluster, false, '1,000: not yet');
  assert.equal(snapshotContext(input([slice('web', eps(500), twoPorts), slice('web', eps(1, 600), [{ name: 'a', port: 8080 }])])).largeCluster, true, '1,001');
  assert.equal(buildSnapshot(input([slice('web', eps(501), twoPorts)])).largeCluster, true, 'the snapshot carries it');
  const unlabelled = { ...slice('web', eps(600), twoPorts), metadata: { namespace: 'shop', name: 'loose' } };
  const v6 = { ...slice('web', eps(600), twoPorts), addressType: 'IPv6' as const };
  assert.equal(snapshotContext(input([unlabelled, v6])).largeCluster, false, 'slices of no service and IPv6 ones do not count');
});
