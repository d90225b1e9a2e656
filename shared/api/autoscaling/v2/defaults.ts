// Kubernetes' defaults for autoscaling/v2 (pkg/apis/autoscaling/v2/defaults.go), in place and
// idempotent: minReplicas 1, a CPU utilization target of 80% when no metric is given, and
// every unset field of a given behavior filled from the default scaling rules.
import { isRecord } from '../../meta.js';
import type {
  HorizontalPodAutoscaler, HorizontalPodAutoscalerBehavior, HorizontalPodAutoscalerSpec, HPAScalingRules, MetricSpec,
} from './hpa.js';

/** autoscaling.DefaultCPUUtilization. */
export const defaultCPUUtilization = 80;

export const defaultCPUMetric = (): MetricSpec =>
  ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: defaultCPUUtilization } } });

const scaleUpDefaults = (): HPAScalingRules => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
});

/** No stabilization window: the controller's --horizontal-pod-autoscaler-downscale-stabilization applies. */
const scaleDownDefaults = (): HPAScalingRules => ({
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
});

/** The defaults, overridden by every field `given` sets (copyHPAScalingRules). */
function fillRules(given: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  if (given === undefined || given === null) return defaults;
  if (!isRecord(given)) return given;                      // the wrong type: left for validation
  const rules: HPAScalingRules = given;
  return {
    ...defaults,
    ...(rules.selectPolicy != null ? { selectPolicy: rules.selectPolicy } : {}),
    ...(rules.stabilizationWindowSeconds != null ? { stabilizationWindowSeconds: rules.stabilizationWindowSeconds } : {}),
    ...(rules.policies != null ? { policies: rules.policies } : {}),
    ...(rules.tolerance != null ? { tolerance: rules.tolerance } : {}),
  };
}

export function defaultBehavior(behavior: HorizontalPodAutoscalerBehavior): void {
  behavior.scaleUp = fillRules(behavior.scaleUp, scaleUpDefaults());
  behavior.scaleDown = fillRules(behavior.scaleDown, scaleDownDefaults());
}

export function defaultHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): void {
  if (hpa.spec === undefined || hpa.spec === null) hpa.spec = {} as HorizontalPodAutoscalerSpec;
  const spec = hpa.spec;
  if (!isRecord(spec)) return;
  spec.minReplicas ??= 1;
  if (spec.metrics === undefined || spec.metrics === null || (Array.isArray(spec.metrics) && spec.metrics.length === 0)) {
    spec.metrics = [defaultCPUMetric()];
  }
  if (isRecord(spec.behavior)) defaultBehavior(spec.behavior);
}
