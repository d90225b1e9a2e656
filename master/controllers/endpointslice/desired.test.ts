import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pod, service } from '../endpoints/test-objects.js';
import { desiredEndpoints, portsKey } from './desired.js';

const svc = service('web', {
  selector: { app: 'web' },
  ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }, { name: 'dns', port: 53, targetPort: 5353, protocol: 'UDP' }],
});

test('pods whose named port resolves differently are grouped apart; unresolvable ports are left out', () => {
  const groups = desiredEndpoints(svc, [
    pod('a', { ip: '10.244.0.3', ports: [{ name: 'web', containerPort: 8080 }] }),
    pod('b', { ip: '10.244.0.2', ports: [{ name: 'web', containerPort: 8080 }] }),
    pod('c', { ip: '10.244.0.4', ports: [{ name: 'web', containerPort: 9090 }] }),
    pod('d', { ip: '10.244.0.5' }),
  ]);
  const summary = [...groups.values()].map((g) => ({ ports: g.ports.map((p) => `${p.name}:${p.port}/${p.protocol}`), ips: g.endpoints.map((e) => e.addresses[0]) }));
  assert.deepEqual(summary, [
    { ports: ['http:8080/TCP', 'dns:5353/UDP'], ips: ['10.244.0.2', '10.244.0.3'] },
    { ports: ['http:9090/TCP', 'dns:5353/UDP'], ips: ['10.244.0.4'] },
    { ports: ['dns:5353/UDP'], ips: ['10.244.0.5'] },
  ]);
});

test('an endpoint carries its conditions, node and pod; terminating pods stay, not ready', () => {
  const groups = desiredEndpoints(service('s', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] }), [
    pod('ready', { ip: '10.244.0.2' }), pod('unready', { ip: '10.244.0.3', ready: false }),
    pod('leaving', { ip: '10.244.0.4', deleting: true }), pod('done', { ip: '10.244.0.5', phase: 'Succeeded' }), pod('no-ip'),
  ]);
  const [g] = [...groups.values()];
  assert.deepEqual(g?.ports, [{ name: '', port: 80, protocol: 'TCP' }]);
  assert.deepEqual(g?.endpoints[0], {
    addresses: ['10.244.0.2'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-1',
    targetRef: { kind: 'Pod', namespace: 'ns', name: 'ready', uid: 'uid-ready' },
  });
  assert.deepEqual(g?.endpoints.map((e) => [e.targetRef?.name, e.conditions]), [
    ['ready', { ready: true, serving: true, terminating: false }],
    ['unready', { ready: false, serving: false, terminating: false }],
    ['leaving', { ready: false, serving: true, terminating: true }],
  ]);
});

test('publishNotReadyAddresses makes every endpoint ready', () => {
  const groups = desiredEndpoints(service('s', { selector: { app: 'web' }, publishNotReadyAddresses: true, ports: [{ port: 80 }] }),
    [pod('unready', { ip: '10.244.0.3', ready: false })]);
  assert.deepEqual([...groups.values()][0]?.endpoints[0]?.conditions, { ready: true, serving: false, terminating: false });
});

test('the ports key ignores order and defaults', () => {
  assert.equal(portsKey([{ name: 'a', port: 1 }, { name: 'b', port: 2, protocol: 'UDP' }]), portsKey([{ name: 'b', port: 2, protocol: 'UDP' }, { name: 'a', port: 1, protocol: 'TCP' }]));
  assert.equal(portsKey(null), portsKey([]));
});
