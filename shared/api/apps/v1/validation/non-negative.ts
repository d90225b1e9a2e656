// ValidateNonnegativeField (pkg/apis/core/validation).
import { type FieldError, invalid } from '../../../validation/field-error.js';

export const nonNegativeMessage = 'must be greater than or equal to 0';

/** Absent is fine: Kubernetes' zero value. */
export function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(path, value, nonNegativeMessage)] : [];
}
