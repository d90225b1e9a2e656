// A container's environment, in Kubernetes' order (kubelet makeEnvironmentVariables): the
// service-link variables of the pod's namespace first, then envFrom sources in order, then
// env entries in order, each expanded with $(VAR) against what is defined before it. A key
// missing from a required ConfigMap or Secret is an error that keeps the container from
// starting (CreateContainerConfigError), with a message naming what is missing.
import type { ConfigMap } from '../../../shared/api/core/v1/configmap.js';
import type { Container, ObjectFieldSelector, ResourceFieldSelector } from '../../../shared/api/core/v1/container.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { Secret } from '../../../shared/api/core/v1/secret.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import { parseQuantity } from '../../../shared/api/quantity.js';
import { expand } from './expand.js';
import { serviceLinkVariables } from './service-links.js';

export interface EnvSources {
  /** undefined: not found. */
  configMap(name: string): ConfigMap | undefined;
  secret(name: string): Secret | undefined;
  /** Services of the pod's namespace, plus `kubernetes` of default (the master service). */
  readonly services: readonly Service[];
  readonly podIP: string;
  readonly hostIP: string;
  /** Node allocatable, the default of limits.cpu/limits.memory without a limit. */
  readonly nodeAllocatable: Readonly<Record<string, string>>;
}

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

const decode = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');

/** The environment as Docker's "NAME=value" list, or an EnvError. */
export function containerEnv(pod: Pod, c: Container, src: EnvSources): Map<string, string> {
  const env = new Map<string, string>();
  if (pod.spec?.enableServiceLinks !== false) {
    for (const [k, v] of serviceLinkVariables(src.services)) env.set(k, v);
  }
  for (const from of c.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef !== undefined) {
      const cm = src.configMap(from.configMapRef.name ?? '');
      if (cm === undefined) {
        if (from.configMapRef.optional === true) continue;
        throw new EnvError(`configmap "${from.configMapRef.name ?? ''}" not found`);
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) env.set(prefix + k, v);
    }
    if (from.secretRef !== undefined) {
      const s = src.secret(from.secretRef.name ?? '');
      if (s === undefined) {
        if (from.secretRef.optional === true) continue;
        throw new EnvError(`secret "${from.secretRef.name ?? ''}" not found`);
      }
      for (const [k, v] of Object.entries(s.data ?? {})) env.set(prefix + k, decode(v));
    }
  }
  const lookup = (name: string): string | undefined => env.get(name);
  for (const e of c.env ?? []) {
    if (e.valueFrom === undefined) { env.set(e.name, expand(e.value ?? '', lookup)); continue; }
    const v = valueFrom(pod, c, e.name, e.valueFrom, src);
    if (v !== undefined) env.set(e.name, v);
  }
  return env;
}

/** What `$(VAR)` in command and args may refer to. */
export function expandAll(words: readonly string[] | undefined, env: ReadonlyMap<string, string>): string[] | undefined {
  return words?.map((w) => expand(w, (n) => env.get(n)));
}

function valueFrom(pod: Pod, c: Container, name: string, from: NonNullable<Container['env']>[number]['valueFrom'] & object, src: EnvSources): string | undefined {
  if (from.fieldRef !== undefined) return fieldValue(pod, from.fieldRef, src);
  if (from.resourceFieldRef !== undefined) return resourceValue(pod, c, from.resourceFieldRef, src);
  if (from.configMapKeyRef !== undefined) {
    const ref = from.configMapKeyRef;
    const cm = src.configMap(ref.name ?? '');
    const v = cm?.data?.[ref.key] ?? (cm?.binaryData?.[ref.key] !== undefined ? decode(cm.binaryData[ref.key]!) : undefined);
    if (v !== undefined) return v;
    if (ref.optional === true) return undefined;
    throw new EnvError(cm === undefined ? `configmap "${ref.name ?? ''}" not found` : `couldn't find key ${ref.key} in ConfigMap ${pod.metadata.namespace ?? ''}/${ref.name ?? ''}`);
  }
  if (from.secretKeyRef !== undefined) {
    const ref = from.secretKeyRef;
    const s = src.secret(ref.name ?? '');
    const v = s?.data?.[ref.key];
    if (v !== undefined) return decode(v);
    if (ref.optional === true) return undefined;
    throw new EnvError(s === undefined ? `secret "${ref.name ?? ''}" not found` : `couldn't find key ${ref.key} in Secret ${pod.metadata.namespace ?? ''}/${ref.name ?? ''}`);
  }
  throw new EnvError(`env ${name}: valueFrom names no source`);
}

const mapKey = /^metadata\.(labels|annotations)\['(.+)'\]$/;

/** A pod field for the downward API (env and volumes). */
export function fieldValue(pod: Pod, ref: ObjectFieldSelector, src: Pick<EnvSources, 'podIP' | 'hostIP'>): string {
  const m = pod.metadata;
  switch (ref.fieldPath) {
    case 'metadata.name': return m.name ?? '';
    case 'metadata.namespace': return m.namespace ?? '';
    case 'metadata.uid': return m.uid ?? '';
    case 'metadata.labels': return formatMap(m.labels);
    case 'metadata.annotations': return formatMap(m.annotations);
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP': case 'status.hostIPs': return src.hostIP;
    case 'status.podIP': case 'status.podIPs': return src.podIP;
    default: {
      const mk = mapKey.exec(ref.fieldPath);
      if (mk !== null) return (mk[1] === 'labels' ? m.labels : m.annotations)?.[mk[2]!] ?? '';
      throw new EnvError(`unsupported fieldPath ${JSON.stringify(ref.fieldPath)}`);
    }
  }
}

/** key="value" lines, sorted, as the downward API writes labels and annotations. */
export function formatMap(m: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${JSON.stringify(m![k])}`).join('\n');
}

/** A container's request or limit in units of the divisor, rounded up (as Kubernetes). */
export function resourceValue(pod: Pod, self: Container, ref: ResourceFieldSelector, src: Pick<EnvSources, 'nodeAllocatable'>): string {
  const c = ref.containerName !== undefined && ref.containerName !== ''
    ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x) => x.name === ref.containerName)
    : self;
  if (c === undefined) throw new EnvError(`resourceFieldRef: no container named ${JSON.stringify(ref.containerName)}`);
  const [kind, resource] = ref.resource.split('.') as [string, string | undefined];
  if ((kind !== 'limits' && kind !== 'requests') || resource === undefined) throw new EnvError(`unsupported resource ${JSON.stringify(ref.resource)}`);
  const set = kind === 'limits' ? c.resources?.limits : c.resources?.requests;
  const fallback = kind === 'limits' ? src.nodeAllocatable[resource] : resource === 'cpu' || resource === 'memory' ? '0' : undefined;
  const raw = set?.[resource] ?? fallback ?? '0';
  const divisor = parseQuantity(ref.divisor ?? '1');
  if (resource === 'cpu') {
    const milli = parseQuantity(raw).milliValue();
    const d = divisor.milliValue() === 0n ? 1000n : divisor.milliValue();
    return String((milli + d - 1n) / d);
  }
  const value = parseQuantity(raw).value();
  const d = divisor.value() === 0n ? 1n : divisor.value();
  return String((value + d - 1n) / d);
}
