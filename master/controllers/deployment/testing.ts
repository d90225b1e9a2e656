// For tests: Deployments, ReplicaSets and pods as the apiserver would store them, caches filled
// from them, and a DeploymentApi that records every write and answers like the apiserver
// (resourceVersion preconditions; a write bumps the resourceVersion).
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import type { Event } from '../../../shared/api/core/v1/event.js';
import type { Pod, PodTemplateSpec } from '../../../shared/api/core/v1/pod.js';
import { StatusError } from '../../../shared/api/errors.js';
import { FakeClock } from '../../../shared/client/fake-clock.js';
import { ownerUidIndex } from '../../../shared/client/informer-factory.js';
import { keyOf } from '../../../shared/client/object-key.js';
import { Store } from '../../../shared/client/store.js';
import { recordingLog } from '../../../shared/client/test-log.js';
import { newControllerRef } from '../common/controller-ref.js';
import { EventRecorder } from '../../../shared/client/event-recorder.js';
import { computePodTemplateHash } from '../common/pod-template.js';
import type { DeploymentApi } from './api.js';
import { podTemplateHashLabel } from './replica-sets.js';
import { deploymentGvk, replicaSetGvk } from './scope.js';
import type { DeploymentDeps } from './sync.js';

export const template = (image: string, labels: Record<string, string> = { app: 'web' }): PodTemplateSpec => ({
  metadata: { labels }, spec: { containers: [{ name: 'main', image }] },
});

export function deployment(spec: Partial<NonNullable<Deployment['spec']>> = {}, extra: Partial<Deployment> = {}): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd-1', resourceVersion: '5', generation: 1, ...extra.metadata },
    spec: {
      replicas: 10, selector: { matchLabels: { app: 'web' } }, template: template('toolbox:1'),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10, progressDeadlineSeconds: 600, ...spec,
    },
    status: extra.status ?? {},
  };
}

export interface RsShape {
  readonly image: string;
  readonly replicas: number;
  readonly available?: number;
  /** status.replicas; default: replicas. */
  readonly actual?: number;
  readonly revision?: number;
  readonly created?: string;
  readonly annotations?: Record<string, string>;
  readonly owner?: Deployment | null;
}

/** A ReplicaSet of `d` for `image`, named by its hash as the controller names them. */
export function replicaSet(d: Deployment, s: RsShape): ReplicaSet {
  const t = template(s.image);
  const hash = computePodTemplateHash(t);
  const labels = { app: 'web', [podTemplateHashLabel]: hash };
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: `web-${hash}`, namespace: 'default', uid: `rs-${s.image}`, resourceVersion: '7', generation: 1,
      creationTimestamp: s.created ?? '2026-11-25T05:00:00Z', labels,
      annotations: {
        ...(s.revision !== undefined ? { 'deployment.kubernetes.io/revision': String(s.revision) } : {}),
        ...s.annotations,
      },
      ...(s.owner === null ? {} : { ownerReferences: [newControllerRef(s.owner ?? d, deploymentGvk)] }),
    },
    spec: {
      replicas: s.replicas, minReadySeconds: 0,
      selector: { matchLabels: labels }, template: { ...t, metadata: { labels } },
    },
    status: {
      replicas: s.actual ?? s.replicas, readyReplicas: s.available ?? s.replicas,
      availableReplicas: s.available ?? s.replicas, observedGeneration: 1,
    },
  };
}

export function pod(rs: ReplicaSet, name: string, extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `pod-${name}`, labels: rs.metadata.labels, ownerReferences: [newControllerRef(rs, replicaSetGvk)], ...extra },
    spec: { containers: [{ name: 'main', image: 'x' }] },
    status: { phase: 'Running' },
  };
}

export type Write =
  | { readonly verb: 'createReplicaSet'; readonly rs: ReplicaSet }
  | { readonly verb: 'updateReplicaSet'; readonly rs: ReplicaSet }
  | { readonly verb: 'deleteReplicaSet'; readonly name: string; readonly uid: string }
  | { readonly verb: 'patchReplicaSet'; readonly name: string; readonly body: unknown }
  | { readonly verb: 'updateDeployment'; readonly d: Deployment }
  | { readonly verb: 'updateDeploymentStatus'; readonly d: Deployment };

const bump = (rv: string | undefined): string => String(Number(rv ?? '0') + 1);

/** Records writes; checks resourceVersions against the objects it was given (`stored`). */
export class FakeDeploymentApi implements DeploymentApi {
  readonly writes: Write[] = [];
  readonly stored = new Map<string, { metadata: { resourceVersion?: string } }>();
  failCreate: StatusError | undefined;

  private precondition(kind: string, key: string, rv: string | undefined): void {
    const cur = this.stored.get(`${kind}/${key}`);
    if (cur !== undefined && rv !== undefined && cur.metadata.resourceVersion !== rv) {
      throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${kind} "${key}": the object has been modified`);
    }
  }

  private save<T extends { metadata: { resourceVersion?: string; namespace?: string; name?: string } }>(kind: string, obj: T): T {
    const saved = structuredClone(obj);
    saved.metadata.resourceVersion = bump(this.stored.get(`${kind}/${keyOf(obj)}`)?.metadata.resourceVersion ?? obj.metadata.resourceVersion);
    this.stored.set(`${kind}/${keyOf(obj)}`, saved);
    return saved;
  }

  async createReplicaSet(_ns: string, rs: ReplicaSet): Promise<ReplicaSet> {
    this.writes.push({ verb: 'createReplicaSet', rs: structuredClone(rs) });
    if (this.failCreate !== undefined) throw this.failCreate;
    if (this.stored.has(`rs/${keyOf(rs)}`)) throw new StatusError(409, 'AlreadyExists', `replicasets.apps "${rs.metadata.name ?? ''}" already exists`);
    return this.save('rs', { ...rs, metadata: { ...rs.metadata, uid: `uid-${rs.metadata.name ?? ''}` } });
  }

  async updateReplicaSet(rs: ReplicaSet): Promise<ReplicaSet> {
    this.writes.push({ verb: 'updateReplicaSet', rs: structuredClone(rs) });
    this.precondition('rs', keyOf(rs), rs.metadata.resourceVersion);
    return this.save('rs', rs);
  }

  async deleteReplicaSet(_ns: string, name: string, uid: string): Promise<void> {
    this.writes.push({ verb: 'deleteReplicaSet', name, uid });
  }

  async patchReplicaSet(_ns: string, name: string, body: unknown): Promise<void> {
    this.writes.push({ verb: 'patchReplicaSet', name, body });
  }

  async updateDeployment(d: Deployment): Promise<Deployment> {
    this.writes.push({ verb: 'updateDeployment', d: structuredClone(d) });
    this.precondition('d', keyOf(d), d.metadata.resourceVersion);
    return this.save('d', d);
  }

  async updateDeploymentStatus(d: Deployment): Promise<Deployment> {
    this.writes.push({ verb: 'updateDeploymentStatus', d: structuredClone(d) });
    this.precondition('d', keyOf(d), d.metadata.resourceVersion);
    return this.save('d', d);
  }

  async getDeployment(): Promise<Deployment> {
    const d = this.stored.get('d/default/web');
    if (d === undefined) throw new StatusError(404, 'NotFound', 'deployments.apps "web" not found');
    return d as Deployment;
  }

  of<V extends Write['verb']>(verb: V): Extract<Write, { verb: V }>[] {
    return this.writes.filter((w): w is Extract<Write, { verb: V }> => w.verb === verb);
  }
}

export interface Fixture {
  readonly deps: DeploymentDeps;
  readonly api: FakeDeploymentApi;
  readonly clock: FakeClock;
  readonly events: Event[];
  readonly requeues: { key: string; ms: number }[];
  readonly recorder: EventRecorder;
}

export function fixture(d: Deployment, rss: readonly ReplicaSet[], pods: readonly Pod[] = []): Fixture {
  const clock = new FakeClock(new Date('2026-11-25T06:00:00Z'));
  const log = recordingLog();
  const deployments = new Store<Deployment>();
  deployments.replace([d]);
  const replicaSets = new Store<ReplicaSet>({ indexers: { [ownerUidIndex]: (o) => (o.metadata.ownerReferences ?? []).map((r) => r.uid) } });
  replicaSets.replace(rss);
  const podStore = new Store<Pod>({ indexers: { [ownerUidIndex]: (o) => (o.metadata.ownerReferences ?? []).map((r) => r.uid) } });
  podStore.replace(pods);
  const api = new FakeDeploymentApi();
  api.stored.set(`d/${keyOf(d)}`, structuredClone(d));
  for (const rs of rss) api.stored.set(`rs/${keyOf(rs)}`, structuredClone(rs));
  const events: Event[] = [];
  const recorder = new EventRecorder({ sink: { createEvent: async (e) => { events.push(e); } }, component: 'deployment-controller', clock, log });
  const requeues: { key: string; ms: number }[] = [];
  return {
    api, clock, events, requeues, recorder,
    deps: {
      deployments, replicaSets, pods: podStore, api, events: recorder, clock, log,
      enqueueAfter: (key, ms) => requeues.push({ key, ms }),
    },
  };
}
