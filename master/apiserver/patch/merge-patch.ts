// RFC 7386 JSON merge patch (application/merge-patch+json): what kubectl label,
// annotate and scale send, and the patch type for kinds without strategic merge.

import { cloneJson, getField, isRecord, setField } from './json-value.js';

/**
 * Applies `patch` to `target`: an object patch merges key by key (null deletes the
 * key), anything else replaces the target. Neither input is changed.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return cloneJson(patch);
  const result: Record<string, unknown> = isRecord(target) ? cloneJson(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      setField(result, key, applyMergePatch(getField(result, key), value));
    }
  }
  return result;
}
