// The apiserver's per-kind contract for coordination.k8s.io/v1.
import type { KindStrategy } from '../../resource.js';
import { defaultLease } from './defaults.js';
import type { Lease } from './lease.js';
import { validateLease, validateLeaseUpdate } from './validation.js';

export const leaseStrategy: KindStrategy = {
  defaults: (obj) => defaultLease(obj as Lease),
  validate: (obj) => validateLease(obj as Lease),
  validateUpdate: (obj, old) => validateLeaseUpdate(obj as Lease, old as Lease),
};
