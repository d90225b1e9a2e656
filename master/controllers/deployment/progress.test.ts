import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, DeploymentCondition } from '../../../shared/api/apps/v1/deployment.js';
import { setCondition } from './conditions.js';
import { deploymentTimedOut, pausedConditionUpdate, rolloutStatus, stuckRequeueMs } from './progress.js';
import { calculateStatus, sameStatus } from './status.js';
import { deployment, replicaSet } from './testing.js';

const now = new Date('2026-11-25T06:00:00Z');
const nowText = '2026-11-25T06:00:00Z';
const cond = (reason: string, status: DeploymentCondition['status'], at: string): DeploymentCondition =>
  ({ type: 'Progressing', status, reason, message: 'm', lastUpdateTime: at, lastTransitionTime: at });
const withStatus = (s: Deployment['status'], spec: Partial<NonNullable<Deployment['spec']>> = {}): Deployment => deployment(spec, { status: s });

test('sums the ReplicaSets into the status and reports minimum availability', () => {
  const d = deployment({}, { metadata: { name: 'web', namespace: 'default', uid: 'd-1', generation: 4 } });
  const old = replicaSet(d, { image: 'toolbox:0', replicas: 8, actual: 9, available: 7 });
  const fresh = replicaSet(d, { image: 'toolbox:1', replicas: 5, available: 2 });
  const s = calculateStatus([old, fresh], fresh, d, nowText);
  assert.deepEqual([s.observedGeneration, s.replicas, s.updatedReplicas, s.readyReplicas, s.availableReplicas, s.unavailableReplicas], [4, 14, 5, 9, 9, 4]);
  assert.deepEqual(s.conditions, [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: nowText, lastTransitionTime: nowText }]);
  const low = calculateStatus([replicaSet(d, { image: 'toolbox:1', replicas: 10, available: 7 })], undefined, d, nowText);
  assert.equal(low.conditions?.[0]?.reason, 'MinimumReplicasUnavailable');
  assert.equal(low.conditions?.[0]?.status, 'False');
  assert.equal(low.updatedReplicas, 0);
});

test('keeps a condition\'s times when neither status nor reason changes, and the transition time when only the reason does', () => {
  const s = { conditions: [cond('ReplicaSetUpdated', 'True', '2026-11-25T05:00:00Z')] };
  setCondition(s, cond('ReplicaSetUpdated', 'True', nowText));
  assert.equal(s.conditions[0]?.lastUpdateTime, '2026-11-25T05:00:00Z');
  setCondition(s, cond('NewReplicaSetAvailable', 'True', nowText));
  assert.deepEqual([s.conditions[0]?.lastTransitionTime, s.conditions[0]?.lastUpdateTime], ['2026-11-25T05:00:00Z', nowText]);
});

test('Progressing: updated while counts move, NewReplicaSetAvailable once complete, ProgressDeadlineExceeded after the deadline', () => {
  const stored = { observedGeneration: 1, replicas: 13, updatedReplicas: 3, readyReplicas: 10, availableReplicas: 10, conditions: [cond('NewReplicaSetCreated', 'True', '2026-11-25T05:58:00Z')] };
  const d = withStatus(stored);
  const rsName = (rs: { metadata: { name?: string } }) => rs.metadata.name ?? '';
  const old = replicaSet(d, { image: 'toolbox:0', replicas: 8, available: 8 });
  const fresh = replicaSet(d, { image: 'toolbox:1', replicas: 5, actual: 5, available: 3 });
  const moving = rolloutStatus(d, [old, fresh], fresh, now, nowText);
  const p = moving.conditions?.find((c) => c.type === 'Progressing');
  assert.deepEqual([p?.reason, p?.status, p?.message, p?.lastUpdateTime, p?.lastTransitionTime],
    ['ReplicaSetUpdated', 'True', `ReplicaSet "${rsName(fresh)}" is progressing.`, nowText, '2026-11-25T05:58:00Z']);

  const done = replicaSet(d, { image: 'toolbox:1', replicas: 10 });
  const complete = rolloutStatus(d, [done], done, now, nowText);
  assert.equal(complete.conditions?.find((c) => c.type === 'Progressing')?.message, `ReplicaSet "${rsName(done)}" has successfully progressed.`);

  const stale = withStatus({ ...stored, conditions: [cond('ReplicaSetUpdated', 'True', '2026-11-25T05:40:00Z')] }, { progressDeadlineSeconds: 600 });
  const frozen = replicaSet(d, { image: 'toolbox:1', replicas: 3, actual: 3, available: 0 });
  const oldAll = replicaSet(d, { image: 'toolbox:0', replicas: 10, available: 10 });
  const timedOut = rolloutStatus(stale, [oldAll, frozen], frozen, now, nowText).conditions?.find((c) => c.type === 'Progressing');
  assert.deepEqual([timedOut?.status, timedOut?.reason, timedOut?.message], ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName(frozen)}" has timed out progressing.`]);
  assert.ok(deploymentTimedOut(stale, { conditions: [cond('ProgressDeadlineExceeded', 'False', nowText)] }, now));
});

test('without a progress deadline there is no Progressing condition; ReplicaFailure comes from the ReplicaSets', () => {
  const d = withStatus({ conditions: [cond('ReplicaSetUpdated', 'True', nowText)] }, { progressDeadlineSeconds: 2147483647 });
  const failing = replicaSet(d, { image: 'toolbox:1', replicas: 3, actual: 1, available: 1 });
  failing.status = { ...failing.status, conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: nowText }] };
  const s = rolloutStatus(d, [failing], failing, now, nowText);
  assert.equal(s.conditions?.find((c) => c.type === 'Progressing'), undefined);
  assert.deepEqual(s.conditions?.find((c) => c.type === 'ReplicaFailure'),
    { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: nowText, lastUpdateTime: nowText });
});

test('asks to look again when the deadline could pass, not once complete or timed out', () => {
  const s = { replicas: 13, updatedReplicas: 3, availableReplicas: 10 };
  const d = withStatus({ ...s, conditions: [cond('ReplicaSetUpdated', 'True', '2026-11-25T05:59:00Z')] }, { progressDeadlineSeconds: 120 });
  assert.equal(stuckRequeueMs(d, s, now), 61_000);
  const late = withStatus({ ...s, conditions: [cond('ReplicaSetUpdated', 'True', '2026-11-25T05:00:00Z')] }, { progressDeadlineSeconds: 120 });
  assert.equal(stuckRequeueMs(late, s, now), 1000);
  const out = withStatus({ ...s, conditions: [cond('ProgressDeadlineExceeded', 'False', nowText)] });
  assert.equal(stuckRequeueMs(out, s, now), undefined);
  assert.equal(stuckRequeueMs(d, { replicas: 10, updatedReplicas: 10, availableReplicas: 10, observedGeneration: 1 }, now), undefined);
});

test('marks a pause and a resume with an Unknown Progressing condition, leaving a timed-out one alone', () => {
  const paused = pausedConditionUpdate(withStatus({ conditions: [cond('NewReplicaSetAvailable', 'True', nowText)] }, { paused: true }), nowText);
  assert.deepEqual(paused?.conditions?.map((c) => [c.status, c.reason, c.message]), [['Unknown', 'DeploymentPaused', 'Deployment is paused']]);
  const resumed = pausedConditionUpdate(withStatus(paused), nowText);
  assert.deepEqual(resumed?.conditions?.map((c) => [c.status, c.reason, c.message]), [['Unknown', 'DeploymentResumed', 'Deployment is resumed']]);
  assert.equal(pausedConditionUpdate(withStatus(paused, { paused: true }), nowText), undefined);
  assert.equal(pausedConditionUpdate(withStatus({ conditions: [cond('ProgressDeadlineExceeded', 'False', nowText)] }, { paused: true }), nowText), undefined);
});

test('compares statuses with absent counts as 0', () => {
  assert.ok(sameStatus({}, { observedGeneration: 0, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 0, conditions: [] }));
  assert.ok(!sameStatus({ replicas: 1 }, { replicas: 2 }));
});
