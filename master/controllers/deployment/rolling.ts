// RollingUpdate (pkg/controller/deployment/rolling.go): scale the new ReplicaSet up as far as
// maxSurge allows, then scale old ones down as far as maxUnavailable allows — first the
// replicas that are not available anyway, then, oldest ReplicaSet first, available ones — and
// once complete drop history beyond revisionHistoryLimit. Counts use available pods
// (minReadySeconds), read from the ReplicaSets' status.
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import { maxUnavailable, newRSNewReplicas } from './fenceposts.js';
import type { StoreReader } from '../../../shared/client/store.js';
import { cleanupDeployment } from './history.js';
import { allOf, replicaSetsAndSyncRevision } from './new-replicaset.js';
import { deploymentComplete } from './progress.js';
import { availableAtMost, byCreation, isActive, specReplicas, specTotal } from './replica-sets.js';
import { scaleAndRecord } from './scaling.js';
import type { SyncScope } from './scope.js';
import { syncRolloutStatus } from './status-sync.js';

/** A planned size for one ReplicaSet. */
export interface ScaleStep {
  readonly rs: ReplicaSet;
  readonly to: number;
}

/** The new ReplicaSet's next size (reconcileNewReplicaSet), or undefined to leave it. */
export function newReplicaSetTarget(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number | undefined {
  const have = specReplicas(newRS);
  const desired = specReplicas(d);
  if (have === desired) return undefined;
  const to = have > desired ? desired : newRSNewReplicas(d, allRSs, newRS);
  return to === have ? undefined : to;
}

/** How many old replicas may go now (reconcileOldReplicaSets' maxScaledDown). */
export function maxScaledDown(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const newUnavailable = specReplicas(newRS) - availableAtMost(newRS);
  return specTotal(allRSs) - minAvailable - newUnavailable;
}

/**
 * Old replicas that are not available, to scale away first, oldest ReplicaSet first, at most
 * `maxCleanup` in all (cleanupUnhealthyReplicas).
 */
export function unhealthyCleanup(oldRSs: readonly ReplicaSet[], maxCleanup: number): ScaleStep[] {
  const steps: ScaleStep[] = [];
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanup) break;
    const have = specReplicas(rs);
    const unhealthy = have - availableAtMost(rs);
    if (have === 0 || unhealthy <= 0) continue;
    const n = Math.min(maxCleanup - total, unhealthy);
    steps.push({ rs, to: have - n });
    total += n;
  }
  return steps;
}

/**
 * Available old replicas to scale away, oldest ReplicaSet first, keeping spec.replicas −
 * maxUnavailable available in all (scaleDownOldReplicaSetsForRollingUpdate).
 */
export function oldScaleDowns(d: Deployment, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[]): ScaleStep[] {
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const available = allRSs.reduce((n, rs) => n + availableAtMost(rs), 0);
  if (available <= minAvailable) return [];
  const toGo = available - minAvailable;
  const steps: ScaleStep[] = [];
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= toGo) break;
    const have = specReplicas(rs);
    if (have === 0) continue;
    const n = Math.min(have, toGo - total);
    steps.push({ rs, to: have - n });
    total += n;
  }
  return steps;
}

export const activeOnly = (rss: readonly ReplicaSet[]): ReplicaSet[] => rss.filter(isActive);

/** Applies `steps` in order; the ReplicaSets as written replace the planned ones in `rss`. */
async function applySteps(s: SyncScope, steps: readonly ScaleStep[], rss: ReplicaSet[]): Promise<number> {
  let scaledDown = 0;
  for (const step of steps) {
    const { scaled, rs } = await scaleAndRecord(s, step.rs, step.to);
    if (!scaled) continue;
    scaledDown += specReplicas(step.rs) - step.to;
    const i = rss.findIndex((x) => x.metadata.uid === rs.metadata.uid);
    if (i >= 0) rss[i] = rs;
  }
  return scaledDown;
}

/** reconcileOldReplicaSets: true when some old ReplicaSet was scaled down. */
async function reconcileOldReplicaSets(s: SyncScope, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], newRS: ReplicaSet): Promise<boolean> {
  const active = activeOnly(oldRSs);
  if (specTotal(active) === 0) return false;
  const most = maxScaledDown(s.d, allRSs, newRS);
  if (most <= 0) return false;
  const old = [...active];
  const cleaned = await applySteps(s, unhealthyCleanup(old, most), old);
  const scaled = await applySteps(s, oldScaleDowns(s.d, [...old, newRS], old), old);
  return cleaned + scaled > 0;
}

/** One step of a rolling update (rolloutRolling). */
export async function rolloutRolling(s: SyncScope, rsList: readonly ReplicaSet[], replicaSets: StoreReader<ReplicaSet>): Promise<void> {
  const r = await replicaSetsAndSyncRevision(s, rsList, replicaSets, true);
  const newRS = r.newRS;
  const allRSs = allOf(r);
  if (newRS === undefined) throw new Error('no new replica set after creating one');
  const target = newReplicaSetTarget(s.d, allRSs, newRS);
  if (target !== undefined && (await scaleAndRecord(s, newRS, target)).scaled) {
    await syncRolloutStatus(s, allRSs, newRS);
    return;
  }
  if (await reconcileOldReplicaSets(s, allRSs, r.oldRSs, newRS)) {
    await syncRolloutStatus(s, allRSs, newRS);
    return;
  }
  if (s.d.status !== undefined && deploymentComplete(s.d, s.d.status)) await cleanupDeployment(s, r.oldRSs);
  await syncRolloutStatus(s, allRSs, newRS);
}
