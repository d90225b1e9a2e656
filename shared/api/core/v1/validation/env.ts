// A container's environment (pkg/apis/core/validation: ValidateEnv, validateEnvVarValueFrom,
// ValidateEnvFrom) and the downward-API selectors env and volumes share.
import { type FieldError, invalid, notSupported, required } from '../../../validation/field-error.js';
import { isConfigMapKey, isDNS1123Subdomain, isEnvVarName } from '../../../validation/names.js';
import type {
  ConfigMapKeySelector, EnvFromSource, EnvVar, EnvVarSource, ObjectFieldSelector, ResourceFieldSelector,
} from '../container.js';
import { optionalQuantity } from './resources.js';
import { isSet, listOf, messages, qualifiedName, recordOf, textOf } from './values.js';

const envFieldPaths = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
export const volumeFieldPaths = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const resourceFieldPaths = [
  'limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory',
];
const hugePagesFieldPrefixes = ['limits.hugepages-', 'requests.hugepages-'];

/** metadata.labels['key'] and metadata.annotations['key']: the path and the key. */
function splitSubscript(fieldPath: string): { path: string; key: string } | undefined {
  const m = /^([^[\]]+)\['(.*)'\]$/.exec(fieldPath);
  return m === null ? undefined : { path: m[1] ?? '', key: m[2] ?? '' };
}

/** Every field label the downward API knows (ConvertDownwardAPIFieldLabel). */
const convertibleFieldPaths = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
]);

/** ConvertDownwardAPIFieldLabel: the internal label, or why there is none. */
function convertFieldLabel(version: string, label: string): { label: string } | { error: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const sub = splitSubscript(label);
  if (sub !== undefined) {
    return sub.path === 'metadata.annotations' || sub.path === 'metadata.labels'
      ? { label } : { error: `field label does not support subscript: ${label}` };
  }
  if (label === 'spec.host') return { label: 'spec.nodeName' };
  return convertibleFieldPaths.has(label) ? { label } : { error: `field label not supported: ${label}` };
}

/** validateObjectFieldSelector, against the expressions env or a volume allows. */
export function validateObjectFieldSelector(fs: ObjectFieldSelector, allowed: readonly string[], path: string): FieldError[] {
  const version = textOf(fs.apiVersion);
  if (version === '') return [required(`${path}.apiVersion`)];
  const fieldPath = textOf(fs.fieldPath);
  if (fieldPath === '') return [required(`${path}.fieldPath`)];
  const converted = convertFieldLabel(version, fieldPath);
  if ('error' in converted) return [invalid(`${path}.fieldPath`, fieldPath, `error converting fieldPath: ${converted.error}`)];
  const sub = splitSubscript(converted.label);
  if (sub !== undefined) {
    return sub.path === 'metadata.annotations' ? qualifiedName(sub.key.toLowerCase(), path) : qualifiedName(sub.key, path);
  }
  return allowed.includes(converted.label) ? [] : [notSupported(`${path}.fieldPath`, converted.label, allowed)];
}

const cpuDivisors = ['1m', '1'];
const byteDivisors = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

function validateDivisor(resource: string, divisor: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const q = optionalQuantity(divisor, `${path}.divisor`, errs);
  if (q === undefined || q.isZero()) return errs;
  const text = q.toString();
  const bad = (what: string, allowed: string[]): FieldError =>
    invalid(`${path}.divisor`, resource, `only divisor's values ${allowed.join(', ')} are supported with the ${what}`);
  if (resource.endsWith('.cpu') && !cpuDivisors.includes(text)) errs.push(bad('cpu resource', cpuDivisors));
  if (resource.endsWith('.memory') && !byteDivisors.includes(text)) errs.push(bad('memory resource', byteDivisors));
  if (resource.endsWith('.ephemeral-storage') && !byteDivisors.includes(text)) {
    errs.push(bad('local ephemeral storage resource', byteDivisors));
  }
  if (hugePagesFieldPrefixes.some((p) => resource.startsWith(p)) && !byteDivisors.includes(text)) {
    errs.push(bad('hugepages resource', byteDivisors));
  }
  return errs;
}

/** validateContainerResourceFieldSelector; a volume's must also name its container. */
export function validateResourceFieldSelector(fs: ResourceFieldSelector, path: string, inVolume: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const resource = textOf(fs.resource);
  if (inVolume && textOf(fs.containerName) === '') errs.push(required(`${path}.containerName`));
  else if (resource === '') errs.push(required(`${path}.resource`));
  else if (!resourceFieldPaths.includes(resource) && !hugePagesFieldPrefixes.some((p) => resource.startsWith(p))) {
    errs.push(notSupported(`${path}.resource`, resource, resourceFieldPaths));
  }
  errs.push(...validateDivisor(resource, fs.divisor, path));
  return errs;
}

function validateKeySelector(s: ConfigMapKeySelector, path: string): FieldError[] {
  const errs = messages(isDNS1123Subdomain, textOf(s.name), `${path}.name`);
  const key = textOf(s.key);
  if (key === '') errs.push(required(`${path}.key`));
  else errs.push(...messages(isConfigMapKey, key, `${path}.key`));
  return errs;
}

function validateValueFrom(ev: EnvVar, path: string): FieldError[] {
  const from = recordOf<EnvVarSource>(ev.valueFrom);
  if (from === undefined) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  const fieldRef = recordOf<ObjectFieldSelector>(from.fieldRef);
  if (fieldRef !== undefined) {
    sources++;
    errs.push(...validateObjectFieldSelector(fieldRef, envFieldPaths, `${path}.fieldRef`));
  }
  const resourceFieldRef = recordOf<ResourceFieldSelector>(from.resourceFieldRef);
  if (resourceFieldRef !== undefined) {
    sources++;
    errs.push(...validateResourceFieldSelector(resourceFieldRef, `${path}.resourceFieldRef`, false));
  }
  for (const key of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const ref = recordOf<ConfigMapKeySelector>(from[key]);
    if (ref === undefined) continue;
    sources++;
    errs.push(...validateKeySelector(ref, `${path}.${key}`));
  }
  if (sources === 0) {
    errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (textOf(ev.value) !== '') {
    errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

export function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  listOf<EnvVar>(env).forEach((ev, i) => {
    const at = `${path}[${i}]`;
    const name = textOf(ev.name);
    if (name === '') errs.push(required(`${at}.name`));
    else errs.push(...messages(isEnvVarName, name, `${at}.name`));
    if (isSet(ev.value) && typeof ev.value !== 'string') errs.push(invalid(`${at}.value`, ev.value, 'must be a string'));
    errs.push(...validateValueFrom(ev, `${at}.valueFrom`));
  });
  return errs;
}

export function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  listOf<EnvFromSource>(envFrom).forEach((ef, i) => {
    const at = `${path}[${i}]`;
    const prefix = textOf(ef.prefix);
    if (prefix !== '') errs.push(...messages(isEnvVarName, prefix, `${at}.prefix`));
    let sources = 0;
    for (const key of ['configMapRef', 'secretRef'] as const) {
      const ref = recordOf<{ name?: string }>(ef[key]);
      if (ref === undefined) continue;
      sources++;
      const name = textOf(ref.name);
      if (name === '') errs.push(required(`${at}.${key}.name`));
      else errs.push(...messages(isDNS1123Subdomain, name, `${at}.${key}.name`));
    }
    if (sources === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
