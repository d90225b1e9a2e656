// apps/v1 ReplicaSet (k8s.io/api/apps/v1 types.go).
import type { ApiObject, Condition, LabelSelector } from '../../meta.js';
import type { PodTemplateSpec } from '../../core/v1/pod.js';

export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
}

export interface ReplicaSetCondition extends Condition {
  type: 'ReplicaFailure';
}

export interface ReplicaSetStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  terminatingReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

export interface ReplicaSet extends ApiObject {
  spec?: ReplicaSetSpec;
  status?: ReplicaSetStatus;
}
