// revisionHistoryLimit (cleanupDeployment in pkg/controller/deployment/sync.go): of the old
// ReplicaSets not being deleted, those beyond the limit go, lowest revision first — but only
// ones scaled to zero with no pods left and their latest spec observed.
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import { isStatusError } from '../../../shared/api/errors.js';
import { byCreation, specReplicas } from './replica-sets.js';
import { revisionOf } from './revision.js';
import { deploymentKey, type SyncScope } from './scope.js';

/** Lower revision first, then older (ReplicaSetsByRevision). */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a) ?? 0;
  const rb = revisionOf(b) ?? 0;
  return ra !== rb ? ra - rb : byCreation(a, b);
}

/** The old ReplicaSets to delete now; none without a revisionHistoryLimit. */
export function replicaSetsToPrune(d: Deployment, oldRSs: readonly ReplicaSet[]): ReplicaSet[] {
  const limit = d.spec?.revisionHistoryLimit;
  if (limit === undefined) return [];
  const cleanable = oldRSs.filter((rs) => rs.metadata.deletionTimestamp === undefined);
  const diff = cleanable.length - limit;
  if (diff <= 0) return [];
  return cleanable.sort(byRevision).slice(0, diff).filter((rs) =>
    (rs.status?.replicas ?? 0) === 0 && specReplicas(rs) === 0
    && (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0));
}

/** Deletes the old ReplicaSets beyond revisionHistoryLimit (cleanupDeployment). */
export async function cleanupDeployment(s: SyncScope, oldRSs: readonly ReplicaSet[]): Promise<void> {
  for (const rs of replicaSetsToPrune(s.d, oldRSs)) {
    try {
      await s.api.deleteReplicaSet(rs.metadata.namespace ?? '', rs.metadata.name ?? '', rs.metadata.uid ?? '', s.signal);
    } catch (err) {
      if (!isStatusError(err, 'NotFound')) throw err;
    }
    s.log.info({ deployment: deploymentKey(s.d), replicaSet: rs.metadata.name }, 'Deleted old replica set');
  }
}
