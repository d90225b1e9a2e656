// metadata.managedFields: who owns which fields of an object. Each entry is one
// manager, identified as Kubernetes identifies it (manager name, operation and
// subresource, plus apiVersion for Update entries), with its fields as a FieldSet.
// recordUpdateManager keeps the entries current for ordinary writes (create, update,
// patch): the fields a write adds or changes move to its manager.

import type { ApiObject, ManagedFieldsEntry } from '../../../shared/api/meta.js';
import { FieldSet, fieldsOf, fromFieldsV1, toFieldsV1, valueAt } from './field-set.js';
import type { FieldPath } from './field-set.js';
import { jsonEqual, isRecord } from './json-value.js';
import { patchSchemaFor } from './patch-meta.js';
import type { GroupKind, PatchSchema } from './patch-meta.js';

export interface FieldManager {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  fields: FieldSet;
}

/** Fields the server sets, which nobody owns (Kubernetes' fieldmanager stripMeta, plus deletion). */
const serverFields: FieldPath[] = [
  ['f:apiVersion'],
  ['f:kind'],
  ...[
    'name',
    'namespace',
    'uid',
    'resourceVersion',
    'generation',
    'creationTimestamp',
    'selfLink',
    'managedFields',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
  ].map((f) => ['f:metadata', `f:${f}`]),
];

/** The fields of `obj` a manager can own. */
export function ownedFields(obj: Record<string, unknown>, schema: PatchSchema | undefined): FieldSet {
  const set = fieldsOf(obj, schema).without(serverFields);
  set.delete(['f:metadata']);
  return set;
}

export function sameManager(a: Omit<FieldManager, 'fields'>, b: Omit<FieldManager, 'fields'>): boolean {
  return (
    a.manager === b.manager &&
    a.operation === b.operation &&
    (a.subresource ?? '') === (b.subresource ?? '') &&
    (a.operation === 'Apply' || a.apiVersion === b.apiVersion)
  );
}

/** A manager as Kubernetes names it in conflicts: `"kubectl-scale" with subresource "scale" using apps/v1`. */
export function describeManager(m: Omit<FieldManager, 'fields'>): string {
  let text = JSON.stringify(m.manager);
  if (m.subresource !== undefined && m.subresource !== '') text += ` with subresource ${JSON.stringify(m.subresource)}`;
  return m.operation === 'Update' ? `${text} using ${m.apiVersion}` : text;
}

/** The entries of metadata.managedFields; malformed entries and other field types are skipped. */
export function readManagers(entries: unknown): FieldManager[] {
  if (!Array.isArray(entries)) return [];
  const out: FieldManager[] = [];
  for (const e of entries as unknown[]) {
    if (!isRecord(e)) continue;
    const { manager, operation, apiVersion, time, subresource, fieldsType, fieldsV1 } = e;
    if (operation !== 'Apply' && operation !== 'Update') continue;
    if (fieldsType !== undefined && fieldsType !== 'FieldsV1') continue;
    const m: FieldManager = {
      manager: typeof manager === 'string' ? manager : '',
      operation,
      apiVersion: typeof apiVersion === 'string' ? apiVersion : '',
      fields: fromFieldsV1(fieldsV1),
    };
    if (typeof time === 'string') m.time = time;
    if (typeof subresource === 'string' && subresource !== '') m.subresource = subresource;
    out.push(m);
  }
  return out;
}

/** Entries in Kubernetes' order (Apply first, then oldest first); managers owning nothing are dropped. */
export function writeManagers(managers: readonly FieldManager[]): ManagedFieldsEntry[] {
  const seconds = (t: string | undefined): number => (t === undefined ? 0 : Math.floor(Date.parse(t) / 1000) || 0);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return managers
    .filter((m) => m.fields.size > 0)
    .sort(
      (a, b) =>
        cmp(a.operation, b.operation) ||
        seconds(a.time) - seconds(b.time) ||
        cmp(a.manager, b.manager) ||
        cmp(a.apiVersion, b.apiVersion) ||
        cmp(a.subresource ?? '', b.subresource ?? ''),
    )
    .map((m) => {
      const entry: ManagedFieldsEntry = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion };
      if (m.time !== undefined) entry.time = m.time;
      entry.fieldsType = 'FieldsV1';
      entry.fieldsV1 = toFieldsV1(m.fields);
      if (m.subresource !== undefined) entry.subresource = m.subresource;
      return entry;
    });
}

export function setManagers(obj: ApiObject, managers: readonly FieldManager[]): void {
  const entries = writeManagers(managers);
  if (entries.length > 0) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}

/** The schema of an object's kind, from its apiVersion and kind. */
export function schemaOf(obj: ApiObject, fallbackApiVersion: string): PatchSchema | undefined {
  return patchSchemaFor(groupKindOf(obj, fallbackApiVersion));
}

function groupKindOf(obj: ApiObject, fallbackApiVersion: string): GroupKind {
  const apiVersion = obj.apiVersion ?? fallbackApiVersion;
  const slash = apiVersion.indexOf('/');
  return { group: slash < 0 ? '' : apiVersion.slice(0, slash), kind: obj.kind ?? '' };
}

/** Whether the value at `path` differs between two objects (for list items: whether it appeared). */
export function changedAt(before: unknown, after: unknown, path: FieldPath): boolean {
  const was = valueAt(before, path);
  if (was === undefined) return true;
  const last = path[path.length - 1] ?? '';
  if (!last.startsWith('f:')) return false;
  return !jsonEqual(was.value, valueAt(after, path)?.value);
}

export interface UpdateManagerOptions {
  manager: string;
  apiVersion: string;
  now: string;
  subresource?: string;
  /** The object's kind; read from `updated.apiVersion`/`kind` when absent. */
  kind?: GroupKind;
}

/**
 * Records a non-apply write in `updated.metadata.managedFields` (in place): the fields the
 * write added or changed now belong to `opts.manager` (operation Update) and to no other
 * manager; fields it removed belong to nobody. As in Kubernetes, when `updated` carries
 * no managedFields or an empty list, those of `old` are the starting point, and a list
 * of one empty entry (`[{}]`) strips them all.
 */
export function recordUpdateManager(old: ApiObject | undefined, updated: ApiObject, opts: UpdateManagerOptions): void {
  const given: unknown = updated.metadata.managedFields;
  if (Array.isArray(given) && given.length === 1 && isRecord(given[0]) && Object.keys(given[0]).length === 0) {
    delete updated.metadata.managedFields;
    return;
  }
  const schema = opts.kind !== undefined ? patchSchemaFor(opts.kind) : schemaOf(updated, opts.apiVersion);
  const before = old === undefined ? new FieldSet() : ownedFields(old, schema);
  const after = ownedFields(updated, schema);
  const changed = new FieldSet([...after].filter((p) => !before.has(p) || changedAt(old, updated, p)));
  const removed = before.difference(after);
  const managers = readManagers(Array.isArray(given) && given.length > 0 ? given : old?.metadata.managedFields);

  const self: FieldManager = { manager: opts.manager, operation: 'Update', apiVersion: opts.apiVersion, fields: new FieldSet() };
  if (opts.subresource !== undefined && opts.subresource !== '') self.subresource = opts.subresource;
  const previous = managers.find((m) => sameManager(m, self));
  const others = managers.filter((m) => m !== previous);
  for (const m of others) m.fields = m.fields.difference(changed).without(removed);
  self.fields = (previous?.fields ?? new FieldSet()).union(changed).without(removed);
  const moved = previous === undefined || !previous.fields.equals(self.fields);
  const time = moved ? opts.now : previous.time;
  if (time !== undefined) self.time = time;
  setManagers(updated, [...others, self]);
}
