// Lease has no Kubernetes defaults; what it does get is the round trip through Go's MicroTime,
// which writes a valid acquireTime or renewTime back in UTC.
import { isRecord } from '../../meta.js';
import type { Lease } from './lease.js';
import { canonicalMicroTime } from './micro-time.js';

export function defaultLease(lease: Lease): void {
  const spec = lease.spec;
  if (!isRecord(spec)) return;
  for (const field of ['acquireTime', 'renewTime'] as const) {
    const value = spec[field];
    if (typeof value !== 'string') continue;
    const canonical = canonicalMicroTime(value);
    if (canonical !== undefined) spec[field] = canonical;
  }
}
