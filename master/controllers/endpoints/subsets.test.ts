import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EndpointAddress, EndpointSubset } from '../../../shared/api/core/v1/endpoints.js';
import { desiredSubsets, repackSubsets, subsetsEqual } from './subsets.js';
import { pod, service } from './test-objects.js';

const addr = (ip: string, uid = ip): EndpointAddress => ({ ip, targetRef: { kind: 'Pod', uid } });
const ref = (name: string, ip: string): EndpointAddress =>
  ({ ip, nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'ns', name, uid: `uid-${name}` } });

test('repacking merges ports offered by the same addresses into one subset, sorted', () => {
  const got = repackSubsets([
    { addresses: [addr('10.0.0.2')], ports: [{ name: 'b', port: 2, protocol: 'TCP' }] },
    { addresses: [addr('10.0.0.10')], ports: [{ name: 'b', port: 2, protocol: 'TCP' }] },
    { addresses: [addr('10.0.0.10')], ports: [{ name: 'a', port: 1, protocol: 'TCP' }] },
    { addresses: [addr('10.0.0.2')], ports: [{ name: 'a', port: 1, protocol: 'TCP' }] },
  ]);
  assert.deepEqual(got, [{
    addresses: [addr('10.0.0.2'), addr('10.0.0.10')],
    ports: [{ name: 'a', port: 1, protocol: 'TCP' }, { name: 'b', port: 2, protocol: 'TCP' }],
  }]);
});

test('repacking splits ports offered by different addresses', () => {
  const got = repackSubsets([
    { addresses: [addr('10.0.0.1'), addr('10.0.0.2')], ports: [{ name: 'a', port: 1 }] },
    { addresses: [addr('10.0.0.1')], ports: [{ name: 'b', port: 2 }] },
  ]);
  assert.deepEqual(got, [
    { addresses: [addr('10.0.0.1'), addr('10.0.0.2')], ports: [{ name: 'a', port: 1 }] },
    { addresses: [addr('10.0.0.1')], ports: [{ name: 'b', port: 2 }] },
  ]);
});

test('an address ready somewhere for a port is ready for it; readiness apart makes subsets apart', () => {
  const got = repackSubsets([
    { notReadyAddresses: [addr('10.0.0.1')], ports: [{ name: 'a', port: 1 }] },
    { addresses: [addr('10.0.0.1')], ports: [{ name: 'a', port: 1 }] },
    { notReadyAddresses: [addr('10.0.0.1')], ports: [{ name: 'b', port: 2 }] },
  ]);
  assert.deepEqual(got, [
    { addresses: [addr('10.0.0.1')], ports: [{ name: 'a', port: 1 }] },
    { notReadyAddresses: [addr('10.0.0.1')], ports: [{ name: 'b', port: 2 }] },
  ]);
});

test('addresses without ports are kept, and one address per pod uid', () => {
  const got = repackSubsets([
    { addresses: [addr('10.0.0.1', 'x'), addr('10.0.0.1', 'x'), addr('10.0.0.1', 'y')] },
  ]);
  assert.deepEqual(got, [{ addresses: [addr('10.0.0.1', 'x'), addr('10.0.0.1', 'y')] }]);
});

test('ready pods go to addresses, unready ones to notReadyAddresses, each with node and pod', () => {
  const svc = service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] });
  const { subsets } = desiredSubsets(svc, [pod('a', { ip: '10.244.0.5' }), pod('b', { ip: '10.244.0.4', ready: false }), pod('c', { ip: '10.244.0.3' })]);
  assert.deepEqual(subsets, [{
    addresses: [ref('c', '10.244.0.3'), ref('a', '10.244.0.5')],
    notReadyAddresses: [ref('b', '10.244.0.4')],
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  }]);
});

test('pods without IP, terminating, succeeded or failed are left out', () => {
  const svc = service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] });
  const { subsets } = desiredSubsets(svc, [
    pod('no-ip'), pod('deleting', { ip: '10.244.0.2', deleting: true }),
    pod('done', { ip: '10.244.0.3', phase: 'Succeeded' }), pod('failed', { ip: '10.244.0.4', phase: 'Failed' }),
  ]);
  assert.deepEqual(subsets, []);
});

test('publishNotReadyAddresses puts every pod, even a terminating one, in addresses', () => {
  const svc = service('web', { selector: { app: 'web' }, publishNotReadyAddresses: true, ports: [{ port: 80, targetPort: 80 }] });
  const { subsets } = desiredSubsets(svc, [pod('a', { ip: '10.244.0.2', ready: false }), pod('b', { ip: '10.244.0.3', deleting: true })]);
  assert.deepEqual(subsets, [{ addresses: [ref('a', '10.244.0.2'), ref('b', '10.244.0.3')], ports: [{ port: 80, protocol: 'TCP' }] }]);
});

test('a named targetPort resolves per pod; a pod without that name is left out for that port', () => {
  const svc = service('web', {
    selector: { app: 'web' },
    ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }, { name: 'metrics', port: 9090, targetPort: 9100, protocol: 'TCP' }],
  });
  const { subsets, unresolved } = desiredSubsets(svc, [
    pod('a', { ip: '10.244.0.2', ports: [{ name: 'web', containerPort: 8080 }] }),
    pod('b', { ip: '10.244.0.3', ports: [{ name: 'web', containerPort: 8081 }] }),
    pod('c', { ip: '10.244.0.4', ports: [{ name: 'web', containerPort: 8080, protocol: 'UDP' }] }),
  ]);
  assert.deepEqual(subsets, [
    { addresses: [ref('a', '10.244.0.2')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
    { addresses: [ref('b', '10.244.0.3')], ports: [{ name: 'http', port: 8081, protocol: 'TCP' }] },
    { addresses: [ref('a', '10.244.0.2'), ref('b', '10.244.0.3'), ref('c', '10.244.0.4')], ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }] },
  ]);
  assert.deepEqual(unresolved, [{ pod: 'c', port: 'web' }]);
});

test('a headless service without ports lists addresses only; a ClusterIP one lists nothing', () => {
  const pods = [pod('a', { ip: '10.244.0.2' })];
  assert.deepEqual(desiredSubsets(service('h', { selector: { app: 'web' }, clusterIP: 'None' }), pods).subsets, [{ addresses: [ref('a', '10.244.0.2')] }]);
  assert.deepEqual(desiredSubsets(service('c', { selector: { app: 'web' }, clusterIP: '10.96.0.5' }), pods).subsets, []);
});

test('subsets compare equal regardless of targetRef resourceVersion and defaulted protocol', () => {
  const a: EndpointSubset[] = [{ addresses: [{ ip: '10.0.0.1', targetRef: { kind: 'Pod', uid: 'u', resourceVersion: '7' } }], ports: [{ port: 80 }] }];
  const b: EndpointSubset[] = [{ addresses: [{ ip: '10.0.0.1', targetRef: { kind: 'Pod', uid: 'u' } }], ports: [{ port: 80, protocol: 'TCP' }] }];
  assert.ok(subsetsEqual(a, b));
  assert.ok(!subsetsEqual(a, [{ notReadyAddresses: b[0]!.addresses!, ports: [{ port: 80 }] }]));
});
