// One etcd watch per resource feeds this cache: the current objects in memory and the
// recent events in a ring. It serves every HTTP watch and the resourceVersion=0 lists.
// At start it reads history (up to `historyRevisions` back), so a client that watched an
// earlier apiserver resumes from its last resourceVersion without a gap.
import type { Logger } from 'pino';
import type { ApiObject } from '../../../shared/api/meta.js';
import { EventRing, type CacheEvent } from './event-ring.js';
import { isStorageError } from './errors.js';
import { decodeObject, type ObjectStore } from './object-store.js';
import type { EtcdKv } from './etcd-kv.js';
import { EtcdWatch, type WatchedEvent } from './etcd-watch.js';
import { prefixEnd } from './keys.js';

export type { CacheEvent };

export interface WatchSink {
  /** Events after `fromRev` that pass the sink's filter are delivered in order. */
  readonly fromRev: number;
  deliver(ev: CacheEvent): void;
  bookmark(rev: number): void;
  /** The cache restarted or stopped: the client must watch again. */
  end(): void;
}

export class TooOldError extends Error {
  constructor(readonly requested: number, readonly oldest: number) {
    super(`too old resource version: ${requested} (${oldest + 1})`);
  }
}

export interface WatchCacheOptions {
  readonly prefix: string;
  readonly kv: EtcdKv;
  readonly store: ObjectStore;
  readonly log: Logger;
  readonly capacity?: number;
  readonly historyRevisions?: number;
}

export class WatchCache {
  readonly prefix: string;
  private readonly kv: EtcdKv;
  private readonly store: ObjectStore;
  private readonly log: Logger;
  private readonly historyRevisions: number;
  private readonly ring: EventRing;
  private readonly objects = new Map<string, ApiObject>();
  private readonly sinks = new Set<WatchSink>();
  private watcher: EtcdWatch | undefined;
  private stopped = false;
  /** The last revision applied. */
  private rev = 0;
  /** Every event after this revision is in the ring. */
  private oldest = 0;
  private readyPromise: Promise<void>;
  private markReady: () => void = () => {};

  constructor(opts: WatchCacheOptions) {
    this.prefix = opts.prefix;
    this.kv = opts.kv;
    this.store = opts.store;
    this.log = opts.log.child({ cache: opts.prefix });
    this.ring = new EventRing(opts.capacity ?? 20000);
    this.historyRevisions = opts.historyRevisions ?? 20000;
    this.readyPromise = new Promise((resolve) => { this.markReady = resolve; });
  }

  /** Resolves once the initial list is loaded. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  get revision(): number {
    return this.rev;
  }

  async start(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.load();
        return;
      } catch (err) {
        this.log.warn({ err }, 'Watch cache failed to load, retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private async load(): Promise<void> {
    const head = await this.store.currentRevision();
    let base = Math.max(1, head - this.historyRevisions);
    let listed;
    try {
      listed = await this.store.rangeAll(this.prefix, base);
    } catch (err) {
      if (!isStorageError(err, 'Compacted')) throw err;
      base = head;
      listed = await this.store.rangeAll(this.prefix, base);
    }
    this.objects.clear();
    this.ring.clear();
    for (const obj of listed.objects) this.objects.set(keyOf(this.prefix, obj), obj);
    this.rev = base;
    this.oldest = base;
    // No previous values from etcd: the map holds every object since `base`, so it knows what a
    // change replaced (asking etcd for them would double what each event carries and decodes).
    const watcher = new EtcdWatch({
      kv: this.kv, key: Buffer.from(this.prefix), rangeEnd: Buffer.from(prefixEnd(this.prefix), 'latin1'), startRevision: base + 1,
      onEvents: (events) => this.onEvents(events),
      onError: (err) => { if (this.watcher === watcher) void this.restart(err); },
    });
    this.watcher = watcher;
    await watcher.start();
    this.markReady();
    this.log.debug({ revision: base, objects: this.objects.size }, 'Watch cache loaded');
  }

  private async restart(err: Error): Promise<void> {
    if (this.stopped) return;
    this.log.warn({ err }, 'Watch cache lost its etcd watch, relisting');
    const w = this.watcher;
    this.watcher = undefined;
    w?.cancel();
    for (const s of this.sinks) s.end();
    this.sinks.clear();
    this.readyPromise = new Promise((resolve) => { this.markReady = resolve; });
    await this.start();
  }

  private onEvents(events: readonly WatchedEvent[]): void {
    for (const e of events) {
      const key = e.kv.key.toString();
      const rev = e.kv.modRevision;
      const prev = this.objects.get(key);
      let ev: CacheEvent;
      if (e.type === 'delete') {
        const last = prev;
        if (last === undefined) { this.rev = rev; continue; }      // never seen: nothing to tell
        const object = { ...last, metadata: { ...last.metadata, resourceVersion: String(rev) } };
        this.objects.delete(key);
        ev = { type: 'DELETED', key, object, prev: last, rev };
      } else {
        const object = decodeObject(key, e.kv.value, rev);
        this.objects.set(key, object);
        ev = { type: prev === undefined ? 'ADDED' : 'MODIFIED', key, object, prev, rev };
      }
      this.rev = rev;
      const dropped = this.ring.push(ev);
      if (dropped !== undefined) this.oldest = dropped.rev;
      for (const s of this.sinks) if (rev > s.fromRev) s.deliver(ev);
    }
  }

  /** The current objects under a key prefix (the resource's, or one namespace's). */
  list(keyPrefix: string = this.prefix): ApiObject[] {
    const out: ApiObject[] = [];
    for (const [k, v] of this.objects) if (k.startsWith(keyPrefix)) out.push(v);
    return out;
  }

  get(key: string): ApiObject | undefined {
    return this.objects.get(key);
  }

  get size(): number {
    return this.objects.size;
  }

  /**
   * Start delivering to `sink`: first the ring's events after sink.fromRev, then live ones.
   * Throws TooOldError when events after fromRev have already left the ring.
   */
  watch(sink: WatchSink): () => void {
    if (sink.fromRev < this.oldest) throw new TooOldError(sink.fromRev, this.oldest);
    for (const ev of this.ring.after(sink.fromRev)) sink.deliver(ev);
    this.sinks.add(sink);
    return () => { this.sinks.delete(sink); };
  }

  /** Tell every sink how far the cache has come (bookmarks). */
  tick(): void {
    for (const s of this.sinks) s.bookmark(this.rev);
  }

  get watchers(): number {
    return this.sinks.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.sinks) s.end();
    this.sinks.clear();
    this.watcher?.cancel();
  }
}

function keyOf(prefix: string, obj: ApiObject): string {
  const ns = obj.metadata.namespace;
  return ns !== undefined && ns !== '' ? `${prefix}${ns}/${obj.metadata.name ?? ''}` : `${prefix}${obj.metadata.name ?? ''}`;
}
