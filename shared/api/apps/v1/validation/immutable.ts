// ValidateImmutableField (pkg/apis/core/validation).
import { type FieldError, invalid } from '../../../validation/field-error.js';
import { deepEqual } from '../../../../util/deep-equal.js';

export function validateImmutable(now: unknown, before: unknown, path: string): FieldError[] {
  return deepEqual(now, before) ? [] : [invalid(path, now ?? null, 'field is immutable')];
}
