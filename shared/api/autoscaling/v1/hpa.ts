// autoscaling/v1 HorizontalPodAutoscaler (k8s.io/api/autoscaling/v1 types.go): CPU utilization
// only. Stored as autoscaling/v2 (conversion.ts); what v1 cannot say rides in annotations.
import type { ApiObject, Time } from '../../meta.js';
import type { CrossVersionObjectReference } from '../v2/hpa.js';

export type { CrossVersionObjectReference } from '../v2/hpa.js';

export interface HorizontalPodAutoscalerSpecV1 {
  scaleTargetRef: CrossVersionObjectReference;
  minReplicas?: number;
  maxReplicas: number;
  targetCPUUtilizationPercentage?: number;
}

export interface HorizontalPodAutoscalerStatusV1 {
  observedGeneration?: number;
  lastScaleTime?: Time;
  currentReplicas: number;
  desiredReplicas: number;
  currentCPUUtilizationPercentage?: number;
}

export interface HorizontalPodAutoscalerV1 extends ApiObject {
  spec?: HorizontalPodAutoscalerSpecV1;
  status?: HorizontalPodAutoscalerStatusV1;
}
