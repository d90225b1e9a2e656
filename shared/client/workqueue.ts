// client-go's workqueue contract (util/workqueue/queue.go, delaying_queue.go,
// rate_limiting_queue.go): keys come out in the order they went in; a key waiting in the queue
// is there once (the `dirty` set); a key is never handed to two workers at once (the
// `processing` set) — added again while processing, it goes back in when done() is called.
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter.js';
import type { TimerClock } from './timers.js';

export interface WorkQueueOptions {
  readonly clock: TimerClock;
  /** Default: client-go's controller limiter (5 ms doubling to 1000 s, under 10/s burst 100). */
  readonly rateLimiter?: RateLimiter;
}

interface Waiter { readonly give: (key: string | undefined) => void }
interface Delayed { readonly at: number; readonly cancel: () => void }

export class WorkQueue {
  private readonly clock: TimerClock;
  private readonly limiter: RateLimiter;
  private readonly queue = new Fifo<string>();
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly waiters = new Fifo<Waiter>();
  private readonly delayed = new Map<string, Delayed>();
  private shutting = false;

  constructor(opts: WorkQueueOptions) {
    this.clock = opts.clock;
    this.limiter = opts.rateLimiter ?? defaultControllerRateLimiter(opts.clock);
  }

  /** Queues `key` unless it is already waiting; ignored after shutDown(). */
  add(key: string): void {
    if (this.shutting || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (!this.processing.has(key)) this.enqueue(key);
  }

  /** Keys waiting to be handed out (not counting delayed or processing ones). */
  len(): number {
    return this.queue.size;
  }

  /**
   * The next key, waiting for one if need be. Resolves undefined when `signal` aborts, or once
   * the queue is shut down and drained. The caller must call done(key) when finished with it.
   */
  get(signal: AbortSignal): Promise<string | undefined> {
    if (signal.aborted) return Promise.resolve(undefined);
    if (this.queue.size > 0) return Promise.resolve(this.take(this.queue.shift()!));
    if (this.shutting) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const onAbort = (): void => { this.waiters.remove(waiter); resolve(undefined); };
      const waiter: Waiter = {
        give: (key) => { signal.removeEventListener('abort', onAbort); resolve(key); },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** The worker is finished with `key`; if it was added meanwhile it is queued again. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) this.enqueue(key);
  }

  /** Adds `key` after `ms`; of several delayed adds of one key the earliest wins. */
  addAfter(key: string, ms: number): void {
    if (this.shutting) return;
    if (ms <= 0) { this.add(key); return; }
    const at = this.clock.now().getTime() + ms;
    const current = this.delayed.get(key);
    if (current !== undefined) {
      if (current.at <= at) return;
      current.cancel();
    }
    const cancel = this.clock.setTimer(ms, () => { this.delayed.delete(key); this.add(key); });
    this.delayed.set(key, { at, cancel });
  }

  /** Adds `key` after its backoff: one more failure for the rate limiter. */
  addRateLimited(key: string): void {
    if (this.shutting) return;
    this.addAfter(key, this.limiter.when(key));
  }

  /** `key` succeeded: reset its backoff. */
  forget(key: string): void {
    this.limiter.forget(key);
  }

  numRequeues(key: string): number {
    return this.limiter.numRequeues(key);
  }

  /** Stops taking keys and drops delayed ones; waiting get()s resolve undefined, queued keys still drain. */
  shutDown(): void {
    this.shutting = true;
    for (const d of this.delayed.values()) d.cancel();
    this.delayed.clear();
    for (let w = this.waiters.shift(); w !== undefined; w = this.waiters.shift()) w.give(undefined);
  }

  shuttingDown(): boolean {
    return this.shutting;
  }

  private enqueue(key: string): void {
    const waiter = this.waiters.shift();
    if (waiter !== undefined) waiter.give(this.take(key));
    else this.queue.push(key);
  }

  private take(key: string): string {
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }
}

/** A first-in first-out list with O(1) push and shift. */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  remove(item: T): void {
    const i = this.items.indexOf(item, this.head);
    if (i >= 0) this.items.splice(i, 1);
  }
}
