// Restart back-off per container (Kubernetes' CrashLoopBackOff): the first restart is
// immediate; while a container keeps failing, each next restart waits twice as long as the
// one before, from 10 s up to 5 min; a container that ran for 10 min starts over at 10 s.

export const initialBackoffMs = 10_000;
export const maxBackoffMs = 300_000;
export const resetAfterRunningMs = 600_000;

export class CrashBackoff {
  private readonly delays = new Map<string, number>();

  /** Milliseconds still to wait before restarting the container that finished at `finishedAt`; 0: go. */
  remaining(key: string, finishedAt: Date | undefined, ranMs: number, now: Date): number {
    if (ranMs >= resetAfterRunningMs) this.delays.delete(key);
    const delay = this.delays.get(key);
    if (delay === undefined || finishedAt === undefined) return 0;
    return Math.max(0, finishedAt.getTime() + delay - now.getTime());
  }

  /** A restart happens now: the next one waits longer. */
  restarted(key: string): void {
    const d = this.delays.get(key);
    this.delays.set(key, d === undefined ? initialBackoffMs : Math.min(maxBackoffMs, d * 2));
  }

  /** The current delay of `key`, for the CrashLoopBackOff message. */
  delay(key: string): number {
    return this.delays.get(key) ?? 0;
  }

  /** Forgets every key of the pod `uid` (the pod is gone). */
  forgetPod(uid: string): void {
    for (const k of this.delays.keys()) if (k.startsWith(`${uid}/`)) this.delays.delete(k);
  }
}

/**
 * Image pull back-off: after a failed pull the container shows ErrImagePull, then
 * ImagePullBackOff until the wait is over (10 s doubling to 5 min), then the pull is tried again.
 */
export class PullBackoff {
  private readonly failures = new Map<string, { at: number; delayMs: number }>();

  waiting(key: string, now: Date): boolean {
    const f = this.failures.get(key);
    return f !== undefined && now.getTime() < f.at + f.delayMs;
  }

  failed(key: string, now: Date): void {
    const f = this.failures.get(key);
    this.failures.set(key, { at: now.getTime(), delayMs: f === undefined ? initialBackoffMs : Math.min(maxBackoffMs, f.delayMs * 2) });
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }

  forgetPod(uid: string): void {
    for (const k of this.failures.keys()) if (k.startsWith(`${uid}/`)) this.failures.delete(k);
  }
}
