// How long a failed key waits before it is retried (client-go util/workqueue/default_rate_limiters.go):
// per key, 5 ms doubling on each failure up to 1000 s; overall, a token bucket of 10 per
// second with a burst of 100; the controllers' default is the larger of the two.
import type { Clock } from '../util/time.js';

export interface RateLimiter {
  /** Records a failure of `key` and returns how many milliseconds it must wait. */
  when(key: string): number;
  /** The key succeeded: its failures are forgotten. */
  forget(key: string): void;
  /** Failures recorded for `key` since it was last forgotten. */
  numRequeues(key: string): number;
}

export class ExponentialFailureRateLimiter implements RateLimiter {
  private readonly failures = new Map<string, number>();
  private readonly baseMs: number;
  private readonly maxMs: number;

  constructor(opts: { baseMs: number; maxMs: number }) {
    this.baseMs = opts.baseMs;
    this.maxMs = opts.maxMs;
  }

  when(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return Math.min(this.baseMs * 2 ** n, this.maxMs);
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}

/** A token bucket shared by every key (golang.org/x/time/rate reservations). */
export class BucketRateLimiter implements RateLimiter {
  private readonly qps: number;
  private readonly burst: number;
  private readonly clock: Clock;
  private tokens: number;
  private last: number;

  constructor(opts: { qps: number; burst: number; clock: Clock }) {
    this.qps = opts.qps;
    this.burst = opts.burst;
    this.clock = opts.clock;
    this.tokens = opts.burst;
    this.last = opts.clock.now().getTime();
  }

  when(_key: string): number {
    const now = this.clock.now().getTime();
    const elapsed = Math.max(0, now - this.last);
    this.last = Math.max(now, this.last);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.qps) - 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.qps) * 1000);
  }

  forget(_key: string): void {}

  numRequeues(_key: string): number {
    return 0;
  }
}

/** The longest wait any of `limiters` asks for. */
export class MaxOfRateLimiter implements RateLimiter {
  constructor(private readonly limiters: readonly RateLimiter[]) {}

  when(key: string): number {
    return this.limiters.reduce((most, l) => Math.max(most, l.when(key)), 0);
  }

  forget(key: string): void {
    for (const l of this.limiters) l.forget(key);
  }

  numRequeues(key: string): number {
    return this.limiters.reduce((most, l) => Math.max(most, l.numRequeues(key)), 0);
  }
}

/** client-go's DefaultControllerRateLimiter. */
export function defaultControllerRateLimiter(clock: Clock): RateLimiter {
  return new MaxOfRateLimiter([
    new ExponentialFailureRateLimiter({ baseMs: 5, maxMs: 1000 * 1000 }),
    new BucketRateLimiter({ qps: 10, burst: 100, clock }),
  ]);
}
