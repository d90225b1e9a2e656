import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IntOrString } from '../../../shared/api/core/v1/int-or-string.js';
import { maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts, scaledValue } from './fenceposts.js';
import { deployment, replicaSet } from './testing.js';

test('resolves maxSurge rounding up and maxUnavailable rounding down, as Kubernetes does', () => {
  const cases: [IntOrString, IntOrString, number, [number, number]][] = [
    ['25%', '25%', 10, [3, 2]],
    ['25%', '25%', 1, [1, 0]],
    ['25%', '25%', 4, [1, 1]],
    [0, 0, 10, [0, 1]],                                   // both 0 would never move: one may be unavailable
    ['0%', '0%', 3, [0, 1]],
    [2, 1, 10, [2, 1]],
    ['50%', '33%', 7, [4, 2]],
    ['10%', '10%', 0, [0, 1]],
    [0, '100%', 5, [0, 5]],
  ];
  for (const [surge, unavailable, desired, want] of cases) {
    const got = resolveFenceposts(surge, unavailable, desired);
    assert.deepEqual([got.maxSurge, got.maxUnavailable], want, `${String(surge)}/${String(unavailable)} of ${desired}`);
  }
});

test('rejects a string that is not a percentage', () => {
  assert.throws(() => scaledValue('5', 10, true), /not a percentage/);
  assert.equal(scaledValue(undefined, 10, true), 0);
});

test('caps maxUnavailable at the replicas, and Recreate or zero replicas allow none', () => {
  assert.equal(maxUnavailable(deployment({ replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 5 } } })), 2);
  assert.equal(maxUnavailable(deployment({ replicas: 0 })), 0);
  assert.equal(maxUnavailable(deployment({ strategy: { type: 'Recreate' } })), 0);
  assert.equal(maxSurge(deployment({ strategy: { type: 'Recreate' } })), 0);
  assert.equal(maxSurge(deployment()), 3);
  assert.equal(maxSurge(deployment({ strategy: {} })), 3, 'the defaults when rollingUpdate is absent');
});

test('lets the new ReplicaSet grow up to replicas + maxSurge pods in all', () => {
  const d = deployment();
  const cases: [number, number, number, number][] = [
    // old replicas, new replicas, old status.replicas, want
    [10, 0, 10, 3],
    [8, 3, 8, 5],
    [8, 3, 10, 3],                                        // old pods above its lowered spec still count
    [0, 10, 0, 10],
    [2, 9, 2, 10],                                        // never above spec.replicas
    [13, 0, 13, 0],
  ];
  for (const [oldN, newN, oldActual, want] of cases) {
    const old = replicaSet(d, { image: 'toolbox:0', replicas: oldN, actual: oldActual, revision: 1 });
    const fresh = replicaSet(d, { image: 'toolbox:1', replicas: newN, revision: 2 });
    assert.equal(newRSNewReplicas(d, [old, fresh], fresh), want, `old ${oldN} (${oldActual} running), new ${newN}`);
  }
  const recreate = deployment({ strategy: { type: 'Recreate' } });
  const fresh = replicaSet(recreate, { image: 'toolbox:1', replicas: 0 });
  assert.equal(newRSNewReplicas(recreate, [fresh], fresh), 10);
});
