import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ApplyConflictError, recordUpdateManager, serverSideApply } from './server-side-apply.js';

const kind = { group: 'apps', kind: 'Deployment' };
const t0 = '2026-11-25T05:00:00Z';
const t1 = '2026-11-25T06:00:00Z';
const t2 = '2026-11-25T07:00:00Z';
const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manifest of the traces (04-apply), with some changes. */
function manifest(opts: { replicas?: number; image?: string; sidecar?: boolean; labels?: Record<string, string> } = {}): ApiObject {
  const containers: Record<string, unknown>[] = [{ image: opts.image ?? 'nginx:1.27', name: 'nginx' }];
  if (opts.sidecar === true) containers.push({ image: 'busybox:1.37', name: 'sidecar' });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { labels: opts.labels ?? { app: 'nginx' }, name: 'nginx', namespace: 'default' },
    spec: {
      replicas: opts.replicas ?? 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers } },
    },
  };
}

const apply = (live: ApiObject | undefined, applied: ApiObject, manager = 'kubectl', force = false, now = t1) =>
  serverSideApply(live, applied, { manager, force, kind, apiVersion: 'apps/v1', now });

/** A deployment created by client-side apply, as the store records it. */
function createdByClientSideApply(replicas = 3): ApiObject {
  const obj = manifest({ replicas });
  obj.metadata.uid = 'u1';
  obj.metadata.resourceVersion = '1';
  recordUpdateManager(undefined, obj, { manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', now: t0 });
  return obj;
}

const spec = (obj: ApiObject) => obj['spec'] as { replicas: number; template: { spec: { containers: { name: string; image: string }[] } } };
const managers = (obj: ApiObject) => (obj.metadata.managedFields ?? []).map((m) => `${m.manager}/${m.operation}`);

test('creates the object from the applied configuration and records the applier', () => {
  const applied = manifest();
  (applied as Record<string, unknown>)['status'] = { replicas: 9 };
  const { object, created } = apply(undefined, applied);
  assert.equal(created, true);
  assert.equal(object['status'], undefined);
  assert.deepEqual(object.metadata.managedFields, [
    {
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      time: t1,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:replicas': {},
          'f:selector': {},
          'f:template': {
            'f:metadata': { 'f:labels': { 'f:app': {} } },
            'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
          },
        },
      },
    },
  ]);
  assert.equal(applied.metadata.managedFields, undefined);
  assert.deepEqual(applied['status'], { replicas: 9 });
});

test('applies an unchanged manifest over client-side apply without conflicts, sharing the fields', () => {
  const live = createdByClientSideApply();
  const { object, created } = apply(live, manifest());
  assert.equal(created, false);
  assert.deepEqual(managers(object), ['kubectl/Apply', 'kubectl-client-side-apply/Update']);
  assert.equal(spec(object).replicas, 3);
  assert.equal(object.metadata.uid, 'u1');
});

test('reports a changed field another manager owns as Kubernetes does', () => {
  const live = createdByClientSideApply(2);
  assert.throws(() => apply(live, manifest({ replicas: 3 })), (err: unknown) => {
    assert.ok(err instanceof ApplyConflictError);
    assert.equal(err.message, 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    assert.deepEqual(err.conflicts, [
      { manager: 'kubectl-client-side-apply', field: '.spec.replicas', message: 'conflict with "kubectl-client-side-apply" using apps/v1' },
    ]);
    return true;
  });
});

test('lists several conflicts by manager, one per line', () => {
  const live = createdByClientSideApply(2);
  const changed = structuredClone(live);
  spec(changed).template.spec.containers[0]!.image = 'nginx:1.28';
  recordUpdateManager(live, changed, { manager: 'kubectl-set', apiVersion: 'apps/v1', now: t1 });
  const scaled = structuredClone(changed);
  spec(scaled).replicas = 5;
  recordUpdateManager(changed, scaled, { manager: 'kubectl', apiVersion: 'apps/v1', now: t1, subresource: 'scale' });
  assert.throws(
    () => apply(scaled, manifest({ replicas: 3, image: 'nginx:1.29' }), 'ci', false, t2),
    (err: unknown) =>
      err instanceof ApplyConflictError &&
      err.message ===
        'Apply failed with 2 conflicts: conflicts with "kubectl" with subresource "scale" using apps/v1:\n' +
          '- .spec.replicas\n' +
          'conflicts with "kubectl-set" using apps/v1:\n' +
          '- .spec.template.spec.containers[name="nginx"].image',
  );
});

test('takes the conflicting fields over when forced', () => {
  const live = createdByClientSideApply(2);
  const { object } = apply(live, manifest({ replicas: 3 }), 'ci', true);
  assert.equal(spec(object).replicas, 3);
  const csa = object.metadata.managedFields?.find((m) => m.manager === 'kubectl-client-side-apply');
  const ci = object.metadata.managedFields?.find((m) => m.manager === 'ci');
  assert.equal((csa?.fieldsV1?.['f:spec'] as Record<string, unknown>)['f:replicas'], undefined);
  assert.deepEqual((ci?.fieldsV1?.['f:spec'] as Record<string, unknown>)['f:replicas'], {});
  assert.doesNotThrow(() => apply(object, manifest({ replicas: 4 }), 'ci'));
});

test('removes the fields the applier stops applying unless another manager owns them', () => {
  const first = apply(undefined, manifest({ sidecar: true, labels: { app: 'nginx', tier: 'web', team: 'a' } })).object;
  const labelled = structuredClone(first);
  labelled.metadata.labels = { ...labelled.metadata.labels, team: 'a', owner: 'ops' };
  recordUpdateManager(first, labelled, { manager: 'kubectl-label', apiVersion: 'apps/v1', now: t1 });
  // kubectl-label set owner (new) and team (unchanged value: kubectl keeps sole ownership).
  const { object } = apply(labelled, manifest({ labels: { app: 'nginx' } }), 'kubectl', false, t2);
  assert.deepEqual(object.metadata.labels, { app: 'nginx', owner: 'ops' });
  assert.deepEqual(spec(object).template.spec.containers.map((c) => c.name), ['nginx']);
  const shared = apply(undefined, manifest({ labels: { app: 'nginx', tier: 'web' } }), 'a').object;
  const both = apply(shared, manifest({ labels: { app: 'nginx', tier: 'web' } }), 'b').object;
  const after = apply(both, manifest({ labels: { app: 'nginx' } }), 'a').object;
  assert.deepEqual(after.metadata.labels, { app: 'nginx', tier: 'web' });
});

test('keeps fields the applier never applied, such as defaults and status', () => {
  const live = createdByClientSideApply();
  const withDefaults = structuredClone(live);
  Object.assign(spec(withDefaults).template.spec.containers[0]!, { imagePullPolicy: 'IfNotPresent' });
  (withDefaults as Record<string, unknown>)['status'] = { replicas: 3 };
  const { object } = apply(withDefaults, manifest({ image: 'nginx:1.27' }), 'kubectl');
  assert.deepEqual(spec(object).template.spec.containers, [{ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }]);
  assert.deepEqual(object['status'], { replicas: 3 });
});

test('lets kubectl take over what its last client-side apply set, and rewrites that annotation', () => {
  const csaConfig = manifest({ replicas: 2 });
  const live = createdByClientSideApply(2);
  live.metadata.annotations = { [lastApplied]: JSON.stringify(csaConfig) + '\n' };
  recordUpdateManager(createdByClientSideApply(2), live, { manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', now: t0 });
  const { object } = apply(live, manifest({ replicas: 3 }), 'kubectl');
  assert.equal(spec(object).replicas, 3);
  const want =
    '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"nginx"},"name":"nginx","namespace":"default"},' +
    '"spec":{"replicas":3,"selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}\n';
  assert.equal(object.metadata.annotations?.[lastApplied], want);
  // kubectl's follow-up request (fieldManager=kubectl-last-applied) then sets the same value.
  const followUp = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { annotations: { [lastApplied]: want }, name: 'nginx', namespace: 'default' } };
  assert.doesNotThrow(() => apply(object, followUp, 'kubectl-last-applied'));
  // Another manager gets no such allowance.
  assert.throws(() => apply(live, manifest({ replicas: 3 }), 'ci'), ApplyConflictError);
});

test('treats an object without managedFields as owned by before-first-apply', () => {
  const live = manifest({ replicas: 2 });
  assert.throws(
    () => apply(live, manifest({ replicas: 3 }), 'ci'),
    (err: unknown) => err instanceof ApplyConflictError && err.message === 'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas',
  );
  assert.deepEqual(managers(apply(live, manifest({ replicas: 2 }), 'ci').object), ['ci/Apply', 'before-first-apply/Update']);
});

test('records updates: changed fields move to the writer, unchanged ones stay', () => {
  const live = createdByClientSideApply(2);
  const scaled = structuredClone(live);
  spec(scaled).replicas = 4;
  scaled.metadata.resourceVersion = '2';
  recordUpdateManager(live, scaled, { manager: 'kubectl', apiVersion: 'apps/v1', now: t1, subresource: 'scale' });
  assert.deepEqual(scaled.metadata.managedFields?.[1], {
    manager: 'kubectl',
    operation: 'Update',
    apiVersion: 'apps/v1',
    time: t1,
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    subresource: 'scale',
  });
  const csa = scaled.metadata.managedFields?.[0];
  assert.equal(csa?.manager, 'kubectl-client-side-apply');
  assert.equal(csa?.time, t0);
  assert.equal((csa?.fieldsV1?.['f:spec'] as Record<string, unknown>)['f:replicas'], undefined);
  // A write that changes nothing records nothing.
  const same = structuredClone(scaled);
  recordUpdateManager(scaled, same, { manager: 'noop', apiVersion: 'apps/v1', now: t2 });
  assert.deepEqual(same.metadata.managedFields, scaled.metadata.managedFields);
});
