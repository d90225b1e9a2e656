// Reading JSON-shaped input safely, and the small checks every core/v1 validator shares
// (pkg/apis/core/validation: ValidateNonnegativeField, ValidatePortNumOrName, ValidateDNS1123Label …).
import { isRecord } from '../../../meta.js';
import { type FieldError, invalid } from '../../../validation/field-error.js';
import {
  isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum,
} from '../../../validation/names.js';

/** The items of a list, each an object ({} in place of anything else, so indexes hold). */
export function listOf<T extends object>(v: unknown): T[] {
  return Array.isArray(v) ? v.map((x: unknown) => (isRecord(x) ? (x as T) : ({} as T))) : [];
}

/** The strings of a list ("" in place of anything else). */
export function stringsOf(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x: unknown) => (typeof x === 'string' ? x : '')) : [];
}

/** v when it is an object; undefined for absent, null or anything else. */
export function recordOf<T extends object>(v: unknown): T | undefined {
  return isRecord(v) ? (v as T) : undefined;
}

/** v when it is a string, else "" (Go's zero value). */
export function textOf(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** v when it is a number, else 0 (Go's zero value). */
export function numberOf(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** A present field (not absent, not null). */
export const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** A map of strings; a non-string value is reported and left out. */
export function stringMapOf(v: unknown, path: string, errs: FieldError[]): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') out[k] = x;
    else if (x !== null) errs.push(invalid(`${path}[${k}]`, x, 'must be a string'));
  }
  return out;
}

/** One Invalid error per complaint a string validator makes. */
export function messages(check: (s: string) => string[], value: string, path: string): FieldError[] {
  return check(value).map((msg) => invalid(path, value, msg));
}

export const dns1123Label = (value: string, path: string): FieldError[] => messages(isDNS1123Label, value, path);
export const dns1123Subdomain = (value: string, path: string): FieldError[] =>
  messages(isDNS1123Subdomain, value, path);
export const qualifiedName = (value: string, path: string): FieldError[] => messages(isQualifiedName, value, path);

const nonNegativeMessage = 'must be greater than or equal to 0';

/** ValidateNonnegativeField: absent is Go's zero, which is fine. */
export function nonNegative(value: unknown, path: string): FieldError[] {
  if (!isSet(value)) return [];
  if (typeof value !== 'number' || !Number.isInteger(value)) return [invalid(path, value, 'must be an integer')];
  return value < 0 ? [invalid(path, value, nonNegativeMessage)] : [];
}

/** validation.InclusiveRangeError. */
export const inclusiveRange = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

/** ValidatePortNumOrName: a number 1–65535 or an IANA_SVC_NAME. */
export function portNumOrName(value: unknown, path: string): FieldError[] {
  const port = isSet(value) ? value : 0;   // an unset IntOrString is the number 0
  if (typeof port === 'number') return isValidPortNum(port).map((msg) => invalid(path, port, msg));
  if (typeof port === 'string') return messages(isValidPortName, port, path);
  return [invalid(path, port, 'must be a port number or name')];
}

/** IsValidUserID / IsValidGroupID. */
export function validID(value: unknown, path: string): FieldError[] {
  if (!isSet(value)) return [];
  const ok = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2147483647;
  return ok ? [] : [invalid(path, value, inclusiveRange(0, 2147483647))];
}

/** A file mode for a projected file: 0 to 0777. */
export function fileMode(value: unknown, path: string): FieldError[] {
  if (!isSet(value)) return [];
  const ok = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0o777;
  return ok ? [] : [invalid(path, value, 'must be a number between 0 and 0777 (octal), both inclusive')];
}
