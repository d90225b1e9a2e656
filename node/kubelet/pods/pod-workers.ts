// One worker per pod serialises its syncs (Kubernetes' podWorkers): an update while a sync
// runs is remembered and runs right after, never concurrently; a delayed update (a back-off
// ending) is a timer that becomes an update. Different pods sync in parallel.
import type { ClientLog } from '../../../shared/client/client-log.js';

export type SyncResult = { readonly requeueAfterMs?: number };
export type PodSyncFn = (uid: string, signal: AbortSignal) => Promise<SyncResult>;

interface Worker {
  running: boolean;
  again: boolean;
  timer: NodeJS.Timeout | undefined;
  timerAt: number;
}

export class PodWorkers {
  private readonly workers = new Map<string, Worker>();
  private readonly idle = new Set<() => void>();

  constructor(private readonly sync: PodSyncFn, private readonly log: ClientLog, private readonly signal: AbortSignal) {}

  /** Syncs the pod `uid` soon (after its current sync, if one runs). */
  update(uid: string): void {
    if (this.signal.aborted) return;
    const w = this.workers.get(uid) ?? this.newWorker(uid);
    w.again = true;
    if (!w.running) void this.loop(uid, w);
  }

  /** Syncs `uid` in `ms` unless an earlier sync is already due. */
  updateAfter(uid: string, ms: number): void {
    const w = this.workers.get(uid) ?? this.newWorker(uid);
    const at = Date.now() + ms;
    if (w.timer !== undefined && w.timerAt <= at) return;
    clearTimeout(w.timer);
    w.timerAt = at;
    w.timer = setTimeout(() => { w.timer = undefined; this.update(uid); }, ms);
  }

  /** Pods with a worker. */
  uids(): string[] {
    return [...this.workers.keys()];
  }

  /** Drops the worker of a pod that is fully gone. */
  forget(uid: string): void {
    const w = this.workers.get(uid);
    if (w === undefined || w.running) return;
    clearTimeout(w.timer);
    this.workers.delete(uid);
  }

  /** Resolves when no sync runs (for shutdown). */
  async drained(): Promise<void> {
    for (const w of this.workers.values()) clearTimeout(w.timer);
    while ([...this.workers.values()].some((w) => w.running)) await new Promise<void>((r) => this.idle.add(r));
  }

  private newWorker(uid: string): Worker {
    const w: Worker = { running: false, again: false, timer: undefined, timerAt: 0 };
    this.workers.set(uid, w);
    return w;
  }

  private async loop(uid: string, w: Worker): Promise<void> {
    w.running = true;
    try {
      while (w.again && !this.signal.aborted) {
        w.again = false;
        try {
          const r = await this.sync(uid, this.signal);
          if (r.requeueAfterMs !== undefined) this.updateAfter(uid, r.requeueAfterMs);
        } catch (err) {
          if (this.signal.aborted) break;
          this.log.warn({ err, podUid: uid }, 'Pod sync failed');
          this.updateAfter(uid, 2000);
        }
      }
    } finally {
      w.running = false;
      for (const r of this.idle) r();
      this.idle.clear();
    }
  }
}
