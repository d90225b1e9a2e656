// Pods, pod specs and pod templates (pkg/apis/core/validation: ValidatePodSpec,
// ValidatePodTemplateSpec, ValidatePodCreate, validatePodMetadataAndSpec).
import type { ObjectMeta } from '../../../meta.js';
import { type FieldError, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import {
  isDNS1123Subdomain, isValidIP, validateAnnotations, validateLabels, validateObjectMeta,
} from '../../../validation/names.js';
import type { Affinity } from '../affinity.js';
import type { Pod, PodCondition, PodIP, PodSpec, PodStatus, PodTemplateSpec } from '../pod.js';
import type { Volume } from '../volume.js';
import { validateContainers, validateContainersOnlyForPod, validateInitContainers } from './container.js';
import {
  validateDNSConfig, validateHostAliases, validateHostNetworkPorts, validateImagePullSecrets, validatePodSecurityContext,
  validateReadinessGates, validateSchedulingGates,
} from './pod-settings.js';
import { quantitiesOf } from './resources.js';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './scheduling.js';
import { validateVolumes } from './volume.js';
import {
  dns1123Label, inclusiveRange, isSet, listOf, messages, nonNegative, qualifiedName, recordOf, stringMapOf, textOf,
} from './values.js';

const restartPolicies = ['Always', 'OnFailure', 'Never'];
const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const mirrorPodAnnotation = 'kubernetes.io/config.mirror';

function enumField(value: unknown, allowed: readonly string[], path: string): FieldError[] {
  const v = textOf(value);
  if (v === '') return [required(path)];
  return allowed.includes(v) ? [] : [notSupported(path, value, allowed)];
}

export interface PodSpecOptions {
  /** The spec is a Pod's own, not a template's: stricter host-network port rules. */
  readonly resourceIsPod?: boolean;
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: PodSpec, path: string, opts: PodSpecOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  const grace = spec.terminationGracePeriodSeconds;
  if (!isSet(grace)) errs.push(required(`${path}.terminationGracePeriodSeconds`));
  else errs.push(...nonNegative(grace, `${path}.terminationGracePeriodSeconds`));
  const volumes = validateVolumes(spec.volumes, `${path}.volumes`);
  errs.push(...volumes.errs);
  const ctx = { volumes: volumes.names, gracePeriod: grace };
  errs.push(...validateContainers(spec.containers, ctx, `${path}.containers`));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, ctx, `${path}.initContainers`));
  errs.push(...validateHostNetworkPorts(spec, opts.resourceIsPod === true, path));
  errs.push(...enumField(spec.restartPolicy, restartPolicies, `${path}.restartPolicy`));
  errs.push(...enumField(spec.dnsPolicy, dnsPolicies, `${path}.dnsPolicy`));
  errs.push(...validateLabels(stringMapOf(spec.nodeSelector, `${path}.nodeSelector`, errs), `${path}.nodeSelector`));
  errs.push(...validatePodSecurityContext(spec, `${path}.securityContext`));
  errs.push(...validateImagePullSecrets(spec.imagePullSecrets, `${path}.imagePullSecrets`));
  errs.push(...validateAffinity(recordOf<Affinity>(spec.affinity), `${path}.affinity`));
  errs.push(...validateDNSConfig(spec, `${path}.dnsConfig`));
  errs.push(...validateReadinessGates(spec.readinessGates, `${path}.readinessGates`));
  errs.push(...validateSchedulingGates(spec.schedulingGates, `${path}.schedulingGates`));
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, `${path}.topologySpreadConstraints`));
  errs.push(...validateNamedFields(spec, path));
  const deadline = spec.activeDeadlineSeconds;
  if (isSet(deadline) && (typeof deadline !== 'number' || deadline < 1 || deadline > 2147483647)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, deadline, inclusiveRange(1, 2147483647)));
  }
  errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  errs.push(...validateHostAliases(spec.hostAliases, `${path}.hostAliases`));
  if (isSet(spec.preemptionPolicy)) errs.push(...enumField(spec.preemptionPolicy, ['PreemptLowerPriority', 'Never'], `${path}.preemptionPolicy`));
  if (isSet(spec.overhead)) quantitiesOf(spec.overhead, (n) => `${path}.overhead[${n}]`, errs);
  const os = recordOf<{ name?: string }>(spec.os);
  if (os !== undefined) {
    if (textOf(os.name) === '') errs.push(required(`${path}.os.name`, 'cannot be empty'));
    else if (os.name !== 'linux' && os.name !== 'windows') errs.push(notSupported(`${path}.os`, os.name, ['linux', 'windows']));
  }
  return errs;
}

/** The fields that hold object names: service account, node, hostname, subdomain, classes. */
function validateNamedFields(spec: PodSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['serviceAccountName', 'nodeName', 'priorityClassName', 'runtimeClassName'] as const) {
    const value = textOf(spec[field]);
    if (value !== '') errs.push(...messages(isDNS1123Subdomain, value, `${path}.${field}`));
  }
  for (const field of ['hostname', 'subdomain'] as const) {
    const value = textOf(spec[field]);
    if (value !== '') errs.push(...dns1123Label(value, `${path}.${field}`));
  }
  return errs;
}

/** ValidatePodTemplateSpec. Kubernetes reports template labels at `<path>.labels`. */
export function validatePodTemplateSpec(template: PodTemplateSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const meta = recordOf<ObjectMeta>(template.metadata) ?? {};
  errs.push(...validateLabels(stringMapOf(meta.labels, `${path}.labels`, errs), `${path}.labels`));
  errs.push(...validateAnnotations(stringMapOf(meta.annotations, `${path}.annotations`, errs), `${path}.annotations`));
  const spec = recordOf<PodSpec>(template.spec) ?? ({} as PodSpec);
  errs.push(...validatePodSpec(spec, `${path}.spec`));
  if (isSet((spec as unknown as Record<string, unknown>)['ephemeralContainers'])) {
    errs.push(forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

function validatePodStatus(status: PodStatus | undefined): FieldError[] {
  if (status === undefined) return [];
  const errs: FieldError[] = [];
  const system = ['PodScheduled', 'Ready', 'Initialized'];
  listOf<PodCondition>(status.conditions).forEach((c, i) => {
    if (!system.includes(textOf(c.type))) errs.push(...qualifiedName(textOf(c.type), `metadata.conditions[${i}].Type`));
  });
  listOf<PodIP>(status.podIPs).forEach((ip, i) => errs.push(...messages(isValidIP, textOf(ip.ip), `status.podIPs[${i}]`)));
  listOf<PodIP>(status.hostIPs).forEach((ip, i) => errs.push(...messages(isValidIP, textOf(ip.ip), `status.hostIPs[${i}]`)));
  const nominated = textOf(status.nominatedNodeName);
  if (nominated !== '') errs.push(...messages(isDNS1123Subdomain, nominated, 'status.nominatedNodeName'));
  return errs;
}

/** validatePodMetadataAndSpec (+ the pod-only checks and a light check of status). */
export function validatePod(pod: Pod): FieldError[] {
  const errs = validateObjectMeta(pod.metadata, { namespaced: true, nameValidator: isDNS1123Subdomain });
  const spec = recordOf<PodSpec>(pod.spec) ?? ({} as PodSpec);
  const annotations = recordOf<Record<string, unknown>>(pod.metadata.annotations) ?? {};
  if (mirrorPodAnnotation in annotations && textOf(spec.nodeName) === '') {
    errs.push(invalid(`metadata.annotations[${mirrorPodAnnotation}]`, annotations[mirrorPodAnnotation],
      'must set spec.nodeName if mirror pod annotation is set'));
  }
  errs.push(...validatePodSpec(spec, 'spec', { resourceIsPod: true }));
  if (textOf(spec.serviceAccountName) === '') {
    listOf<Volume>(spec.volumes).forEach((v, i) => {
      listOf<Record<string, unknown>>(recordOf<{ sources?: unknown }>(v.projected)?.sources).forEach((s, j) => {
        if (isSet(s['serviceAccountToken'])) {
          errs.push(forbidden(`spec.volumes[${i}].projected.sources[${j}].serviceAccountToken`,
            'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  errs.push(...validateContainersOnlyForPod(spec.containers, 'spec.containers'));
  errs.push(...validateContainersOnlyForPod(spec.initContainers, 'spec.initContainers'));
  errs.push(...validatePodStatus(recordOf<PodStatus>(pod.status)));
  return errs;
}

/** ValidatePodCreate's extra rules: no ephemeral containers, no node while gated. */
export function validatePodCreate(pod: Pod): FieldError[] {
  const spec = recordOf<PodSpec>(pod.spec) ?? ({} as PodSpec);
  const errs: FieldError[] = [];
  const ephemeral = (spec as unknown as Record<string, unknown>)['ephemeralContainers'];
  if (Array.isArray(ephemeral) && ephemeral.length > 0) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (textOf(spec.nodeName) !== '' && listOf(spec.schedulingGates).length > 0) {
    errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}
