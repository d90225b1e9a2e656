// How far a rolling update may go above and below the desired count (Kubernetes'
// ResolveFenceposts, MaxSurge, MaxUnavailable): maxSurge and maxUnavailable are absolute
// numbers or percentages of spec.replicas; a percentage of surge rounds up, of unavailability
// down; both 0 would deadlock, so unavailability becomes 1.
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { IntOrString } from '../../../shared/api/core/v1/int-or-string.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import { podsAtMost, specReplicas } from './replica-sets.js';

/** The number `v` stands for out of `total` (GetScaledValueFromIntOrPercent); throws for a malformed value. */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (m === null) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage: ${JSON.stringify(v)}`);
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export interface Fenceposts {
  readonly maxSurge: number;
  readonly maxUnavailable: number;
}

export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): Fenceposts {
  const surge = scaledValue(maxSurge, desired, true);
  const unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) return { maxSurge: 0, maxUnavailable: 1 };
  return { maxSurge: surge, maxUnavailable: unavailable };
}

export const isRollingUpdate = (d: Deployment): boolean => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

const fenceposts = (d: Deployment): Fenceposts => {
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', specReplicas(d));
};

/** Pods allowed above spec.replicas; 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).maxSurge : 0;
}

/** Pods allowed to be unavailable, at most spec.replicas; 0 for Recreate or no replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = specReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d).maxUnavailable, replicas);
}

/**
 * The size the new ReplicaSet may have now (NewRSNewReplicas): for RollingUpdate, up to
 * spec.replicas + maxSurge pods in all; for Recreate, spec.replicas.
 */
export function newRSNewReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const desired = specReplicas(d);
  if ((d.spec?.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return desired;
  const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%', desired, true);
  const current = allRSs.reduce((n, rs) => n + podsAtMost(rs), 0);
  const maxTotal = desired + surge;
  const have = specReplicas(newRS);
  if (current >= maxTotal) return have;
  return have + Math.max(0, Math.min(maxTotal - current, desired - have));
}
