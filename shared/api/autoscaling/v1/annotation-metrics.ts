// The metric shapes autoscaling/v1 keeps in annotations (k8s.io/api/autoscaling/v1 MetricSpec,
// MetricStatus: the old v2beta1 layout) and their conversion to and from autoscaling/v2
// (pkg/apis/autoscaling/v1/conversion.go).
import type { LabelSelector } from '../../meta.js';
import type {
  CrossVersionObjectReference, MetricSourceType, MetricSpec, MetricStatus, MetricTarget, QuantityValue,
} from '../v2/hpa.js';

interface ResourceSourceV1 {
  name: string;
  targetAverageUtilization?: number;
  targetAverageValue?: QuantityValue;
}

export interface MetricSpecV1 {
  type: MetricSourceType;
  object?: { target: CrossVersionObjectReference; metricName: string; targetValue: QuantityValue;
    selector?: LabelSelector; averageValue?: QuantityValue };
  pods?: { metricName: string; targetAverageValue: QuantityValue; selector?: LabelSelector };
  resource?: ResourceSourceV1;
  containerResource?: ResourceSourceV1 & { container: string };
  external?: { metricName: string; metricSelector?: LabelSelector; targetValue?: QuantityValue;
    targetAverageValue?: QuantityValue };
}

interface ResourceStatusV1 {
  name: string;
  currentAverageUtilization?: number;
  currentAverageValue: QuantityValue;
}

export interface MetricStatusV1 {
  type: MetricSourceType;
  object?: { target: CrossVersionObjectReference; metricName: string; currentValue: QuantityValue;
    selector?: LabelSelector; averageValue?: QuantityValue };
  pods?: { metricName: string; currentAverageValue: QuantityValue; selector?: LabelSelector };
  resource?: ResourceStatusV1;
  containerResource?: ResourceStatusV1 & { container: string };
  external?: { metricName: string; metricSelector?: LabelSelector; currentValue: QuantityValue;
    currentAverageValue?: QuantityValue };
}

/** Go's zero Quantity, written where v1 has a required quantity and v2 had none. */
const zero = '0';

/** Copies only the keys whose values are set, so absent stays absent in JSON. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function resourceTargetToV2(src: ResourceSourceV1): MetricTarget {
  const utilization = src.targetAverageUtilization;
  return defined({ type: utilization === undefined ? 'AverageValue' : 'Utilization',
    averageValue: src.targetAverageValue, averageUtilization: utilization });
}

export function metricSpecToV2(m: MetricSpecV1): MetricSpec {
  const out: MetricSpec = { type: m.type };
  if (m.object) {
    const o = m.object;
    out.object = { describedObject: o.target, metric: defined({ name: o.metricName, selector: o.selector }),
      target: defined({ type: o.averageValue === undefined ? 'Value' : 'AverageValue',
        value: o.targetValue ?? zero, averageValue: o.averageValue }) };
  }
  if (m.pods) {
    out.pods = { metric: defined({ name: m.pods.metricName, selector: m.pods.selector }),
      target: { type: 'AverageValue', averageValue: m.pods.targetAverageValue ?? zero } };
  }
  if (m.resource) out.resource = { name: m.resource.name, target: resourceTargetToV2(m.resource) };
  if (m.containerResource) {
    const c = m.containerResource;
    out.containerResource = { name: c.name, container: c.container, target: resourceTargetToV2(c) };
  }
  if (m.external) {
    const e = m.external;
    out.external = { metric: defined({ name: e.metricName, selector: e.metricSelector }),
      target: defined({ type: e.targetValue === undefined ? 'AverageValue' : 'Value',
        value: e.targetValue, averageValue: e.targetAverageValue }) };
  }
  return out;
}

export function metricSpecToV1(m: MetricSpec): MetricSpecV1 {
  const out: MetricSpecV1 = { type: m.type };
  if (m.object) {
    const o = m.object;
    out.object = defined({ target: o.describedObject, metricName: o.metric?.name ?? '', targetValue: o.target?.value ?? zero,
      selector: o.metric?.selector, averageValue: o.target?.averageValue });
  }
  if (m.pods) {
    out.pods = defined({ metricName: m.pods.metric?.name ?? '', targetAverageValue: m.pods.target?.averageValue ?? zero,
      selector: m.pods.metric?.selector });
  }
  if (m.resource) {
    out.resource = defined({ name: m.resource.name, targetAverageUtilization: m.resource.target?.averageUtilization,
      targetAverageValue: m.resource.target?.averageValue });
  }
  if (m.containerResource) {
    const c = m.containerResource;
    out.containerResource = defined({ name: c.name, container: c.container,
      targetAverageUtilization: c.target?.averageUtilization, targetAverageValue: c.target?.averageValue });
  }
  if (m.external) {
    const e = m.external;
    out.external = defined({ metricName: e.metric?.name ?? '', metricSelector: e.metric?.selector,
      targetValue: e.target?.value, targetAverageValue: e.target?.averageValue });
  }
  return out;
}

export function metricStatusToV2(m: MetricStatusV1): MetricStatus {
  const out: MetricStatus = { type: m.type };
  if (m.object) {
    const o = m.object;
    out.object = { describedObject: o.target, metric: defined({ name: o.metricName, selector: o.selector }),
      current: defined({ value: o.currentValue ?? zero, averageValue: o.averageValue }) };
  }
  if (m.pods) {
    out.pods = { metric: defined({ name: m.pods.metricName, selector: m.pods.selector }),
      current: { averageValue: m.pods.currentAverageValue ?? zero } };
  }
  if (m.resource) {
    out.resource = { name: m.resource.name, current: defined({ averageValue: m.resource.currentAverageValue ?? zero,
      averageUtilization: m.resource.currentAverageUtilization }) };
  }
  if (m.containerResource) {
    const c = m.containerResource;
    out.containerResource = { name: c.name, container: c.container,
      current: defined({ averageValue: c.currentAverageValue ?? zero, averageUtilization: c.currentAverageUtilization }) };
  }
  if (m.external) {
    const e = m.external;
    out.external = { metric: defined({ name: e.metricName, selector: e.metricSelector }),
      current: defined({ value: e.currentValue ?? zero, averageValue: e.currentAverageValue }) };
  }
  return out;
}

export function metricStatusToV1(m: MetricStatus): MetricStatusV1 {
  const out: MetricStatusV1 = { type: m.type };
  if (m.object) {
    const o = m.object;
    out.object = defined({ target: o.describedObject, metricName: o.metric?.name ?? '',
      currentValue: o.current?.value ?? zero, selector: o.metric?.selector, averageValue: o.current?.averageValue });
  }
  if (m.pods) {
    out.pods = defined({ metricName: m.pods.metric?.name ?? '', currentAverageValue: m.pods.current?.averageValue ?? zero,
      selector: m.pods.metric?.selector });
  }
  if (m.resource) {
    out.resource = defined({ name: m.resource.name, currentAverageUtilization: m.resource.current?.averageUtilization,
      currentAverageValue: m.resource.current?.averageValue ?? zero });
  }
  if (m.containerResource) {
    const c = m.containerResource;
    out.containerResource = defined({ name: c.name, container: c.container,
      currentAverageUtilization: c.current?.averageUtilization, currentAverageValue: c.current?.averageValue ?? zero });
  }
  if (m.external) {
    const e = m.external;
    out.external = defined({ metricName: e.metric?.name ?? '', metricSelector: e.metric?.selector,
      currentValue: e.current?.value ?? zero, currentAverageValue: e.current?.averageValue });
  }
  return out;
}
