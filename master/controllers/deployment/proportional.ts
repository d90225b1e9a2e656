// Scaling a Deployment whose spec.replicas changed (scale in pkg/controller/deployment/sync.go):
// with one active ReplicaSet it takes the whole count; with a saturated new ReplicaSet the old
// ones go to 0; mid-rollout every active ReplicaSet grows or shrinks in proportion to its share
// of the size it was made for (the max-replicas annotation), leftovers to the largest.
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import { isRollingUpdate, maxSurge } from './fenceposts.js';
import { bySizeNewer, bySizeOlder, findActiveOrLatest, isActive, specReplicas, specTotal } from './replica-sets.js';
import { desiredReplicasAnnotation, intAnnotation, maxReplicasAnnotation } from './revision.js';
import type { ScaleOperation } from './scaling.js';

export interface ProportionalStep {
  readonly rs: ReplicaSet;
  readonly to: number;
  /** Set when the sizes are written as one proportional operation (the event's wording). */
  readonly operation?: ScaleOperation;
}

/** The new ReplicaSet runs everything the Deployment wants, all available (IsSaturated). */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (rs === undefined) return false;
  const desired = intAnnotation(rs, desiredReplicasAnnotation);
  const want = specReplicas(d);
  return desired !== undefined && specReplicas(rs) === want && desired === want && (rs.status?.availableReplicas ?? 0) === want;
}

/** Go's math.Round: halves away from zero. */
const round = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/** This ReplicaSet's share of `toAdd` (getReplicaSetFraction). */
function fraction(rs: ReplicaSet, d: Deployment): number {
  const want = specReplicas(d);
  if (want === 0) return -specReplicas(rs);
  const deploymentReplicas = want + maxSurge(d);
  const annotated = intAnnotation(rs, maxReplicasAnnotation) ?? d.status?.replicas ?? 0;
  if (annotated === 0) return 0;
  return round((specReplicas(rs) * deploymentReplicas) / annotated) - specReplicas(rs);
}

/** GetReplicaSetProportion: the share, bounded by what is left to add or remove. */
function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const f = fraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(f, allowed) : Math.max(f, allowed);
}

/** The sizes to write; an empty plan when the ReplicaSets already fit spec.replicas. */
export function proportionalScale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ProportionalStep[] {
  const want = specReplicas(d);
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only !== undefined) return specReplicas(only) === want ? [] : [{ rs: only, to: want }];
  if (isSaturated(d, newRS)) return oldRSs.filter(isActive).map((rs) => ({ rs, to: 0 }));
  if (!isRollingUpdate(d)) return [];
  const all = [...oldRSs, ...(newRS !== undefined ? [newRS] : [])].filter(isActive);
  const allowed = want > 0 ? want + maxSurge(d) : 0;
  const toAdd = allowed - specTotal(all);
  let operation: ScaleOperation | undefined;
  if (toAdd > 0) { all.sort(bySizeNewer); operation = 'up'; }
  if (toAdd < 0) { all.sort(bySizeOlder); operation = 'down'; }
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return specReplicas(rs);
    const p = proportion(rs, d, toAdd, added);
    added += p;
    return specReplicas(rs) + p;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  return all.map((rs, i) => ({ rs, to: sizes[i]!, ...(operation !== undefined ? { operation } : {}) }));
}

/** Some active ReplicaSet was made for another spec.replicas (isScalingEvent). */
export function isScalingEvent(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
  const want = specReplicas(d);
  return [...oldRSs, ...(newRS !== undefined ? [newRS] : [])].filter(isActive)
    .some((rs) => { const desired = intAnnotation(rs, desiredReplicasAnnotation); return desired !== undefined && desired !== want; });
}
