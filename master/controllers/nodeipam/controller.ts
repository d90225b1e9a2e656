// Wiring: the nodes informer queues nodes that have no pod CIDR, whose CIDR changed, or that
// were deleted. Before any worker runs, the CIDRs nodes already have are recorded (oldest node
// first), so a restart hands out nothing that is in use. A node waiting for a free CIDR comes
// back with a growing delay, and at once when a deleted node frees one.
import type { Node } from '../../../shared/api/core/v1/node.js';
import type { Informer } from '../../../shared/client/informer.js';
import { ExponentialFailureRateLimiter } from '../../../shared/client/rate-limiter.js';
import { runWorkers } from '../../../shared/client/run-workers.js';
import { deletedObject } from '../../../shared/client/store.js';
import { WorkQueue } from '../../../shared/client/workqueue.js';
import { EventRecorder, eventSinkFrom } from '../../../shared/client/event-recorder.js';
import type { Controller, ControllerContext } from '../controller.js';
import { nodeIpamApiFrom } from './api.js';
import { NodeCidrs } from './node-cidrs.js';
import { podCidrOf, recordExisting, syncNode, type NodeIpamDeps } from './sync.js';

export interface NodeIpamControllerOptions {
  /** --cluster-cidr, e.g. 10.244.0.0/16 (IPv4). */
  readonly clusterCIDR: string;
  /** --node-cidr-mask-size, e.g. 24. */
  readonly nodeCIDRMaskSize: number;
}

const nodes = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;

export class NodeIpamController implements Controller {
  readonly name = 'nodeipam';
  private readonly log: ControllerContext['log'];
  private readonly informer: Informer<Node>;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly deps: NodeIpamDeps;
  /** Per node waiting for a CIDR: 1 s doubling to a minute. */
  private readonly waiting = new ExponentialFailureRateLimiter({ baseMs: 1000, maxMs: 60_000 });

  /** Throws when the cluster CIDR or mask size is unusable. */
  constructor(ctx: ControllerContext, opts: NodeIpamControllerOptions) {
    this.log = ctx.log.child({ controller: this.name });
    this.informer = ctx.informers.informer<Node>(nodes);
    this.queue = new WorkQueue({ clock: ctx.clock });
    this.recorder = new EventRecorder({ sink: eventSinkFrom(ctx.client), component: 'cidrAllocator', clock: ctx.clock, log: this.log });
    this.deps = {
      nodes: this.informer.store, cidrs: new NodeCidrs(opts.clusterCIDR, opts.nodeCIDRMaskSize),
      api: nodeIpamApiFrom(ctx.client), events: this.recorder, log: this.log, reported: new Set(),
    };
  }

  async run(signal: AbortSignal): Promise<void> {
    const add = (n: Node): void => this.queue.add(n.metadata.name ?? '');
    this.informer.addHandlers({
      onAdd: add,
      onUpdate: (old, n) => { if (podCidrOf(n) === undefined || podCidrOf(n) !== podCidrOf(old)) add(n); },
      onDelete: (n) => add(deletedObject(n)),
    });
    if (!await this.informer.waitForSync(signal)) return;
    this.rebuild();
    // One worker: allocation is synchronous anyway, and nodes get CIDRs in the order they came.
    await runWorkers({ queue: this.queue, workers: 1, sync: (name, s) => this.sync(name, s), log: this.log, signal });
    await this.recorder.flush();
  }

  /** Records the CIDRs nodes have, oldest node first: of two nodes claiming one, the older keeps it. */
  private rebuild(): void {
    const byAge = this.informer.store.list().sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    let recorded = 0;
    for (const n of byAge) {
      const cidr = podCidrOf(n);
      if (cidr === undefined) continue;
      recordExisting(this.deps, n.metadata.name ?? '', cidr);
      recorded++;
    }
    this.log.info({ nodes: byAge.length, withCIDR: recorded, clusterCIDR: this.deps.cidrs.clusterCIDR }, 'Recorded pod CIDRs of existing nodes');
  }

  private async sync(name: string, signal: AbortSignal): Promise<void> {
    const result = await syncNode(this.deps, name, signal);
    switch (result.type) {
      case 'done':
        this.waiting.forget(name);
        return;
      case 'released':
        for (const n of this.informer.store.list()) if (podCidrOf(n) === undefined) this.queue.add(n.metadata.name ?? '');
        return;
      case 'rangeFull':
        this.queue.addAfter(name, this.waiting.when(name));
        return;
      default: {
        const never: never = result;
        throw new Error(`unknown result ${JSON.stringify(never)}`);
      }
    }
  }
}
