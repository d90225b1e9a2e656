// Server-side apply (application/apply-patch+yaml, `kubectl apply --server-side`).
//
// The subset implemented, after sigs.k8s.io/structured-merge-diff and k8s.io/apiserver's
// fieldmanager:
// - Create: with no live object the applied configuration is the object.
// - Merge: the configuration merges into the live object with the list knowledge of
//   strategic merge (patch-meta.ts): maps merge, lists with a merge key merge item by
//   item, merging lists of primitives are sets, other lists and atomic values are
//   replaced. `null` values and `status` in the configuration are ignored (status is
//   written through its own endpoint), as are metadata.managedFields.
// - Ownership: metadata.managedFields holds one entry per manager (Apply entries by name,
//   Update entries by name and apiVersion), fieldsV1 in Kubernetes' f:/k:/v: notation.
//   An apply owns exactly the fields of its configuration.
// - Removal: fields the manager applied before and no longer applies are removed from
//   the object, unless another manager owns them or something below them.
// - Conflicts: a field the configuration changes that another manager owns is a
//   conflict (ApplyConflictError, Kubernetes' message); with `force` the applier takes
//   it over. Equal values are shared ownership, never a conflict.
// - As in Kubernetes: an object without managedFields is first owned whole by
//   "before-first-apply"; for the manager "kubectl", conflicts on fields whose live value
//   still equals the last-applied-configuration annotation are allowed (moving from
//   client-side apply), and that annotation is rewritten to the applied configuration.
// Not implemented: converting managed fields between apiVersions (entries of other
// versions are read as this one), the cap of ten Update managers, compound list keys
// (container and service ports are keyed by port alone, not port and protocol), atomic
// small reference structs, and apply to subresources.

import type { ApiObject } from '../../../shared/api/meta.js';
import { ApplyConflictError } from './apply-conflict.js';
import type { ApplyConflict } from './apply-conflict.js';
import { FieldSet, fieldsOf, listItems, pathString, removeAt, valueAt } from './field-set.js';
import type { FieldPath } from './field-set.js';
import { cloneJson, getField, isRecord, setField } from './json-value.js';
import { orderMergedList } from './list-order.js';
import { changedAt, describeManager, ownedFields, readManagers, sameManager, setManagers } from './managed-fields.js';
import type { FieldManager } from './managed-fields.js';
import { fieldMeta, patchSchemaFor } from './patch-meta.js';
import type { FieldPatchMeta, GroupKind, PatchSchema } from './patch-meta.js';

export { ApplyConflictError };
export type { ApplyConflict };
export { recordUpdateManager } from './managed-fields.js';
export type { UpdateManagerOptions } from './managed-fields.js';

export interface ServerSideApplyOptions {
  manager: string;
  force: boolean;
  kind: GroupKind;
  apiVersion: string;
  now: string;
}

const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

export function serverSideApply(
  live: ApiObject | undefined,
  applied: ApiObject,
  opts: ServerSideApplyOptions,
): { object: ApiObject; created: boolean } {
  const schema = patchSchemaFor(opts.kind);
  const config = configuration(applied);
  const self: FieldManager = {
    manager: opts.manager,
    operation: 'Apply',
    apiVersion: opts.apiVersion,
    time: opts.now,
    fields: ownedFields(config, schema),
  };
  if (live === undefined) {
    setManagers(config, [self]);
    return { object: config, created: true };
  }

  let managers = readManagers(live.metadata.managedFields);
  if (managers.length === 0) {
    const fields = ownedFields(live, schema);
    managers = [{ manager: 'before-first-apply', operation: 'Update', apiVersion: opts.apiVersion, time: opts.now, fields }];
  }
  const previous = managers.find((m) => sameManager(m, self));
  const others = managers.filter((m) => m !== previous);
  const conflicts = findConflicts(others, self.fields, live, config);
  const blocking = opts.manager === 'kubectl' ? notAllowedByLastApplied(conflicts, live, schema, opts.apiVersion) : conflicts;
  if (blocking.length > 0 && !opts.force) throw new ApplyConflictError(blocking.map((c) => c.conflict));
  for (const { owner, path } of conflicts) owner.fields.delete(path);

  const object = cloneJson(live);
  mergeObject(object, config, schema);
  const dropped = previous?.fields.difference(self.fields) ?? new FieldSet();
  for (const path of dropped) {
    const kept = self.fields.hasWithin(path) || others.some((m) => m.fields.hasWithin(path));
    if (!kept) removeAt(object, path);
  }
  if (opts.manager === 'kubectl') syncLastApplied(object, applied);
  setManagers(object, [...others, self]);
  return { object, created: false };
}

/** The applied object as configuration: a copy without nulls, status and managedFields. */
function configuration(applied: ApiObject): ApiObject {
  const config = withoutNulls(cloneJson(applied)) as Record<string, unknown>;
  delete config['status'];
  const metadata = isRecord(config['metadata']) ? config['metadata'] : {};
  delete metadata['managedFields'];
  return { ...config, metadata } as ApiObject;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (!isRecord(value)) return value;
  for (const [k, v] of Object.entries(value)) {
    if (v === null) delete value[k];
    else setField(value, k, withoutNulls(v));
  }
  return value;
}

interface FoundConflict {
  owner: FieldManager;
  path: FieldPath;
  conflict: ApplyConflict;
}

function findConflicts(others: readonly FieldManager[], applying: FieldSet, live: ApiObject, config: ApiObject): FoundConflict[] {
  const found: FoundConflict[] = [];
  for (const owner of others) {
    const paths = [...applying].filter((p) => owner.fields.has(p) && changedAt(live, config, p));
    const sorted = paths.map((path) => ({ path, field: pathString(path) })).sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
    for (const { path, field } of sorted) {
      found.push({ owner, path, conflict: { manager: owner.manager, field, message: `conflict with ${describeManager(owner)}` } });
    }
  }
  return found;
}

/**
 * The conflicts client-side apply does not explain: a field conflicts freely when the
 * last-applied configuration (of this apiVersion) sets it to the value it still has.
 */
function notAllowedByLastApplied(conflicts: FoundConflict[], live: ApiObject, schema: PatchSchema | undefined, apiVersion: string): FoundConflict[] {
  const text = live.metadata.annotations?.[lastAppliedAnnotation];
  if (conflicts.length === 0 || text === undefined || text === '') return conflicts;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text);
  } catch {
    return conflicts;
  }
  if (!isRecord(lastApplied) || lastApplied['apiVersion'] !== apiVersion) return conflicts;
  const lastFields = fieldsOf(lastApplied, schema);
  return conflicts.filter(({ path }) => !lastFields.has(path) || changedAt(lastApplied, live, path) || changedAt(live, lastApplied, path));
}

/** Merges the configuration into the live object (in place). */
function mergeObject(live: Record<string, unknown>, config: Record<string, unknown>, schema: PatchSchema | undefined): void {
  for (const [key, value] of Object.entries(config)) {
    const meta = fieldMeta(schema, key);
    const current = getField(live, key);
    if (isRecord(current) && isRecord(value) && meta?.atomic !== true) {
      mergeObject(current, value, meta?.fields);
    } else if (Array.isArray(current) && Array.isArray(value)) {
      setField(live, key, mergeList(current, value, meta));
    } else {
      setField(live, key, value);
    }
  }
}

function mergeList(live: unknown[], config: unknown[], meta: FieldPatchMeta | undefined): unknown[] {
  const liveItems = listItems(live, meta);
  const configItems = listItems(config, meta);
  if (liveItems === undefined || configItems === undefined || meta === undefined) return config;
  const segmentOf = new Map<unknown, string>([...liveItems, ...configItems].map(({ item, segment }) => [item, segment]));
  const merged = [...live];
  for (const { item, segment } of configItems) {
    const at = merged.findIndex((other) => segmentOf.get(other) === segment);
    const current = merged[at];
    if (at < 0) merged.push(item);
    else if (isRecord(current) && isRecord(item)) mergeObject(current, item, meta.fields);
  }
  return orderMergedList(merged, config, live, (item) => segmentOf.get(item));
}

/** Rewrites the client-side apply annotation the way `kubectl apply` would write it. */
function syncLastApplied(object: ApiObject, applied: ApiObject): void {
  const annotations = object.metadata.annotations;
  if (annotations?.[lastAppliedAnnotation] === undefined || annotations[lastAppliedAnnotation] === '') return;
  const copy = cloneJson(applied) as Record<string, unknown>;
  const metadata = isRecord(copy['metadata']) ? copy['metadata'] : {};
  const own = isRecord(metadata['annotations']) ? metadata['annotations'] : {};
  delete own[lastAppliedAnnotation];
  metadata['annotations'] = own;
  copy['metadata'] = metadata;
  annotations[lastAppliedAnnotation] = goJson(copy) + '\n';
}

/** JSON as Go's encoding/json writes a map: keys sorted, <, >, & and U+2028/9 escaped. */
function goJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (!isRecord(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) setField(out, k, sorted(v[k]));
    return out;
  };
  return JSON.stringify(sorted(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
