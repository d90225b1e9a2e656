// Wiring for one replica kind (ReplicaSet or ReplicationController): the owners' and the pods'
// informers turn events into owner keys and feed the expectations; workers run syncReplicas.
// Handlers do no work beyond that (STYLE.md §2).
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import type { Informer } from '../../../shared/client/informer.js';
import { keyOf } from '../../../shared/client/object-key.js';
import { runWorkers } from '../../../shared/client/run-workers.js';
import { deletedObject, type Tombstone } from '../../../shared/client/store.js';
import { WorkQueue } from '../../../shared/client/workqueue.js';
import type { Controller, ControllerContext } from '../controller.js';
import { controllerOf } from '../common/controller-ref.js';
import { EventRecorder, eventSinkFrom } from '../../../shared/client/event-recorder.js';
import { ControllerExpectations } from '../common/expectations.js';
import { isPodReady } from '../common/pod-status.js';
import { replicaApiFrom } from './api.js';
import type { ReplicaKind } from './kind.js';
import { ownersSelecting, resolveControllerRef } from './pod-owners.js';
import { syncReplicas, type ReplicaDeps } from './sync.js';

export interface ReplicaControllerOptions {
  /** Objects synced at once (Kubernetes' --concurrent-replicaset-syncs: 5). */
  readonly workers?: number;
  /** Creates or deletes per sync (Kubernetes' BurstReplicas: 500). */
  readonly burst?: number;
}

const pods = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

export class ReplicaController implements Controller {
  readonly name: string;
  private readonly kind: ReplicaKind;
  private readonly log: ControllerContext['log'];
  private readonly owners: Informer<ApiObject>;
  private readonly pods: Informer<Pod>;
  private readonly queue: WorkQueue;
  private readonly expectations: ControllerExpectations;
  private readonly events: EventRecorder;
  private readonly deps: ReplicaDeps;
  private readonly workers: number;

  constructor(ctx: ControllerContext, kind: ReplicaKind, opts: ReplicaControllerOptions = {}) {
    this.name = kind.name;
    this.kind = kind;
    this.log = ctx.log.child({ controller: kind.name });
    this.owners = ctx.informers.informer<ApiObject>(kind.resource);
    this.pods = ctx.informers.informer<Pod>(pods);
    this.queue = new WorkQueue({ clock: ctx.clock });
    this.expectations = new ControllerExpectations({ clock: ctx.clock });
    this.events = new EventRecorder({ sink: eventSinkFrom(ctx.client), component: kind.component, clock: ctx.clock, log: this.log });
    this.workers = opts.workers ?? 5;
    this.deps = {
      kind, owners: this.owners.store, pods: this.pods.store, api: replicaApiFrom(ctx.client, kind),
      expectations: this.expectations, events: this.events, clock: ctx.clock, log: this.log,
      ...(opts.burst !== undefined ? { burst: opts.burst } : {}),
    };
  }

  async run(signal: AbortSignal): Promise<void> {
    this.owners.addHandlers({
      onAdd: (o) => this.queue.add(keyOf(o)),
      onUpdate: (_old, o) => this.queue.add(keyOf(o)),
      onDelete: (o) => {
        const key = keyOf(deletedObject(o));
        this.expectations.forget(key);
        this.queue.add(key);
      },
    });
    this.pods.addHandlers({
      onAdd: (p) => this.podAdded(p),
      onUpdate: (old, p) => this.podUpdated(old, p),
      onDelete: (p) => this.podDeleted(p),
    });
    if (!await this.owners.waitForSync(signal) || !await this.pods.waitForSync(signal)) return;
    await runWorkers({ queue: this.queue, workers: this.workers, sync: (key, s) => this.sync(key, s), log: this.log, signal });
    await this.events.flush();
  }

  private async sync(key: string, signal: AbortSignal): Promise<void> {
    const result = await syncReplicas(this.deps, key, signal);
    if (result.type === 'recheckAfter') this.queue.addAfter(key, result.ms);
  }

  /** The key of the cached owner `pod`'s controller reference names, if it is of this kind. */
  private ownerKey(pod: Pod): string | undefined {
    const ref = controllerOf(pod);
    if (ref === undefined) return undefined;
    const owner = resolveControllerRef(this.kind, this.owners.store, pod.metadata.namespace ?? '', ref);
    return owner === undefined ? undefined : keyOf(owner);
  }

  private minReadySeconds(key: string): number {
    const owner = this.owners.store.get(key);
    try {
      return owner === undefined ? 0 : this.kind.view(owner).minReadySeconds;
    } catch {
      return 0;                                            // an unparseable selector: its sync says so
    }
  }

  private enqueueSelecting(pod: Pod): void {
    for (const o of ownersSelecting(this.kind, this.owners.store, pod)) this.queue.add(keyOf(o));
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata.deletionTimestamp !== undefined) { this.podDeleted(pod); return; }
    if (controllerOf(pod) !== undefined) {
      const key = this.ownerKey(pod);
      if (key === undefined) return;
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    this.enqueueSelecting(pod);                            // an orphan: whoever selects it may adopt it
  }

  private podUpdated(old: Pod, pod: Pod): void {
    if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return;   // a resync
    const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {});
    if (pod.metadata.deletionTimestamp !== undefined && old.metadata.deletionTimestamp === undefined) {
      this.podDeleted(pod);                                // terminating counts as gone for the owner
      if (labelsChanged) this.podDeleted(old);
      return;
    }
    const oldRef = controllerOf(old);
    const ref = controllerOf(pod);
    if (oldRef !== undefined && oldRef.uid !== ref?.uid) {
      const oldKey = this.ownerKey(old);
      if (oldKey !== undefined) this.queue.add(oldKey);
    }
    if (ref !== undefined) {
      const key = this.ownerKey(pod);
      if (key === undefined) return;
      this.queue.add(key);
      const minReady = this.minReadySeconds(key);
      if (minReady > 0 && !isPodReady(old) && isPodReady(pod)) this.queue.addAfter(key, minReady * 1000 + 1);
      return;
    }
    if (labelsChanged || oldRef !== undefined) this.enqueueSelecting(pod);
  }

  private podDeleted(p: Pod | Tombstone<Pod>): void {
    const pod = deletedObject(p);
    const key = this.ownerKey(pod);
    if (key === undefined) return;
    this.expectations.deletionObserved(key, pod.metadata.uid ?? '');
    this.queue.add(key);
  }
}
