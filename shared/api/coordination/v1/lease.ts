// coordination.k8s.io/v1 Lease (k8s.io/api/coordination/v1 types.go): a lock with a holder and
// a renew time, used for node heartbeats and leader election.
import type { ApiObject } from '../../meta.js';

/** metav1.MicroTime: RFC 3339 with exactly six fraction digits, "2026-11-25T06:35:00.123456Z". */
export type MicroTime = string;

/** Only "OldestEmulationVersion" is defined by Kubernetes; custom ones are qualified names. */
export type CoordinatedLeaseStrategy = string;

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: MicroTime;
  renewTime?: MicroTime;
  leaseTransitions?: number;
  strategy?: CoordinatedLeaseStrategy;
  preferredHolder?: string;
}

export interface Lease extends ApiObject {
  spec?: LeaseSpec;
}
