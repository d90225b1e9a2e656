// Wiring: the namespaces informer queues every namespace being deleted; workers sync one at a
// time (sync.ts). While content remains the namespace comes back with a growing delay, capped
// by the estimate Kubernetes uses (half the time the content should take, plus a second).
import type { Namespace } from '../../../shared/api/core/v1/namespace.js';
import type { Informer } from '../../../shared/client/informer.js';
import { BucketRateLimiter, ExponentialFailureRateLimiter, MaxOfRateLimiter } from '../../../shared/client/rate-limiter.js';
import { runWorkers } from '../../../shared/client/run-workers.js';
import { WorkQueue } from '../../../shared/client/workqueue.js';
import type { Controller, ControllerContext } from '../controller.js';
import { namespaceApiFrom } from './api.js';
import { namespacedResources } from './resources.js';
import { syncNamespace, type NamespaceDeps } from './sync.js';

export interface NamespaceControllerOptions {
  /** Namespaces deleted at once (Kubernetes' --concurrent-namespace-syncs: 10). */
  readonly workers?: number;
}

const namespaces = { group: '', version: 'v1', resource: 'namespaces', namespaced: false } as const;

export class NamespaceController implements Controller {
  readonly name = 'namespace';
  private readonly log: ControllerContext['log'];
  private readonly informer: Informer<Namespace>;
  private readonly queue: WorkQueue;
  /** Per namespace: the growing wait while content remains (reset once it is done). */
  private readonly remaining = new ExponentialFailureRateLimiter({ baseMs: 100, maxMs: 60_000 });
  private readonly deps: NamespaceDeps;
  private readonly workers: number;

  constructor(ctx: ControllerContext, opts: NamespaceControllerOptions = {}) {
    this.log = ctx.log.child({ controller: this.name });
    this.informer = ctx.informers.informer<Namespace>(namespaces);
    // As Kubernetes: failures retried at least every minute.
    this.queue = new WorkQueue({
      clock: ctx.clock,
      rateLimiter: new MaxOfRateLimiter([
        new ExponentialFailureRateLimiter({ baseMs: 5, maxMs: 60_000 }),
        new BucketRateLimiter({ qps: 10, burst: 100, clock: ctx.clock }),
      ]),
    });
    this.workers = opts.workers ?? 10;
    this.deps = {
      namespaces: this.informer.store, resources: namespacedResources(), api: namespaceApiFrom(ctx.client),
      clock: ctx.clock, log: this.log,
    };
  }

  async run(signal: AbortSignal): Promise<void> {
    const enqueue = (ns: Namespace): void => {
      if (ns.metadata.deletionTimestamp !== undefined) this.queue.add(ns.metadata.name ?? '');
    };
    this.informer.addHandlers({ onAdd: enqueue, onUpdate: (_old, ns) => enqueue(ns) });
    if (!await this.informer.waitForSync(signal)) return;
    await runWorkers({ queue: this.queue, workers: this.workers, sync: (key, s) => this.sync(key, s), log: this.log, signal });
  }

  private async sync(name: string, signal: AbortSignal): Promise<void> {
    const result = await syncNamespace(this.deps, name, signal);
    switch (result.type) {
      case 'done':
        this.remaining.forget(name);
        return;
      case 'contentRemaining': {
        const capMs = (Math.floor(result.estimateSeconds / 2) + 1) * 1000;
        this.queue.addAfter(name, Math.min(this.remaining.when(name), capMs));
        return;
      }
      default: {
        const never: never = result;
        throw new Error(`unknown result ${JSON.stringify(never)}`);
      }
    }
  }
}
