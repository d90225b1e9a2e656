// Recreate (pkg/controller/deployment/recreate.go): scale every old ReplicaSet to 0, wait until
// none of their pods is left (terminal ones aside), and only then create or scale up the new
// ReplicaSet, so old and new pods never run side by side.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import type { StoreReader } from '../../../shared/client/store.js';
import { cleanupDeployment } from './history.js';
import { allOf, replicaSetsAndSyncRevision } from './new-replicaset.js';
import { deploymentComplete } from './progress.js';
import { actualTotal, isActive, specReplicas } from './replica-sets.js';
import { scaleAndRecord } from './scaling.js';
import type { SyncScope } from './scope.js';
import { syncRolloutStatus } from './status-sync.js';

/** Pods of the Deployment by the uid of the ReplicaSet controlling them (getPodMapForDeployment). */
export type PodMap = ReadonlyMap<string, readonly Pod[]>;

/** Some old ReplicaSet still reports pods, or one of its pods is not yet terminal or gone (oldPodsRunning). */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: PodMap): boolean {
  if (actualTotal(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS !== undefined && newRS.metadata.uid === uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}

export async function rolloutRecreate(
  s: SyncScope, rsList: readonly ReplicaSet[], podMap: PodMap, replicaSets: StoreReader<ReplicaSet>,
): Promise<void> {
  let r = await replicaSetsAndSyncRevision(s, rsList, replicaSets, false);
  let scaledDown = false;
  for (const rs of r.oldRSs.filter(isActive)) {
    if ((await scaleAndRecord(s, rs, 0)).scaled) scaledDown = true;
  }
  if (scaledDown || oldPodsRunning(r.newRS, r.oldRSs, podMap)) {
    await syncRolloutStatus(s, allOf(r), r.newRS);
    return;
  }
  if (r.newRS === undefined) r = await replicaSetsAndSyncRevision(s, rsList, replicaSets, true);
  const newRS = r.newRS;
  if (newRS !== undefined && specReplicas(newRS) !== specReplicas(s.d)) await scaleAndRecord(s, newRS, specReplicas(s.d));
  if (s.d.status !== undefined && deploymentComplete(s.d, s.d.status)) await cleanupDeployment(s, r.oldRSs);
  await syncRolloutStatus(s, allOf(r), newRS);
}
