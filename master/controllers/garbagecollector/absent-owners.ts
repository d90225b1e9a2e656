// Owners found absent by a live GET, remembered so that the dependents of one deleted owner
// (a ReplicaSet's hundred pods) cost one GET, not a hundred. A uid never comes back, so an
// entry never turns wrong; the oldest entries go when the cache is full (Kubernetes keeps 500).
import type { OwnerReference } from '../../../shared/api/meta.js';
import { groupOf } from './resources.js';

export class AbsentOwnerCache {
  private readonly entries = new Map<string, true>();

  constructor(private readonly capacity = 500) {}

  /** `namespace`: where the owner was looked for ('' for a cluster-scoped owner). */
  has(ref: OwnerReference, namespace: string): boolean {
    const k = key(ref, namespace);
    if (!this.entries.has(k)) return false;
    this.entries.delete(k);
    this.entries.set(k, true);                              // most recently used last
    return true;
  }

  add(ref: OwnerReference, namespace: string): void {
    const k = key(ref, namespace);
    this.entries.delete(k);
    this.entries.set(k, true);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

const key = (ref: OwnerReference, namespace: string): string =>
  `${groupOf(ref.apiVersion)}/${ref.kind}/${namespace}/${ref.name}/${ref.uid}`;
