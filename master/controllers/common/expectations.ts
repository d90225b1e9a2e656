// client-go's ControllerExpectations with UID-tracked deletions (kubernetes
// pkg/controller/controller_utils.go): before a controller sends creates or deletes for the
// object under `key` it records how many pods it expects to see appear and which uids it
// expects to see go; the informer handlers lower them as the events arrive. Until they are met
// (or the record is older than the TTL, so a lost event cannot wedge the key) the controller
// does not act again on `key`: a cache that lags behind its own writes cannot make it create
// or delete twice.
import type { Clock } from '../../../shared/util/time.js';

/** Kubernetes' ExpectationsTimeout. */
export const expectationsTtlMs = 5 * 60_000;

interface Expected {
  /** Creations still to be observed; ≤ 0 means none. */
  creations: number;
  /** Uids whose deletion is still to be observed. */
  readonly deletions: Set<string>;
  readonly at: number;
}

export interface PendingExpectations {
  readonly creations: number;
  readonly deletions: readonly string[];
}

export class ControllerExpectations {
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly records = new Map<string, Expected>();

  constructor(opts: { readonly clock: Clock; readonly ttlMs?: number }) {
    this.clock = opts.clock;
    this.ttlMs = opts.ttlMs ?? expectationsTtlMs;
  }

  /** Expects `n` creations for `key`, replacing whatever was expected before. */
  expectCreations(key: string, n: number): void {
    this.records.set(key, { creations: n, deletions: new Set(), at: this.clock.now().getTime() });
  }

  /** Expects the deletion of each of `uids` for `key`, replacing whatever was expected before. */
  expectDeletions(key: string, uids: readonly string[]): void {
    this.records.set(key, { creations: 0, deletions: new Set(uids), at: this.clock.now().getTime() });
  }

  /** A pod created for `key` was seen (the pod informer's add). */
  creationObserved(key: string): void {
    const r = this.records.get(key);
    if (r !== undefined) r.creations--;
  }

  /** The pod `uid` of `key` was seen deleted or terminating; other uids are ignored. */
  deletionObserved(key: string, uid: string): void {
    this.records.get(key)?.deletions.delete(uid);
  }

  /**
   * Takes back expectations for writes that were never sent or that failed: `creations` fewer
   * creations, and the deletions of `deletionUids`.
   */
  lowerForNeverSent(key: string, creations: number, deletionUids: readonly string[] = []): void {
    const r = this.records.get(key);
    if (r === undefined) return;
    r.creations -= creations;
    for (const uid of deletionUids) r.deletions.delete(uid);
  }

  /** True when `key` may act: nothing expected, everything observed, or the record expired. */
  satisfied(key: string): boolean {
    const r = this.records.get(key);
    if (r === undefined) return true;
    if (r.creations <= 0 && r.deletions.size === 0) return true;
    return this.clock.now().getTime() - r.at > this.ttlMs;
  }

  /** What `key` still waits for (undefined: no record), for logs and tests. */
  pending(key: string): PendingExpectations | undefined {
    const r = this.records.get(key);
    return r === undefined ? undefined : { creations: Math.max(0, r.creations), deletions: [...r.deletions] };
  }

  /** Drops the record of `key` (its object is gone). */
  forget(key: string): void {
    this.records.delete(key);
  }
}
