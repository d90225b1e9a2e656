// The scheduling queue (Kubernetes' PriorityQueue): ACTIVE pods wait in order of priority,
// then of arrival; a pod that fitted nowhere waits in UNSCHEDULABLE until a cluster event
// that could make it fit moves it back; one that failed otherwise, or is moved back before
// its back-off (1 s doubling per attempt, at most 10 s) has passed, waits in BACKOFF. No
// polling: one timer is set for the earliest back-off expiry.
import type { Pod } from '../../shared/api/core/v1/pod.js';
import type { TimerClock } from '../../shared/client/timers.js';
import { KeyedHeap } from './keyed-heap.js';

export interface QueuedPod {
  readonly key: string;
  pod: Pod;
  /** Scheduling attempts so far (counted when popped). */
  attempts: number;
  /** Arrival order: first in, first out among equal priorities. */
  readonly seq: number;
  /** When the last attempt failed (ms since the epoch); 0 before any. */
  failedAt: number;
  /** The scheduling cycle of the last pop. */
  cycle: number;
}

export interface QueueStats {
  readonly active: number;
  readonly backoff: number;
  readonly unschedulable: number;
  readonly inFlight: number;
}

export interface SchedulingQueueOptions {
  readonly clock: TimerClock;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

const priorityOf = (p: Pod): number => p.spec?.priority ?? 0;

export class SchedulingQueue {
  private readonly clock: TimerClock;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly active = new KeyedHeap<QueuedPod>((q) => q.key, (a, b) => {
    const pa = priorityOf(a.pod);
    const pb = priorityOf(b.pod);
    return pa !== pb ? pa > pb : a.seq < b.seq;
  });
  private readonly backoff = new KeyedHeap<QueuedPod>((q) => q.key, (a, b) => this.backoffExpiry(a) < this.backoffExpiry(b));
  private readonly unschedulable = new Map<string, QueuedPod>();
  /** Popped and not yet done: key → the pod's queue entry. */
  private readonly inFlight = new Map<string, QueuedPod>();
  /** In-flight pods that changed or were deleted while being scheduled. */
  private readonly changedInFlight = new Set<string>();
  private readonly deletedInFlight = new Set<string>();
  private seq = 0;
  private schedulingCycle = 0;
  private moveRequestCycle = -1;
  private waiter: ((q: QueuedPod | undefined) => void) | undefined;
  private cancelTimer: (() => void) | undefined;
  private timerAt = Infinity;
  private closed = false;

  constructor(o: SchedulingQueueOptions) {
    this.clock = o.clock;
    this.initialBackoffMs = o.initialBackoffMs ?? 1000;
    this.maxBackoffMs = o.maxBackoffMs ?? 10_000;
  }

  stats(): QueueStats {
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size, inFlight: this.inFlight.size };
  }

  /** Where the pod waits, if it does. */
  where(key: string): 'active' | 'backoff' | 'unschedulable' | 'inFlight' | undefined {
    if (this.active.has(key)) return 'active';
    if (this.backoff.has(key)) return 'backoff';
    if (this.unschedulable.has(key)) return 'unschedulable';
    if (this.inFlight.has(key)) return 'inFlight';
    return undefined;
  }

  /** True while the pod's back-off after its last failure has not passed. */
  isBackingOff(key: string): boolean {
    const q = this.backoff.get(key) ?? this.unschedulable.get(key) ?? this.active.get(key);
    return q !== undefined && this.backoffExpiry(q) > this.clock.now().getTime();
  }

  backoffDuration(attempts: number): number {
    if (attempts <= 0) return 0;
    return Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** Math.min(30, attempts - 1));
  }

  private backoffExpiry(q: QueuedPod): number {
    return q.failedAt === 0 ? 0 : q.failedAt + this.backoffDuration(q.attempts);
  }

  /** A new pending pod, or a newer copy of one already queued. */
  add(key: string, pod: Pod): void {
    if (this.closed) return;
    const inFlight = this.inFlight.get(key);
    if (inFlight !== undefined) { inFlight.pod = pod; this.changedInFlight.add(key); return; }
    const queued = this.active.get(key) ?? this.backoff.get(key);
    if (queued !== undefined) { queued.pod = pod; if (this.active.has(key)) this.active.push(queued); return; }
    const parked = this.unschedulable.get(key);
    if (parked !== undefined) {
      // An update may make it fit (new tolerations, smaller requests): try again.
      this.unschedulable.delete(key);
      parked.pod = pod;
      this.toActiveOrBackoff(parked);
      return;
    }
    this.pushActive({ key, pod, attempts: 0, seq: this.seq++, failedAt: 0, cycle: 0 });
  }

  /** A copy that changed only in what scheduling ignores (status, resourceVersion): keep the newest. */
  refresh(key: string, pod: Pod): void {
    const q = this.inFlight.get(key) ?? this.active.get(key) ?? this.backoff.get(key) ?? this.unschedulable.get(key);
    if (q !== undefined) q.pod = pod;
  }

  /** The pod is gone or was bound by someone: forget it wherever it waits. */
  delete(key: string): void {
    this.active.remove(key);
    if (this.backoff.remove(key) !== undefined) this.armTimer();
    this.unschedulable.delete(key);
    if (this.inFlight.has(key)) this.deletedInFlight.add(key);
  }

  /** The next pod to schedule, waiting for one; undefined when `signal` aborts. */
  pop(signal: AbortSignal): Promise<QueuedPod | undefined> {
    if (signal.aborted || this.closed) return Promise.resolve(undefined);
    const q = this.active.pop();
    if (q !== undefined) return Promise.resolve(this.take(q));
    if (this.waiter !== undefined) throw new Error('only one pop may wait at a time');
    return new Promise((resolve) => {
      const aborted = (): void => { this.waiter = undefined; resolve(undefined); };
      signal.addEventListener('abort', aborted, { once: true });
      this.waiter = (got) => { signal.removeEventListener('abort', aborted); this.waiter = undefined; resolve(got); };
    });
  }

  /** The cycle of `key` is over (it was assumed on a node, or dropped). */
  done(key: string): void {
    this.inFlight.delete(key);
    this.changedInFlight.delete(key);
    this.deletedInFlight.delete(key);
  }

  /**
   * The pod fitted nowhere. It waits for a cluster event, unless one came (or the pod itself
   * changed) while it was being scheduled: then it goes round again after its back-off.
   */
  addUnschedulable(q: QueuedPod): void {
    const key = q.key;
    const deleted = this.deletedInFlight.has(key);
    const changed = this.changedInFlight.has(key);
    this.done(key);
    if (deleted || this.closed) return;
    q.failedAt = this.clock.now().getTime();
    if (changed || this.moveRequestCycle >= q.cycle) this.toActiveOrBackoff(q);
    else this.unschedulable.set(key, q);
  }

  /** The attempt failed for another reason (an error, a refused binding): retry after back-off. */
  addBackoff(q: QueuedPod): void {
    const deleted = this.deletedInFlight.has(q.key);
    this.done(q.key);
    if (deleted || this.closed) return;
    q.failedAt = this.clock.now().getTime();
    this.toActiveOrBackoff(q);
  }

  /** Something changed that may let unschedulable pods fit (a node came or changed, a pod left). */
  moveAllToActiveOrBackoff(): void {
    this.moveRequestCycle = this.schedulingCycle;
    if (this.unschedulable.size === 0) return;
    const parked = [...this.unschedulable.values()];
    this.unschedulable.clear();
    for (const q of parked) this.toActiveOrBackoff(q);
  }

  close(): void {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.waiter?.(undefined);
  }

  private take(q: QueuedPod): QueuedPod {
    this.schedulingCycle++;
    q.attempts++;
    q.cycle = this.schedulingCycle;
    this.inFlight.set(q.key, q);
    return q;
  }

  private pushActive(q: QueuedPod): void {
    if (this.waiter !== undefined && this.active.size === 0) { this.waiter(this.take(q)); return; }
    this.active.push(q);
  }

  private toActiveOrBackoff(q: QueuedPod): void {
    if (this.backoffExpiry(q) > this.clock.now().getTime()) {
      this.backoff.push(q);
      this.armTimer();
    } else this.pushActive(q);
  }

  /** One timer, for the earliest back-off expiry. */
  private armTimer(): void {
    const head = this.backoff.peek();
    const at = head === undefined ? Infinity : this.backoffExpiry(head);
    if (at === this.timerAt) return;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerAt = at;
    if (at === Infinity || this.closed) return;
    this.cancelTimer = this.clock.setTimer(at - this.clock.now().getTime(), () => {
      this.cancelTimer = undefined;
      this.timerAt = Infinity;
      this.flushBackoff();
    });
  }

  private flushBackoff(): void {
    const now = this.clock.now().getTime();
    for (let head = this.backoff.peek(); head !== undefined && this.backoffExpiry(head) <= now; head = this.backoff.peek()) {
      this.backoff.pop();
      this.pushActive(head);
    }
    this.armTimer();
  }
}
