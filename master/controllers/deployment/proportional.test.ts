import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSaturated, isScalingEvent, proportionalScale } from './proportional.js';
import { deployment, replicaSet } from './testing.js';

const annotated = (desired: number, max: number) => ({ 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(max) });

test('gives the whole count to the only active ReplicaSet', () => {
  const d = deployment({ replicas: 12 });
  const only = replicaSet(d, { image: 'toolbox:1', replicas: 10 });
  const idle = replicaSet(d, { image: 'toolbox:0', replicas: 0 });
  assert.deepEqual(proportionalScale(d, only, [idle]).map((s) => [s.rs.metadata.uid, s.to]), [['rs-toolbox:1', 12]]);
  assert.deepEqual(proportionalScale(deployment(), only, [idle]), []);
});

test('scales the old ReplicaSets to zero once the new one is saturated', () => {
  const d = deployment();
  const fresh = replicaSet(d, { image: 'toolbox:1', replicas: 10, annotations: annotated(10, 13) });
  const old = replicaSet(d, { image: 'toolbox:0', replicas: 2 });
  assert.ok(isSaturated(d, fresh));
  assert.deepEqual(proportionalScale(d, fresh, [old]).map((s) => [s.rs.metadata.uid, s.to]), [['rs-toolbox:0', 0]]);
});

test('mid-rollout, spreads a scale-up over the active ReplicaSets by their share, leftovers to the largest', () => {
  // Kubernetes' TestScale "proportional scaling: 10 -> 20 with surge": 5 old + 8 new made for 10 (max 13).
  const d = deployment({ replicas: 20 });
  const old = replicaSet(d, { image: 'toolbox:0', replicas: 5, annotations: annotated(10, 13), created: '2026-11-25T04:00:00Z' });
  const fresh = replicaSet(d, { image: 'toolbox:1', replicas: 8, annotations: annotated(10, 13), created: '2026-11-25T05:00:00Z' });
  assert.ok(isScalingEvent(d, fresh, [old]));
  const steps = proportionalScale(d, fresh, [old]);
  const sizes = Object.fromEntries(steps.map((s) => [s.rs.metadata.uid, s.to]));
  // 25 allowed (20 + 5 surge): new 8*25/13 ≈ 15, old 5*25/13 ≈ 10.
  assert.deepEqual(sizes, { 'rs-toolbox:1': 15, 'rs-toolbox:0': 10 });
  assert.ok(steps.every((s) => s.operation === 'up'));
});

test('mid-rollout, a scale-down takes from the larger first and never below zero', () => {
  const d = deployment({ replicas: 5 });
  const old = replicaSet(d, { image: 'toolbox:0', replicas: 5, annotations: annotated(10, 13), created: '2026-11-25T04:00:00Z' });
  const fresh = replicaSet(d, { image: 'toolbox:1', replicas: 8, annotations: annotated(10, 13), created: '2026-11-25T05:00:00Z' });
  const steps = proportionalScale(d, fresh, [old]);
  const sizes = Object.fromEntries(steps.map((s) => [s.rs.metadata.uid, s.to]));
  // 7 allowed (5 + 2 surge): 13 − 7 = 6 go, in proportion.
  assert.equal(sizes['rs-toolbox:1']! + sizes['rs-toolbox:0']!, 7);
  assert.deepEqual(sizes, { 'rs-toolbox:1': 4, 'rs-toolbox:0': 3 });
  assert.ok(steps.every((s) => s.operation === 'down'));
});

test('is no scaling event when the active ReplicaSets were made for this size', () => {
  const d = deployment();
  const fresh = replicaSet(d, { image: 'toolbox:1', replicas: 3, annotations: annotated(10, 13) });
  assert.equal(isScalingEvent(d, fresh, [replicaSet(d, { image: 'toolbox:0', replicas: 10, annotations: annotated(10, 13) })]), false);
  assert.equal(isScalingEvent(d, fresh, [replicaSet(d, { image: 'toolbox:0', replicas: 0, annotations: annotated(4, 5) })]), false, 'inactive ones do not count');
});
