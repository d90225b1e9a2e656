// Metric validation (pkg/apis/autoscaling/validation: validateMetricSpec, the five
// validate*Source functions, validateMetricTarget, validateMetricIdentifier).
import { isRecord } from '../../../meta.js';
import { type FieldError, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import { isDNS1123Label, isQualifiedName } from '../../../validation/names.js';
import { Quantity, QuantityError } from '../../../quantity.js';
import type {
  ContainerResourceMetricSource, CrossVersionObjectReference, ExternalMetricSource, MetricIdentifier, MetricSpec,
  MetricTarget, ObjectMetricSource, PodsMetricSource, QuantityValue, ResourceMetricSource,
} from '../hpa.js';
import { pathSegmentErrors, validateCrossVersionObjectReference } from './object-reference.js';

const sourceTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
/** The field each source type fills, in the order Kubernetes looks at them. */
const sourceFields = [
  ['object', 'Object'], ['external', 'External'], ['pods', 'Pods'], ['resource', 'Resource'],
  ['containerResource', 'ContainerResource'],
] as const;
type SourceField = (typeof sourceFields)[number][0];

const asRecord = <T>(v: unknown): T => (isRecord(v) ? v : {}) as T;

export function validateMetrics(metrics: readonly MetricSpec[], path: string): FieldError[] {
  return metrics.flatMap((m, i) => validateMetricSpec(asRecord<MetricSpec>(m), `${path}[${i}]`));
}

function validateMetricSpec(spec: MetricSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type: string = spec.type ?? '';
  if (type === '') errs.push(required(`${path}.type`, 'must specify a metric source type'));
  // Kubernetes reports an unknown type twice (before and in its switch); so do we.
  if (!sourceTypes.includes(type)) errs.push(notSupported(`${path}.type`, type, sourceTypes));
  const present: SourceField[] = [];
  for (const [field] of sourceFields) {
    if (spec[field] === undefined || spec[field] === null) continue;
    present.push(field);
    if (present.length === 1) errs.push(...validateSource(field, spec, `${path}.${field}`));
  }
  const expected = sourceFields.find(([, t]) => t === type)?.[0];
  if (expected === undefined) errs.push(notSupported(`${path}.type`, type, sourceTypes));
  else if (!present.includes(expected)) {
    errs.push(required(`${path}.${expected}`, 'must populate information for the given metric source'));
  }
  if (present.length !== 1) {
    for (const field of present.filter((f) => f !== expected)) {
      errs.push(forbidden(`${path}.${field}`, 'must populate the given metric source only'));
    }
  }
  return errs;
}

function validateSource(field: SourceField, spec: MetricSpec, path: string): FieldError[] {
  switch (field) {
    case 'object': return validateObjectSource(asRecord(spec.object), path);
    case 'external': return validateExternalSource(asRecord(spec.external), path);
    case 'pods': return validatePodsSource(asRecord(spec.pods), path);
    case 'resource': return validateResourceSource(asRecord(spec.resource), path);
    case 'containerResource': return validateContainerResourceSource(asRecord(spec.containerResource), path);
  }
}

const isSet = (v: unknown): boolean => v !== undefined && v !== null;

function validateObjectSource(src: ObjectMetricSource, path: string): FieldError[] {
  const target = asRecord<MetricTarget>(src.target);
  const errs = [
    ...validateCrossVersionObjectReference(asRecord<CrossVersionObjectReference>(src.describedObject), `${path}.describedObject`),
    ...validateMetricIdentifier(asRecord(src.metric), `${path}.metric`),
    ...validateMetricTarget(target, `${path}.target`),
  ];
  if (!isSet(target.value) && !isSet(target.averageValue)) {
    errs.push(required(`${path}.target.averageValue`, 'must set either a target value or averageValue'));
  }
  return errs;
}

function validateExternalSource(src: ExternalMetricSource, path: string): FieldError[] {
  const target = asRecord<MetricTarget>(src.target);
  const errs = [
    ...validateMetricIdentifier(asRecord(src.metric), `${path}.metric`),
    ...validateMetricTarget(target, `${path}.target`),
  ];
  if (!isSet(target.value) && !isSet(target.averageValue)) {
    errs.push(required(`${path}.target.averageValue`, 'must set either a target value for metric or a per-pod target'));
  }
  if (isSet(target.value) && isSet(target.averageValue)) {
    errs.push(forbidden(`${path}.target.value`, 'may not set both a target value for metric and a per-pod target'));
  }
  return errs;
}

function validatePodsSource(src: PodsMetricSource, path: string): FieldError[] {
  const target = asRecord<MetricTarget>(src.target);
  const errs = [
    ...validateMetricIdentifier(asRecord(src.metric), `${path}.metric`),
    ...validateMetricTarget(target, `${path}.target`),
  ];
  if (!isSet(target.averageValue)) {
    errs.push(required(`${path}.target.averageValue`, 'must specify a positive target averageValue'));
  }
  return errs;
}

function validateResourceSource(src: ResourceMetricSource, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if ((src.name ?? '') === '') errs.push(required(`${path}.name`, 'must specify a resource name'));
  return [...errs, ...validateResourceTarget(asRecord(src.target), `${path}.target`)];
}

function validateContainerResourceSource(src: ContainerResourceMetricSource, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = src.name ?? '';
  if (name === '') errs.push(required(`${path}.name`, 'must specify a resource name'));
  else errs.push(...validateContainerResourceName(name, `${path}.name`));
  const container = src.container ?? '';
  if (container === '') errs.push(required(`${path}.container`, 'must specify a container'));
  else errs.push(...isDNS1123Label(container).map((msg) => invalid(`${path}.container`, container, msg)));
  return [...errs, ...validateResourceTarget(asRecord(src.target), `${path}.target`)];
}

/** A Resource or ContainerResource target: a utilization or an average value, not both. */
function validateResourceTarget(target: MetricTarget, path: string): FieldError[] {
  const errs = validateMetricTarget(target, path);
  if (!isSet(target.averageUtilization) && !isSet(target.averageValue)) {
    errs.push(required(`${path}.averageUtilization`, 'must set either a target raw value or a target utilization'));
  }
  if (isSet(target.averageUtilization) && isSet(target.averageValue)) {
    errs.push(forbidden(`${path}.averageValue`, 'may not set both a target raw value and a target utilization'));
  }
  return errs;
}

/** ValidateContainerResourceName, simplified: standard names, or a qualified extended name. */
function validateContainerResourceName(name: string, path: string): FieldError[] {
  if (name.includes('/')) return isQualifiedName(name).map((msg) => invalid(path, name, msg));
  const standard = ['cpu', 'memory', 'ephemeral-storage'].includes(name) || name.startsWith('hugepages-');
  return standard ? [] : [invalid(path, name, 'must be a standard resource for containers')];
}

function validateMetricTarget(target: MetricTarget, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type: string = target.type ?? '';
  if (type === '') errs.push(required(`${path}.type`, 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type)) {
    errs.push(invalid(`${path}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  }
  errs.push(...positiveQuantity(target.value, `${path}.value`));
  errs.push(...positiveQuantity(target.averageValue, `${path}.averageValue`));
  const utilization = target.averageUtilization;
  if (typeof utilization === 'number' && utilization < 1) {
    errs.push(invalid(`${path}.averageUtilization`, utilization, 'must be greater than 0'));
  }
  return errs;
}

/** Absent is fine; present must parse and be above zero. */
function positiveQuantity(v: QuantityValue | undefined, path: string): FieldError[] {
  if (v === undefined || v === null) return [];
  try {
    const q = Quantity.parse(String(v));
    return q.isZero() || q.isNegative() ? [invalid(path, v, 'must be positive')] : [];
  } catch (err) {
    if (err instanceof QuantityError) return [invalid(path, v, err.message)];
    throw err;
  }
}

function validateMetricIdentifier(id: MetricIdentifier, path: string): FieldError[] {
  const name = id.name ?? '';
  if (name === '') return [required(`${path}.name`, 'must specify a metric name')];
  return pathSegmentErrors(name).map((msg) => invalid(`${path}.name`, name, msg));
}
