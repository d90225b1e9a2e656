// Update: read, change, write back with "mod revision unchanged"; retry on a race unless
// the client named the resourceVersion it changed (then a race is its 409).
import { staleObject } from '../../../shared/api/errors.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { deepEqual } from '../../../shared/util/deep-equal.js';
import { isStorageError } from '../storage/errors.js';
import type { Registry, Target, WriteOptions } from './context.js';
import { getObject } from './get.js';
import { keyFor } from './keys.js';
import { recordManager } from './managed-fields.js';
import { prepareUpdate, readyToDelete, type UpdateScope } from './prepare.js';
import { toApiError } from './storage-errors.js';
import { cloneObject } from './clone.js';

export interface UpdateOptions extends WriteOptions {
  readonly scope: UpdateScope;
  /** The subresource name for managedFields ("status", "scale"). */
  readonly subresource?: string;
}

/** Turns the current object into the desired one; may throw a StatusError. */
export type TryUpdate = (current: ApiObject) => ApiObject | Promise<ApiObject>;

const comparable = (o: ApiObject): unknown => {
  const { resourceVersion: _rv, managedFields: _mf, ...meta } = o.metadata;
  return { ...o, metadata: meta };
};

export async function guaranteedUpdate(r: Registry, t: Target, tryUpdate: TryUpdate, opts: UpdateOptions): Promise<ApiObject> {
  const key = keyFor(t.rt, t.namespace, t.name);
  for (let attempt = 0; ; attempt++) {
    const current = await getObject(r, t);
    const rev = Number(current.metadata.resourceVersion);
    const desired = await tryUpdate(cloneObject(current));
    const wanted = desired.metadata?.resourceVersion;
    const conditional = wanted !== undefined && wanted !== '';
    if (conditional && wanted !== current.metadata.resourceVersion) {
      throw staleObject({ group: t.rt.group, resource: t.rt.resource }, t.name);
    }
    // finalize is the one write that may change a namespace's spec.finalizers: nothing to carry over.
    if (opts.scope !== 'status' && opts.subresource !== 'finalize') r.admission.carryOver(t.rt, desired, current);
    const next = prepareUpdate(t.rt, desired, current, opts.scope);
    if (deepEqual(comparable(next), comparable(current))) return current;
    recordManager(t.rt, current, next, opts.fieldManager, r.clock.now(), opts.subresource);
    try {
      const extra = await r.admission.admitUpdate(t.rt, next, current, opts.dryRun);
      if (opts.dryRun) return { ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } };
      if (readyToDelete(t.rt, next)) {
        return await r.store.delete(key, next, rev, r.admission.releaseOnDelete(t.rt, next));
      }
      return await r.store.update(key, next, rev, extra);
    } catch (err) {
      if (isStorageError(err, 'Conflict') && !conditional && attempt < 20) continue;
      throw toApiError(err, t);
    }
  }
}

/** PUT: the body replaces the object (within the scope). */
export function updateObject(r: Registry, t: Target, body: ApiObject, opts: UpdateOptions): Promise<ApiObject> {
  return guaranteedUpdate(r, t, () => cloneObject(body), opts);
}
