// What this controller last wrote per service, to tell when the slice cache is behind its own
// writes (Kubernetes' EndpointSliceTracker): a sync on a stale cache would create duplicates
// or write from outdated slices, so it waits for the watch to catch up instead.
import type { EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';

const deleted = Symbol('deleted');

export class SliceTracker {
  /** service key → slice name → resourceVersion we got back, or deleted. */
  private readonly written = new Map<string, Map<string, string | typeof deleted>>();

  wrote(service: string, slice: EndpointSlice): void {
    this.slices(service).set(slice.metadata.name ?? '', slice.metadata.resourceVersion ?? '');
  }

  deleted(service: string, name: string): void {
    this.slices(service).set(name, deleted);
  }

  forget(service: string): void {
    this.written.delete(service);
  }

  /** True while `cached` misses one of our writes; entries the cache has caught up with are dropped. */
  stale(service: string, cached: readonly EndpointSlice[]): boolean {
    const mine = this.written.get(service);
    if (mine === undefined) return false;
    const byName = new Map(cached.map((s) => [s.metadata.name ?? '', s]));
    let stale = false;
    for (const [name, rv] of mine) {
      const s = byName.get(name);
      const caughtUp = rv === deleted ? s === undefined : s !== undefined && notOlder(s.metadata.resourceVersion ?? '', rv);
      if (caughtUp) mine.delete(name); else stale = true;
    }
    if (mine.size === 0) this.written.delete(service);
    return stale;
  }

  private slices(service: string): Map<string, string | typeof deleted> {
    let m = this.written.get(service);
    if (m === undefined) this.written.set(service, m = new Map());
    return m;
  }
}

/** resourceVersions are etcd revisions here: numbers, compared as such. */
function notOlder(cached: string, wrote: string): boolean {
  if (!/^\d+$/.test(cached) || !/^\d+$/.test(wrote)) return cached === wrote;
  return BigInt(cached) >= BigInt(wrote);
}
