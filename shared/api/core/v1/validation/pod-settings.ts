// The pod-wide settings of a PodSpec (pkg/apis/core/validation: validatePodSpecSecurityContext,
// validatePodDNSConfig, ValidateHostAliases, validateReadinessGates, validateSchedulingGates,
// validateImagePullSecrets, validatePodHostNetworkDeps).
import { type FieldError, duplicate, invalid, notSupported, required } from '../../../validation/field-error.js';
import { isValidIP } from '../../../validation/names.js';
import type { ContainerPort } from '../container.js';
import type { HostAlias, PodDNSConfig, PodDNSConfigOption, PodSecurityContext, PodSpec, Sysctl } from '../pod.js';
import { dns1123Subdomain, isSet, listOf, messages, qualifiedName, recordOf, stringsOf, textOf, validID } from './values.js';

const ipcSysctlPrefixes = ['kernel.shm', 'kernel.msg', 'kernel.sem', 'fs.mqueue.'];
const sysctlName = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

function validateSysctls(list: unknown, hostNetwork: boolean, hostIPC: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  listOf<Sysctl>(list).forEach((s, i) => {
    const at = `${path}[${i}].name`;
    const name = textOf(s.name);
    if (name === '') errs.push(required(at));
    else if (name.length > 253 || !sysctlName.test(name)) {
      errs.push(invalid(at, name, `must have at most 253 characters and match regex ${sysctlName.source}`));
    } else if (names.has(name)) errs.push(duplicate(at, name));
    if (hostNetwork && name.startsWith('net.')) errs.push(invalid(at, name, "may not be specified when 'hostNetwork' is true"));
    if (hostIPC && ipcSysctlPrefixes.some((p) => name.startsWith(p))) {
      errs.push(invalid(at, name, "may not be specified when 'hostIPC' is true"));
    }
    names.add(name);
  });
  return errs;
}

export function validatePodSecurityContext(spec: PodSpec, path: string): FieldError[] {
  const sc = recordOf<PodSecurityContext>(spec.securityContext);
  if (sc === undefined) return [];
  const errs = [
    ...validID(sc.fsGroup, `${path}.fsGroup`),
    ...validID(sc.runAsUser, `${path}.runAsUser`),
    ...validID(sc.runAsGroup, `${path}.runAsGroup`),
  ];
  if (Array.isArray(sc.supplementalGroups)) {
    sc.supplementalGroups.forEach((g, i) => errs.push(...validID(g, `${path}.supplementalGroups[${i}]`)));
  }
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(invalid(`${path}.shareProcessNamespace`, true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  errs.push(...validateSysctls(sc.sysctls, spec.hostNetwork === true, spec.hostIPC === true, `${path}.sysctls`));
  if (isSet(sc.fsGroupChangePolicy) && sc.fsGroupChangePolicy !== 'Always' && sc.fsGroupChangePolicy !== 'OnRootMismatch') {
    errs.push(notSupported(`${path}.fsGroupChangePolicy`, sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  return errs;
}

export function validateDNSConfig(spec: PodSpec, path: string): FieldError[] {
  const config = recordOf<PodDNSConfig>(spec.dnsConfig);
  if (spec.dnsPolicy === 'None') {
    if (config === undefined) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (stringsOf(config.nameservers).length === 0) {
      return [required(`${path}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (config === undefined) return [];
  const errs: FieldError[] = [];
  const nameservers = stringsOf(config.nameservers);
  if (nameservers.length > 3) errs.push(invalid(`${path}.nameservers`, nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => errs.push(...messages(isValidIP, ns, `${path}.nameservers[${i}]`)));
  const searches = stringsOf(config.searches);
  if (searches.length > 32) errs.push(invalid(`${path}.searches`, searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(invalid(`${path}.searches`, searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  searches.forEach((s, i) => errs.push(...dns1123Subdomain(s.endsWith('.') ? s.slice(0, -1) : s, `${path}.searches[${i}]`)));
  listOf<PodDNSConfigOption>(config.options).forEach((o, i) => {
    if (textOf(o.name) === '') errs.push(required(`${path}.options[${i}]`, 'must not be empty'));
  });
  return errs;
}

export function validateHostAliases(list: unknown, path: string): FieldError[] {
  return listOf<HostAlias>(list).flatMap((alias, i) => [
    ...messages(isValidIP, textOf(alias.ip), `${path}[${i}].ip`),
    ...stringsOf(alias.hostnames).flatMap((h, j) => dns1123Subdomain(h, `${path}[${i}].hostnames[${j}]`)),
  ]);
}

export function validateReadinessGates(list: unknown, path: string): FieldError[] {
  return listOf<{ conditionType?: string }>(list)
    .flatMap((g, i) => qualifiedName(textOf(g.conditionType), `${path}[${i}].conditionType`));
}

export function validateSchedulingGates(list: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  listOf<{ name?: string }>(list).forEach((g, i) => {
    const name = textOf(g.name);
    errs.push(...qualifiedName(name, `${path}[${i}]`));
    if (seen.has(name)) errs.push(duplicate(`${path}[${i}]`, name));
    seen.add(name);
  });
  return errs;
}

export function validateImagePullSecrets(list: unknown, path: string): FieldError[] {
  return listOf<Record<string, unknown>>(list).flatMap((ref, i) =>
    Object.keys(ref).some((k) => k !== 'name') ? [invalid(`${path}[${i}]`, ref, 'only name may be set')] : []);
}

/** hostNetwork pods: a hostPort equals its containerPort (templates may leave it 0). */
export function validateHostNetworkPorts(spec: PodSpec, resourceIsPod: boolean, path: string): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  return listOf<{ ports?: unknown }>(spec.containers).flatMap((c, i) =>
    listOf<ContainerPort>(c.ports).flatMap((p, j) => {
      const hp = p.hostPort ?? 0;
      const cp = p.containerPort ?? 0;
      return (resourceIsPod || hp !== 0) && hp !== cp
        ? [invalid(`${path}.containers[${i}].ports[${j}].hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true')]
        : [];
    }));
}
