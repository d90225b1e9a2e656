// ReplicaSet validation (pkg/apis/apps/validation: ValidateReplicaSet, ValidateReplicaSetSpec;
// the selector immutability check of pkg/registry/apps/replicaset/strategy.go).
import { isRecord } from '../../../meta.js';
import type { FieldError } from '../../../validation/field-error.js';
import { isDNS1123Subdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../../validation/names.js';
import type { ReplicaSet, ReplicaSetSpec } from '../replicaset.js';
import { validateImmutable } from './immutable.js';
import { nonNegative } from './non-negative.js';
import { validateSelectorAndTemplate } from './selector-template.js';

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return [
    ...validateObjectMeta(rs.metadata, { namespaced: true, nameValidator: isDNS1123Subdomain }),
    ...validateReplicaSetSpec(isRecord(rs.spec) ? rs.spec : {}, 'spec'),
  ];
}

/** Update-only rules; validateReplicaSet runs as well. */
export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  return [
    ...validateObjectMetaUpdate(rs.metadata, old.metadata),
    ...validateImmutable(rs.spec?.selector, old.spec?.selector, 'spec.selector'),
  ];
}

function validateReplicaSetSpec(spec: ReplicaSetSpec, path: string): FieldError[] {
  return [
    ...nonNegative(spec.replicas, `${path}.replicas`),
    ...nonNegative(spec.minReadySeconds, `${path}.minReadySeconds`),
    ...validateSelectorAndTemplate(spec, path),
  ];
}
