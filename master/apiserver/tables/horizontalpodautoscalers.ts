// kubectl get hpa: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE.
// TARGETS is "cpu: 40%/80%" per metric, at most two then "+ N more...".
import type { HorizontalPodAutoscalerV1 } from '../../../shared/api/autoscaling/v1/hpa.js';
import type {
  HorizontalPodAutoscaler,
  MetricSpec,
  MetricStatus,
  MetricValueStatus,
  QuantityValue,
} from '../../../shared/api/autoscaling/v2/hpa.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { since } from './duration.js';
import { quantityCell } from './storage.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Reference', 'string', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
  column('Targets', 'string', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond.'),
  column('MinPods', 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.'),
  column('MaxPods', 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.'),
  column('Replicas', 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
  ageColumn,
];

const MAX_SHOWN = 2;
const UNKNOWN = '<unknown>';

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const hpa = obj as HorizontalPodAutoscaler;
  const ref = hpa.spec?.scaleTargetRef;
  const minReplicas = hpa.spec?.minReplicas;
  return [
    hpa.metadata.name ?? '',
    `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
    targetsCell(metricsOf(hpa, obj as HorizontalPodAutoscalerV1)),
    minReplicas === undefined ? '<unset>' : String(minReplicas),
    hpa.spec?.maxReplicas ?? 0,
    hpa.status?.currentReplicas ?? 0,
    since(hpa.metadata.creationTimestamp, now),
  ];
}

/** v2 metrics, or an autoscaling/v1 CPU target as the resource metric it converts to. */
function metricsOf(hpa: HorizontalPodAutoscaler, v1: HorizontalPodAutoscalerV1): { specs: MetricSpec[]; statuses: MetricStatus[] } {
  if (hpa.spec?.metrics !== undefined) return { specs: hpa.spec.metrics, statuses: hpa.status?.currentMetrics ?? [] };
  const target = v1.spec?.targetCPUUtilizationPercentage;
  if (target === undefined) return { specs: [], statuses: [] };
  const current = v1.status?.currentCPUUtilizationPercentage;
  return {
    specs: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }],
    statuses:
      current === undefined
        ? []
        : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }],
  };
}

function targetsCell({ specs, statuses }: { specs: MetricSpec[]; statuses: MetricStatus[] }): string {
  if (specs.length === 0) return '<none>';
  const list = specs.map((spec, i) => metricCell(spec, statuses[i]));
  const shown = list.slice(0, MAX_SHOWN).join(', ');
  return list.length > MAX_SHOWN ? `${shown} + ${list.length - MAX_SHOWN} more...` : shown;
}

/** One metric: "current/target", with "(avg)" for averaged object and external values. */
function metricCell(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External':
      return valueMetricCell(spec.external?.target, status?.external);
    case 'Object':
      return valueMetricCell(spec.object?.target, status?.object);
    case 'Pods': {
      const current = status?.pods ? orNil(status.pods.current?.averageValue) : UNKNOWN;
      return `${current}/${orNil(spec.pods?.target?.averageValue)}`;
    }
    case 'Resource':
      return resourceCell(spec.resource?.name ?? '', spec.resource?.target, status?.resource);
    case 'ContainerResource':
      return resourceCell(spec.containerResource?.name ?? '', spec.containerResource?.target, status?.containerResource);
    default:
      return '<unknown type>';
  }
}

type MetricValues = MetricValueStatus;

/** External and Object metrics: an average target prints "(avg)", a plain value does not. */
function valueMetricCell(target: MetricValues | undefined, status: { current?: MetricValues } | undefined): string {
  if (target?.averageValue !== undefined) {
    const current = status?.current?.averageValue;
    return `${current !== undefined ? quantityCell(current) : UNKNOWN}/${quantityCell(target.averageValue)} (avg)`;
  }
  const current = status ? orNil(status.current?.value) : UNKNOWN;
  return `${current}/${orNil(target?.value)}`;
}

/** "cpu: 40%/80%", "memory: 120Mi/200Mi"; "<auto>" when a utilization target is missing. */
function resourceCell(name: string, target: MetricValues | undefined, status: { current?: MetricValues } | undefined): string {
  if (target?.averageValue !== undefined) {
    const current = status ? orNil(status.current?.averageValue) : UNKNOWN;
    return `${name}: ${current}/${quantityCell(target.averageValue)}`;
  }
  const utilization = status?.current?.averageUtilization;
  const current = utilization !== undefined ? `${utilization}%` : UNKNOWN;
  const wanted = target?.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
  return `${name}: ${current}/${wanted}`;
}

/** A missing quantity pointer prints as Go prints a nil *Quantity. */
function orNil(value: QuantityValue | undefined): string {
  return value === undefined ? '<nil>' : quantityCell(value);
}
