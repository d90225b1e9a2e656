// core/v1 Events (pkg/apis/core/validation/events.go: legacyValidateEvent, the rules a
// core/v1 request gets). The name is not checked beyond being present, as in Kubernetes.
import { type FieldError, invalid, required } from '../../../validation/field-error.js';
import { isDNS1123Subdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../../validation/names.js';
import type { Event } from '../event.js';
import type { ObjectReference } from '../object-reference.js';
import { messages, qualifiedName, recordOf, textOf } from './values.js';

const lengthLimits = { reportingInstance: 128, action: 128, reason: 128, message: 1024 } as const;

export function validateEvent(event: Event): FieldError[] {
  const errs = validateObjectMeta(event.metadata, { namespaced: true, nameValidator: () => [] });
  const namespace = event.metadata.namespace ?? '';
  const involvedNamespace = textOf(recordOf<ObjectReference>(event.involvedObject)?.namespace);
  const mismatch = (): FieldError => invalid('involvedObject.namespace', involvedNamespace, 'does not match event.namespace');
  if (textOf(event.eventTime) === '') {
    if (involvedNamespace === '' ? namespace !== '' && namespace !== 'default' : namespace !== involvedNamespace) {
      errs.push(mismatch());
    }
  } else {
    if (involvedNamespace === '' && namespace !== 'default' && namespace !== 'kube-system') errs.push(mismatch());
    const component = textOf(event.reportingComponent);
    if (component === '') errs.push(required('reportingComponent'));
    errs.push(...qualifiedName(component, 'reportingComponent'));
    for (const [field, limit] of Object.entries(lengthLimits)) {
      const value = textOf(event[field as keyof typeof lengthLimits]);
      if (value === '' && field !== 'message') errs.push(required(field));
      if (value.length > limit) errs.push(invalid(field, '', `can have at most ${limit} characters`));
    }
  }
  errs.push(...messages(isDNS1123Subdomain, namespace, 'namespace'));
  return errs;
}

export const validateEventUpdate = (event: Event, old: Event): FieldError[] =>
  validateObjectMetaUpdate(event.metadata, old.metadata);
