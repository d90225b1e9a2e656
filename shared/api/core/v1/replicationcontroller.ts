// ReplicationController (k8s.io/api/core/v1 types.go).
import type { ApiObject, Condition } from '../../meta.js';
import type { PodTemplateSpec } from './pod.js';

export interface ReplicationControllerSpec {
  replicas?: number;
  minReadySeconds?: number;
  /** Equality-based only; defaults to the template's labels. */
  selector?: Record<string, string>;
  template?: PodTemplateSpec;
}

export interface ReplicationControllerStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

export interface ReplicationController extends ApiObject {
  spec?: ReplicationControllerSpec;
  status?: ReplicationControllerStatus;
}
