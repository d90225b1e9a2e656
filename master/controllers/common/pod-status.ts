// What controllers read from a pod's status, as Kubernetes reads it (pkg/api/v1/pod/util.go,
// pkg/controller/controller_utils.go): ready, available (ready for minReadySeconds), active.
import type { Pod, PodCondition } from '../../../shared/api/core/v1/pod.js';

/** The Ready condition, if the pod has one. */
export function podReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** The Ready condition is True (podutil.IsPodReady). */
export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/** When a ready pod last became ready; undefined when not ready or not known. */
export function podReadyTime(pod: Pod): Date | undefined {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True' || c.lastTransitionTime === undefined || c.lastTransitionTime === null) return undefined;
  const ms = Date.parse(c.lastTransitionTime);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * Ready for at least minReadySeconds (podutil.IsPodAvailable): with minReadySeconds 0 any
 * ready pod, otherwise one whose Ready transition lies more than that before `now`.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: Date): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadyTime(pod);
  return since !== undefined && since.getTime() + minReadySeconds * 1000 < now.getTime();
}

/**
 * Milliseconds until a ready but not yet available pod becomes available; undefined for a
 * pod that is available already, or not ready (its next change comes as an event).
 */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, now: Date): number | undefined {
  if (minReadySeconds <= 0 || !isPodReady(pod)) return undefined;
  const since = podReadyTime(pod);
  if (since === undefined) return undefined;
  const left = since.getTime() + minReadySeconds * 1000 - now.getTime();
  return left >= 0 ? left + 1 : undefined;                    // available strictly after
}

/** Not Succeeded, not Failed and not terminating (controller.IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp === undefined;
}

/** Terminating: a deletionTimestamp, not yet Succeeded or Failed (controller.IsPodTerminating). */
export function isPodTerminating(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp !== undefined;
}
