import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxScaledDown, newReplicaSetTarget, oldScaleDowns, unhealthyCleanup } from './rolling.js';
import { deployment, replicaSet } from './testing.js';

const d = deployment();                                   // 10 replicas, surge 3, unavailable 2
const rs = (image: string, replicas: number, available = replicas, created = '2026-11-25T05:00:00Z') =>
  replicaSet(d, { image, replicas, available, created });

test('reconcileNewReplicaSet: grows by the surge, shrinks to the spec, leaves a full one alone', () => {
  const old = rs('toolbox:0', 10);
  assert.equal(newReplicaSetTarget(d, [old, rs('toolbox:1', 0)], rs('toolbox:1', 0)), 3);
  assert.equal(newReplicaSetTarget(d, [old, rs('toolbox:1', 3)], rs('toolbox:1', 3)), undefined, 'no room left');
  assert.equal(newReplicaSetTarget(d, [rs('toolbox:1', 12)], rs('toolbox:1', 12)), 10);
  assert.equal(newReplicaSetTarget(d, [rs('toolbox:1', 10)], rs('toolbox:1', 10)), undefined);
});

test('reconcileOldReplicaSets: may scale down what keeps replicas − maxUnavailable available, counting new unavailable pods', () => {
  const fresh = rs('toolbox:1', 3, 0);
  assert.equal(maxScaledDown(d, [rs('toolbox:0', 10), fresh], fresh), 2);
  const ready = rs('toolbox:1', 3, 3);
  assert.equal(maxScaledDown(d, [rs('toolbox:0', 10), ready], ready), 5);
  const none = rs('toolbox:1', 5, 0);
  assert.equal(maxScaledDown(d, [rs('toolbox:0', 8), none], none), 0);
});

test('cleanupUnhealthyReplicas: removes unavailable old replicas first, oldest ReplicaSet first, within the budget', () => {
  const older = rs('toolbox:a', 4, 1, '2026-11-25T04:00:00Z');
  const newer = rs('toolbox:b', 5, 2, '2026-11-25T05:00:00Z');
  const healthy = rs('toolbox:c', 3, 3, '2026-11-25T03:00:00Z');
  assert.deepEqual(unhealthyCleanup([newer, healthy, older], 4).map((s) => [s.rs.metadata.uid, s.to]), [['rs-toolbox:a', 1], ['rs-toolbox:b', 4]]);
  assert.deepEqual(unhealthyCleanup([newer, older], 2).map((s) => [s.rs.metadata.uid, s.to]), [['rs-toolbox:a', 2]]);
  assert.deepEqual(unhealthyCleanup([healthy], 5), []);
});

test('scaleDownOldReplicaSetsForRollingUpdate: takes available replicas away, oldest first, down to the minimum', () => {
  const older = rs('toolbox:a', 4, 4, '2026-11-25T04:00:00Z');
  const newer = rs('toolbox:b', 6, 6, '2026-11-25T05:00:00Z');
  const fresh = rs('toolbox:1', 3, 3, '2026-11-25T06:00:00Z');
  // 13 available, 8 must stay: 5 go, 4 of the older then 1 of the newer.
  assert.deepEqual(oldScaleDowns(d, [older, newer, fresh], [newer, older]).map((s) => [s.rs.metadata.uid, s.to]), [['rs-toolbox:a', 0], ['rs-toolbox:b', 5]]);
  assert.deepEqual(oldScaleDowns(d, [rs('toolbox:a', 8, 8), rs('toolbox:1', 5, 0)], [rs('toolbox:a', 8, 8)]), [], 'at the minimum');
  // A ReplicaSet whose status still counts pods above its lowered spec counts only its spec.
  const lowered = replicaSet(d, { image: 'toolbox:a', replicas: 8, actual: 10, available: 10 });
  assert.deepEqual(oldScaleDowns(d, [lowered, rs('toolbox:1', 3, 0)], [lowered]), []);
});
