// Wiring: services, pods and endpointslices informers queue service keys; a pod event queues
// the services of its namespace that select its old or new labels, a slice event the service
// it is labelled with (only slices we manage). Workers sync one service at a time (sync.ts).
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import type { Informer } from '../../../shared/client/informer.js';
import { keyOf } from '../../../shared/client/object-key.js';
import { runWorkers } from '../../../shared/client/run-workers.js';
import { deletedObject, namespaceIndex } from '../../../shared/client/store.js';
import { WorkQueue } from '../../../shared/client/workqueue.js';
import type { Controller, ControllerContext } from '../controller.js';
import { podEndpointsChanged, selectingServices } from '../endpoints/pod-services.js';
import { endpointSlices, sliceApiFrom } from './api.js';
import { controllerName, managedByLabel, serviceNameLabel } from './reconcile.js';
import { syncSlices, type SliceDeps } from './sync.js';
import { SliceTracker } from './tracker.js';

export interface EndpointSliceControllerOptions {
  /** Kubernetes' --concurrent-service-endpoint-syncs: 5. */
  readonly workers?: number;
  /** Kubernetes' --max-endpoints-per-slice: 100. */
  readonly maxEndpointsPerSlice?: number;
}

const services = { group: '', version: 'v1', resource: 'services', namespaced: true } as const;
const pods = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
/** A sync that found the cache behind comes back after this long, unless a slice event brings it sooner. */
const staleRetryMs = 1000;

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice';
  private readonly log: ControllerContext['log'];
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly queue: WorkQueue;
  private readonly deps: SliceDeps;
  private readonly workers: number;

  constructor(ctx: ControllerContext, opts: EndpointSliceControllerOptions = {}) {
    this.log = ctx.log.child({ controller: this.name });
    this.services = ctx.informers.informer<Service>(services);
    this.pods = ctx.informers.informer<Pod>(pods);
    this.slices = ctx.informers.informer<EndpointSlice>(endpointSlices);
    this.queue = new WorkQueue({ clock: ctx.clock });
    this.workers = opts.workers ?? 5;
    this.deps = {
      services: this.services.store, pods: this.pods.store, slices: this.slices.store,
      api: sliceApiFrom(ctx.client), tracker: new SliceTracker(),
      maxEndpointsPerSlice: opts.maxEndpointsPerSlice ?? 100, log: this.log,
    };
  }

  async run(signal: AbortSignal): Promise<void> {
    const service = (svc: Service): void => this.queue.add(keyOf(svc));
    this.services.addHandlers({ onAdd: service, onUpdate: (_old, svc) => service(svc), onDelete: (svc) => service(deletedObject(svc)) });
    const slice = (s: EndpointSlice): void => {
      const owner = s.metadata.labels?.[serviceNameLabel];
      if (owner !== undefined && s.metadata.labels?.[managedByLabel] === controllerName) this.queue.add(`${s.metadata.namespace ?? ''}/${owner}`);
    };
    this.slices.addHandlers({
      onAdd: slice, onUpdate: (old, s) => { slice(old); slice(s); }, onDelete: (s) => slice(deletedObject(s)),
    });
    this.pods.addHandlers({
      onAdd: (pod) => this.enqueueServicesOf(pod),
      onUpdate: (old, pod) => { if (podEndpointsChanged(old, pod)) this.enqueueServicesOf(pod, old); },
      onDelete: (pod) => this.enqueueServicesOf(deletedObject(pod)),
    });
    if (!await this.services.waitForSync(signal) || !await this.pods.waitForSync(signal) || !await this.slices.waitForSync(signal)) return;
    await runWorkers({ queue: this.queue, workers: this.workers, sync: (key, s) => this.sync(key, s), log: this.log, signal });
  }

  private async sync(key: string, signal: AbortSignal): Promise<void> {
    const result = await syncSlices(this.deps, key, signal);
    switch (result.type) {
      case 'done':
        return;
      case 'staleCache':
        this.queue.addAfter(key, staleRetryMs);
        return;
      default: {
        const never: never = result;
        throw new Error(`unknown result ${JSON.stringify(never)}`);
      }
    }
  }

  private enqueueServicesOf(pod: Pod, old?: Pod): void {
    const inNamespace = this.services.store.byIndex(namespaceIndex, pod.metadata.namespace ?? '');
    for (const key of selectingServices(inNamespace, [pod.metadata.labels, old?.metadata.labels])) this.queue.add(key);
  }
}
