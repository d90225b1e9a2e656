// The apiserver's per-kind contract for apps/v1.
import type { KindStrategy } from '../../resource.js';
import { defaultDeployment, defaultReplicaSet } from './defaults.js';
import type { Deployment } from './deployment.js';
import type { ReplicaSet } from './replicaset.js';
import { validateDeployment, validateDeploymentUpdate } from './validation/deployment.js';
import { validateReplicaSet, validateReplicaSetUpdate } from './validation/replicaset.js';

export const deploymentStrategy: KindStrategy = {
  defaults: (obj) => defaultDeployment(obj as Deployment),
  validate: (obj) => validateDeployment(obj as Deployment),
  validateUpdate: (obj, old) => validateDeploymentUpdate(obj as Deployment, old as Deployment),
  prepareForCreate: (obj) => {
    obj.status = {};
  },
};

export const replicaSetStrategy: KindStrategy = {
  defaults: (obj) => defaultReplicaSet(obj as ReplicaSet),
  validate: (obj) => validateReplicaSet(obj as ReplicaSet),
  validateUpdate: (obj, old) => validateReplicaSetUpdate(obj as ReplicaSet, old as ReplicaSet),
  selectableFields: (obj) => ({ 'status.replicas': String((obj as ReplicaSet).status?.replicas ?? 0) }),
  prepareForCreate: (obj) => {
    obj.status = { replicas: 0 };                  // status.replicas is never omitted
  },
};
