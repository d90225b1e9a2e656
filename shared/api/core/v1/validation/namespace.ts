// Namespaces (pkg/apis/core/validation: ValidateNamespace, validateFinalizerName).
import { type FieldError, invalid } from '../../../validation/field-error.js';
import { isDNS1123Label, validateObjectMeta, validateObjectMetaUpdate } from '../../../validation/names.js';
import type { Namespace } from '../namespace.js';
import { qualifiedName, recordOf, stringsOf } from './values.js';

const standardFinalizers = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** A finalizer is qualified, and fully qualified unless it is one of Kubernetes' own. */
export function validateFinalizerName(name: string, path: string): FieldError[] {
  const errs = qualifiedName(name, path);
  if (!name.includes('/') && !standardFinalizers.includes(name)) {
    errs.push(invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

export function validateNamespace(ns: Namespace): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, { namespaced: false, nameValidator: isDNS1123Label });
  for (const f of stringsOf(recordOf<{ finalizers?: unknown }>(ns.spec)?.finalizers)) {
    errs.push(...validateFinalizerName(f, 'spec.finalizers'));
  }
  return errs;
}

export const validateNamespaceUpdate = (ns: Namespace, old: Namespace): FieldError[] =>
  validateObjectMetaUpdate(ns.metadata, old.metadata);
