// The status a sync writes (calculateStatus in pkg/controller/replicaset/replica_set_utils.go):
// counts over the active pods the owner controls, the ReplicaFailure condition while creating
// or deleting fails, observedGeneration; and when to look again for pods becoming available.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { selectorFromSet } from '../../../shared/api/labels/selector.js';
import type { Condition } from '../../../shared/api/meta.js';
import { rfc3339 } from '../../../shared/util/time.js';
import { isPodAvailable, isPodReady, msUntilAvailable } from '../common/pod-status.js';
import type { ReplicaStatus, ReplicaView } from './kind.js';

export const replicaFailure = 'ReplicaFailure';

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The new status; `failure` is what creating or deleting pods threw this sync, if anything. */
export function computeStatus(v: ReplicaView, pods: readonly Pod[], failure: unknown, now: Date): ReplicaStatus {
  const templateLabels = selectorFromSet(v.template?.metadata?.labels ?? {});
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (templateLabels.matches(pod.metadata.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, v.minReadySeconds, now)) available++;
    }
  }
  const status: ReplicaStatus = { ...v.status };
  const conditions = (v.status.conditions ?? []).filter((c) => c.type !== replicaFailure);
  const current = v.status.conditions?.find((c) => c.type === replicaFailure);
  if (failure !== undefined && current === undefined) {
    const diff = pods.length - v.replicas;
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : undefined;
    conditions.push({
      type: replicaFailure, status: 'True', lastTransitionTime: rfc3339(now),
      ...(reason !== undefined ? { reason } : {}), message: messageOf(failure),
    });
  } else if (failure !== undefined && current !== undefined) {
    conditions.push(current);                                 // kept as it was, as Kubernetes does
  }
  if (conditions.length > 0) status.conditions = conditions;
  else delete status.conditions;
  status.replicas = pods.length;
  status.fullyLabeledReplicas = fullyLabeled;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  status.observedGeneration = v.object.metadata.generation ?? 0;
  return status;
}

const sameConditions = (a: readonly Condition[] | undefined, b: readonly Condition[] | undefined): boolean =>
  JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** True when writing `next` would change nothing the status shows. */
export function statusUnchanged(current: ReplicaStatus, next: ReplicaStatus): boolean {
  return current.replicas === next.replicas
    && (current.fullyLabeledReplicas ?? 0) === next.fullyLabeledReplicas
    && (current.readyReplicas ?? 0) === next.readyReplicas
    && (current.availableReplicas ?? 0) === next.availableReplicas
    && current.observedGeneration === next.observedGeneration
    && sameConditions(current.conditions, next.conditions);
}

/** Milliseconds until the first ready pod that is not yet available becomes so; undefined if none. */
export function nextAvailabilityCheck(v: ReplicaView, pods: readonly Pod[], now: Date): number | undefined {
  let soonest: number | undefined;
  for (const pod of pods) {
    const ms = msUntilAvailable(pod, v.minReadySeconds, now);
    if (ms !== undefined && (soonest === undefined || ms < soonest)) soonest = ms;
  }
  return soonest;
}
