// The status a Deployment reports (calculateStatus in pkg/controller/deployment/sync.go):
// counts summed over its ReplicaSets' statuses, the new ReplicaSet's pods as updated, and the
// Available condition — minimum availability is spec.replicas minus maxUnavailable.
import type { Deployment, DeploymentStatus } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import { canonicalJson } from '../common/pod-template.js';
import { newCondition, reasons, setCondition } from './conditions.js';
import { maxUnavailable } from './fenceposts.js';
import { actualTotal, availableTotal, readyTotal, specReplicas, specTotal } from './replica-sets.js';

export function calculateStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, now: string): DeploymentStatus {
  const available = availableTotal(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualTotal(allRSs),
    updatedReplicas: newRS !== undefined ? actualTotal([newRS]) : 0,
    readyReplicas: readyTotal(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specTotal(allRSs) - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  status.conditions = (d.status?.conditions ?? []).map((c) => ({ ...c }));
  if (available >= specReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', reasons.minimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', reasons.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** Both statuses say the same thing (absent counts are 0, absent conditions none). */
export function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  const norm = (s: DeploymentStatus | undefined): string => canonicalJson({
    observedGeneration: s?.observedGeneration ?? 0, replicas: s?.replicas ?? 0, updatedReplicas: s?.updatedReplicas ?? 0,
    readyReplicas: s?.readyReplicas ?? 0, availableReplicas: s?.availableReplicas ?? 0, unavailableReplicas: s?.unavailableReplicas ?? 0,
    terminatingReplicas: s?.terminatingReplicas, collisionCount: s?.collisionCount, conditions: s?.conditions ?? [],
  });
  return norm(a) === norm(b);
}
