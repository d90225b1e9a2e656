// A counting semaphore: at most `limit` holders at once, the others wait in order (a queue
// with a moving head, so tens of thousands of waiters cost no array shifting).

export class Semaphore {
  private held = 0;
  private waiting: ((() => void) | undefined)[] = [];
  private head = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new Error(`a semaphore needs a limit of at least 1, not ${limit}`);
  }

  /** Runs `fn` once a slot is free. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.held >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.held++;
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /** Resolves when nothing holds a slot or waits for one. */
  idle(): Promise<void> {
    if (this.held === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private release(): void {
    const next = this.waiting[this.head];
    if (next !== undefined) {
      this.waiting[this.head++] = undefined;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      next();
      return;
    }
    this.held--;
    if (this.held === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
