import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldMeta, patchSchemaFor } from './patch-meta.js';
import type { FieldPatchMeta, GroupKind } from './patch-meta.js';

/** The metadata at a dotted path of a kind's schema (list items are looked into). */
function metaAt(kind: GroupKind, path: string): FieldPatchMeta | undefined {
  let schema = patchSchemaFor(kind);
  let meta: FieldPatchMeta | undefined;
  for (const field of path.split('.')) {
    meta = fieldMeta(schema, field);
    schema = meta?.fields;
  }
  return meta;
}

test('knows the merge keys of the struct tags of k8s.io/api', () => {
  const core = (kind: string): GroupKind => ({ group: '', kind });
  const deployment = { group: 'apps', kind: 'Deployment' };
  const cases: [GroupKind, string, string | undefined][] = [
    [core('Pod'), 'spec.containers', 'name'],
    [core('Pod'), 'spec.initContainers', 'name'],
    [core('Pod'), 'spec.ephemeralContainers', 'name'],
    [core('Pod'), 'spec.containers.ports', 'containerPort'],
    [core('Pod'), 'spec.containers.env', 'name'],
    [core('Pod'), 'spec.containers.volumeMounts', 'mountPath'],
    [core('Pod'), 'spec.containers.volumeDevices', 'devicePath'],
    [core('Pod'), 'spec.volumes', 'name'],
    [core('Pod'), 'spec.imagePullSecrets', 'name'],
    [core('Pod'), 'spec.hostAliases', 'ip'],
    [core('Pod'), 'status.conditions', 'type'],
    [core('Pod'), 'metadata.ownerReferences', 'uid'],
    [core('Service'), 'spec.ports', 'port'],
    [core('Node'), 'status.conditions', 'type'],
    [core('Node'), 'status.addresses', 'type'],
    [core('ServiceAccount'), 'secrets', 'name'],
    [core('ReplicationController'), 'spec.template.spec.containers', 'name'],
    [deployment, 'spec.template.spec.containers.env', 'name'],
    [deployment, 'status.conditions', 'type'],
    [{ group: 'apps', kind: 'ReplicaSet' }, 'spec.template.spec.volumes', 'name'],
    [{ group: 'autoscaling', kind: 'HorizontalPodAutoscaler' }, 'status.conditions', 'type'],
    [core('Pod'), 'spec.tolerations', undefined],
    [core('Endpoints'), 'subsets', undefined],
  ];
  for (const [kind, path, key] of cases) assert.equal(metaAt(kind, path)?.mergeKey, key, `${kind.kind} ${path}`);
});

test('marks sets, retainKeys and atomic values, and has nothing for unknown kinds', () => {
  assert.deepEqual(metaAt({ group: '', kind: 'ConfigMap' }, 'metadata.finalizers'), { strategy: 'merge' });
  assert.deepEqual(metaAt({ group: '', kind: 'Node' }, 'spec.podCIDRs'), { strategy: 'merge' });
  assert.equal(metaAt({ group: 'apps', kind: 'Deployment' }, 'spec.strategy')?.retainKeys, true);
  assert.equal(metaAt({ group: '', kind: 'Pod' }, 'spec.volumes')?.retainKeys, true);
  assert.equal(metaAt({ group: 'apps', kind: 'Deployment' }, 'spec.selector')?.atomic, true);
  assert.equal(metaAt({ group: '', kind: 'Service' }, 'spec.selector')?.atomic, true);
  assert.equal(patchSchemaFor({ group: 'example.com', kind: 'Widget' }), undefined);
  assert.equal(fieldMeta(patchSchemaFor({ group: '', kind: 'Pod' }), 'constructor'), undefined);
});
