// Resource names and quantities (pkg/apis/core/validation: ValidateContainerResourceRequirements,
// ValidateResourceQuantityValue, validateResourceName; pkg/apis/core/helper for the name classes).
import { Quantity, QuantityError } from '../../../quantity.js';
import { type FieldError, forbidden, invalid, required } from '../../../validation/field-error.js';
import { isQualifiedName } from '../../../validation/names.js';
import type { ResourceRequirements } from '../container.js';
import { isSet, recordOf } from './values.js';

/**
 * The quantity at `path`, or undefined with the reason in errs. Kubernetes rejects such a
 * value while decoding; here it is a field error with the decoder's message.
 */
export function quantityAt(value: unknown, path: string, errs: FieldError[]): Quantity | undefined {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  try {
    return Quantity.parse(text);
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    errs.push(invalid(path, value ?? null, err.message));
    return undefined;
  }
}

/** Every quantity in a resource list, keyed by name, parsed (bad ones reported). */
export function quantitiesOf(list: unknown, pathOf: (name: string) => string, errs: FieldError[]): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, value] of Object.entries(recordOf<Record<string, unknown>>(list) ?? {})) {
    const q = quantityAt(value, pathOf(name), errs);
    if (q !== undefined) out.set(name, q);
  }
  return out;
}

const hugePagesPrefix = 'hugepages-';
const isHugePages = (name: string): boolean => name.startsWith(hugePagesPrefix);
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
const isOvercommitAllowed = (name: string): boolean => isNative(name) && !isHugePages(name);

/** An extended resource ("example.com/gpu"): fully qualified, outside kubernetes.io. */
function isExtended(name: string): boolean {
  if (isNative(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

const integerResources = new Set([
  'pods', 'quotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);
const isIntegerResource = (name: string): boolean => integerResources.has(name) || isExtended(name);

const standardContainerResources = new Set(['cpu', 'memory', 'ephemeral-storage']);
const standardResources = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'quotas', 'services', 'replicationcontrollers',
  'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports',
  'services.loadbalancers',
]);

/** validateResourceName: qualified, and standard when it has no prefix. */
function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errs.length > 0) return errs;
  const standard = standardResources.has(name) || isHugePages(name) || name.startsWith(`requests.${hugePagesPrefix}`);
  if (!name.includes('/') && !standard) errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  return errs;
}

function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!standardContainerResources.has(name) && !isHugePages(name)) {
      errs.push(invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNative(name) && !isExtended(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** ValidateResourceQuantityValue: not negative, and whole for integer resources. */
export function validateResourceQuantityValue(name: string, q: Quantity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (q.isNegative()) errs.push(invalid(path, q.toString(), 'must be greater than or equal to 0'));
  if (isIntegerResource(name) && q.milliValue() % 1000n !== 0n) errs.push(invalid(path, q.toString(), 'must be an integer'));
  return errs;
}

/** ValidatePositiveQuantityValue. */
export function validatePositiveQuantity(q: Quantity, path: string): FieldError[] {
  return q.isNegative() || q.isZero() ? [invalid(path, q.toString(), 'must be greater than zero')] : [];
}

/** validateBasicResource. */
export function validateBasicResource(q: Quantity, path: string): FieldError[] {
  return q.isNegative() ? [invalid(path, Number(q.value()), 'must be a valid resource quantity')] : [];
}

/** ValidateContainerResourceRequirements: names, quantities, and requests within limits. */
export function validateContainerResources(resources: ResourceRequirements | undefined, path: string): FieldError[] {
  if (resources === undefined) return [];
  const errs: FieldError[] = [];
  const limPath = `${path}.limits`;
  const reqPath = `${path}.requests`;
  const limits = quantitiesOf(resources.limits, (n) => `${limPath}[${n}]`, errs);
  const requests = quantitiesOf(resources.requests, (n) => `${reqPath}[${n}]`, errs);
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, q] of limits) {
    errs.push(...validateContainerResourceName(name, `${limPath}[${name}]`));
    errs.push(...validateResourceQuantityValue(name, q, `${limPath}[${name}]`));
    cpuOrMemory ||= name === 'cpu' || name === 'memory';
    hugePages ||= isHugePages(name);
  }
  for (const [name, q] of requests) {
    errs.push(...validateContainerResourceName(name, `${reqPath}[${name}]`));
    errs.push(...validateResourceQuantityValue(name, q, `${reqPath}[${name}]`));
    const limit = limits.get(name);
    if (limit !== undefined) {
      if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (q.cmp(limit) > 0) {
        errs.push(invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    cpuOrMemory ||= name === 'cpu' || name === 'memory';
    hugePages ||= isHugePages(name);
  }
  if (hugePages && !cpuOrMemory) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

/** A single optional quantity field (emptyDir.sizeLimit, a divisor): parsed or reported. */
export function optionalQuantity(value: unknown, path: string, errs: FieldError[]): Quantity | undefined {
  return isSet(value) ? quantityAt(value, path, errs) : undefined;
}
