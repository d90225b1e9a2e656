// When the proxy syncs: soon after a change, but never two syncs closer than minMs (changes in
// between are batched into one), and at least every maxMs without changes (a 'periodic' sync:
// the syncer re-checks the kernel then). After a failed sync it retries at the next minMs
// slot. One sync at a time.
import { sleep, type TimerClock } from '../../shared/client/timers.js';

/** 'change': asked for by poke() (or a retry, or the first sync); 'periodic': maxMs passed without one. */
export type SyncReason = 'change' | 'periodic';

export interface SchedulerOptions {
  readonly minMs: number;
  readonly maxMs: number;
  readonly clock: TimerClock;
  /** Returns false when it failed (retried after minMs). */
  readonly sync: (signal: AbortSignal, reason: SyncReason) => Promise<boolean>;
}

export class SyncScheduler {
  private pending = true;             // the first sync runs at once
  private wake: (() => void) | undefined;

  constructor(private readonly o: SchedulerOptions) {}

  /** Asks for a sync (cheap; handlers call it). */
  poke(): void {
    this.pending = true;
    this.wake?.();
  }

  async run(signal: AbortSignal): Promise<void> {
    const { clock } = this.o;
    let last = -Infinity;
    while (!signal.aborted) {
      const gap = last + this.o.minMs - clock.now().getTime();
      if (gap > 0) await sleep(clock, gap, signal);
      if (!this.pending) await this.waitPoke(last + this.o.maxMs - clock.now().getTime(), signal);
      if (signal.aborted) return;
      const reason: SyncReason = this.pending ? 'change' : 'periodic';
      this.pending = false;
      last = clock.now().getTime();
      const ok = await this.o.sync(signal, reason);
      if (!ok) this.pending = true;
    }
  }

  private waitPoke(ms: number, signal: AbortSignal): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => { cancel(); this.wake = undefined; signal.removeEventListener('abort', done); resolve(); };
      const cancel = this.o.clock.setTimer(ms, done);
      this.wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
