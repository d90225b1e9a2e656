import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replicaSetsToPrune } from './history.js';
import { deployment, replicaSet } from './testing.js';

test('prunes old ReplicaSets beyond revisionHistoryLimit, lowest revision first, only idle ones', () => {
  const d = deployment({ revisionHistoryLimit: 2 });
  const idle = (r: number) => replicaSet(d, { image: `i${r}`, replicas: 0, revision: r });
  const busy = replicaSet(d, { image: 'busy', replicas: 0, actual: 1, revision: 1 });
  const unobserved = { ...idle(2), metadata: { ...idle(2).metadata, generation: 3 } };
  const deleting = { ...idle(0), metadata: { ...idle(0).metadata, deletionTimestamp: '2026-11-25T06:00:00Z' } };
  const rss = [idle(6), idle(5), busy, unobserved, idle(3), idle(4), deleting];
  // Six cleanable, limit 2: revisions 1..4 are candidates; 1 has pods, 2 is not observed yet.
  assert.deepEqual(replicaSetsToPrune(d, rss).map((rs) => rs.metadata.uid), ['rs-i3', 'rs-i4']);
  assert.deepEqual(replicaSetsToPrune(deployment({ revisionHistoryLimit: 10 }), rss), []);
  assert.deepEqual(replicaSetsToPrune(deployment({ revisionHistoryLimit: undefined }), rss), []);
  assert.equal(replicaSetsToPrune(deployment({ revisionHistoryLimit: 0 }), [idle(1)]).length, 1);
});
