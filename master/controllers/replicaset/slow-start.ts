// Kubernetes' slowStartBatch (pkg/controller/replicaset/replica_set.go): calls `fn` `count`
// times in batches of 1, 2, 4, … run concurrently, and stops after the first batch with a
// failure. A template that cannot make pods fails once, not `count` times.

export interface BatchOutcome {
  /** Calls that succeeded. */
  readonly successes: number;
  /** The first failure, if any; the calls after its batch were never made. */
  readonly error?: unknown;
}

export async function slowStartBatch(count: number, initialBatchSize: number, fn: () => Promise<void>): Promise<BatchOutcome> {
  let remaining = count;
  let successes = 0;
  for (let size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: size }, () => fn()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += results.filter((r) => r.status === 'fulfilled').length;
    if (failed !== undefined) return { successes, error: failed.reason };
    remaining -= size;
  }
  return { successes };
}
