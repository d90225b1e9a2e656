import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldSet } from './field-set.js';
import { describeManager, readManagers, recordUpdateManager, sameManager, writeManagers } from './managed-fields.js';
import type { FieldManager } from './managed-fields.js';
import type { ApiObject } from '../../../shared/api/meta.js';

const fields = new FieldSet([['f:data', 'f:a']]);
const m = (manager: string, operation: 'Apply' | 'Update', time: string, extra: Partial<FieldManager> = {}): FieldManager => ({
  manager, operation, apiVersion: 'v1', time, fields, ...extra,
});

test('names managers as Kubernetes conflict messages do', () => {
  assert.equal(describeManager(m('kubectl', 'Apply', '')), '"kubectl"');
  assert.equal(describeManager(m('kubectl-edit', 'Update', '')), '"kubectl-edit" using v1');
  assert.equal(describeManager(m('kubelet', 'Update', '', { subresource: 'status' })), '"kubelet" with subresource "status" using v1');
});

test('identifies Apply entries without their apiVersion and Update entries with it', () => {
  assert.equal(sameManager(m('a', 'Apply', ''), m('a', 'Apply', '', { apiVersion: 'v2' })), true);
  assert.equal(sameManager(m('a', 'Update', ''), m('a', 'Update', '', { apiVersion: 'v2' })), false);
  assert.equal(sameManager(m('a', 'Update', ''), m('a', 'Apply', '')), false);
  assert.equal(sameManager(m('a', 'Update', ''), m('a', 'Update', '', { subresource: 'status' })), false);
});

test('writes entries Apply first, then oldest first, dropping empty ones, and reads them back', () => {
  const entries = writeManagers([
    m('z', 'Update', '2026-01-01T00:00:02Z'),
    m('y', 'Update', '2026-01-01T00:00:01Z'),
    m('x', 'Apply', '2026-01-01T00:00:03Z'),
    m('empty', 'Update', '2026-01-01T00:00:00Z', { fields: new FieldSet() }),
  ]);
  assert.deepEqual(entries.map((e) => e.manager), ['x', 'y', 'z']);
  assert.deepEqual(entries[0], { manager: 'x', operation: 'Apply', apiVersion: 'v1', time: '2026-01-01T00:00:03Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } });
  const back = readManagers([...entries, 'junk', { manager: 'q', operation: 'Delete' }, { manager: 'r', operation: 'Update', fieldsType: 'FieldsV2' }]);
  assert.deepEqual(back.map((b) => b.manager), ['x', 'y', 'z']);
  assert.ok(back[0]?.fields.equals(fields));
});

test('records a create as owning every field except those the server sets', () => {
  const cm: ApiObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd', uid: 'u', resourceVersion: '1', labels: { a: 'b' } }, data: { k: 'v' } };
  recordUpdateManager(undefined, cm, { manager: 'kubectl-create', apiVersion: 'v1', now: '2026-01-01T00:00:00Z' });
  assert.deepEqual(cm.metadata.managedFields, [
    { manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:k': {} }, 'f:metadata': { 'f:labels': { 'f:a': {} } } } },
  ]);
});

test('takes ownership from other managers and forgets removed fields', () => {
  const old: ApiObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } };
  recordUpdateManager(undefined, old, { manager: 'creator', apiVersion: 'v1', now: '2026-01-01T00:00:00Z' });
  const updated: ApiObject = { ...structuredClone(old), data: { a: '9', c: '3' } };
  recordUpdateManager(old, updated, { manager: 'editor', apiVersion: 'v1', now: '2026-01-01T00:01:00Z' });
  assert.deepEqual(updated.metadata.managedFields?.map((e) => [e.manager, e.fieldsV1]), [
    ['editor', { 'f:data': { 'f:a': {}, 'f:c': {} } }],
  ]);
});

test('keeps the old entries for an empty list and strips them all for one empty entry', () => {
  const old: ApiObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
  recordUpdateManager(undefined, old, { manager: 'creator', apiVersion: 'v1', now: '2026-01-01T00:00:00Z' });
  const kept: ApiObject = { ...structuredClone(old), metadata: { name: 'c', managedFields: [] } };
  recordUpdateManager(old, kept, { manager: 'editor', apiVersion: 'v1', now: '2026-01-01T00:02:00Z' });
  assert.deepEqual(kept.metadata.managedFields, old.metadata.managedFields);
  const stripped: ApiObject = { ...structuredClone(old), data: { a: '2' }, metadata: { name: 'c', managedFields: [{}] } };
  recordUpdateManager(old, stripped, { manager: 'editor', apiVersion: 'v1', now: '2026-01-01T00:02:00Z' });
  assert.equal(stripped.metadata.managedFields, undefined);
});
