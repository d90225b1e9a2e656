import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threeWayPatch } from './three-way.js';

const dep = (image: string, replicas: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: { replicas, template: { spec: { containers: [{ name: 'web', image, ...extra }] } } },
});

test('an unchanged manifest gives an empty patch, whatever the server added', () => {
  const live = dep('nginx:1', 2, { imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' });
  (live['metadata'] as Record<string, unknown>)['uid'] = 'u1';
  assert.deepEqual(threeWayPatch('Deployment', dep('nginx:1', 2), dep('nginx:1', 2), live), {});
});

test('a changed image patches the container by name with the element order', () => {
  assert.deepEqual(threeWayPatch('Deployment', dep('nginx:1', 2), dep('nginx:2', 2), dep('nginx:1', 2, { imagePullPolicy: 'Always' })), {
    spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'web', image: 'nginx:2' }] } } },
  });
});

test('a field dropped from the manifest is deleted; one another writer set is kept', () => {
  const original = { metadata: { name: 'x', labels: { a: '1', b: '2' } }, data: { k: 'v' } };
  const modified = { metadata: { name: 'x', labels: { a: '1' } }, data: { k: 'v' } };
  const current = { metadata: { name: 'x', labels: { a: '1', b: '2', c: 'other' } }, data: { k: 'v' } };
  assert.deepEqual(threeWayPatch('ConfigMap', original, modified, current), { metadata: { labels: { b: null } } });
});

test('a container dropped from the manifest is deleted with $patch: delete', () => {
  const two = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } };
  const one = { spec: { containers: [{ name: 'a', image: 'x' }] } };
  assert.deepEqual(threeWayPatch('Pod', two, one, two), {
    spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'b', $patch: 'delete' }] },
  });
});

test('service ports merge by port, atomic lists are replaced whole', () => {
  const o = { spec: { ports: [{ port: 80, targetPort: 8080 }], externalIPs: ['1.1.1.1'] } };
  const m = { spec: { ports: [{ port: 80, targetPort: 9090 }], externalIPs: ['2.2.2.2'] } };
  const c = { spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30001 }], externalIPs: ['1.1.1.1'] } };
  assert.deepEqual(threeWayPatch('Service', o, m, c), {
    spec: { '$setElementOrder/ports': [{ port: 80 }], ports: [{ port: 80, targetPort: 9090 }], externalIPs: ['2.2.2.2'] },
  });
});
