// An informer: a Watcher filling a Store, and event handlers told of each change — adds,
// updates as (old, new), deletes (a Tombstone when a relist found the object gone). Handlers
// run synchronously after the store has changed and must only record work (enqueue a key).
// As in client-go, a relist delivers every object still there as an update, changed or not.
// Cached objects are shared and read-only: structuredClone one before changing it.
import type { ApiObject } from '../api/meta.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import type { ClientLog } from './client-log.js';
import { Store, type Indexers, type StoreChange, type StoreReader, type Tombstone } from './store.js';
import { sleep, type TimerClock } from './timers.js';
import { Watcher, type ListerWatcher, type WatcherSink } from './watcher.js';

export interface EventHandlers<T extends ApiObject> {
  onAdd?(obj: T): void;
  onUpdate?(old: T, obj: T): void;
  onDelete?(obj: T | Tombstone<T>): void;
}

export interface InformerOptions<T extends ApiObject> {
  readonly client: ListerWatcher<T>;
  /** '' or absent: every namespace. */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Extra indexes, e.g. { byOwnerUid: (o) => o.metadata.ownerReferences?.map((r) => r.uid) ?? [] }. */
  readonly indexers?: Indexers<T>;
  /** Every resyncMs each cached object is delivered again as an update (old === new). 0: never. */
  readonly resyncMs?: number;
  readonly pageSize?: number;
  readonly watchTimeoutSeconds?: number;
  readonly backoff?: BackoffOptions;
  readonly clock: TimerClock;
  readonly log: ClientLog;
}

export class Informer<T extends ApiObject> {
  private readonly o: InformerOptions<T>;
  private readonly cache: Store<T>;
  private readonly handlers: EventHandlers<T>[] = [];
  private readonly syncWaiters = new Set<() => void>();

  constructor(opts: InformerOptions<T>) {
    this.o = opts;
    this.cache = new Store<T>(opts.indexers !== undefined ? { indexers: opts.indexers } : {});
  }

  /** The cache, read-only. */
  get store(): StoreReader<T> {
    return this.cache;
  }

  hasSynced(): boolean {
    return this.cache.hasSynced();
  }

  /** Registers handlers; objects already cached are delivered to them as adds at once. */
  addHandlers(h: EventHandlers<T>): void {
    this.handlers.push(h);
    for (const obj of this.cache.list()) this.call('onAdd', () => h.onAdd?.(obj));
  }

  /** Lists, watches and resyncs until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    const watcher = new Watcher<T>({
      client: this.o.client, sink: this.sink(), clock: this.o.clock, log: this.o.log,
      backoff: new Backoff(this.o.backoff),
      ...(this.o.namespace !== undefined ? { namespace: this.o.namespace } : {}),
      ...(this.o.labelSelector !== undefined ? { labelSelector: this.o.labelSelector } : {}),
      ...(this.o.fieldSelector !== undefined ? { fieldSelector: this.o.fieldSelector } : {}),
      ...(this.o.pageSize !== undefined ? { pageSize: this.o.pageSize } : {}),
      ...(this.o.watchTimeoutSeconds !== undefined ? { watchTimeoutSeconds: this.o.watchTimeoutSeconds } : {}),
    });
    await Promise.all([watcher.run(signal), this.resync(signal)]);
  }

  /** Resolves true once the first list is cached, false if `signal` aborts first. */
  waitForSync(signal: AbortSignal): Promise<boolean> {
    if (this.cache.hasSynced()) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const synced = (): void => { signal.removeEventListener('abort', aborted); resolve(true); };
      const aborted = (): void => { this.syncWaiters.delete(synced); resolve(false); };
      this.syncWaiters.add(synced);
      signal.addEventListener('abort', aborted, { once: true });
    });
  }

  private sink(): WatcherSink<T> {
    return {
      replaced: (items) => {
        for (const c of this.cache.replace(items)) this.notify(c);
        for (const w of [...this.syncWaiters]) w();
        this.syncWaiters.clear();
      },
      changed: (type, obj) => {
        const c = this.cache.apply(type, obj);
        if (c !== undefined) this.notify(c);
      },
    };
  }

  private async resync(signal: AbortSignal): Promise<void> {
    const every = this.o.resyncMs ?? 0;
    if (every <= 0) return;
    while (!signal.aborted) {
      await sleep(this.o.clock, every, signal);
      if (signal.aborted || !this.cache.hasSynced()) continue;
      for (const obj of this.cache.list()) this.notify({ type: 'updated', old: obj, object: obj });
    }
  }

  private notify(c: StoreChange<T>): void {
    for (const h of this.handlers) {
      switch (c.type) {
        case 'added': this.call('onAdd', () => h.onAdd?.(c.object)); break;
        case 'updated': this.call('onUpdate', () => h.onUpdate?.(c.old, c.object)); break;
        case 'deleted': this.call('onDelete', () => h.onDelete?.(c.object)); break;
        default: { const never: never = c; throw new Error(`unknown change ${JSON.stringify(never)}`); }
      }
    }
  }

  private call(handler: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.o.log.error({ err, handler }, 'Event handler failed');
    }
  }
}
