// PATCH in its four forms: JSON merge, JSON patch, strategic merge, and server-side apply
// (which creates a missing object).
import { StatusError, badRequest, unsupportedMediaType } from '../../../shared/api/errors.js';
import { isRecord, type ApiObject } from '../../../shared/api/meta.js';
import { apiVersionOf } from '../../../shared/api/resource.js';
import { rfc3339 } from '../../../shared/util/time.js';
import { decodeJsonOrYaml, mediaType, patchMediaTypes, readBody } from '../http/body.js';
import { applyJsonPatch } from '../patch/json-patch.js';
import { applyMergePatch } from '../patch/merge-patch.js';
import { PatchError } from '../patch/patch-error.js';
import { ApplyConflictError, serverSideApply } from '../patch/server-side-apply.js';
import { applyStrategicMergePatch } from '../patch/strategic-merge.js';
import { createObject } from '../registry/create.js';
import { checkTypeMeta } from '../registry/prepare.js';
import { guaranteedUpdate } from '../registry/update.js';
import type { Call, Handlers } from './context.js';
import { writeObject } from './output.js';
import { bool, defaultManager, dryRun, fieldManager, fieldValidation } from './query.js';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export function patchTypeOf(contentType: string | undefined): PatchType {
  switch (mediaType(contentType)) {
    case 'application/json-patch+json': return 'json';
    case 'application/merge-patch+json': return 'merge';
    case 'application/strategic-merge-patch+json': return 'strategic';
    case 'application/apply-patch+yaml': return 'apply';
    default: throw unsupportedMediaType(mediaType(contentType) || '(none)', patchMediaTypes);
  }
}

function asApiObject(v: unknown, what: string): ApiObject {
  if (!isRecord(v)) throw new StatusError(422, 'Invalid', `the ${what} did not produce an object`);
  if (!isRecord(v['metadata'])) (v as ApiObject).metadata = {};
  return v as ApiObject;
}

/**
 * Whether the patch names a resourceVersion, which makes it conditional (a 409 when the object
 * moved on). A patch that does not is applied to whatever is current, and retried on a write
 * conflict, as Kubernetes does — the object it was applied to carries a resourceVersion of its own.
 */
export function patchPinsResourceVersion(type: PatchType, patch: unknown): boolean {
  if (type === 'json') {
    return Array.isArray(patch) && patch.some((op) => isRecord(op) && op['path'] === '/metadata/resourceVersion');
  }
  const meta = isRecord(patch) ? patch['metadata'] : undefined;
  return isRecord(meta) && meta['resourceVersion'] !== undefined && meta['resourceVersion'] !== null && meta['resourceVersion'] !== '';
}

/** Without a resourceVersion of the patch's own, the result is written over whatever is current. */
function unpinned(obj: ApiObject, pinned: boolean): ApiObject {
  if (!pinned) delete obj.metadata.resourceVersion;
  return obj;
}

/** Applies a (non-apply) patch to an object as the client sees it. */
export function applyPatch(type: Exclude<PatchType, 'apply'>, current: ApiObject, patch: unknown, kind: { group: string; kind: string }): ApiObject {
  try {
    switch (type) {
      case 'json': return asApiObject(applyJsonPatch(current, patch), 'JSON patch');
      case 'merge':
        if (!isRecord(patch)) throw new PatchError('a JSON merge patch must be an object');
        return asApiObject(applyMergePatch(current, patch), 'merge patch');
      case 'strategic':
        if (!isRecord(patch)) throw new PatchError('a strategic merge patch must be an object');
        return asApiObject(applyStrategicMergePatch(current, patch, kind), 'strategic merge patch');
    }
  } catch (err) {
    if (err instanceof PatchError) throw new StatusError(422, 'Invalid', `the patch could not be applied: ${err.message}`, {}, { cause: err });
    throw err;
  }
}

export async function handlePatch(h: Handlers, call: Call): Promise<void> {
  fieldValidation(call.query);
  const type = patchTypeOf(call.req.headers['content-type']);
  const patch = decodeJsonOrYaml(await readBody(call.req), call.req.headers['content-type']);
  const manager = type === 'apply' ? fieldManager(call.query) : fieldManager(call.query, defaultManager(call.req));
  const dry = dryRun(call.query);
  const sub = call.ri.subresource;
  const kind = { group: call.rt.group, kind: call.rt.kind };
  const opts = {
    scope: sub === 'status' ? 'status' as const : call.rt.subresources.includes('status') ? 'main' as const : 'whole' as const,
    dryRun: dry, ...(sub !== '' ? { subresource: sub } : {}),
  };
  if (type === 'apply') {
    if (manager === undefined || manager === '') throw badRequest('PATCH, application/apply-patch+yaml requires fieldManager to be set');
    const applied = asApiObject(patch, 'apply configuration');
    checkTypeMeta(call.rt, applied, [apiVersionOf(call.rt)]);
    if (applied.metadata.name !== undefined && applied.metadata.name !== call.target.name) {
      throw badRequest(`the name of the object (${String(applied.metadata.name)}) does not match the name on the URL (${call.target.name})`);
    }
    const force = bool(call.query, 'force') ?? false;
    const ssa = (live: ApiObject | undefined) => {
      try {
        return serverSideApply(live, applied, {
          manager, force, kind, apiVersion: apiVersionOf(call.rt), now: rfc3339(h.registry.clock.now()),
        }).object;
      } catch (err) {
        if (err instanceof ApplyConflictError) {
          throw new StatusError(409, 'Conflict', err.message, {
            causes: err.conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: c.message, field: c.field })),
          });
        }
        throw err;
      }
    };
    try {
      const pinned = patchPinsResourceVersion(type, patch);
      const updated = await guaranteedUpdate(h.registry, call.target,
        (current) => unpinned(h.codec.toStorage(call.rt, ssa(h.codec.present(call.rt, current))), pinned), opts);
      writeObject(h, call, 200, updated);
    } catch (err) {
      if (!(err instanceof StatusError && err.reason === 'NotFound') || sub !== '') throw err;
      const obj = h.codec.toStorage(call.rt, ssa(undefined));
      obj.metadata.name = call.target.name;
      const created = await createObject(h.registry, call.target, obj, { dryRun: dry });
      writeObject(h, call, 201, created);
    }
    return;
  }
  const pinned = patchPinsResourceVersion(type, patch);
  const updated = await guaranteedUpdate(h.registry, call.target, (current) => {
    const presented = h.codec.present(call.rt, current);
    const next = applyPatch(type, presented, patch, kind);
    return unpinned(h.codec.toStorage(call.rt, next), pinned);
  }, { ...opts, ...(manager !== undefined ? { fieldManager: manager } : {}) });
  writeObject(h, call, 200, updated);
}
