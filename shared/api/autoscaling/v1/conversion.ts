// autoscaling/v1 ↔ autoscaling/v2 (pkg/apis/autoscaling/v1/conversion.go). v1's
// targetCPUUtilizationPercentage is v2's Resource cpu Utilization metric; v2's other metrics,
// current metrics, conditions and behavior ride in annotations on the v1 form, so a v1 client's
// read-modify-write keeps them. An annotation that is not valid JSON is left where it is.
import { isRecord, type ObjectMeta } from '../../meta.js';
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

/** The parts of a possibly malformed request body, each an object. */
function parts<Spec, Status>(obj: { metadata?: unknown; spec?: unknown; status?: unknown }) {
  const copy = structuredClone(obj);
  const metadata: ObjectMeta = isRecord(copy.metadata) ? copy.metadata : {};
  const annotations: Record<string, string> = isRecord(metadata.annotations) ? { ...metadata.annotations } : {};
  const spec = (isRecord(copy.spec) ? copy.spec : {}) as Partial<Spec>;
  const status = (isRecord(copy.status) ? copy.status : {}) as Partial<Status>;
  return { metadata, annotations, spec, status };
}

const records = (v: unknown): unknown[] => (Array.isArray(v) ? v.filter(isRecord) : []);

export function hpaV1ToV2(hpa: HorizontalPodAutoscalerV1): HorizontalPodAutoscaler {
  const { metadata, annotations, spec, status } = parts<HorizontalPodAutoscalerSpecV1, HorizontalPodAutoscalerStatusV1>(hpa);

  const cpu = spec.targetCPUUtilizationPercentage;
  const cpuMetrics: MetricSpec[] = cpu == null ? [] :
    [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }];
  const other = takeJSON(annotations, metricSpecsAnnotation);
  let metrics = [...(records(other) as MetricSpecV1[]).map(metricSpecToV2), ...cpuMetrics];
  // v1 implied 80% CPU when nothing was set; v2 says so explicitly.
  if (metrics.length === 0) metrics = [defaultCPUMetric()];
  const behavior = takeJSON(annotations, behaviorAnnotation) as HorizontalPodAutoscalerBehavior | undefined;

  const currentCPU = status.currentCPUUtilizationPercentage;
  let currentMetrics: MetricStatus[] | null = currentCPU == null ? null :
    [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: currentCPU } } }];
  const annotated = takeJSON(annotations, metricStatusesAnnotation);
  if (Array.isArray(annotated)) currentMetrics = (records(annotated) as MetricStatusV1[]).map(metricStatusToV2);
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
    currentMetrics,
    ...(Array.isArray(conditions) ? { conditions: conditions as HorizontalPodAutoscalerCondition[] } : {}),
  };
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: withAnnotations(metadata, annotations), spec: v2Spec, status: v2Status };
}

export function hpaV2ToV1(hpa: HorizontalPodAutoscaler): HorizontalPodAutoscalerV1 {
  const { metadata, annotations, spec, status } = parts<HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerStatus>(hpa);
  for (const key of roundTripAnnotations) delete annotations[key];
  const metrics = records(spec.metrics) as MetricSpec[];
  const current = records(status.currentMetrics) as MetricStatus[];

  const firstCPU = metrics.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  const targetCPU = firstCPU?.resource?.target?.averageUtilization;
  const other = metrics.filter((m) => !isCPUUtilization(m));
  if (other.length > 0) annotations[metricSpecsAnnotation] = JSON.stringify(other.map(metricSpecToV1));
  if (current.length > 0) annotations[metricStatusesAnnotation] = JSON.stringify(current.map(metricStatusToV1));
  const conditions = records(status.conditions);
  if (conditions.length > 0) annotations[conditionsAnnotation] = JSON.stringify(conditions);
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
    metadata: withAnnotations(metadata, annotations), spec: v1Spec, status: v1Status };
}
