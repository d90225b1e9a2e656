import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastRevision, maxRevision, revisionOf, setDeploymentRevision, setNewReplicaSetAnnotations } from './revision.js';
import { deployment, replicaSet } from './testing.js';

const d = deployment();

test('reads revisions: absent is 0, malformed ones are skipped', () => {
  const rss = [1, 4, 2].map((r) => replicaSet(d, { image: `i${r}`, replicas: 0, revision: r }));
  const bad = replicaSet(d, { image: 'bad', replicas: 0, annotations: { 'deployment.kubernetes.io/revision': 'x' } });
  assert.equal(revisionOf(bad), undefined);
  assert.equal(revisionOf(replicaSet(d, { image: 'none', replicas: 0 })), 0);
  assert.equal(maxRevision([...rss, bad]), 4);
  assert.equal(lastRevision([...rss, bad]), 2, 'the one before the current');
  assert.equal(lastRevision([rss[0]!]), 0);
});

test('a new ReplicaSet gets the next revision, the Deployment\'s annotations but the bookkeeping, and the replicas annotations', () => {
  const withNotes = deployment({}, { metadata: {
    name: 'web', namespace: 'default', uid: 'd-1',
    annotations: { 'kubernetes.io/change-cause': 'kubectl set image', 'deployment.kubernetes.io/revision': '7', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  } });
  const rs = replicaSet(withNotes, { image: 'toolbox:2', replicas: 0 });
  assert.ok(setNewReplicaSetAnnotations(withNotes, rs, { newRevision: 3, exists: false, desired: 10, max: 13 }));
  assert.deepEqual(rs.metadata.annotations, {
    'kubernetes.io/change-cause': 'kubectl set image', 'deployment.kubernetes.io/revision': '3',
    'deployment.kubernetes.io/desired-replicas': '10', 'deployment.kubernetes.io/max-replicas': '13',
  });
  assert.equal(setNewReplicaSetAnnotations(withNotes, rs, { newRevision: 3, exists: true, desired: 10, max: 13 }), false, 'nothing left to change');
});

test('a reused ReplicaSet keeps its earlier revisions in revision-history, within the length limit', () => {
  const rs = replicaSet(d, { image: 'toolbox:1', replicas: 0, revision: 1 });
  setNewReplicaSetAnnotations(d, rs, { newRevision: 3, exists: true, desired: 10, max: 13 });
  assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
  assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
  setNewReplicaSetAnnotations(d, rs, { newRevision: 5, exists: true, desired: 10, max: 13 });
  assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1,3');
  setNewReplicaSetAnnotations(d, rs, { newRevision: 17, exists: true, desired: 10, max: 13, historyLimitChars: 4 });
  assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '3,5', 'the oldest entry dropped');
  assert.equal(setNewReplicaSetAnnotations(d, rs, { newRevision: 2, exists: true, desired: 10, max: 13 }), false, 'a revision is never lowered');
});

test('sets the Deployment\'s revision only when it differs', () => {
  const x = deployment();
  assert.equal(setDeploymentRevision(x, '2'), true);
  assert.equal(setDeploymentRevision(x, '2'), false);
  assert.equal(x.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
});
