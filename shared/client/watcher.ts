// List-then-watch as a state machine (kube-rs kube-runtime/src/watcher.rs), one step() per
// transition:
//   listing  --list ok-->  watching(rv)          --list failed--> backoff(then listing)
//   watching --stream ended--> watching(last rv) --410 Gone/Expired--> listing
//   watching --failed, or ended at once with nothing--> backoff(then watching or listing)
//   backoff  --delay over--> its `then`
// Bookmarks only move the resourceVersion.
import { isStatusError } from '../api/errors.js';
import type { ApiObject } from '../api/meta.js';
import { Backoff } from './backoff.js';
import type { ClientLog } from './client-log.js';
import type { ListOptions, ObjectList, WatchOptions } from './resource-client.js';
import { sleep, type TimerClock } from './timers.js';
import type { TypedWatchEvent } from './watch-stream.js';

/** What the watcher needs from a ResourceClient. */
export interface ListerWatcher<T extends ApiObject> {
  listAll(namespace: string, opts: ListOptions, signal: AbortSignal): Promise<ObjectList<T>>;
  watch(namespace: string, opts: WatchOptions, signal: AbortSignal): AsyncIterable<TypedWatchEvent<T>>;
}

/** Where the watcher puts what it learns (the informer: store + handlers). */
export interface WatcherSink<T extends ApiObject> {
  /** A full list: the complete state at one resourceVersion. */
  replaced(items: readonly T[]): void;
  changed(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: T): void;
}

export type ListingState = { readonly kind: 'listing' };
export type WatchingState = { readonly kind: 'watching'; readonly resourceVersion: string };
export type BackoffState = {
  readonly kind: 'backoff';
  readonly delayMs: number;
  readonly then: ListingState | WatchingState;
};
export type WatcherState = ListingState | WatchingState | BackoffState;

export interface WatcherOptions<T extends ApiObject> {
  readonly client: ListerWatcher<T>;
  readonly sink: WatcherSink<T>;
  /** '' watches every namespace. */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Objects per list page. Default 500, as client-go's pager. */
  readonly pageSize?: number;
  /** Asked of the server per watch; it then ends the stream and the watcher watches again. */
  readonly watchTimeoutSeconds?: number;
  readonly backoff?: Backoff;
  readonly clock: TimerClock;
  readonly log: ClientLog;
}

/** A watch that ends sooner than this having delivered nothing counts as a failure. */
const shortWatchMs = 1000;

export class Watcher<T extends ApiObject> {
  private readonly o: WatcherOptions<T>;
  private readonly backoff: Backoff;
  private readonly selectors: { labelSelector?: string; fieldSelector?: string };

  constructor(opts: WatcherOptions<T>) {
    this.o = opts;
    this.backoff = opts.backoff ?? new Backoff();
    this.selectors = {
      ...(opts.labelSelector !== undefined ? { labelSelector: opts.labelSelector } : {}),
      ...(opts.fieldSelector !== undefined ? { fieldSelector: opts.fieldSelector } : {}),
    };
  }

  /** Steps from the first list until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    let state: WatcherState = { kind: 'listing' };
    while (!signal.aborted) state = await this.step(state, signal);
  }

  /** One transition. */
  async step(state: WatcherState, signal: AbortSignal): Promise<WatcherState> {
    switch (state.kind) {
      case 'listing': return this.list(signal);
      case 'watching': return this.watch(state, signal);
      case 'backoff':
        await sleep(this.o.clock, state.delayMs, signal);
        return state.then;
      default: {
        const never: never = state;
        throw new Error(`unknown watcher state ${JSON.stringify(never)}`);
      }
    }
  }

  private async list(signal: AbortSignal): Promise<WatcherState> {
    let list: ObjectList<T>;
    try {
      list = await this.o.client.listAll(this.o.namespace ?? '', { ...this.selectors, limit: this.o.pageSize ?? 500 }, signal);
    } catch (err) {
      if (signal.aborted) return { kind: 'listing' };
      return this.fail(err, 'List failed', { kind: 'listing' });
    }
    this.o.sink.replaced(list.items);
    this.backoff.reset();
    return { kind: 'watching', resourceVersion: list.metadata.resourceVersion ?? '' };
  }

  private async watch(state: WatchingState, signal: AbortSignal): Promise<WatcherState> {
    const started = this.o.clock.now().getTime();
    let rv = state.resourceVersion;
    let received = 0;
    let failure: unknown;
    try {
      const events = this.o.client.watch(this.o.namespace ?? '', {
        ...this.selectors, resourceVersion: rv, allowWatchBookmarks: true,
        ...(this.o.watchTimeoutSeconds !== undefined ? { timeoutSeconds: this.o.watchTimeoutSeconds } : {}),
      }, signal);
      for await (const ev of events) {
        received++;
        if (ev.type === 'BOOKMARK') { rv = ev.resourceVersion; continue; }
        this.o.sink.changed(ev.type, ev.object);
        rv = ev.object.metadata.resourceVersion ?? rv;
      }
    } catch (err) {
      failure = err;
    }
    const resume: WatchingState = { kind: 'watching', resourceVersion: rv };
    if (signal.aborted) return resume;
    const quick = received === 0 && this.o.clock.now().getTime() - started < shortWatchMs;
    if (isStatusError(failure) && failure.code === 410) {
      this.o.log.info({ err: failure, resourceVersion: rv }, 'Watch expired, listing again');
      return quick ? this.fail(failure, 'Watch expired at once', { kind: 'listing' }) : { kind: 'listing' };
    }
    if (failure !== undefined) return this.fail(failure, 'Watch failed', resume);
    if (quick) return this.fail(new Error('the watch ended at once with no events'), 'Watch ended at once', resume);
    if (received > 0) this.backoff.reset();
    return resume;
  }

  private fail(err: unknown, message: string, then: ListingState | WatchingState): BackoffState {
    const delayMs = this.backoff.next();
    this.o.log.warn({ err, delayMs }, message);
    return { kind: 'backoff', delayMs, then };
  }
}
