import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiVersionOf } from './resource.js';
import { findResource, resourceForKind, servedResources } from './resources.js';

const id = (t: { group: string; version: string; resource: string }): string => `${t.group}/${t.version}/${t.resource}`;

test('the table serves exactly the resources Bosun promises, in discovery order', () => {
  assert.deepEqual(servedResources.map(id), [
    '/v1/namespaces', '/v1/nodes', '/v1/pods', '/v1/services', '/v1/endpoints', '/v1/replicationcontrollers',
    '/v1/configmaps', '/v1/secrets', '/v1/events', '/v1/persistentvolumes', '/v1/persistentvolumeclaims',
    '/v1/serviceaccounts', 'apps/v1/deployments', 'apps/v1/replicasets',
    'autoscaling/v2/horizontalpodautoscalers', 'autoscaling/v1/horizontalpodautoscalers',
    'coordination.k8s.io/v1/leases', 'discovery.k8s.io/v1/endpointslices',
  ]);
});

test('every entry has a strategy that defaults and validates', () => {
  for (const t of servedResources) {
    assert.equal(typeof t.strategy.defaults, 'function', id(t));
    assert.equal(typeof t.strategy.validate, 'function', id(t));
  }
});

test('resources, kinds and short names are unique, but for versions of one resource', () => {
  const ids = servedResources.map(id);
  assert.equal(new Set(ids).size, ids.length);
  const kinds = servedResources.map((t) => `${apiVersionOf(t)}/${t.kind}`);
  assert.equal(new Set(kinds).size, kinds.length);
  const owner = new Map<string, string>();
  for (const t of servedResources) {
    for (const name of [t.resource, t.singular, ...t.shortNames]) {
      const key = `${t.group}/${t.resource}`;
      assert.equal(owner.get(`${t.group}:${name}`) ?? key, key, `${name} names two resources`);
      owner.set(`${t.group}:${name}`, key);
    }
  }
});

test('discovery names match a real cluster', () => {
  const cases: [string, string, string, boolean, string[], string[]][] = [
    // group/version/resource, singular, kind, namespaced, shortNames, categories
    ['/v1/namespaces', 'namespace', 'Namespace', false, ['ns'], []],
    ['/v1/nodes', 'node', 'Node', false, ['no'], []],
    ['/v1/pods', 'pod', 'Pod', true, ['po'], ['all']],
    ['/v1/services', 'service', 'Service', true, ['svc'], ['all']],
    ['/v1/endpoints', 'endpoints', 'Endpoints', true, ['ep'], []],
    ['/v1/replicationcontrollers', 'replicationcontroller', 'ReplicationController', true, ['rc'], ['all']],
    ['/v1/configmaps', 'configmap', 'ConfigMap', true, ['cm'], []],
    ['/v1/secrets', 'secret', 'Secret', true, [], []],
    ['/v1/events', 'event', 'Event', true, ['ev'], []],
    ['/v1/persistentvolumes', 'persistentvolume', 'PersistentVolume', false, ['pv'], []],
    ['/v1/persistentvolumeclaims', 'persistentvolumeclaim', 'PersistentVolumeClaim', true, ['pvc'], []],
    ['/v1/serviceaccounts', 'serviceaccount', 'ServiceAccount', true, ['sa'], []],
    ['apps/v1/deployments', 'deployment', 'Deployment', true, ['deploy'], ['all']],
    ['apps/v1/replicasets', 'replicaset', 'ReplicaSet', true, ['rs'], ['all']],
    ['autoscaling/v2/horizontalpodautoscalers', 'horizontalpodautoscaler', 'HorizontalPodAutoscaler', true, ['hpa'], ['all']],
    ['autoscaling/v1/horizontalpodautoscalers', 'horizontalpodautoscaler', 'HorizontalPodAutoscaler', true, ['hpa'], ['all']],
    ['coordination.k8s.io/v1/leases', 'lease', 'Lease', true, [], []],
    ['discovery.k8s.io/v1/endpointslices', 'endpointslice', 'EndpointSlice', true, [], []],
  ];
  for (const [path, singular, kind, namespaced, shortNames, categories] of cases) {
    const [group = '', version = '', resource = ''] = path.split('/');
    const t = findResource(group, version, resource);
    assert.ok(t, path);
    assert.deepEqual([t.singular, t.kind, t.namespaced, t.shortNames, t.categories],
      [singular, kind, namespaced, shortNames, categories], path);
  }
});

test('subresources and generation are kept where Kubernetes keeps them', () => {
  const shape = Object.fromEntries(servedResources.map((t) => [id(t), [[...t.subresources].sort().join(','), t.generation]]));
  assert.deepEqual(shape, {
    '/v1/namespaces': ['status', false], '/v1/nodes': ['status', false], '/v1/pods': ['attach,binding,eviction,exec,log,portforward,status', false],
    '/v1/services': ['status', false], '/v1/endpoints': ['', false], '/v1/replicationcontrollers': ['scale,status', true],
    '/v1/configmaps': ['', false], '/v1/secrets': ['', false], '/v1/events': ['', false],
    '/v1/persistentvolumes': ['status', false], '/v1/persistentvolumeclaims': ['status', false],
    '/v1/serviceaccounts': ['', false], 'apps/v1/deployments': ['scale,status', true],
    'apps/v1/replicasets': ['scale,status', true], 'autoscaling/v2/horizontalpodautoscalers': ['status', true],
    'autoscaling/v1/horizontalpodautoscalers': ['status', true], 'coordination.k8s.io/v1/leases': ['', false],
    'discovery.k8s.io/v1/endpointslices': ['', false],
  });
});

test('both HPA versions share one storage prefix, v2 listed first', () => {
  const hpas = servedResources.filter((t) => t.resource === 'horizontalpodautoscalers');
  assert.deepEqual(hpas.map((t) => [t.version, t.storageGroupResource]),
    [['v2', 'autoscaling/horizontalpodautoscalers'], ['v1', 'autoscaling/horizontalpodautoscalers']]);
  assert.ok(servedResources.filter((t) => t.resource !== 'horizontalpodautoscalers').every((t) => t.storageGroupResource === undefined));
});

test('findResource and resourceForKind find entries by URL parts and by manifest type', () => {
  assert.equal(findResource('apps', 'v1', 'deployments')?.kind, 'Deployment');
  assert.equal(findResource('', 'v1', 'pods')?.kind, 'Pod');
  assert.equal(findResource('apps', 'v1beta1', 'deployments'), undefined);
  assert.equal(findResource('', 'v1', 'deployments'), undefined);
  assert.equal(resourceForKind('v1', 'Service')?.resource, 'services');
  assert.equal(resourceForKind('autoscaling/v1', 'HorizontalPodAutoscaler')?.version, 'v1');
  assert.equal(resourceForKind('discovery.k8s.io/v1', 'EndpointSlice')?.resource, 'endpointslices');
  assert.equal(resourceForKind('apps/v1', 'Pod'), undefined);
  assert.equal(resourceForKind('extensions/v1beta1', 'Deployment'), undefined);
});
