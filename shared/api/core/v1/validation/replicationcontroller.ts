// ReplicationControllers (pkg/apis/core/validation: ValidateReplicationControllerSpec,
// ValidatePodTemplateSpecForRC, ValidateReplicationControllerStatus).
import { type FieldError, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import { isDNS1123Subdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../../validation/names.js';
import type { ObjectMeta } from '../../../meta.js';
import type { PodSpec, PodTemplateSpec } from '../pod.js';
import type { ReplicationController, ReplicationControllerSpec, ReplicationControllerStatus } from '../replicationcontroller.js';
import { validatePodTemplateSpec } from './pod.js';
import { isSet, nonNegative, numberOf, recordOf, stringMapOf, textOf } from './values.js';

/** An equality selector matches labels holding every one of its pairs. */
const selects = (selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

function validateTemplate(template: PodTemplateSpec | undefined, selector: Record<string, string>, path: string): FieldError[] {
  if (template === undefined) return [required(path)];
  const errs: FieldError[] = [];
  const labels = stringMapOf(recordOf<ObjectMeta>(template.metadata)?.labels, `${path}.metadata.labels`, []);
  if (Object.keys(selector).length > 0 && !selects(selector, labels)) {
    errs.push(invalid(`${path}.metadata.labels`, labels, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, path));
  const spec = recordOf<PodSpec>(template.spec) ?? ({} as PodSpec);
  if (textOf(spec.restartPolicy) !== 'Always') {
    errs.push(notSupported(`${path}.spec.restartPolicy`, spec.restartPolicy ?? '', ['Always']));
  }
  if (isSet(spec.activeDeadlineSeconds)) {
    errs.push(forbidden(`${path}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errs;
}

function validateStatus(status: ReplicationControllerStatus | undefined): FieldError[] {
  if (status === undefined) return [];
  const errs: FieldError[] = [];
  for (const f of ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'] as const) {
    errs.push(...nonNegative(status[f], `status.${f}`));
  }
  const replicas = numberOf(status.replicas);
  const more = 'cannot be greater than status.replicas';
  for (const f of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const) {
    if (numberOf(status[f]) > replicas) errs.push(invalid(`status.${f}`, status[f], more));
  }
  if (numberOf(status.availableReplicas) > numberOf(status.readyReplicas)) {
    errs.push(invalid('status.availableReplicas', status.availableReplicas, 'cannot be greater than readyReplicas'));
  }
  return errs;
}

export function validateReplicationController(rc: ReplicationController): FieldError[] {
  const errs = validateObjectMeta(rc.metadata, { namespaced: true, nameValidator: isDNS1123Subdomain });
  const spec = recordOf<ReplicationControllerSpec>(rc.spec) ?? {};
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  const selector = stringMapOf(spec.selector, 'spec.selector', errs);
  if (Object.keys(selector).length === 0) errs.push(required('spec.selector'));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...validateTemplate(recordOf<PodTemplateSpec>(spec.template), selector, 'spec.template'));
  errs.push(...validateStatus(recordOf<ReplicationControllerStatus>(rc.status)));
  return errs;
}

export const validateReplicationControllerUpdate = (rc: ReplicationController, old: ReplicationController): FieldError[] =>
  validateObjectMetaUpdate(rc.metadata, old.metadata);
