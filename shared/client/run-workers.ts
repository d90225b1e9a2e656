// The worker loop every controller runs (STYLE.md §2): pop a key, sync it, forget its backoff
// on success or requeue it with backoff on failure, and always mark it done.
import type { ClientLog } from './client-log.js';
import type { WorkQueue } from './workqueue.js';

export type SyncFn = (key: string, signal: AbortSignal) => Promise<void>;

export interface RunWorkersOptions {
  readonly queue: WorkQueue;
  readonly workers: number;
  readonly sync: SyncFn;
  readonly log: Pick<ClientLog, 'warn'>;
  readonly signal: AbortSignal;
}

/** Runs `workers` loops until `signal` aborts or the queue is shut down and drained. */
export async function runWorkers(opts: RunWorkersOptions): Promise<void> {
  const { queue: q, sync, log, signal } = opts;
  const worker = async (): Promise<void> => {
    for (let key = await q.get(signal); key !== undefined; key = await q.get(signal)) {
      try {
        await sync(key, signal);
        q.forget(key);
      } catch (err) {
        if (!signal.aborted) log.warn({ err, key }, 'Sync failed');
        q.addRateLimited(key);
      } finally {
        q.done(key);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.workers) }, worker));
}
