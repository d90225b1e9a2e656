import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podEndpointsChanged, selectingServices } from './pod-services.js';
import { pod, service } from './test-objects.js';

test('a pod concerns the services selecting its old or its new labels, not selectorless ones', () => {
  const services = [
    service('web', { selector: { app: 'web' } }), service('db', { selector: { app: 'db' } }),
    service('manual', {}), service('all', { selector: { tier: 'x' } }),
  ];
  assert.deepEqual(selectingServices(services, [{ app: 'web' }]), ['ns/web']);
  assert.deepEqual(selectingServices(services, [{ app: 'db' }, { app: 'web' }]), ['ns/web', 'ns/db']);
  assert.deepEqual(selectingServices(services, [undefined]), []);
});

test('only changes that can move an endpoint count', () => {
  const a = pod('a', { ip: '10.244.0.2' });
  const bumped = { ...a, metadata: { ...a.metadata, resourceVersion: '99', annotations: { x: 'y' } } };
  assert.equal(podEndpointsChanged(a, bumped), false);
  assert.equal(podEndpointsChanged(a, pod('a', { ip: '10.244.0.2', ready: false })), true);
  assert.equal(podEndpointsChanged(a, pod('a', { ip: '10.244.0.3' })), true);
  assert.equal(podEndpointsChanged(a, pod('a', { ip: '10.244.0.2', labels: { app: 'db' } })), true);
});
