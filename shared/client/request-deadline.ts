// The time limit of RestClient.request: one timer per request, no AbortController.
import { sleep, type TimerClock } from './timers.js';

/**
 * The time limit of one request(), retries and the answer's body included: one timer that, when
 * it fires, destroys the HTTP request under way (and with it the response being read) or ends
 * a retry wait. Cheaper than an AbortController per request, which the scheduler's bindings felt.
 */
export class RequestDeadline {
  timedOut = false;
  private readonly cancel: () => void;
  /** What the deadline ends when it passes: the request under way or the retry wait. */
  private onTimeout: (() => void) | undefined;

  constructor(private readonly clock: TimerClock, private readonly ms: number) {
    this.cancel = clock.setTimer(ms, () => {
      this.timedOut = true;
      this.onTimeout?.();
    });
  }

  /** `r` is the request now under way: the deadline destroys it if it passes. */
  interrupt(r: { destroy(err: Error): void }): void {
    const end = (): void => { r.destroy(new Error(`timed out after ${this.ms} ms`)); };
    if (this.timedOut) end(); else this.onTimeout = end;
  }

  /** A retry wait that ends early when the deadline passes or `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (this.timedOut) return Promise.resolve();
    const wake = new AbortController();
    const onAbort = (): void => wake.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.onTimeout = onAbort;
    return sleep(this.clock, ms, wake.signal).finally(() => signal.removeEventListener('abort', onAbort));
  }

  dispose(): void {
    this.cancel();
    this.onTimeout = undefined;
  }
}
