// Small helpers for defaulting objects that arrived as JSON: a field of the wrong type is
// left alone for validation to report, never overwritten or descended into.
import { isRecord } from '../../../meta.js';
import { Quantity } from '../../../quantity.js';

/** Go's zero value for a string field: absent, null or "". */
export const unsetString = (v: unknown): boolean => v === undefined || v === null || v === '';

/** Go's zero value for a number field: absent, null or 0. */
export const unsetNumber = (v: unknown): boolean => v === undefined || v === null || v === 0;

/** parent[key] when it is an object; made `{}` first when absent or null and `create` is set. */
export function child<T extends object>(parent: object, key: string, create = false): T | undefined {
  const p = parent as Record<string, unknown>;
  if (create && (p[key] === undefined || p[key] === null)) p[key] = {};
  const v = p[key];
  return isRecord(v) ? (v as T) : undefined;
}

/** The object members of a list; anything else (a non-list, non-object items) is skipped. */
export function members<T extends object>(list: unknown): T[] {
  return Array.isArray(list) ? (list.filter(isRecord) as T[]) : [];
}

/**
 * A quantity as Kubernetes writes it back: canonical text ("0.5" → "500m"), numbers as
 * strings, and for a ResourceList rounded up to whole milli-units. Unparsable input is
 * returned unchanged for validation to report.
 */
export function canonicalQuantity(v: unknown, roundToMilli: boolean): unknown {
  if (typeof v !== 'string' && typeof v !== 'number') return v;
  let q: Quantity;
  try {
    q = Quantity.parse(String(v).trim());
  } catch {
    return v;
  }
  if (roundToMilli) {
    const rounded = Quantity.fromMilli(q.milliValue(), q.format);
    if (rounded.cmp(q) !== 0) q = rounded;
  }
  return q.toString();
}

/** SetDefaults_ResourceList on parent[key], in place. */
export function canonicalResourceList(parent: object, key: string): void {
  const list = child<Record<string, unknown>>(parent, key);
  if (list === undefined) return;
  for (const [name, value] of Object.entries(list)) list[name] = canonicalQuantity(value, true);
}

/** A single quantity field (not a ResourceList: no milli rounding), in place. */
export function canonicalQuantityField(parent: object, key: string): void {
  const p = parent as Record<string, unknown>;
  if (p[key] !== undefined && p[key] !== null) p[key] = canonicalQuantity(p[key], false);
}
