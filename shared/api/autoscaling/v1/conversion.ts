// autoscaling/v1 ↔ autoscaling/v2 (pkg/apis/autoscaling/v1/conversion.go). v1's
// targetCPUUtilizationPercentage is v2's Resource cpu Utilization metric; v2's other metrics,
// current metrics, conditions and behavior ride in annotations on the v1 form, so a v1 client's
// read-modify-write keeps them. An annotation that is not valid JSON is left where it is.
import type { ObjectMeta } from '../../meta.js';
import { defaultCPUMetric } from '../v2/defaults.js';
import type {
  HorizontalPodAutoscaler, HorizontalPodAutoscalerBehavior, HorizontalPodAutoscalerCondition,
  HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerStatus, MetricSpec, MetricStatus,
} from '../v2/hpa.js';
import {
  type MetricSpecV1, type MetricStatusV1, metricSpecToV1, metricSpecToV2, metricStatusToV1, metricStatusToV2,
} from './annotation-metrics.js';
import type { HorizontalPodAutoscalerSpecV1, HorizontalPodAutoscalerStatusV1, HorizontalPodAutoscalerV1 } from './hpa.js';

export const metricSpecsAnnotation = 'autoscaling.alpha.kubernetes.io/metrics';
export const metricStatusesAnnotation = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const conditionsAnnotation = 'autoscaling.alpha.kubernetes.io/conditions';
/** Kubernetes writes its internal Go form here; Bosun writes the v2 JSON form. */
export const behaviorAnnotation = 'autoscaling.alpha.kubernetes.io/behavior';
const roundTripAnnotations = [metricSpecsAnnotation, metricStatusesAnnotation, conditionsAnnotation, behaviorAnnotation];

const isCPUUtilization = (m: MetricSpec): boolean =>
  m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.averageUtilization != null;

/** Metadata with `annotations`, left out when empty (Go's omitempty). */
function withAnnotations(meta: ObjectMeta, annotations: Record<string, string>): ObjectMeta {
  const { annotations: _dropped, ...rest } = meta;
  return Object.keys(annotations).length > 0 ? { ...rest, annotations } : rest;
}

/** Parses and removes a round-trip annotation; undefined (and the annotation kept) if it is absent or broken. */
function takeJSON(annotations: Record<string, string>, key: string): unknown {
  const raw = annotations[key];
  if (raw === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    delete annotations[key];
    return value;
  } catch {
    return undefined;
  }
}

export function hpaV1ToV2(hpa: HorizontalPodAutoscalerV1): HorizontalPodAutoscaler {
  const v1 = structuredClone(hpa);
  const annotations = { ...(v1.metadata.annotations ?? {}) };
  const spec: Partial<HorizontalPodAutoscalerSpecV1> = v1.spec ?? {};
  const status: Partial<HorizontalPodAutoscalerStatusV1> = v1.status ?? {};

  const cpu = spec.targetCPUUtilizationPercentage;
  const cpuMetrics: MetricSpec[] = cpu == null ? [] :
    [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }];
  const other = takeJSON(annotations, metricSpecsAnnotation);
  let metrics = [...(Array.isArray(other) ? (other as MetricSpecV1[]).map(metricSpecToV2) : []), ...cpuMetrics];
  // v1 implied 80% CPU when nothing was set; v2 says so explicitly.
  if (metrics.length === 0) metrics = [defaultCPUMetric()];
  const behavior = takeJSON(annotations, behaviorAnnotation) as HorizontalPodAutoscalerBehavior | undefined;

  const currentCPU = status.currentCPUUtilizationPercentage;
  let currentMetrics: MetricStatus[] | undefined = currentCPU == null ? undefined :
    [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: currentCPU } } }];
  const annotated = takeJSON(annotations, metricStatusesAnnotation);
  if (Array.isArray(annotated)) currentMetrics = (annotated as MetricStatusV1[]).map(metricStatusToV2);
  const conditions = takeJSON(annotations, conditionsAnnotation);

  const v2Spec: HorizontalPodAutoscalerSpec = {
    scaleTargetRef: spec.scaleTargetRef ?? { kind: '', name: '' },
    ...(spec.minReplicas != null ? { minReplicas: spec.minReplicas } : {}),
    maxReplicas: spec.maxReplicas ?? 0,
    metrics,
    ...(behavior != null ? { behavior } : {}),
  };
  const v2Status: HorizontalPodAutoscalerStatus = {
    ...(status.observedGeneration != null ? { observedGeneration: status.observedGeneration } : {}),
    ...(status.lastScaleTime != null ? { lastScaleTime: status.lastScaleTime } : {}),
    ...(status.currentReplicas ? { currentReplicas: status.currentReplicas } : {}),
    desiredReplicas: status.desiredReplicas ?? 0,
    ...(currentMetrics !== undefined ? { currentMetrics } : {}),
    ...(Array.isArray(conditions) ? { conditions: conditions as HorizontalPodAutoscalerCondition[] } : {}),
  };
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: withAnnotations(v1.metadata, annotations), spec: v2Spec, status: v2Status };
}

export function hpaV2ToV1(hpa: HorizontalPodAutoscaler): HorizontalPodAutoscalerV1 {
  const v2 = structuredClone(hpa);
  const annotations = { ...(v2.metadata.annotations ?? {}) };
  for (const key of roundTripAnnotations) delete annotations[key];
  const spec: Partial<HorizontalPodAutoscalerSpec> = v2.spec ?? {};
  const status: Partial<HorizontalPodAutoscalerStatus> = v2.status ?? {};
  const metrics = spec.metrics ?? [];
  const current = status.currentMetrics ?? [];

  const firstCPU = metrics.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  const targetCPU = firstCPU?.resource?.target?.averageUtilization;
  const other = metrics.filter((m) => !isCPUUtilization(m));
  if (other.length > 0) annotations[metricSpecsAnnotation] = JSON.stringify(other.map(metricSpecToV1));
  if (current.length > 0) annotations[metricStatusesAnnotation] = JSON.stringify(current.map(metricStatusToV1));
  if ((status.conditions ?? []).length > 0) annotations[conditionsAnnotation] = JSON.stringify(status.conditions);
  if (spec.behavior != null) annotations[behaviorAnnotation] = JSON.stringify(spec.behavior);
  const currentCPU = current.filter((m) => m.type === 'Resource' && m.resource?.name === 'cpu')
    .map((m) => m.resource?.current?.averageUtilization).filter((u) => u != null).pop();

  const v1Spec: HorizontalPodAutoscalerSpecV1 = {
    scaleTargetRef: spec.scaleTargetRef ?? { kind: '', name: '' },
    ...(spec.minReplicas != null ? { minReplicas: spec.minReplicas } : {}),
    maxReplicas: spec.maxReplicas ?? 0,
    ...(targetCPU != null ? { targetCPUUtilizationPercentage: targetCPU } : {}),
  };
  const v1Status: HorizontalPodAutoscalerStatusV1 = {
    ...(status.observedGeneration != null ? { observedGeneration: status.observedGeneration } : {}),
    ...(status.lastScaleTime != null ? { lastScaleTime: status.lastScaleTime } : {}),
    currentReplicas: status.currentReplicas ?? 0,
    desiredReplicas: status.desiredReplicas ?? 0,
    ...(currentCPU != null ? { currentCPUUtilizationPercentage: currentCPU } : {}),
  };
  return { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler',
    metadata: withAnnotations(v2.metadata, annotations), spec: v1Spec, status: v1Status };
}
