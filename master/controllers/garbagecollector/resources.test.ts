import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcResources, groupOf, resourceForOwner } from './resources.js';

test('watches every served resource once, leaving out the autoscaling/v1 twin of HPAs', () => {
  const rs = gcResources();
  const ids = rs.map((r) => `${r.group}/${r.version}/${r.resource}`);
  assert.equal(new Set(rs.map((r) => `${r.group}/${r.resource}`)).size, rs.length);
  for (const id of ['/v1/pods', 'apps/v1/replicasets', 'apps/v1/deployments', '/v1/replicationcontrollers', '/v1/services',
    '/v1/endpoints', 'discovery.k8s.io/v1/endpointslices', '/v1/configmaps', '/v1/secrets', '/v1/serviceaccounts',
    '/v1/persistentvolumeclaims', 'autoscaling/v2/horizontalpodautoscalers', 'coordination.k8s.io/v1/leases', '/v1/events']) {
    assert.ok(ids.includes(id), id);
  }
  assert.ok(!ids.includes('autoscaling/v1/horizontalpodautoscalers'));
});

test('finds the resource an ownerReference names by API group and kind, whatever its version', () => {
  const rs = gcResources();
  const cases: [string, string, string | undefined][] = [
    ['apps/v1', 'ReplicaSet', 'apps/v1/replicasets'],
    ['apps/v1beta2', 'Deployment', 'apps/v1/deployments'],
    ['v1', 'ReplicationController', '/v1/replicationcontrollers'],
    ['autoscaling/v1', 'HorizontalPodAutoscaler', 'autoscaling/v2/horizontalpodautoscalers'],
    ['v1', 'Node', '/v1/nodes'],
    ['batch/v1', 'Job', undefined],
    ['v1', 'ReplicaSet', undefined],
  ];
  for (const [apiVersion, kind, want] of cases) {
    const r = resourceForOwner(rs, { apiVersion, kind });
    assert.equal(r === undefined ? undefined : `${r.group}/${r.version}/${r.resource}`, want, `${apiVersion} ${kind}`);
  }
});

test('reads the group of an apiVersion', () => {
  assert.equal(groupOf('v1'), '');
  assert.equal(groupOf('apps/v1'), 'apps');
  assert.equal(groupOf('coordination.k8s.io/v1'), 'coordination.k8s.io');
});
