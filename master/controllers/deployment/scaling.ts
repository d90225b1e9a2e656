// Scaling one ReplicaSet for a Deployment (scaleReplicaSet / scaleReplicaSetAndRecordEvent):
// a PUT of the cached ReplicaSet with the new size and the replicas annotations, its
// resourceVersion the precondition, and a ScalingReplicaSet event worded as Kubernetes does.
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import { maxSurge } from './fenceposts.js';
import { specReplicas } from './replica-sets.js';
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './revision.js';
import { deploymentGvk, deploymentKey, type SyncScope } from './scope.js';

export type ScaleOperation = 'up' | 'down';

export interface ScaleResult {
  /** The size changed (an event was recorded). */
  readonly scaled: boolean;
  /** The ReplicaSet as the API returned it (or as it was, if nothing was written). */
  readonly rs: ReplicaSet;
}

/** Sets `rs` to `to` replicas and the replicas annotations, if either differs. */
export async function scaleReplicaSet(s: SyncScope, rs: ReplicaSet, to: number, operation: ScaleOperation): Promise<ScaleResult> {
  const from = specReplicas(rs);
  const desired = specReplicas(s.d);
  const max = desired + maxSurge(s.d);
  const sizeChanges = from !== to;
  if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const next = structuredClone(rs);
  next.spec = { ...next.spec, replicas: to };
  setReplicasAnnotations(next, desired, max);
  const saved = await s.api.updateReplicaSet(next, s.signal);
  if (!sizeChanges) return { scaled: false, rs: saved };
  const name = rs.metadata.name ?? '';
  s.events.record({ object: s.d, gvk: deploymentGvk }, 'Normal', 'ScalingReplicaSet',
    `Scaled ${operation} replica set ${name} from ${from} to ${to}`, s.signal);
  s.log.info({ deployment: deploymentKey(s.d), replicaSet: name, from, to }, 'Scaled replica set');
  return { scaled: true, rs: saved };
}

/** scaleReplicaSet when the size differs; the direction follows from the sizes. */
export async function scaleAndRecord(s: SyncScope, rs: ReplicaSet, to: number): Promise<ScaleResult> {
  const from = specReplicas(rs);
  if (from === to) return { scaled: false, rs };
  return scaleReplicaSet(s, rs, to, from < to ? 'up' : 'down');
}
