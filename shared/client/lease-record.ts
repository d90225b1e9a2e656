// Pure decisions of leader election on a Lease (client-go tools/leaderelection): may this
// candidate take the lease now, and what does it write when it takes, renews or releases it.
import type { LeaseSpec } from '../api/coordination/v1/lease.js';
import { rfc3339Micro } from '../util/time.js';

export interface Observation {
  /** The spec last seen, and when (on our clock) it last changed: expiry is judged from that. */
  readonly spec: LeaseSpec;
  readonly at: number;
}

/** Whether `identity` may write the lease: it is free, released, ours, or its holder stopped renewing. */
export function mayAcquire(seen: Observation, identity: string, nowMs: number, defaultDurationSeconds: number): boolean {
  const holder = seen.spec.holderIdentity ?? '';
  if (holder === '' || holder === identity) return true;
  const duration = seen.spec.leaseDurationSeconds ?? defaultDurationSeconds;
  return seen.at + duration * 1000 <= nowMs;
}

/** The spec `identity` writes to take or renew the lease. */
export function acquiredSpec(current: LeaseSpec | undefined, identity: string, durationSeconds: number, now: Date): LeaseSpec {
  const at = rfc3339Micro(now);
  const spec = current ?? {};
  if (spec.holderIdentity === identity) {
    return { ...spec, leaseDurationSeconds: durationSeconds, renewTime: at, acquireTime: spec.acquireTime ?? at,
      leaseTransitions: spec.leaseTransitions ?? 0 };
  }
  const transitions = current === undefined ? 0 : (spec.leaseTransitions ?? 0) + 1;
  return { ...spec, holderIdentity: identity, leaseDurationSeconds: durationSeconds, acquireTime: at, renewTime: at,
    leaseTransitions: transitions };
}

/** The spec a leader writes on a clean shutdown so a successor need not wait out the lease. */
export function releasedSpec(current: LeaseSpec, now: Date): LeaseSpec {
  const at = rfc3339Micro(now);
  return { ...current, holderIdentity: '', leaseDurationSeconds: 1, acquireTime: at, renewTime: at,
    leaseTransitions: current.leaseTransitions ?? 0 };
}
