import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '../../../shared/api/errors.js';
import { computePodTemplateHash } from '../common/pod-template.js';
import { syncDeployment } from './sync.js';
import { deployment, fixture, pod, replicaSet, template } from './testing.js';

const signal = new AbortController().signal;
const key = 'default/web';
const hash1 = computePodTemplateHash(template('toolbox:1'));
const annotated = (desired: number, max: number) => ({ 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(max) });

test('creates the first ReplicaSet, named by the template hash, and records revision 1', async () => {
  const d = deployment();
  const f = fixture(d, []);
  await syncDeployment(f.deps, key, signal);
  const [created] = f.api.of('createReplicaSet');
  assert.equal(created?.rs.metadata.name, `web-${hash1}`);
  assert.deepEqual(created?.rs.metadata.labels, { app: 'web', 'pod-template-hash': hash1 });
  assert.deepEqual(created?.rs.spec?.selector, { matchLabels: { app: 'web', 'pod-template-hash': hash1 } });
  assert.deepEqual(created?.rs.spec?.template?.metadata?.labels, { app: 'web', 'pod-template-hash': hash1 });
  assert.equal(created?.rs.spec?.replicas, 10);
  assert.deepEqual(created?.rs.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-1', controller: true, blockOwnerDeletion: true }]);
  assert.deepEqual(created?.rs.metadata.annotations, {
    'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '10', 'deployment.kubernetes.io/max-replicas': '13',
  });
  assert.equal(f.api.of('updateDeployment')[0]?.d.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
  const status = f.api.of('updateDeploymentStatus').at(-1)?.d.status;
  assert.equal(status?.conditions?.find((c) => c.type === 'Progressing')?.reason, 'NewReplicaSetCreated');
  assert.equal(status?.conditions?.find((c) => c.type === 'Progressing')?.message, `Created new replica set "web-${hash1}"`);
  await f.recorder.flush();
  assert.deepEqual(f.events.map((e) => [e.reason, e.message]), [['ScalingReplicaSet', `Scaled up replica set web-${hash1} from 0 to 10`]]);
});

test('a new template surges a new ReplicaSet next to the old one and takes the old one down', async () => {
  const d = deployment({ template: template('toolbox:2') }, { status: { replicas: 10, updatedReplicas: 10, availableReplicas: 10 } });
  const old = replicaSet(d, { image: 'toolbox:1', replicas: 10, revision: 1, annotations: annotated(10, 13) });
  const f = fixture(d, [old]);
  await syncDeployment(f.deps, key, signal);
  const [created] = f.api.of('createReplicaSet');
  assert.equal(created?.rs.spec?.replicas, 3);
  assert.equal(created?.rs.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
  // As in Kubernetes, the same pass takes the old one down by what maxUnavailable allows (13 − 8 − 3 new unavailable).
  assert.deepEqual(f.api.of('updateReplicaSet').map((w) => [w.rs.metadata.uid, w.rs.spec?.replicas]), [[old.metadata.uid, 8]]);
});

test('scales the old ReplicaSet down as far as availability allows, with the cached resourceVersion', async () => {
  const d = deployment({ template: template('toolbox:2') }, { metadata: { name: 'web', namespace: 'default', uid: 'd-1', resourceVersion: '5', generation: 1, annotations: { 'deployment.kubernetes.io/revision': '2' } } });
  const old = replicaSet(d, { image: 'toolbox:1', replicas: 10, revision: 1, annotations: annotated(10, 13), created: '2026-11-25T04:00:00Z' });
  const fresh = replicaSet(d, { image: 'toolbox:2', replicas: 3, available: 0, revision: 2, annotations: annotated(10, 13) });
  const f = fixture(d, [old, fresh]);
  await syncDeployment(f.deps, key, signal);
  const writes = f.api.of('updateReplicaSet');
  assert.equal(writes.length, 1);
  assert.equal(writes[0]?.rs.metadata.name, old.metadata.name);
  assert.equal(writes[0]?.rs.spec?.replicas, 8);
  assert.equal(writes[0]?.rs.metadata.resourceVersion, '7');
  await f.recorder.flush();
  assert.deepEqual(f.events.map((e) => e.message), [`Scaled down replica set ${old.metadata.name ?? ''} from 10 to 8`]);
});

test('a conflicting ReplicaSet write fails the sync, to be retried', async () => {
  const d = deployment({ template: template('toolbox:2') }, { metadata: { name: 'web', namespace: 'default', uid: 'd-1', resourceVersion: '5', annotations: { 'deployment.kubernetes.io/revision': '2' } } });
  const old = replicaSet(d, { image: 'toolbox:1', replicas: 10, revision: 1, annotations: annotated(10, 13), created: '2026-11-25T04:00:00Z' });
  const fresh = replicaSet(d, { image: 'toolbox:2', replicas: 3, available: 3, revision: 2, annotations: annotated(10, 13) });
  const f = fixture(d, [old, fresh]);
  f.api.stored.set(`rs/default/${old.metadata.name ?? ''}`, { metadata: { resourceVersion: '99' } });
  await assert.rejects(syncDeployment(f.deps, key, signal), (e: unknown) => e instanceof StatusError && e.reason === 'Conflict');
});

test('completes: status reports every replica and NewReplicaSetAvailable; history beyond the limit goes', async () => {
  const d = deployment({ revisionHistoryLimit: 1 }, {
    metadata: { name: 'web', namespace: 'default', uid: 'd-1', resourceVersion: '5', generation: 2, annotations: { 'deployment.kubernetes.io/revision': '3' } },
    status: { observedGeneration: 2, replicas: 10, updatedReplicas: 10, readyReplicas: 10, availableReplicas: 10 },
  });
  const a = replicaSet(d, { image: 'toolbox:a', replicas: 0, revision: 1 });
  const b = replicaSet(d, { image: 'toolbox:b', replicas: 0, revision: 2 });
  const fresh = replicaSet(d, { image: 'toolbox:1', replicas: 10, revision: 3, annotations: annotated(10, 13) });
  const f = fixture(d, [a, b, fresh]);
  await syncDeployment(f.deps, key, signal);
  assert.deepEqual(f.api.of('deleteReplicaSet').map((w) => w.name), [a.metadata.name]);
  const status = f.api.of('updateDeploymentStatus').at(-1)?.d.status;
  assert.deepEqual([status?.observedGeneration, status?.replicas, status?.updatedReplicas, status?.availableReplicas, status?.unavailableReplicas], [2, 10, 10, 10, 0]);
  assert.equal(status?.conditions?.find((c) => c.type === 'Progressing')?.reason, 'NewReplicaSetAvailable');
});

test('rollout undo: the old ReplicaSet matching the template becomes the new one, with the next revision', async () => {
  const d = deployment({ template: template('toolbox:1') }, { metadata: { name: 'web', namespace: 'default', uid: 'd-1', resourceVersion: '5', annotations: { 'deployment.kubernetes.io/revision': '2' } } });
  const first = replicaSet(d, { image: 'toolbox:1', replicas: 0, revision: 1, annotations: annotated(10, 13), created: '2026-11-25T04:00:00Z' });
  const second = replicaSet(d, { image: 'toolbox:2', replicas: 10, revision: 2, annotations: annotated(10, 13) });
  const f = fixture(d, [first, second]);
  await syncDeployment(f.deps, key, signal);
  assert.deepEqual(f.api.of('createReplicaSet'), []);
  const [renumbered] = f.api.of('updateReplicaSet');
  assert.equal(renumbered?.rs.metadata.uid, first.metadata.uid);
  assert.equal(renumbered?.rs.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
  assert.equal(renumbered?.rs.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
});

test('a same-named ReplicaSet with another template is a collision: collisionCount goes up', async () => {
  const d = deployment();
  const impostor = { ...replicaSet(d, { image: 'toolbox:other', replicas: 1, owner: null }), metadata: { name: `web-${hash1}`, namespace: 'default', uid: 'x', labels: { other: 'yes' } } };
  const f = fixture(d, [impostor]);
  await assert.rejects(syncDeployment(f.deps, key, signal), (e: unknown) => e instanceof StatusError && e.reason === 'AlreadyExists');
  assert.equal(f.api.of('updateDeploymentStatus').at(-1)?.d.status?.collisionCount, 1);
  const next = fixture(deployment({}, { status: { collisionCount: 1 } }), [impostor]);
  await syncDeployment(next.deps, key, signal);
  assert.equal(next.api.of('createReplicaSet')[0]?.rs.metadata.name, `web-${computePodTemplateHash(template('toolbox:1'), 1)}`);
});

test('adopts an orphan ReplicaSet its selector matches', async () => {
  const d = deployment();
  const orphan = replicaSet(d, { image: 'toolbox:1', replicas: 10, owner: null, revision: 1, annotations: annotated(10, 13) });
  const f = fixture(d, [orphan]);
  await syncDeployment(f.deps, key, signal);
  const [patch] = f.api.of('patchReplicaSet');
  assert.equal(patch?.name, orphan.metadata.name);
  assert.deepEqual(patch?.body, { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-1', controller: true, blockOwnerDeletion: true }], uid: orphan.metadata.uid } });
  assert.deepEqual(f.api.of('createReplicaSet'), [], 'the adopted one is the new ReplicaSet');
});

test('Recreate: old ReplicaSets go to zero, the new one waits until their pods are gone', async () => {
  const spec = { strategy: { type: 'Recreate' as const }, template: template('toolbox:2') };
  const d = deployment(spec, { metadata: { name: 'web', namespace: 'default', uid: 'd-1', resourceVersion: '5', annotations: { 'deployment.kubernetes.io/revision': '1' } } });
  const old = replicaSet(d, { image: 'toolbox:1', replicas: 10, revision: 1 });
  const first = fixture(d, [old]);
  await syncDeployment(first.deps, key, signal);
  assert.deepEqual(first.api.of('updateReplicaSet').map((w) => w.rs.spec?.replicas), [0]);
  assert.deepEqual(first.api.of('createReplicaSet'), []);

  const drained = replicaSet(d, { image: 'toolbox:1', replicas: 0, actual: 0, revision: 1 });
  const terminating = pod(drained, 'p1', { deletionTimestamp: '2026-11-25T06:00:00Z' });
  const waiting = fixture(d, [drained], [terminating]);
  await syncDeployment(waiting.deps, key, signal);
  assert.deepEqual(waiting.api.of('createReplicaSet'), [], 'an old pod is still there');

  const gone = fixture(d, [drained], [{ ...pod(drained, 'p2'), status: { phase: 'Succeeded' } }]);
  await syncDeployment(gone.deps, key, signal);
  assert.equal(gone.api.of('createReplicaSet')[0]?.rs.spec?.replicas, 10);
});

test('paused: a new template makes no ReplicaSet; the pause is marked in Progressing', async () => {
  const d = deployment({ paused: true, template: template('toolbox:2') }, { metadata: { name: 'web', namespace: 'default', uid: 'd-1', resourceVersion: '5', annotations: { 'deployment.kubernetes.io/revision': '1' } } });
  const old = replicaSet(d, { image: 'toolbox:1', replicas: 10, revision: 1, annotations: annotated(10, 13) });
  const f = fixture(d, [old]);
  await syncDeployment(f.deps, key, signal);
  assert.deepEqual(f.api.of('createReplicaSet'), []);
  assert.deepEqual(f.api.of('updateReplicaSet'), []);
  const p = f.api.of('updateDeploymentStatus')[0]?.d.status?.conditions?.find((c) => c.type === 'Progressing');
  assert.deepEqual([p?.status, p?.reason], ['Unknown', 'DeploymentPaused']);
});

test('paused, a new replica count still scales proportionally', async () => {
  const d = deployment({ paused: true, replicas: 20, template: template('toolbox:2') }, { metadata: { name: 'web', namespace: 'default', uid: 'd-1', resourceVersion: '5', annotations: { 'deployment.kubernetes.io/revision': '2' } } });
  const old = replicaSet(d, { image: 'toolbox:1', replicas: 5, revision: 1, annotations: annotated(10, 13), created: '2026-11-25T04:00:00Z' });
  const fresh = replicaSet(d, { image: 'toolbox:2', replicas: 8, revision: 2, annotations: annotated(10, 13) });
  const f = fixture(d, [old, fresh]);
  await syncDeployment(f.deps, key, signal);
  const sizes = Object.fromEntries(f.api.of('updateReplicaSet').map((w) => [w.rs.metadata.uid, [w.rs.spec?.replicas, w.rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']]]));
  assert.deepEqual(sizes, { [fresh.metadata.uid ?? '']: [15, '20'], [old.metadata.uid ?? '']: [10, '20'] });
});

test('legacy rollbackTo: the revision\'s template comes back and the request is cleared', async () => {
  const d = deployment({ template: template('toolbox:2') }, { metadata: {
    name: 'web', namespace: 'default', uid: 'd-1', resourceVersion: '5', annotations: { 'deployment.kubernetes.io/revision': '2', 'deprecated.deployment.rollback.to': '0' },
  } });
  const first = replicaSet(d, { image: 'toolbox:1', replicas: 0, revision: 1, created: '2026-11-25T04:00:00Z' });
  const second = replicaSet(d, { image: 'toolbox:2', replicas: 10, revision: 2, annotations: annotated(10, 13) });
  const f = fixture(d, [first, second]);
  await syncDeployment(f.deps, key, signal);
  const written = f.api.of('updateDeployment').at(-1)?.d;
  assert.equal(written?.spec?.template?.spec?.containers[0]?.image, 'toolbox:1');
  assert.deepEqual(written?.spec?.template?.metadata?.labels, { app: 'web' });
  assert.equal(written?.metadata.annotations?.['deprecated.deployment.rollback.to'], undefined);
  await f.recorder.flush();
  assert.deepEqual(f.events.map((e) => [e.reason, e.message]), [['DeploymentRollback', 'Rolled back deployment "web" to revision 1']]);
});

test('a stalled rollout times out after its deadline; before that it asks to be synced again', async () => {
  const stalled = (lastUpdate: string) => deployment({ template: template('toolbox:2'), progressDeadlineSeconds: 60 }, {
    metadata: { name: 'web', namespace: 'default', uid: 'd-1', resourceVersion: '5', generation: 2, annotations: { 'deployment.kubernetes.io/revision': '2' } },
    status: {
      observedGeneration: 2, replicas: 13, updatedReplicas: 3, readyReplicas: 10, availableReplicas: 10, unavailableReplicas: 3,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: lastUpdate, lastTransitionTime: lastUpdate },
        { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'm', lastUpdateTime: lastUpdate, lastTransitionTime: lastUpdate },
      ],
    },
  });
  const rss = (d: ReturnType<typeof stalled>) => [
    replicaSet(d, { image: 'toolbox:1', replicas: 10, revision: 1, annotations: annotated(10, 13), created: '2026-11-25T04:00:00Z' }),
    replicaSet(d, { image: 'toolbox:2', replicas: 3, available: 0, revision: 2, annotations: annotated(10, 13) }),
  ];
  const recent = stalled('2026-11-25T05:59:30Z');
  const early = fixture(recent, rss(recent));
  await syncDeployment(early.deps, key, signal);
  assert.deepEqual(early.api.of('updateDeploymentStatus'), []);
  assert.deepEqual(early.requeues, [{ key, ms: 31_000 }]);

  const old = stalled('2026-11-25T05:58:00Z');
  const late = fixture(old, rss(old));
  await syncDeployment(late.deps, key, signal);
  const p = late.api.of('updateDeploymentStatus').at(-1)?.d.status?.conditions?.find((c) => c.type === 'Progressing');
  assert.deepEqual([p?.status, p?.reason], ['False', 'ProgressDeadlineExceeded']);
});

test('a deleted Deployment is left alone; one being deleted only gets its status', async () => {
  const f = fixture(deployment(), []);
  await syncDeployment(f.deps, 'default/other', signal);
  assert.deepEqual(f.api.writes, []);
  const d = deployment({}, { metadata: { name: 'web', namespace: 'default', uid: 'd-1', resourceVersion: '5', deletionTimestamp: '2026-11-25T06:00:00Z' } });
  const g = fixture(d, [replicaSet(d, { image: 'toolbox:1', replicas: 10, revision: 1 })]);
  await syncDeployment(g.deps, key, signal);
  assert.ok(g.api.writes.every((w) => w.verb === 'updateDeployment' || w.verb === 'updateDeploymentStatus'), 'no ReplicaSet is touched');
  assert.equal(g.api.of('updateDeploymentStatus').at(-1)?.d.status?.replicas, 10);
});
