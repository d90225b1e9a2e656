// Int-or-percent fields of a rolling update (pkg/apis/apps/validation: ValidatePositiveIntOrPercent,
// IsNotMoreThan100Percent, getIntOrPercentValue).
import { type FieldError, invalid } from '../../../validation/field-error.js';
import { nonNegative } from './non-negative.js';

const percentPattern = /^[0-9]+%$/;
const percentMessage = "a valid percent string must be a numeric string followed by an ending '%' " +
  "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";  // Kubernetes' double space

/** An integer ≥ 0 or a string like "25%"; absent reads as 0. */
export function validateIntOrPercent(v: unknown, path: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return percentPattern.test(v) ? [] : [invalid(path, v, percentMessage)];
  if (typeof v === 'number' && Number.isInteger(v)) return nonNegative(v, path);
  return [invalid(path, v, "must be an integer or percentage (e.g '5%')")];
}

/** The number in "25%", 7 or "7"; 0 for anything else, as Kubernetes reads it. */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && percentPattern.test(v)) return Number(v.slice(0, -1));
  if (typeof v === 'string' && /^[+-]?[0-9]+$/.test(v)) return Number(v);
  return 0;
}

export function validateNotMoreThan100Percent(v: unknown, path: string): FieldError[] {
  if (typeof v !== 'string' || !percentPattern.test(v)) return [];
  return intOrPercentValue(v) > 100 ? [invalid(path, v, 'must not be greater than 100%')] : [];
}
