// Writing a Deployment's status: syncDeploymentStatus (counts and Available only, for scaling
// and deletion) and syncRolloutStatus (with the Progressing condition; when nothing changed it
// asks to look again once the progress deadline could have passed).
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import { rfc3339 } from '../../../shared/util/time.js';
import { rolloutStatus, stuckRequeueMs } from './progress.js';
import { updateDeploymentStatus, type SyncScope } from './scope.js';
import { calculateStatus, sameStatus } from './status.js';

export async function syncDeploymentStatus(s: SyncScope, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): Promise<void> {
  const next = calculateStatus(allRSs, newRS, s.d, rfc3339(s.now()));
  if (sameStatus(s.d.status, next)) return;
  s.d.status = next;
  await updateDeploymentStatus(s);
}

export async function syncRolloutStatus(s: SyncScope, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): Promise<void> {
  const now = s.now();
  const next = rolloutStatus(s.d, allRSs, newRS, now, rfc3339(now));
  if (sameStatus(s.d.status, next)) {
    const ms = stuckRequeueMs(s.d, next, now);
    if (ms !== undefined) s.requeueAfter(ms);
    return;
  }
  s.d.status = next;
  await updateDeploymentStatus(s);
}
