// Sets of field paths in Kubernetes' managedFields notation (FieldsV1, from
// sigs.k8s.io/structured-merge-diff): a path is a list of segments,
//   f:<name>      a struct field or map key
//   k:<json>      the item of a keyed list whose key fields have these values
//   v:<json>      the item of a set (a merging list of primitives)
// and a set holds the paths that are owned: leaves (scalars, atomic values, empty
// objects and lists) and the items of keyed lists and sets. Which lists are keyed
// comes from patch-meta.ts, the same data strategic merge uses.

import { fieldMeta } from './patch-meta.js';
import type { FieldPatchMeta, PatchSchema } from './patch-meta.js';
import { getField, isRecord, jsonEqual, setField } from './json-value.js';

export type FieldPath = readonly string[];

export class FieldSet implements Iterable<FieldPath> {
  private readonly paths = new Map<string, FieldPath>();

  constructor(paths: Iterable<FieldPath> = []) {
    for (const p of paths) this.add(p);
  }

  get size(): number {
    return this.paths.size;
  }

  has(path: FieldPath): boolean {
    return this.paths.has(JSON.stringify(path));
  }

  add(path: FieldPath): void {
    this.paths.set(JSON.stringify(path), path);
  }

  delete(path: FieldPath): void {
    this.paths.delete(JSON.stringify(path));
  }

  [Symbol.iterator](): Iterator<FieldPath> {
    return this.paths.values();
  }

  union(other: FieldSet): FieldSet {
    return new FieldSet([...this, ...other]);
  }

  difference(other: FieldSet): FieldSet {
    return new FieldSet([...this].filter((p) => !other.has(p)));
  }

  /** Whether the set holds `path` or a path below it. */
  hasWithin(path: FieldPath): boolean {
    for (const p of this) if (isPrefix(path, p)) return true;
    return false;
  }

  /** The set without the paths equal to or below any of `roots`. */
  without(roots: Iterable<FieldPath>): FieldSet {
    const rs = [...roots];
    return new FieldSet([...this].filter((p) => !rs.some((r) => isPrefix(r, p))));
  }

  equals(other: FieldSet): boolean {
    return this.size === other.size && [...this].every((p) => other.has(p));
  }
}

export function isPrefix(prefix: FieldPath, path: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => s === path[i]);
}

/** The paths of every field set in `value` (an object), read with `schema`. */
export function fieldsOf(value: Record<string, unknown>, schema: PatchSchema | undefined): FieldSet {
  const out = new FieldSet();
  walkObject(value, schema, [], out);
  return out;
}

function walkObject(obj: Record<string, unknown>, schema: PatchSchema | undefined, at: FieldPath, out: FieldSet): void {
  for (const [key, value] of Object.entries(obj)) walkValue(value, fieldMeta(schema, key), [...at, `f:${key}`], out);
}

function walkValue(value: unknown, meta: FieldPatchMeta | undefined, at: FieldPath, out: FieldSet): void {
  if (isRecord(value) && meta?.atomic !== true && Object.keys(value).length > 0) {
    walkObject(value, meta?.fields, at, out);
    return;
  }
  const items = Array.isArray(value) && value.length > 0 ? listItems(value, meta) : undefined;
  if (items === undefined) {
    out.add(at);
    return;
  }
  for (const { segment, item } of items) {
    out.add([...at, segment]);
    if (isRecord(item)) walkObject(item, meta?.fields, [...at, segment], out);
  }
}

/** The segments of a list's items, or undefined when the list is atomic. */
export function listItems(list: readonly unknown[], meta: FieldPatchMeta | undefined): { segment: string; item: unknown }[] | undefined {
  if (meta?.strategy !== 'merge') return undefined;
  const key = meta.mergeKey;
  if (key !== undefined && list.every((item) => isRecord(item) && getField(item, key) !== undefined)) {
    return list.map((item) => ({ segment: `k:${JSON.stringify({ [key]: getField(item as Record<string, unknown>, key) })}`, item }));
  }
  if (list.every((item) => !isRecord(item) && !Array.isArray(item))) {
    return list.map((item) => ({ segment: `v:${JSON.stringify(item)}`, item }));
  }
  return undefined;
}

/** The value at `path`, if there is one. */
export function valueAt(root: unknown, path: FieldPath): { value: unknown } | undefined {
  let node: unknown = root;
  for (const segment of path) {
    const next = step(node, segment);
    if (next === undefined) return undefined;
    node = next.value;
  }
  return { value: node };
}

function step(node: unknown, segment: string): { value: unknown; index?: number } | undefined {
  const rest = segment.slice(2);
  if (segment.startsWith('f:')) {
    return isRecord(node) && Object.hasOwn(node, rest) ? { value: node[rest] } : undefined;
  }
  if (!Array.isArray(node)) return undefined;
  if (segment.startsWith('i:')) {
    const i = Number(rest);
    return Number.isInteger(i) && i >= 0 && i < node.length ? { value: node[i], index: i } : undefined;
  }
  const match = itemMatcher(segment);
  const index = node.findIndex((item: unknown) => match(item));
  return index < 0 ? undefined : { value: node[index], index };
}

function itemMatcher(segment: string): (item: unknown) => boolean {
  const parsed = parseSegmentValue(segment);
  if (segment.startsWith('k:') && isRecord(parsed)) {
    const keys = Object.entries(parsed);
    return (item) => isRecord(item) && keys.every(([k, v]) => jsonEqual(getField(item, k), v));
  }
  if (segment.startsWith('v:')) return (item) => jsonEqual(item, parsed);
  return () => false;
}

function parseSegmentValue(segment: string): unknown {
  try {
    return JSON.parse(segment.slice(2)) as unknown;
  } catch {
    return undefined;
  }
}

/** Removes the field or list item at `path` from `root` (in place); missing paths are ignored. */
export function removeAt(root: unknown, path: FieldPath): void {
  const last = path[path.length - 1];
  const parent = valueAt(root, path.slice(0, -1));
  if (last === undefined || parent === undefined) return;
  const container = parent.value;
  if (last.startsWith('f:')) {
    if (isRecord(container)) delete container[last.slice(2)];
    return;
  }
  const found = step(container, last);
  if (Array.isArray(container) && found?.index !== undefined) container.splice(found.index, 1);
}

/** A path as Kubernetes prints it in conflicts: `.spec.containers[name="nginx"].image`. */
export function pathString(path: FieldPath): string {
  return path
    .map((segment) => {
      const rest = segment.slice(2);
      if (segment.startsWith('f:')) return `.${rest}`;
      const parsed = parseSegmentValue(segment);
      if (segment.startsWith('k:') && isRecord(parsed)) {
        return `[${Object.entries(parsed).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
      }
      if (segment.startsWith('v:')) return `[=${rest}]`;
      return `[${rest}]`;
    })
    .join('');
}

/** The set in FieldsV1 form: nested objects, `{}` for a leaf, `".": {}` for an owned node with children. */
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const owned: Record<string, unknown>[] = [];
  for (const path of set) {
    let node = root;
    for (const segment of path) {
      const next = getField(node, segment);
      const child: Record<string, unknown> = isRecord(next) ? next : {};
      if (!isRecord(next)) setField(node, segment, child);
      node = child;
    }
    if (path.length > 0) owned.push(node);
  }
  for (const node of owned) if (Object.keys(node).length > 0) node['.'] = {};
  return sortKeys(root);
}

function sortKeys(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(node).sort((a, b) => (a === '.' ? -1 : b === '.' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const child = node[key];
    setField(out, key, isRecord(child) ? sortKeys(child) : child);
  }
  return out;
}

/** Reads FieldsV1; anything that is not an object of objects is skipped. */
export function fromFieldsV1(fields: unknown): FieldSet {
  const out = new FieldSet();
  const walk = (node: Record<string, unknown>, at: FieldPath): void => {
    for (const [key, child] of Object.entries(node)) {
      if (key === '.') {
        if (at.length > 0) out.add(at);
      } else if (isRecord(child)) {
        if (Object.keys(child).length === 0) out.add([...at, key]);
        else walk(child, [...at, key]);
      }
    }
  };
  if (isRecord(fields)) walk(fields, []);
  return out;
}
