// Exponential backoff with jitter for list/watch failures (client-go's reflector: 800 ms,
// doubling, capped at 30 s, up to 100% jitter).

export interface BackoffOptions {
  readonly initialMs?: number;
  readonly maxMs?: number;
  readonly factor?: number;
  /** Each delay is stretched by up to this fraction of itself, at random. */
  readonly jitter?: number;
  /** A number in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly random: () => number;
  private failures = 0;

  constructor(opts: BackoffOptions = {}) {
    this.initialMs = opts.initialMs ?? 800;
    this.maxMs = opts.maxMs ?? 30_000;
    this.factor = opts.factor ?? 2;
    this.jitter = opts.jitter ?? 1;
    this.random = opts.random ?? Math.random;
  }

  /** The delay before the next attempt; each call counts one more failure. */
  next(): number {
    const base = Math.min(this.initialMs * this.factor ** this.failures, this.maxMs);
    this.failures++;
    return Math.round(base * (1 + this.jitter * this.random()));
  }

  reset(): void {
    this.failures = 0;
  }
}
