// apps/v1 Deployment (k8s.io/api/apps/v1 types.go).
import type { ApiObject, Condition, LabelSelector } from '../../meta.js';
import type { PodTemplateSpec } from '../../core/v1/pod.js';
import type { IntOrString } from '../../core/v1/int-or-string.js';

export type DeploymentStrategyType = 'RollingUpdate' | 'Recreate';

export interface RollingUpdateDeployment {
  /** An absolute number (5) or a percentage of desired pods ("25%"). */
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
}

export interface DeploymentStrategy {
  type?: DeploymentStrategyType;
  /** Only with type RollingUpdate. */
  rollingUpdate?: RollingUpdateDeployment;
}

export interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  strategy?: DeploymentStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
}

export type DeploymentConditionType = 'Available' | 'Progressing' | 'ReplicaFailure';

export interface DeploymentCondition extends Condition {
  type: DeploymentConditionType;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  terminatingReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

export interface Deployment extends ApiObject {
  spec?: DeploymentSpec;
  status?: DeploymentStatus;
}
