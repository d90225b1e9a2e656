import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiObject } from '../../../shared/api/meta.js';
import { syncItem } from './sync.js';
import { conflict, harness, obj, ownerRef, type Call } from './testing.js';

const ac = new AbortController();
const signal = ac.signal;
const owner = obj('configmaps', { name: 'owner', uid: 'o-1' });
const dependent = (extra: Parameters<typeof ownerRef>[1] = {}, ref: ApiObject = owner, meta = {}) =>
  obj('configmaps', { name: 'dep', uid: 'd-1', ownerReferences: [ownerRef(ref, extra)], ...meta });
const deleting = (o: ApiObject, finalizer: string): ApiObject =>
  ({ ...o, metadata: { ...o.metadata, deletionTimestamp: '2026-11-25T06:00:00Z', finalizers: [finalizer] } });
const deleteCall = (name: string, policy: string, pre: object, resource = 'configmaps', namespace = 'default'): Call =>
  ({ verb: 'delete', resource, namespace, name, opts: { propagationPolicy: policy as 'Background', preconditions: pre as { uid: string } } });

test('deletes a dependent whose owner a live GET does not find, with uid and resourceVersion preconditions', async () => {
  const h = harness([['configmaps', dependent()]]);
  await syncItem(h.deps, 'd-1', signal);
  assert.deepEqual(h.api.calls, [
    { verb: 'get', resource: 'configmaps', namespace: 'default', name: 'owner' },
    deleteCall('dep', 'Background', { uid: 'd-1', resourceVersion: '10' }),
  ]);
});

test('keeps a dependent whose owner is cached, without asking the API', async () => {
  const h = harness([['configmaps', owner], ['configmaps', dependent()]]);
  await syncItem(h.deps, 'd-1', signal);
  assert.deepEqual(h.api.calls, []);
});

test('keeps a dependent whose owner the cache has not seen yet but the API has', async () => {
  const h = harness([['configmaps', dependent()]]);
  h.api.put('configmaps', owner);
  await syncItem(h.deps, 'd-1', signal);
  assert.deepEqual(h.api.writes(), []);
});

test('collects a dependent whose owner\'s name now belongs to another uid', async () => {
  const h = harness([['configmaps', dependent()]]);
  h.api.put('configmaps', obj('configmaps', { name: 'owner', uid: 'o-2' }));
  await syncItem(h.deps, 'd-1', signal);
  assert.deepEqual(h.api.writes(), [deleteCall('dep', 'Background', { uid: 'd-1', resourceVersion: '10' })]);
});

test('looks up an absent owner once for all its dependents', async () => {
  const h = harness([['configmaps', dependent()], ['configmaps', obj('configmaps', { name: 'dep2', uid: 'd-2', ownerReferences: [ownerRef(owner)] })]]);
  await syncItem(h.deps, 'd-1', signal);
  await syncItem(h.deps, 'd-2', signal);
  assert.equal(h.api.calls.filter((c) => c.verb === 'get').length, 1);
  assert.equal(h.api.calls.filter((c) => c.verb === 'delete').length, 2);
});

test('collects a dependent naming an owner of another namespace, and tells the user', async () => {
  const foreign = obj('configmaps', { name: 'owner', namespace: 'other', uid: 'o-1' });
  const h = harness([['configmaps', foreign], ['configmaps', dependent()]]);
  await syncItem(h.deps, 'd-1', signal);
  const [event, del] = h.api.writes();
  assert.equal(event?.verb, 'event');
  if (event?.verb === 'event') {
    assert.equal(event.event.reason, 'OwnerRefInvalidNamespace');
    assert.equal(event.event.type, 'Warning');
    assert.equal(event.event.involvedObject.name, 'dep');
    assert.match(event.event.message ?? '', /does not exist in namespace "default"/);
  }
  assert.deepEqual(del, deleteCall('dep', 'Background', { uid: 'd-1', resourceVersion: '10' }));
});

test('drops the reference to a vanished owner when another owner keeps the object', async () => {
  const other = obj('configmaps', { name: 'other', uid: 'o-9' });
  const dep = obj('configmaps', { name: 'dep', uid: 'd-1', ownerReferences: [ownerRef(other), ownerRef(owner)] });
  const h = harness([['configmaps', other], ['configmaps', dep]]);
  await syncItem(h.deps, 'd-1', signal);
  assert.deepEqual(h.api.writes(), [{
    verb: 'patch', resource: 'configmaps', namespace: 'default', name: 'dep', type: 'strategic',
    body: { metadata: { uid: 'd-1', ownerReferences: [{ $patch: 'delete', uid: 'o-1' }] } },
  }]);
});

test('leaves alone an object whose owner is of a kind Bosun does not serve', async () => {
  const h = harness([['configmaps', obj('configmaps', { name: 'dep', uid: 'd-1',
    ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'j-1' }] })]]);
  await syncItem(h.deps, 'd-1', signal);
  assert.deepEqual(h.api.calls, []);
});

test('leaves alone a cluster-scoped object naming a namespaced owner', async () => {
  const h = harness([['nodes', obj('nodes', { name: 'n1', uid: 'n-1', ownerReferences: [ownerRef(owner)] })]]);
  await syncItem(h.deps, 'n-1', signal);
  assert.deepEqual(h.api.calls, []);
});

test('a 409 on delete is retried with the uid alone when the object kept the same owners', async () => {
  const dep = dependent();
  const h = harness([['configmaps', dep]]);
  h.api.failures.set('delete configmaps/default/dep', [conflict()]);
  h.api.put('configmaps', { ...dep, metadata: { ...dep.metadata, resourceVersion: '11' }, data: { a: 'b' } });
  await syncItem(h.deps, 'd-1', signal);
  assert.deepEqual(h.api.writes(), [
    deleteCall('dep', 'Background', { uid: 'd-1', resourceVersion: '10' }),
    deleteCall('dep', 'Background', { uid: 'd-1' }),
  ]);
});

test('a 409 on delete of an object adopted meanwhile sends it back to the queue', async () => {
  const dep = dependent();
  const h = harness([['configmaps', dep]]);
  h.api.failures.set('delete configmaps/default/dep', [conflict()]);
  h.api.put('configmaps', { ...dep, metadata: { ...dep.metadata, resourceVersion: '11', ownerReferences: [] } });
  await assert.rejects(syncItem(h.deps, 'd-1', signal), /modified/);
  assert.equal(h.api.writes().length, 1);
});

test('an owner in foreground deletion queues its blocking dependents and keeps its finalizer', async () => {
  const h = harness([['configmaps', deleting(owner, 'foregroundDeletion')], ['configmaps', dependent({ blockOwnerDeletion: true })]]);
  await syncItem(h.deps, 'o-1', signal);
  assert.deepEqual(h.api.writes(), []);
  assert.deepEqual(h.queued, ['d-1']);
});

test('a blocking dependent of an owner in foreground deletion is deleted in the foreground', async () => {
  const h = harness([['configmaps', deleting(owner, 'foregroundDeletion')], ['configmaps', dependent({ blockOwnerDeletion: true })]]);
  await syncItem(h.deps, 'd-1', signal);
  assert.deepEqual(h.api.writes(), [deleteCall('dep', 'Foreground', { uid: 'd-1', resourceVersion: '10' })]);
});

test('a non-blocking dependent of an owner in foreground deletion is deleted in the background', async () => {
  const h = harness([['configmaps', deleting(owner, 'foregroundDeletion')], ['configmaps', dependent()]]);
  await syncItem(h.deps, 'd-1', signal);
  assert.deepEqual(h.api.writes(), [deleteCall('dep', 'Background', { uid: 'd-1', resourceVersion: '10' })]);
});

test('an owner in foreground deletion loses its finalizer once no blocking dependent is left', async () => {
  const h = harness([['configmaps', deleting(owner, 'foregroundDeletion')], ['configmaps', dependent()]]);
  await syncItem(h.deps, 'o-1', signal);
  assert.deepEqual(h.api.writes(), [{
    verb: 'patch', resource: 'configmaps', namespace: 'default', name: 'owner', type: 'merge',
    body: { metadata: { resourceVersion: '10', finalizers: null } },
  }]);
});

test('an owner in orphan deletion frees every dependent, then loses its finalizer', async () => {
  const h = harness([
    ['replicasets', deleting(obj('replicasets', { name: 'web', uid: 'rs-1' }), 'orphan')],
    ['pods', obj('pods', { name: 'a', uid: 'p-a', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-1', controller: true }] })],
    ['pods', obj('pods', { name: 'b', uid: 'p-b', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-1', controller: true }] })],
  ]);
  await syncItem(h.deps, 'rs-1', signal);
  const writes = h.api.writes();
  assert.deepEqual(writes.slice(0, 2).map((w) => w.verb === 'patch' ? [w.name, w.body] : w).sort(), [
    ['a', { metadata: { uid: 'p-a', ownerReferences: [{ $patch: 'delete', uid: 'rs-1' }] } }],
    ['b', { metadata: { uid: 'p-b', ownerReferences: [{ $patch: 'delete', uid: 'rs-1' }] } }],
  ]);
  assert.deepEqual(writes[2], {
    verb: 'patch', resource: 'replicasets', namespace: 'default', name: 'web', type: 'merge',
    body: { metadata: { resourceVersion: '10', finalizers: null } },
  });
});

test('an owner in orphan deletion keeps its finalizer when a dependent could not be freed', async () => {
  const h = harness([['configmaps', deleting(owner, 'orphan')], ['configmaps', dependent()]]);
  h.api.failures.set('patch configmaps/default/dep', [conflict()]);
  await assert.rejects(syncItem(h.deps, 'o-1', signal), /could not orphan 1 of 1 dependents/);
  assert.equal(h.api.writes().length, 1);
});

test('an object being deleted without a collector finalizer is left to finish', async () => {
  const h = harness([['configmaps', { ...dependent(), metadata: { ...dependent().metadata, deletionTimestamp: '2026-11-25T06:00:00Z', finalizers: ['example.com/x'] } }]]);
  await syncItem(h.deps, 'd-1', signal);
  assert.deepEqual(h.api.calls, []);
});

test('breaks a cycle of foreground deletions by unblocking the object\'s references first', async () => {
  const a = obj('configmaps', { name: 'a', uid: 'a' });
  const b = obj('configmaps', { name: 'b', uid: 'b', ownerReferences: [ownerRef(a, { blockOwnerDeletion: true })] });
  const aWaiting = deleting({ ...a, metadata: { ...a.metadata, ownerReferences: [ownerRef(b, { blockOwnerDeletion: true })] } }, 'foregroundDeletion');
  const h = harness([['configmaps', aWaiting], ['configmaps', b]]);
  await syncItem(h.deps, 'b', signal);
  assert.deepEqual(h.api.writes(), [
    { verb: 'patch', resource: 'configmaps', namespace: 'default', name: 'b', type: 'strategic',
      body: { metadata: { uid: 'b', ownerReferences: [{ uid: 'a', blockOwnerDeletion: false }] } } },
    deleteCall('b', 'Foreground', { uid: 'b', resourceVersion: '10' }),
  ]);
});
