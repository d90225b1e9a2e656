// Wiring: services, pods and endpoints informers queue service keys ("namespace/name"); a pod
// event queues every service of its namespace whose selector matches its old or new labels.
// Workers sync one service at a time (sync.ts).
import type { Endpoints } from '../../../shared/api/core/v1/endpoints.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import type { Informer } from '../../../shared/client/informer.js';
import { keyOf } from '../../../shared/client/object-key.js';
import { runWorkers } from '../../../shared/client/run-workers.js';
import { deletedObject, namespaceIndex } from '../../../shared/client/store.js';
import { WorkQueue } from '../../../shared/client/workqueue.js';
import type { Controller, ControllerContext } from '../controller.js';
import { endpointsApiFrom } from './api.js';
import { podEndpointsChanged, selectingServices } from './pod-services.js';
import { syncEndpoints, type EndpointsDeps } from './sync.js';

export interface EndpointsControllerOptions {
  /** Services synced at once (Kubernetes' --concurrent-endpoint-syncs: 5). */
  readonly workers?: number;
}

const services = { group: '', version: 'v1', resource: 'services', namespaced: true } as const;
const pods = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const endpoints = { group: '', version: 'v1', resource: 'endpoints', namespaced: true } as const;

export class EndpointsController implements Controller {
  readonly name = 'endpoints';
  private readonly log: ControllerContext['log'];
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly queue: WorkQueue;
  private readonly deps: EndpointsDeps;
  private readonly workers: number;

  constructor(ctx: ControllerContext, opts: EndpointsControllerOptions = {}) {
    this.log = ctx.log.child({ controller: this.name });
    this.services = ctx.informers.informer<Service>(services);
    this.pods = ctx.informers.informer<Pod>(pods);
    this.endpoints = ctx.informers.informer<Endpoints>(endpoints);
    this.queue = new WorkQueue({ clock: ctx.clock });
    this.workers = opts.workers ?? 5;
    this.deps = {
      services: this.services.store, pods: this.pods.store, endpoints: this.endpoints.store,
      api: endpointsApiFrom(ctx.client), log: this.log,
    };
  }

  async run(signal: AbortSignal): Promise<void> {
    const byKey = (o: { metadata: Service['metadata'] }): void => this.queue.add(keyOf(o));
    this.services.addHandlers({ onAdd: byKey, onUpdate: (_old, svc) => byKey(svc), onDelete: (svc) => byKey(deletedObject(svc)) });
    this.endpoints.addHandlers({ onAdd: byKey, onUpdate: (_old, ep) => byKey(ep), onDelete: (ep) => byKey(deletedObject(ep)) });
    this.pods.addHandlers({
      onAdd: (pod) => this.enqueueServicesOf(pod),
      onUpdate: (old, pod) => { if (podEndpointsChanged(old, pod)) this.enqueueServicesOf(pod, old); },
      onDelete: (pod) => this.enqueueServicesOf(deletedObject(pod)),
    });
    if (!await this.services.waitForSync(signal) || !await this.pods.waitForSync(signal) || !await this.endpoints.waitForSync(signal)) return;
    await runWorkers({ queue: this.queue, workers: this.workers, sync: (key, s) => syncEndpoints(this.deps, key, s), log: this.log, signal });
  }

  private enqueueServicesOf(pod: Pod, old?: Pod): void {
    const inNamespace = this.services.store.byIndex(namespaceIndex, pod.metadata.namespace ?? '');
    for (const key of selectingServices(inNamespace, [pod.metadata.labels, old?.metadata.labels])) this.queue.add(key);
  }
}
