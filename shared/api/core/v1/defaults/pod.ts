// Kubernetes' defaults for pods and pod templates (pkg/apis/core/v1/defaults.go:
// SetDefaults_PodSpec for both, SetDefaults_Pod for pods only) and what the v1 conversion
// keeps in step (serviceAccount, podIP/podIPs, hostIP/hostIPs). In place and idempotent.
import type { Container } from '../container.js';
import type { Pod, PodSpec, PodStatus, PodTemplateSpec } from '../pod.js';
import type { Volume } from '../volume.js';
import { defaultContainer, defaultHostNetworkPorts, defaultRequestsFromLimits } from './container.js';
import { defaultVolume } from './volume.js';
import { child, members, unsetString } from './walk.js';

export function defaultPodSpec(spec: PodSpec): void {
  if (unsetString(spec.dnsPolicy)) spec.dnsPolicy = 'ClusterFirst';
  if (unsetString(spec.restartPolicy)) spec.restartPolicy = 'Always';
  child(spec, 'securityContext', true);
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = 30;
  }
  if (unsetString(spec.schedulerName)) spec.schedulerName = 'default-scheduler';
  for (const c of containersOf(spec)) defaultContainer(c);
  for (const v of members<Volume>(spec.volumes)) defaultVolume(v);
}

export function defaultPodTemplateSpec(template: PodTemplateSpec): void {
  const spec = child<PodSpec>(template, 'spec', true);
  if (spec !== undefined) defaultPodSpec(spec);
}

export function defaultPod(pod: Pod): void {
  const spec = child<PodSpec>(pod, 'spec', true);
  if (spec !== undefined) {
    for (const c of containersOf(spec)) defaultRequestsFromLimits(c);
    if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
    if (spec.hostNetwork === true) for (const c of containersOf(spec)) defaultHostNetworkPorts(c);
    defaultPodSpec(spec);
    syncServiceAccount(spec);
  }
  const status = child<PodStatus>(pod, 'status');
  if (status !== undefined) {
    syncPrimaryIP(status, 'podIP', 'podIPs');
    syncPrimaryIP(status, 'hostIP', 'hostIPs');
  }
}

const containersOf = (spec: PodSpec): Container[] =>
  [...members<Container>(spec.containers), ...members<Container>(spec.initContainers)];

/** serviceAccount is the deprecated alias: it fills serviceAccountName and then mirrors it. */
function syncServiceAccount(spec: PodSpec): void {
  if (unsetString(spec.serviceAccountName) && typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '') {
    spec.serviceAccountName = spec.serviceAccount;
  }
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') {
    spec.serviceAccount = spec.serviceAccountName;
  }
}

/** The singular field wins when the two disagree (Convert_v1_PodStatus_To_core_PodStatus). */
function syncPrimaryIP(status: PodStatus, single: 'podIP' | 'hostIP', plural: 'podIPs' | 'hostIPs'): void {
  const one = status[single];
  const many = Array.isArray(status[plural]) ? (status[plural] ?? []) : undefined;
  if (typeof one === 'string' && one !== '') {
    if (many === undefined || many.length === 0 || many[0]?.ip !== one) status[plural] = [{ ip: one }];
  } else if (many !== undefined && many.length > 0 && typeof many[0]?.ip === 'string') {
    status[single] = many[0].ip;
  }
}
