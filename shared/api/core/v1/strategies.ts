// The apiserver's per-kind contract for core/v1 (pkg/registry/core/<kind>/strategy.go):
// defaults, validation, what a new object may not carry, and the fields a field selector
// may name besides metadata.name and metadata.namespace.
import type { ApiObject } from '../../meta.js';
import type { KindStrategy } from '../../resource.js';
import type { ConfigMap } from './configmap.js';
import {
  defaultEndpoints, defaultNamespace, defaultNode, defaultPersistentVolume, defaultPersistentVolumeClaim, defaultPod,
  defaultReplicationController, defaultSecret, defaultService,
} from './defaults.js';
import type { Endpoints } from './endpoints.js';
import type { Event } from './event.js';
import type { Namespace } from './namespace.js';
import type { Node } from './node.js';
import type { PersistentVolume } from './persistentvolume.js';
import type { PersistentVolumeClaim } from './persistentvolumeclaim.js';
import type { Pod } from './pod.js';
import { podQOSClass } from './qos.js';
import type { ReplicationController } from './replicationcontroller.js';
import type { Secret } from './secret.js';
import { eventSelectableFields, podSelectableFields } from './selectable-fields.js';
import type { Service } from './service.js';
import type { ServiceAccount } from './serviceaccount.js';
import { validateConfigMap, validateConfigMapUpdate } from './validation/configmap.js';
import { validateEndpoints, validateEndpointsUpdate } from './validation/endpoints.js';
import { validateEvent, validateEventUpdate } from './validation/event.js';
import { validateNamespace, validateNamespaceUpdate } from './validation/namespace.js';
import { validateNode, validateNodeUpdate } from './validation/node.js';
import { validatePersistentVolume, validatePersistentVolumeUpdate } from './validation/persistentvolume.js';
import { validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate } from './validation/persistentvolumeclaim.js';
import { validatePodUpdate } from './validation/pod-update.js';
import { validatePod, validatePodCreate } from './validation/pod.js';
import { validateReplicationController, validateReplicationControllerUpdate } from './validation/replicationcontroller.js';
import { validateSecret, validateSecretUpdate } from './validation/secret.js';
import { validateService, validateServiceUpdate } from './validation/service.js';
import { validateServiceAccount, validateServiceAccountUpdate } from './validation/serviceaccount.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const statusOf = (obj: ApiObject): Record<string, unknown> =>
  typeof obj['status'] === 'object' && obj['status'] !== null ? (obj['status'] as Record<string, unknown>) : {};
const specOf = (obj: ApiObject): Record<string, unknown> =>
  typeof obj['spec'] === 'object' && obj['spec'] !== null ? (obj['spec'] as Record<string, unknown>) : {};

export const podStrategy: KindStrategy = {
  defaults: (obj) => defaultPod(obj as Pod),
  validate: (obj) => [...validatePod(obj as Pod), ...validatePodCreate(obj as Pod)],
  validateUpdate: (obj, old) => validatePodUpdate(obj as Pod, old as Pod),
  selectableFields: (obj) => podSelectableFields(obj as Pod),
  prepareForCreate: (obj) => { obj['status'] = { phase: 'Pending', qosClass: podQOSClass(obj as Pod) }; },
};

export const serviceStrategy: KindStrategy = {
  defaults: (obj) => defaultService(obj as Service),
  validate: (obj) => validateService(obj as Service),
  validateUpdate: (obj, old) => validateServiceUpdate(obj as Service, old as Service),
  prepareForCreate: (obj) => { obj['status'] = { loadBalancer: {} }; },
};

export const endpointsStrategy: KindStrategy = {
  defaults: (obj) => defaultEndpoints(obj as Endpoints),
  validate: (obj) => validateEndpoints(obj as Endpoints),
  validateUpdate: (obj, old) => validateEndpointsUpdate(obj as Endpoints, old as Endpoints),
};

/** On create a namespace is Active and carries the "kubernetes" finalizer its controller clears. */
function prepareNamespace(obj: ApiObject): void {
  obj['status'] = { phase: 'Active' };
  const spec = specOf(obj);
  const finalizers = Array.isArray(spec['finalizers']) ? (spec['finalizers'] as unknown[]) : [];
  obj['spec'] = { ...spec, finalizers: finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'] };
}

export const namespaceStrategy: KindStrategy = {
  defaults: (obj) => defaultNamespace(obj as Namespace),
  validate: (obj) => validateNamespace(obj as Namespace),
  validateUpdate: (obj, old) => validateNamespaceUpdate(obj as Namespace, old as Namespace),
  // "name" is a legacy alias Kubernetes still serves.
  selectableFields: (obj) => ({ 'status.phase': text(statusOf(obj)['phase']), name: obj.metadata.name ?? '' }),
  prepareForCreate: prepareNamespace,
};

/** Kubelets register nodes with their status, so a new node keeps it. */
export const nodeStrategy: KindStrategy = {
  defaults: (obj) => defaultNode(obj as Node),
  validate: (obj) => validateNode(obj as Node),
  validateUpdate: (obj, old) => validateNodeUpdate(obj as Node, old as Node),
  selectableFields: (obj) => ({ 'spec.unschedulable': String(specOf(obj)['unschedulable'] === true) }),
};

export const replicationControllerStrategy: KindStrategy = {
  defaults: (obj) => defaultReplicationController(obj as ReplicationController),
  validate: (obj) => validateReplicationController(obj as ReplicationController),
  validateUpdate: (obj, old) => validateReplicationControllerUpdate(obj as ReplicationController, old as ReplicationController),
  selectableFields: (obj) => {
    const replicas = statusOf(obj)['replicas'];
    return { 'status.replicas': String(typeof replicas === 'number' ? replicas : 0) };
  },
  prepareForCreate: (obj) => { obj['status'] = { replicas: 0 }; },
};

export const configMapStrategy: KindStrategy = {
  defaults: () => undefined,
  validate: (obj) => validateConfigMap(obj as ConfigMap),
  validateUpdate: (obj, old) => validateConfigMapUpdate(obj as ConfigMap, old as ConfigMap),
};

export const secretStrategy: KindStrategy = {
  defaults: (obj) => defaultSecret(obj as Secret),
  validate: (obj) => validateSecret(obj as Secret),
  validateUpdate: (obj, old) => validateSecretUpdate(obj as Secret, old as Secret),
  selectableFields: (obj) => ({ type: text(obj['type']) }),
};

export const eventStrategy: KindStrategy = {
  defaults: () => undefined,
  validate: (obj) => validateEvent(obj as Event),
  validateUpdate: (obj, old) => validateEventUpdate(obj as Event, old as Event),
  selectableFields: (obj) => eventSelectableFields(obj as Event),
};

export const persistentVolumeStrategy: KindStrategy = {
  defaults: (obj) => defaultPersistentVolume(obj as PersistentVolume),
  validate: (obj) => validatePersistentVolume(obj as PersistentVolume),
  validateUpdate: (obj, old) => validatePersistentVolumeUpdate(obj as PersistentVolume, old as PersistentVolume),
  selectableFields: (obj) => ({ name: obj.metadata.name ?? '' }),
  prepareForCreate: (obj) => { obj['status'] = { phase: 'Pending' }; },
};

export const persistentVolumeClaimStrategy: KindStrategy = {
  defaults: (obj) => defaultPersistentVolumeClaim(obj as PersistentVolumeClaim),
  validate: (obj) => validatePersistentVolumeClaim(obj as PersistentVolumeClaim),
  validateUpdate: (obj, old) => validatePersistentVolumeClaimUpdate(obj as PersistentVolumeClaim, old as PersistentVolumeClaim),
  selectableFields: (obj) => ({ name: obj.metadata.name ?? '' }),
  prepareForCreate: (obj) => { obj['status'] = { phase: 'Pending' }; },
};

export const serviceAccountStrategy: KindStrategy = {
  defaults: () => undefined,
  validate: (obj) => validateServiceAccount(obj as ServiceAccount),
  validateUpdate: (obj, old) => validateServiceAccountUpdate(obj as ServiceAccount, old as ServiceAccount),
};
