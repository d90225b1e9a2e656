// Rollout progress (pkg/controller/deployment/progress.go): the Progressing condition — new
// ReplicaSet created or found, progressing while counts move, NewReplicaSetAvailable once
// complete, ProgressDeadlineExceeded (status False) when nothing moved for
// progressDeadlineSeconds — plus the ReplicaSets' ReplicaFailure and, while paused, the
// DeploymentPaused / DeploymentResumed markers that keep a pause from counting as no progress.
import type { Deployment, DeploymentCondition, DeploymentStatus } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import { getCondition, newCondition, reasons, removeCondition, setCondition } from './conditions.js';
import { specReplicas } from './replica-sets.js';
import { calculateStatus } from './status.js';

const maxInt32 = 2147483647;

export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== maxInt32;
}

/** Every replica updated and available, and the latest spec observed (DeploymentComplete). */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = specReplicas(d);
  return s.updatedReplicas === want && s.replicas === want && s.availableReplicas === want
    && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** Some count moved the right way since the stored status (DeploymentProgressing). */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld
    || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

const timeOf = (t: string | undefined): number => (t === undefined ? NaN : Date.parse(t));

/** No progress for progressDeadlineSeconds since the Progressing condition last moved (DeploymentTimedOut). */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: Date): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (c === undefined || c.reason === reasons.newRSAvailable) return false;
  if (c.reason === reasons.timedOut) return true;
  const from = timeOf(c.lastUpdateTime);
  return !Number.isNaN(from) && from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < now.getTime();
}

/** The ReplicaSets' ReplicaFailure conditions as Deployment conditions, the new one's first (getReplicaFailures). */
export function replicaFailures(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const of = (rs: ReplicaSet): DeploymentCondition[] => (rs.status?.conditions ?? [])
    .filter((c) => c.type === 'ReplicaFailure')
    .map((c) => ({
      type: 'ReplicaFailure', status: c.status,
      ...(c.lastTransitionTime !== undefined ? { lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime } : {}),
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
      ...(c.message !== undefined ? { message: c.message } : {}),
    }));
  const fromNew = newRS !== undefined ? of(newRS) : [];
  return fromNew.length > 0 ? fromNew : allRSs.flatMap(of);
}

/** The status syncRolloutStatus writes: calculateStatus plus the Progressing and ReplicaFailure conditions. */
export function rolloutStatus(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, now: Date, nowText: string): DeploymentStatus {
  const s = calculateStatus(allRSs, newRS, d, nowText);
  if (!hasProgressDeadline(d)) removeCondition(s, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const complete = s.replicas === s.updatedReplicas && current?.reason === reasons.newRSAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const subject = newRS !== undefined ? `ReplicaSet "${newRS.metadata.name ?? ''}"` : `Deployment "${d.metadata.name ?? ''}"`;
    if (deploymentComplete(d, s)) {
      setCondition(s, newCondition('Progressing', 'True', reasons.newRSAvailable, `${subject} has successfully progressed.`, nowText));
    } else if (deploymentProgressing(d, s)) {
      const c = newCondition('Progressing', 'True', reasons.replicaSetUpdated, `${subject} is progressing.`, nowText);
      if (current !== undefined) {
        if (current.status === 'True' && current.lastTransitionTime !== undefined) c.lastTransitionTime = current.lastTransitionTime;
        removeCondition(s, 'Progressing');
      }
      setCondition(s, c);
    } else if (deploymentTimedOut(d, s, now)) {
      setCondition(s, newCondition('Progressing', 'False', reasons.timedOut, `${subject} has timed out progressing.`, nowText));
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  if (failures[0] !== undefined) setCondition(s, failures[0]);
  else removeCondition(s, 'ReplicaFailure');
  return s;
}

/**
 * When to look again for a deadline passing without any event (requeueStuckDeployment):
 * milliseconds, or undefined when there is nothing to watch for.
 */
export function stuckRequeueMs(d: Deployment, s: DeploymentStatus, now: Date): number | undefined {
  const c = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || c === undefined) return undefined;
  if (deploymentComplete(d, s) || c.reason === reasons.timedOut) return undefined;
  const from = timeOf(c.lastUpdateTime);
  if (Number.isNaN(from)) return undefined;
  const after = from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - now.getTime();
  return Math.max(after, 0) + 1000;                       // a second more: the condition's times have second precision
}

/**
 * The Progressing condition a pause or resume calls for (checkPausedConditions), or undefined
 * when it stays as it is. A timed-out rollout keeps its condition.
 */
export function pausedConditionUpdate(d: Deployment, nowText: string): DeploymentStatus | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const c = getCondition(d.status, 'Progressing');
  if (c?.reason === reasons.timedOut) return undefined;
  const pausedMarked = c?.reason === reasons.paused;
  const status = structuredClone(d.status ?? {});
  if (d.spec?.paused === true && !pausedMarked) {
    setCondition(status, newCondition('Progressing', 'Unknown', reasons.paused, 'Deployment is paused', nowText));
    return status;
  }
  if (d.spec?.paused !== true && pausedMarked) {
    setCondition(status, newCondition('Progressing', 'Unknown', reasons.resumed, 'Deployment is resumed', nowText));
    return status;
  }
  return undefined;
}
