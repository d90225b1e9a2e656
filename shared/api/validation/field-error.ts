// Field errors: what validation returns, rendered the way Kubernetes words them
// (k8s.io/apimachinery/pkg/util/validation/field/errors.go).

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound';

export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  readonly badValue?: unknown;
  readonly detail?: string;
}

const typeText: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueNotFound: 'Not found',
};

const withValue: ReadonlySet<FieldErrorType> = new Set([
  'FieldValueInvalid', 'FieldValueNotSupported', 'FieldValueDuplicate', 'FieldValueNotFound', 'FieldValueTooMany',
]);

function quote(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The message without the field path: `Invalid value: "x": must be ...`. */
export function fieldErrorMessage(e: FieldError): string {
  let s = typeText[e.type];
  if (withValue.has(e.type)) s += `: ${quote(e.badValue)}`;
  if (e.detail !== undefined && e.detail !== '') s += `: ${e.detail}`;
  return s;
}

/** `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${fieldErrorMessage(e)}`;
}

export const required = (field: string, detail?: string): FieldError =>
  ({ type: 'FieldValueRequired', field, ...(detail !== undefined ? { detail } : {}) });
export const invalid = (field: string, badValue: unknown, detail?: string): FieldError =>
  ({ type: 'FieldValueInvalid', field, badValue, ...(detail !== undefined ? { detail } : {}) });
export const notSupported = (field: string, badValue: unknown, supported: readonly string[]): FieldError =>
  ({ type: 'FieldValueNotSupported', field, badValue,
     detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` });
export const duplicate = (field: string, badValue: unknown): FieldError =>
  ({ type: 'FieldValueDuplicate', field, badValue });
export const forbidden = (field: string, detail: string): FieldError =>
  ({ type: 'FieldValueForbidden', field, detail });
export const tooLong = (field: string, max: number): FieldError =>
  ({ type: 'FieldValueTooLong', field, detail: `may not be more than ${max} bytes` });
export const tooMany = (field: string, actual: number, max: number): FieldError =>
  ({ type: 'FieldValueTooMany', field, badValue: actual, detail: `must have at most ${max} items` });
