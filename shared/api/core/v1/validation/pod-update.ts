// What may change in a running pod (pkg/apis/core/validation: ValidatePodUpdate,
// ValidatePodSpecificAnnotationUpdates, validateOnlyAddedTolerations,
// validateOnlyDeletedSchedulingGates).
import { deepEqual } from '../../../../util/deep-equal.js';
import { type FieldError, forbidden, invalid } from '../../../validation/field-error.js';
import { validateObjectMetaUpdate } from '../../../validation/names.js';
import type { Toleration } from '../affinity.js';
import type { Container } from '../container.js';
import type { Pod, PodSpec } from '../pod.js';
import { describeDiff } from './diff.js';
import { isSet, listOf, recordOf, textOf } from './values.js';

const updatableFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',');

const mirrorPodAnnotation = 'kubernetes.io/config.mirror';

function validateAnnotationUpdates(pod: Pod, old: Pod): FieldError[] {
  const now = recordOf<Record<string, unknown>>(pod.metadata.annotations) ?? {};
  const before = recordOf<Record<string, unknown>>(old.metadata.annotations) ?? {};
  const path = `metadata.annotations[${mirrorPodAnnotation}]`;
  if (mirrorPodAnnotation in before && now[mirrorPodAnnotation] !== before[mirrorPodAnnotation]) {
    return [forbidden(path, 'may not remove or update mirror pod annotation')];
  }
  if (!(mirrorPodAnnotation in before) && mirrorPodAnnotation in now) return [forbidden(path, 'may not add mirror pod annotation')];
  return [];
}

function validateActiveDeadline(spec: PodSpec, old: PodSpec): FieldError[] {
  const path = 'spec.activeDeadlineSeconds';
  const now = spec.activeDeadlineSeconds;
  const before = old.activeDeadlineSeconds;
  if (isSet(now)) {
    if (typeof now !== 'number' || now < 0 || now > 2147483647) {
      return [invalid(path, now, 'must be between 0 and 2147483647, inclusive')];
    }
    if (typeof before === 'number' && before < now) return [invalid(path, now, 'must be less than or equal to previous value')];
  } else if (isSet(before)) {
    return [invalid(path, null, 'must not update from a positive integer to nil value')];
  }
  return [];
}

/** Existing tolerations stay (their tolerationSeconds may change); new ones may be added. */
function validateOnlyAddedTolerations(now: unknown, before: unknown): FieldError[] {
  const added = listOf<Toleration>(now);
  for (const old of listOf<Toleration>(before)) {
    const kept = added.some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!kept) return [forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return [];
}

function validateOnlyDeletedSchedulingGates(now: unknown, before: unknown): FieldError[] {
  const old = new Set(listOf<{ name?: string }>(before).map((g) => textOf(g.name)));
  return listOf<{ name?: string }>(now).flatMap((g, i) => old.has(textOf(g.name)) ? [] :
    [forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${textOf(g.name)}'`)]);
}

/** The new spec with every field a pod update may change put back to the old value. */
function mungedSpec(spec: PodSpec, old: PodSpec): PodSpec {
  const munged = structuredClone(spec);
  const keepImages = (now: unknown, before: unknown): void => {
    const previous = listOf<Container>(before);
    listOf<Container>(now).forEach((c, i) => {
      if (isSet(previous[i]?.image)) c.image = previous[i]?.image; else delete c.image;
    });
  };
  keepImages(munged.containers, old.containers);
  keepImages(munged.initContainers, old.initContainers);
  for (const field of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations'] as const) {
    if (old[field] === undefined) delete munged[field];
    else (munged as unknown as Record<string, unknown>)[field] = old[field];
  }
  const oldGrace = old.terminationGracePeriodSeconds;
  if (typeof oldGrace === 'number' && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldGrace;
  }
  return munged;
}

/** ValidatePodUpdate's own rules (validatePod runs as well). */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata), ...validateAnnotationUpdates(pod, old)];
  const spec = recordOf<PodSpec>(pod.spec) ?? ({} as PodSpec);
  const before = recordOf<PodSpec>(old.spec) ?? ({} as PodSpec);
  for (const field of ['containers', 'initContainers'] as const) {
    if (listOf(spec[field]).length !== listOf(before[field]).length) {
      return [...errs, forbidden(`spec.${field}`, 'pod updates may not add or remove containers')];
    }
  }
  const deadline = validateActiveDeadline(spec, before);
  if (deadline.length > 0) return [...errs, ...deadline];
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, before.tolerations));
  errs.push(...validateOnlyDeletedSchedulingGates(spec.schedulingGates, before.schedulingGates));
  if (deepEqual(spec, before)) return errs;
  const munged = mungedSpec(spec, before);
  if (!deepEqual(munged, before)) {
    errs.push(forbidden('spec',
      `pod updates may not change fields other than ${updatableFields}\n${describeDiff(before, munged, 'spec')}`));
  }
  return errs;
}
