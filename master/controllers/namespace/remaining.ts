// What is left of one resource in a terminating namespace after its deletion was asked, and how
// long it should take (Kubernetes' deleteAllContentForGroupVersionResource): pods still in their
// grace period are expected to go within it; objects held by finalizers get the usual 15 s;
// anything else left is unexpected — an error, retried with backoff.
import type { ApiObject } from '../../../shared/api/meta.js';
import type { ResourceCoordinates } from '../../../shared/client/resource-path.js';

export const finalizerEstimateSeconds = 15;

export interface ResourceRemaining {
  readonly count: number;
  /** finalizer → objects it holds. */
  readonly finalizers: ReadonlyMap<string, number>;
  readonly estimateSeconds: number;
  /** Objects are left with neither a grace period running nor a finalizer. */
  readonly unexpected: boolean;
}

interface PodLike extends ApiObject {
  spec?: { terminationGracePeriodSeconds?: number };
  status?: { phase?: string };
}

const isPods = (r: ResourceCoordinates): boolean => r.group === '' && r.resource === 'pods';

/** Seconds until the slowest pod's grace period ends (terminal pods have none). */
export function podGraceEstimate(pods: readonly ApiObject[], now: Date): number {
  let most = 0;
  for (const pod of pods as readonly PodLike[]) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const at = pod.metadata.deletionTimestamp;
    const left = at !== undefined ? Math.ceil((Date.parse(at) - now.getTime()) / 1000) : pod.spec?.terminationGracePeriodSeconds ?? 30;
    most = Math.max(most, left);
  }
  return most;
}

export function remainingOf(r: ResourceCoordinates, items: readonly ApiObject[], now: Date): ResourceRemaining {
  const finalizers = new Map<string, number>();
  for (const item of items) for (const f of item.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
  const count = items.length;
  if (count === 0) return { count, finalizers, estimateSeconds: 0, unexpected: false };
  const grace = isPods(r) ? podGraceEstimate(items, now) : 0;
  if (grace > 0) return { count, finalizers, estimateSeconds: grace, unexpected: false };
  if (finalizers.size > 0) return { count, finalizers, estimateSeconds: finalizerEstimateSeconds, unexpected: false };
  return { count, finalizers, estimateSeconds: 0, unexpected: true };
}
