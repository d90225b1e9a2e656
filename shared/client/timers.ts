// Time for the client runtime: a Clock that can also set timers, so queues, informers and
// leader election run on an injected clock (FakeClock in tests, systemTimerClock in processes).
import type { Clock } from '../util/time.js';

export interface TimerClock extends Clock {
  /** Calls `fn` once after `ms` milliseconds; the result cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemTimerClock: TimerClock = {
  now: () => new Date(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(t);
  },
};

/** Resolves after `ms` on `clock`, or at once when `signal` aborts (it never rejects). */
export function sleep(clock: TimerClock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      cancel();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const cancel = clock.setTimer(ms, done);
    signal.addEventListener('abort', done, { once: true });
  });
}

export interface Deadline {
  /** Aborts when the parent does or when the time is up. */
  readonly signal: AbortSignal;
  /** True when the time ran out (and the parent did not abort). */
  timedOut(): boolean;
  /** Drops the timer and the listener on the parent. */
  dispose(): void;
}

/** `parent` plus a timeout of `ms` on `clock` (0: none). Call dispose() when done. */
export function withDeadline(parent: AbortSignal, clock: TimerClock, ms: number): Deadline {
  const ac = new AbortController();
  let timedOut = false;
  const onAbort = (): void => ac.abort(parent.reason);
  if (parent.aborted) onAbort(); else parent.addEventListener('abort', onAbort, { once: true });
  const cancel = ms > 0 ? clock.setTimer(ms, () => { timedOut = true; ac.abort(new Error(`timed out after ${ms} ms`)); }) : () => {};
  return {
    signal: ac.signal,
    timedOut: () => timedOut && !parent.aborted,
    dispose: () => { cancel(); parent.removeEventListener('abort', onAbort); },
  };
}
