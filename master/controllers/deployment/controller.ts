// Wiring: informers for Deployments, ReplicaSets and pods; handlers only map an event to the
// `namespace/name` of the Deployment it concerns (a ReplicaSet → its controller, or for an
// orphan every Deployment selecting it; a deleted pod of a Recreate Deployment → that
// Deployment, which waits for its old pods to be gone); workers run syncDeployment.
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { selectorFromLabelSelector } from '../../../shared/api/labels/selector.js';
import type { OwnerReference } from '../../../shared/api/meta.js';
import type { Informer } from '../../../shared/client/informer.js';
import { keyOf } from '../../../shared/client/object-key.js';
import { runWorkers } from '../../../shared/client/run-workers.js';
import { deletedObject, namespaceIndex, type Tombstone } from '../../../shared/client/store.js';
import { WorkQueue } from '../../../shared/client/workqueue.js';
import { controllerOf } from '../common/controller-ref.js';
import { EventRecorder, eventSinkFrom } from '../../../shared/client/event-recorder.js';
import type { Controller, ControllerContext } from '../controller.js';
import { deploymentApiFrom } from './api.js';
import { syncDeployment, type DeploymentDeps } from './sync.js';

export interface DeploymentControllerOptions {
  /** Deployments synced at once (Kubernetes' --concurrent-deployment-syncs: 5). */
  readonly workers?: number;
}

const deployments = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true } as const;
const replicaSets = { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true } as const;
const pods = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

export class DeploymentController implements Controller {
  readonly name = 'deployment';
  private readonly log: ControllerContext['log'];
  private readonly dInformer: Informer<Deployment>;
  private readonly rsInformer: Informer<ReplicaSet>;
  private readonly podInformer: Informer<Pod>;
  private readonly queue: WorkQueue;
  private readonly events: EventRecorder;
  private readonly deps: DeploymentDeps;
  private readonly workers: number;

  constructor(ctx: ControllerContext, opts: DeploymentControllerOptions = {}) {
    this.log = ctx.log.child({ controller: this.name });
    this.dInformer = ctx.informers.informer<Deployment>(deployments);
    this.rsInformer = ctx.informers.informer<ReplicaSet>(replicaSets);
    this.podInformer = ctx.informers.informer<Pod>(pods);
    this.queue = new WorkQueue({ clock: ctx.clock });
    this.workers = opts.workers ?? 5;
    this.events = new EventRecorder({ sink: eventSinkFrom(ctx.client), component: 'deployment-controller', clock: ctx.clock, log: this.log });
    this.deps = {
      deployments: this.dInformer.store, replicaSets: this.rsInformer.store, pods: this.podInformer.store,
      api: deploymentApiFrom(ctx.client), events: this.events, clock: ctx.clock, log: this.log,
      enqueueAfter: (key, ms) => this.queue.addAfter(key, ms),
    };
  }

  async run(signal: AbortSignal): Promise<void> {
    const enqueue = (d: Deployment): void => this.queue.add(keyOf(d));
    this.dInformer.addHandlers({
      onAdd: enqueue,
      onUpdate: (_old, d) => enqueue(d),
      onDelete: (d) => enqueue(deletedObject(d)),
    });
    this.rsInformer.addHandlers({
      onAdd: (rs) => this.replicaSetAdded(rs),
      onUpdate: (old, rs) => this.replicaSetUpdated(old, rs),
      onDelete: (rs) => this.replicaSetDeleted(rs),
    });
    this.podInformer.addHandlers({ onDelete: (pod) => this.podDeleted(pod) });
    // Shutting the queue down drops the delayed adds (progress checks up to the deadline away).
    const shutDown = (): void => this.queue.shutDown();
    signal.addEventListener('abort', shutDown, { once: true });
    try {
      for (const inf of [this.dInformer, this.rsInformer, this.podInformer]) if (!await inf.waitForSync(signal)) return;
      await runWorkers({ queue: this.queue, workers: this.workers, sync: (key, s) => syncDeployment(this.deps, key, s), log: this.log, signal });
      await this.events.flush();
    } finally {
      signal.removeEventListener('abort', shutDown);
      this.queue.shutDown();
    }
  }

  /** The cached Deployment `ref` names in `namespace`, if it is still that object (resolveControllerRef). */
  private resolve(namespace: string, ref: OwnerReference | undefined): Deployment | undefined {
    if (ref === undefined || ref.kind !== 'Deployment') return undefined;
    const d = this.dInformer.store.get(`${namespace}/${ref.name}`);
    return d !== undefined && d.metadata.uid === ref.uid ? d : undefined;
  }

  /** Every Deployment of the namespace whose selector matches the ReplicaSet's labels (getDeploymentsForReplicaSet). */
  private selecting(rs: ReplicaSet): Deployment[] {
    return this.dInformer.store.byIndex(namespaceIndex, rs.metadata.namespace ?? '').filter((d) => {
      try {
        const sel = selectorFromLabelSelector(d.spec?.selector);
        return !sel.isEmpty() && sel.matches(rs.metadata.labels);
      } catch {
        return false;
      }
    });
  }

  private enqueueOwnerOf(rs: ReplicaSet): boolean {
    const ref = controllerOf(rs);
    if (ref === undefined) return false;
    const d = this.resolve(rs.metadata.namespace ?? '', ref);
    if (d !== undefined) this.queue.add(keyOf(d));
    return true;
  }

  private replicaSetAdded(rs: ReplicaSet): void {
    if (this.enqueueOwnerOf(rs)) return;
    for (const d of this.selecting(rs)) this.queue.add(keyOf(d));
  }

  private replicaSetUpdated(old: ReplicaSet, rs: ReplicaSet): void {
    if (old.metadata.resourceVersion === rs.metadata.resourceVersion) return;
    const oldRef = controllerOf(old);
    const ref = controllerOf(rs);
    const refChanged = JSON.stringify(oldRef) !== JSON.stringify(ref);
    if (refChanged && oldRef !== undefined) this.enqueueOwnerOf(old);
    if (this.enqueueOwnerOf(rs)) return;
    if (refChanged || JSON.stringify(old.metadata.labels) !== JSON.stringify(rs.metadata.labels)) {
      for (const d of this.selecting(rs)) this.queue.add(keyOf(d));
    }
  }

  private replicaSetDeleted(obj: ReplicaSet | Tombstone<ReplicaSet>): void {
    this.enqueueOwnerOf(deletedObject(obj));
  }

  private podDeleted(obj: Pod | Tombstone<Pod>): void {
    const pod = deletedObject(obj);
    const ns = pod.metadata.namespace ?? '';
    const ref = controllerOf(pod);
    if (ref === undefined || ref.kind !== 'ReplicaSet') return;
    const rs = this.rsInformer.store.get(`${ns}/${ref.name}`);
    if (rs === undefined || rs.metadata.uid !== ref.uid) return;
    const d = this.resolve(ns, controllerOf(rs));
    if (d !== undefined && d.spec?.strategy?.type === 'Recreate') this.queue.add(keyOf(d));
  }
}
