// Names that go into URL paths (ValidateCrossVersionObjectReference, validateMetricIdentifier;
// apimachinery/pkg/api/validation/path: IsValidPathSegmentName).
import { type FieldError, invalid, required } from '../../../validation/field-error.js';
import type { CrossVersionObjectReference } from '../hpa.js';

/** IsValidPathSegmentName: the name goes into a URL path. */
export function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

export function validateCrossVersionObjectReference(ref: CrossVersionObjectReference, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['kind', 'name'] as const) {
    const value = ref[field] ?? '';
    if (value === '') errs.push(required(`${path}.${field}`));
    else errs.push(...pathSegmentErrors(value).map((msg) => invalid(`${path}.${field}`, value, msg)));
  }
  return errs;
}
