// Wiring: one shared informer per watched resource; handlers keep the dependency graph current
// and queue the uids each change concerns; workers sync one uid at a time (sync.ts).
import type { ApiObject } from '../../../shared/api/meta.js';
import type { Informer } from '../../../shared/client/informer.js';
import { runWorkers } from '../../../shared/client/run-workers.js';
import { deletedObject } from '../../../shared/client/store.js';
import { WorkQueue } from '../../../shared/client/workqueue.js';
import type { Controller, ControllerContext } from '../controller.js';
import { AbsentOwnerCache } from './absent-owners.js';
import { gcApiFrom } from './api.js';
import { DependencyGraph } from './graph.js';
import { gcResources, type GcResource } from './resources.js';
import { syncItem, type GcDeps } from './sync.js';

export interface GarbageCollectorOptions {
  /** Workers syncing objects at once (Kubernetes' --concurrent-gc-syncs: 20). */
  readonly workers?: number;
}

interface Watched {
  readonly resource: GcResource;
  readonly informer: Informer<ApiObject>;
}

export class GarbageCollector implements Controller {
  readonly name = 'garbagecollector';
  private readonly log: ControllerContext['log'];
  private readonly queue: WorkQueue;
  private readonly graph = new DependencyGraph();
  private readonly watched: readonly Watched[];
  private readonly deps: GcDeps;
  private readonly workers: number;

  constructor(ctx: ControllerContext, opts: GarbageCollectorOptions = {}) {
    this.log = ctx.log.child({ controller: this.name });
    this.queue = new WorkQueue({ clock: ctx.clock });
    this.workers = opts.workers ?? 20;
    const resources = gcResources();
    this.watched = resources.map((resource) => ({ resource, informer: ctx.informers.informer<ApiObject>(resource) }));
    this.deps = {
      graph: this.graph, resources, api: gcApiFrom(ctx.client), absentOwners: new AbsentOwnerCache(),
      clock: ctx.clock, log: this.log, enqueue: (uid) => this.queue.add(uid), concurrency: 10,
    };
  }

  async run(signal: AbortSignal): Promise<void> {
    for (const { resource, informer } of this.watched) {
      informer.addHandlers({
        onAdd: (obj) => this.enqueue(this.graph.observe(resource, obj)),
        onUpdate: (old, obj) => {
          if (old.metadata.uid !== obj.metadata.uid) this.enqueue(this.graph.remove(old));
          this.enqueue(this.graph.observe(resource, obj));
        },
        onDelete: (obj) => this.enqueue(this.graph.remove(deletedObject(obj))),
      });
    }
    for (const w of this.watched) if (!await w.informer.waitForSync(signal)) return;   // one at a time: one abort listener
    this.log.info({ resources: this.watched.length, objects: this.graph.size }, 'Dependency graph synced');
    await runWorkers({ queue: this.queue, workers: this.workers, sync: (uid, s) => syncItem(this.deps, uid, s), log: this.log, signal });
  }

  private enqueue(uids: readonly string[]): void {
    for (const uid of uids) this.queue.add(uid);
  }
}
