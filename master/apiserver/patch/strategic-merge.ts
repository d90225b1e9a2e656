// Strategic merge patch (application/strategic-merge-patch+json), as
// k8s.io/apimachinery/pkg/util/strategicpatch applies it on the server: maps merge,
// `null` deletes a key, lists tagged in patch-meta.ts merge by their key (or as sets of
// primitives) and every other list is replaced. Directives:
//   {"$patch": "replace"}   in a map: the map becomes the patch's; as a list item: the list
//                           becomes the patch's other items
//   {"$patch": "delete"}    in a map: the map becomes {}; as a list item (with the merge
//                           key): that item is removed
//   {"$patch": "merge"}     the default; accepted and ignored (Kubernetes rejects it)
//   "$retainKeys": [...]    keys of the map not listed are cleared
//   "$setElementOrder/f": [...]   the order of list f after the merge
//   "$deleteFromPrimitiveList/f": [...]   values removed from the primitive list f
// Kinds without a schema merge maps the same way and replace every list.

import { PatchError } from './patch-error.js';
import { cloneJson, describeJson, getField, isRecord, jsonEqual, setField } from './json-value.js';
import { fieldMeta, patchSchemaFor } from './patch-meta.js';
import type { FieldPatchMeta, GroupKind, PatchSchema } from './patch-meta.js';
import { orderMergedList } from './list-order.js';

export { PatchError };

type JsonMap = Record<string, unknown>;

const directiveMarker = '$patch';
const retainKeysDirective = '$retainKeys';
const setElementOrderPrefix = '$setElementOrder';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList';

/** Applies a strategic merge patch to an object of `kind`. Neither input is changed. */
export function applyStrategicMergePatch(target: unknown, patch: unknown, kind: GroupKind): unknown {
  if (!isRecord(patch)) {
    throw new PatchError(`a strategic merge patch must be a JSON object, not ${describeJson(patch)}`);
  }
  const original = isRecord(target) ? cloneJson(target) : {};
  return mergeMap(original, cloneJson(patch), patchSchemaFor(kind), '');
}

const fail = (path: string, reason: string): PatchError =>
  new PatchError(path === '' ? `the strategic merge patch: ${reason}` : `the strategic merge patch at ${path}: ${reason}`);

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

// The functions below own both arguments (private copies) and change them in place.

function mergeMap(original: JsonMap, patch: JsonMap, schema: PatchSchema | undefined, path: string): JsonMap {
  const directive = getField(patch, directiveMarker);
  if (directive !== undefined) {
    delete patch[directiveMarker];
    if (directive === 'replace') return mergeMap({}, patch, schema, path);
    if (directive === 'delete') return {};
    if (directive !== 'merge') throw fail(path, `unknown $patch directive ${describeJson(directive)}`);
  }
  applyRetainKeys(original, patch, path);
  const ordered = new Set<string>();
  for (const key of Object.keys(patch)) {
    if (key.startsWith(setElementOrderPrefix)) {
      const field = directiveField(key, setElementOrderPrefix, path);
      applySetElementOrder(original, patch, field, getField(patch, key), fieldMeta(schema, field), join(path, field));
      ordered.add(field);
    }
  }
  const deletions: [string, unknown][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(setElementOrderPrefix) || ordered.has(key)) continue;
    if (key.startsWith(deleteFromPrimitiveListPrefix)) {
      deletions.push([directiveField(key, deleteFromPrimitiveListPrefix, path), value]);
      continue;
    }
    mergeField(original, key, value, fieldMeta(schema, key), join(path, key));
  }
  for (const [field, values] of deletions) deleteFromPrimitiveList(original, field, values, join(path, field));
  return original;
}

/** The field a `$prefix/field` directive names. */
function directiveField(key: string, prefix: string, path: string): string {
  const slash = key.indexOf('/');
  const field = slash < 0 ? '' : key.slice(slash + 1);
  if (key.slice(0, slash) !== prefix || field === '') {
    throw fail(path, `malformed directive ${JSON.stringify(key)}: expected "${prefix}/<field>"`);
  }
  return field;
}

function mergeField(original: JsonMap, key: string, patchValue: unknown, meta: FieldPatchMeta | undefined, path: string): void {
  if (patchValue === null) {
    delete original[key];
    return;
  }
  const current = getField(original, key);
  let merged: unknown;
  if (isRecord(current) && isRecord(patchValue)) {
    merged = mergeMap(current, patchValue, meta?.fields, path);
  } else if (Array.isArray(current) && Array.isArray(patchValue) && meta?.strategy === 'merge') {
    merged = mergeList(current, patchValue, meta, path);
  } else {
    merged = fromPatch(patchValue, meta, path);
  }
  if (merged === undefined) delete original[key];
  else setField(original, key, merged);
}

/** A patch value with nothing to merge into: directives processed, nulls dropped. */
function fromPatch(value: unknown, meta: FieldPatchMeta | undefined, path: string): unknown {
  if (isRecord(value)) {
    return getField(value, directiveMarker) === 'delete' ? undefined : mergeMap({}, value, meta?.fields, path);
  }
  if (!Array.isArray(value)) return value;
  if (meta?.strategy === 'merge') return mergeList([], value, meta, path);
  const items: unknown[] = [];
  value.forEach((item: unknown, i) => {
    if (isRecord(item) && Object.hasOwn(item, directiveMarker)) return; // meaningless in a replaced list
    items.push(isRecord(item) ? mergeMap({}, item, meta?.fields, `${path}[${i}]`) : item);
  });
  return items;
}

function mergeList(original: unknown[], patch: unknown[], meta: FieldPatchMeta, path: string): unknown[] {
  const items: unknown[] = [];
  const deletes: JsonMap[] = [];
  let replace = false;
  for (const item of patch) {
    const directive = isRecord(item) ? getField(item, directiveMarker) : undefined;
    if (!isRecord(item) || directive === undefined) {
      items.push(item);
    } else if (directive === 'delete') {
      deletes.push(item);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      delete item[directiveMarker];
      if (Object.keys(item).length > 0) items.push(item);
    } else {
      throw fail(path, `unknown $patch directive ${describeJson(directive)}`);
    }
  }
  const base = replace ? [] : original;
  const kind = elementKind([...base, ...items, ...deletes], path);
  if (kind === undefined) return [...base];
  if (kind === 'scalar') {
    return replace ? dedupe(items) : orderMergedList(dedupe([...base, ...items]), items, base, (v) => v);
  }
  const mergeKey = meta.mergeKey;
  if (mergeKey === undefined) throw fail(path, 'cannot merge a list of objects that has no merge key');
  const keyOf = (item: unknown): unknown => (isRecord(item) ? getField(item, mergeKey) : undefined);
  const requireKey = (item: unknown): unknown => {
    const value = keyOf(item);
    if (value === undefined) throw fail(path, `the item ${describeJson(item)} does not contain the merge key "${mergeKey}"`);
    return value;
  };
  const itemPath = (item: unknown): string => `${path}[${mergeKey}=${describeJson(keyOf(item))}]`;

  let merged = [...base];
  for (const del of deletes) {
    const key = requireKey(del);
    merged = merged.filter((item) => !jsonEqual(keyOf(item), key));
  }
  const liveOrder = [...merged];
  for (const item of items as JsonMap[]) {
    const key = requireKey(item);
    const at = merged.findIndex((other) => jsonEqual(keyOf(other), key));
    const live = merged[at];
    merged.splice(at < 0 ? merged.length : at, at < 0 ? 0 : 1, mergeMap(isRecord(live) ? live : {}, item, meta.fields, itemPath(item)));
  }
  return orderMergedList(merged, items, liveOrder, keyOf);
}

/** Whether the lists hold objects or scalars; mixing them, or nesting lists, is an error. */
function elementKind(items: readonly unknown[], path: string): 'object' | 'scalar' | undefined {
  let kind: 'object' | 'scalar' | undefined;
  for (const item of items) {
    if (Array.isArray(item)) throw fail(path, 'lists of lists are not supported');
    const k = isRecord(item) ? 'object' : 'scalar';
    if (kind !== undefined && k !== kind) throw fail(path, 'the list mixes objects and other values');
    kind = k;
  }
  return kind;
}

function dedupe(items: readonly unknown[]): unknown[] {
  return items.filter((item, i) => items.findIndex((other) => jsonEqual(other, item)) === i);
}

function applyRetainKeys(original: JsonMap, patch: JsonMap, path: string): void {
  if (!Object.hasOwn(patch, retainKeysDirective)) return;
  const keys = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) {
    throw fail(path, '$retainKeys must be a list of field names');
  }
  const keep = new Set<unknown>(keys);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(setElementOrderPrefix) || key.startsWith(deleteFromPrimitiveListPrefix)) continue;
    if (!keep.has(key)) throw fail(path, `the patch sets "${key}", which its $retainKeys list does not name`);
  }
  for (const key of Object.keys(original)) if (!keep.has(key)) delete original[key];
}

function applySetElementOrder(
  original: JsonMap,
  patch: JsonMap,
  field: string,
  order: unknown,
  meta: FieldPatchMeta | undefined,
  path: string,
): void {
  if (!Array.isArray(order)) throw fail(path, `$setElementOrder/${field} must be a list`);
  const live = getField(original, field);
  const liveList = Array.isArray(live) ? live : undefined;
  const patchValue = getField(patch, field);
  if (patchValue !== undefined && !Array.isArray(patchValue)) {
    throw fail(path, `$setElementOrder/${field} goes with a list, not ${describeJson(patchValue)}`);
  }
  const mergeKey = meta?.mergeKey;
  const objects = [...(liveList ?? []), ...(patchValue ?? [])].some(isRecord);
  if (objects && mergeKey === undefined) {
    // No key to order objects by: the list merges or is replaced as without the directive.
    if (patchValue !== undefined) mergeField(original, field, patchValue, meta, path);
    return;
  }
  checkOrder(patchValue ?? [], order, mergeKey, path);
  let merged: unknown[];
  if (patchValue === undefined) {
    if (liveList === undefined) return;
    merged = liveList;
  } else if (liveList !== undefined && meta?.strategy === 'merge') {
    merged = mergeList(liveList, patchValue, meta, path);
  } else {
    merged = fromPatch(patchValue, meta, path) as unknown[];
  }
  const identity = (item: unknown): unknown => (isRecord(item) ? getField(item, mergeKey ?? '') : item);
  setField(original, field, orderMergedList(merged, order, liveList ?? [], identity));
}

/** The patch's items must appear in the same relative order as in $setElementOrder. */
function checkOrder(patchList: readonly unknown[], order: readonly unknown[], mergeKey: string | undefined, path: string): void {
  const items = patchList.filter((item) => !(isRecord(item) && Object.hasOwn(item, directiveMarker)));
  const identity = (item: unknown): unknown => {
    if (mergeKey === undefined || !isRecord(item)) return item;
    const value = getField(item, mergeKey);
    if (value === undefined) throw fail(path, `the item ${describeJson(item)} does not contain the merge key "${mergeKey}"`);
    return value;
  };
  let p = 0;
  for (let o = 0; p < items.length && o < order.length; o++) {
    if (jsonEqual(identity(items[p]), identity(order[o]))) p++;
  }
  if (p < items.length) {
    throw fail(path, `the list's items are not all in $setElementOrder, or not in its order (first out of place: ${describeJson(items[p])})`);
  }
}

function deleteFromPrimitiveList(original: JsonMap, field: string, values: unknown, path: string): void {
  if (!Array.isArray(values)) throw fail(path, `$deleteFromPrimitiveList/${field} must be a list`);
  const current = getField(original, field);
  if (!Array.isArray(current)) return;
  setField(original, field, current.filter((item: unknown) => !values.some((v: unknown) => jsonEqual(v, item))));
}
