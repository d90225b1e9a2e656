// Kubernetes' defaults for autoscaling/v1 (pkg/apis/autoscaling/v1/defaults.go): minReplicas 1.
// No CPU target is defaulted here: converting to v2 supplies the 80% one (conversion.ts).
import { isRecord } from '../../meta.js';
import type { HorizontalPodAutoscalerSpecV1, HorizontalPodAutoscalerV1 } from './hpa.js';

export function defaultHorizontalPodAutoscalerV1(hpa: HorizontalPodAutoscalerV1): void {
  if (hpa.spec === undefined || hpa.spec === null) hpa.spec = {} as HorizontalPodAutoscalerSpecV1;
  if (!isRecord(hpa.spec)) return;
  hpa.spec.minReplicas ??= 1;
}
