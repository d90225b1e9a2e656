// A clock for tests: time stands still until the test moves it, and timers fire in order
// of their due time as it does. No test sleeps to wait for a fact.
import type { TimerClock } from './timers.js';

interface Pending { readonly at: number; readonly seq: number; readonly fn: () => void }

export class FakeClock implements TimerClock {
  private ms: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(start: Date = new Date('2026-11-25T06:00:00.000Z')) {
    this.ms = start.getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  setTimer(ms: number, fn: () => void): () => void {
    const p: Pending = { at: this.ms + Math.max(0, ms), seq: this.seq++, fn };
    this.pending.push(p);
    return () => { this.pending = this.pending.filter((x) => x !== p); };
  }

  /** Timers not yet fired. */
  get timers(): number {
    return this.pending.length;
  }

  /**
   * Moves time forward by `ms`, firing each timer due on the way at its own time. Between
   * timers it lets promise callbacks run, so code awakened by one timer can set the next.
   */
  async advance(ms: number): Promise<void> {
    const end = this.ms + ms;
    for (;;) {
      await settle();
      const next = this.nextDue(end);
      if (next === undefined) break;
      this.pending = this.pending.filter((x) => x !== next);
      this.ms = next.at;
      next.fn();
    }
    this.ms = end;
    await settle();
  }

  private nextDue(end: number): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.pending) {
      if (p.at > end) continue;
      if (best === undefined || p.at < best.at || (p.at === best.at && p.seq < best.seq)) best = p;
    }
    return best;
  }
}

/** Lets queued promise callbacks (and the ones they queue) run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}
