// Delete: graceful for pods (deletionTimestamp + grace; the kubelet finishes it), held by
// finalizers, cascading through the orphan/foregroundDeletion finalizers the garbage
// collector honours; otherwise one transaction "mod revision unchanged" + allocations released.
import { badRequest, staleObject, conflict } from '../../../shared/api/errors.js';
import type { ApiObject, DeleteOptions } from '../../../shared/api/meta.js';
import { rfc3339 } from '../../../shared/util/time.js';
import { isStorageError } from '../storage/errors.js';
import type { Registry, Target } from './context.js';
import { getObject } from './get.js';
import { keyFor } from './keys.js';
import { toApiError } from './storage-errors.js';
import { cloneObject } from './clone.js';

export interface DeleteResult {
  readonly object: ApiObject;
  /** False while finalizers or a grace period hold the object. */
  readonly deleted: boolean;
}

type Propagation = 'Orphan' | 'Background' | 'Foreground';

function propagation(opts: DeleteOptions): Propagation {
  if (opts.propagationPolicy !== undefined) {
    if (!['Orphan', 'Background', 'Foreground'].includes(opts.propagationPolicy)) {
      throw badRequest(`propagationPolicy: Unsupported value: "${String(opts.propagationPolicy)}": supported values: "Foreground", "Background", "Orphan"`);
    }
    if (opts.orphanDependents !== undefined) throw badRequest('orphanDependents and propagationPolicy cannot both be set');
    return opts.propagationPolicy;
  }
  return opts.orphanDependents === true ? 'Orphan' : 'Background';
}

function graceFor(t: Target, obj: ApiObject, opts: DeleteOptions): number {
  if (!(t.rt.group === '' && t.rt.resource === 'pods')) return 0;
  if (opts.gracePeriodSeconds !== undefined) {
    if (!Number.isInteger(opts.gracePeriodSeconds)) throw badRequest('gracePeriodSeconds must be an integer');
    return Math.max(0, opts.gracePeriodSeconds);
  }
  const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
  const phase = (obj.status as { phase?: string } | undefined)?.phase;
  // A pod that never ran or has finished has nothing to stop.
  if (spec?.nodeName === undefined || spec.nodeName === '' || phase === 'Succeeded' || phase === 'Failed') return 0;
  return spec.terminationGracePeriodSeconds ?? 30;
}

export async function deleteObject(r: Registry, t: Target, opts: DeleteOptions, dryRun: boolean): Promise<DeleteResult> {
  const key = keyFor(t.rt, t.namespace, t.name);
  const gr = { group: t.rt.group, resource: t.rt.resource };
  const policy = propagation(opts);
  for (let attempt = 0; ; attempt++) {
    const current = await getObject(r, t);
    const pre = opts.preconditions;
    if (pre?.uid !== undefined && pre.uid !== current.metadata.uid) {
      throw conflict(gr, t.name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid ?? ''}`);
    }
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(gr, t.name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ''}`);
    }
    r.admission.admitDelete(t.rt, current);
    const rev = Number(current.metadata.resourceVersion);
    const next = cloneObject(current);
    const m = next.metadata;
    const now = r.clock.now();
    const grace = graceFor(t, current, opts);
    const finalizers = new Set(m.finalizers ?? []);
    if (policy === 'Orphan') { finalizers.add('orphan'); finalizers.delete('foregroundDeletion'); }
    if (policy === 'Foreground') { finalizers.add('foregroundDeletion'); finalizers.delete('orphan'); }
    const nsFinalizers = t.rt.group === '' && t.rt.resource === 'namespaces'
      ? ((current.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []) : [];
    const hold = finalizers.size > 0 || nsFinalizers.length > 0;
    if (grace > 0 || hold) {
      const pendingGrace = m.deletionGracePeriodSeconds;
      if (m.deletionTimestamp === undefined || (pendingGrace !== undefined && grace < pendingGrace)) {
        m.deletionTimestamp = rfc3339(new Date(now.getTime() + grace * 1000));
        m.deletionGracePeriodSeconds = grace;
      }
      if (finalizers.size > 0) m.finalizers = [...finalizers];
      if (nsFinalizers.length > 0) next.status = { ...(next.status as object | undefined), phase: 'Terminating' };
      if (dryRun) return { object: next, deleted: false };
      try {
        return { object: await r.store.update(key, next, rev), deleted: false };
      } catch (err) {
        if (isStorageError(err, 'Conflict') && attempt < 20) continue;
        throw toApiError(err, t);
      }
    }
    if (dryRun) return { object: current, deleted: true };
    try {
      return { object: await r.store.delete(key, current, rev, r.admission.releaseOnDelete(t.rt, current)), deleted: true };
    } catch (err) {
      if (isStorageError(err, 'Conflict') && attempt < 20) continue;
      if (isStorageError(err, 'Conflict')) throw staleObject(gr, t.name);
      throw toApiError(err, t);
    }
  }
}
