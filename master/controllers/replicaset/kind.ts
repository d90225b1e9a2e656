// One sync serves two kinds: apps/v1 ReplicaSet and core/v1 ReplicationController (the
// book's RC). They differ in where things are — an RC's selector is a plain map, defaulting
// to its template's labels — so each gets a small adapter giving the sync the same view.
import type { PodTemplateSpec } from '../../../shared/api/core/v1/pod.js';
import type { ReplicationController } from '../../../shared/api/core/v1/replicationcontroller.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import { selectorFromLabelSelector, selectorFromSet, type Selector } from '../../../shared/api/labels/selector.js';
import type { ApiObject, Condition } from '../../../shared/api/meta.js';
import type { ResourceCoordinates } from '../../../shared/client/resource-path.js';
import type { GroupVersionKind } from '../common/controller-ref.js';

/** The status both kinds share. */
export interface ReplicaStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
  [field: string]: unknown;
}

/** What the sync reads of one ReplicaSet or ReplicationController. */
export interface ReplicaView {
  readonly object: ApiObject;
  readonly replicas: number;
  readonly minReadySeconds: number;
  /** Selects nothing when the object's selector is empty. */
  readonly selector: Selector;
  readonly template: PodTemplateSpec | undefined;
  readonly status: ReplicaStatus;
}

export interface ReplicaKind {
  /** The controller's name. */
  readonly name: 'replicaset' | 'replicationcontroller';
  readonly resource: ResourceCoordinates;
  readonly gvk: GroupVersionKind;
  /** Events' source.component, as Kubernetes names it. */
  readonly component: string;
  /** The log field naming an object of this kind. */
  readonly logField: 'replicaSet' | 'replicationController';
  /** Throws a SelectorError when the selector cannot be parsed. */
  view(obj: ApiObject): ReplicaView;
  /** A copy of `obj` with `status`; the cached object is left alone. */
  withStatus(obj: ApiObject, status: ReplicaStatus): ApiObject;
}

const nothing: Selector = { requirements: [], matches: () => false, isEmpty: () => false, toString: () => '' };
const orNothing = (s: Selector): Selector => (s.isEmpty() ? nothing : s);

const statusOf = (s: { replicas?: number } & object | undefined): ReplicaStatus =>
  ({ ...(s ?? {}), replicas: s?.replicas ?? 0 }) as ReplicaStatus;

export const replicaSetKind: ReplicaKind = {
  name: 'replicaset',
  resource: { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true },
  gvk: { group: 'apps', version: 'v1', kind: 'ReplicaSet' },
  component: 'replicaset-controller',
  logField: 'replicaSet',
  view(obj) {
    const rs = obj as ReplicaSet;
    return {
      object: obj,
      replicas: rs.spec?.replicas ?? 1,
      minReadySeconds: rs.spec?.minReadySeconds ?? 0,
      selector: orNothing(selectorFromLabelSelector(rs.spec?.selector)),
      template: rs.spec?.template,
      status: statusOf(rs.status),
    };
  },
  withStatus: (obj, status) => ({ ...obj, status }),
};

export const replicationControllerKind: ReplicaKind = {
  name: 'replicationcontroller',
  resource: { group: '', version: 'v1', resource: 'replicationcontrollers', namespaced: true },
  gvk: { group: '', version: 'v1', kind: 'ReplicationController' },
  component: 'replication-controller',
  logField: 'replicationController',
  view(obj) {
    const rc = obj as ReplicationController;
    const own = rc.spec?.selector;
    const set = own !== undefined && own !== null && Object.keys(own).length > 0 ? own : rc.spec?.template?.metadata?.labels ?? {};
    return {
      object: obj,
      replicas: rc.spec?.replicas ?? 1,
      minReadySeconds: rc.spec?.minReadySeconds ?? 0,
      selector: orNothing(selectorFromSet(set)),
      template: rc.spec?.template,
      status: statusOf(rc.status),
    };
  },
  withStatus: (obj, status) => ({ ...obj, status }),
};
