// Client-side apply's patch: a three-way diff of the last applied manifest (original), the new
// manifest (modified) and the live object (current), as a strategic merge patch. Fields the new
// manifest sets that differ from the live object are sent; fields the last manifest set and the
// new one drops are deleted (null, or `$patch: delete` for items of merging lists); fields only
// the server or other writers set are left alone. An empty patch means "unchanged".
import { isRecord } from '../../../api/meta.js';
import { deepEqual } from '../../../util/deep-equal.js';
import { mergeKeyAt } from './merge-keys.js';

type Json = Record<string, unknown>;

export function threeWayPatch(kind: string, original: Json | undefined, modified: Json, current: Json): Json {
  return diffMap(kind, [], original, modified, current);
}

function diffMap(kind: string, path: readonly string[], original: Json | undefined, modified: Json, current: Json): Json {
  const patch: Json = {};
  for (const [k, m] of Object.entries(modified)) {
    const c = current[k];
    const o = original?.[k];
    const at = [...path, k];
    if (isRecord(m) && isRecord(c)) {
      const sub = diffMap(kind, at, isRecord(o) ? o : undefined, m, c);
      if (Object.keys(sub).length > 0) patch[k] = sub;
      continue;
    }
    const key = mergeKeyAt(kind, at);
    if (key !== undefined && Array.isArray(m) && Array.isArray(c) && keyed(m, key) && keyed(c, key)) {
      const items = diffList(kind, at, key, Array.isArray(o) && keyed(o, key) ? o : [], m, c);
      if (items.length > 0) {
        patch[`$setElementOrder/${k}`] = m.map((x) => ({ [key]: (x as Json)[key] }));
        patch[k] = items;
      }
      continue;
    }
    if (!deepEqual(m, c)) patch[k] = m;
  }
  for (const k of Object.keys(original ?? {})) {
    if (!(k in modified) && k in current) patch[k] = null;
  }
  return patch;
}

function keyed(list: readonly unknown[], key: string): list is Json[] {
  return list.every((x) => isRecord(x) && x[key] !== undefined);
}

function diffList(kind: string, path: readonly string[], key: string, original: Json[], modified: Json[], current: Json[]): Json[] {
  const find = (list: Json[], v: unknown): Json | undefined => list.find((x) => deepEqual(x[key], v));
  const items: Json[] = [];
  for (const m of modified) {
    const c = find(current, m[key]);
    if (c === undefined) { items.push(m); continue; }
    const sub = diffMap(kind, path, find(original, m[key]), m, c);
    if (Object.keys(sub).length > 0) items.push({ [key]: m[key], ...sub });
  }
  for (const o of original) {
    if (find(modified, o[key]) === undefined && find(current, o[key]) !== undefined) items.push({ [key]: o[key], $patch: 'delete' });
  }
  return items;
}
