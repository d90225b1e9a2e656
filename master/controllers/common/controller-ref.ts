// Controller references (ownerReferences with controller: true) and claiming, as Kubernetes'
// ControllerRefManager does it (pkg/controller/controller_ref_manager.go): an owner keeps the
// objects it controls whose labels still match, adopts matching orphans by patching its
// reference in, and releases the objects it controls that stopped matching by patching its
// reference out. Both patches are strategic merges carrying the object's uid, so a patch
// meant for an object that was deleted and recreated under the same name fails (Invalid).
import { isStatusError } from '../../../shared/api/errors.js';
import type { ApiObject, ObjectMeta, OwnerReference } from '../../../shared/api/meta.js';
import { apiVersionOf, type GroupVersionKind } from '../../../shared/api/group-version.js';

export { apiVersionOf, type GroupVersionKind } from '../../../shared/api/group-version.js';

/** The owner reference marked controller: true, if any (metav1.GetControllerOf). */
export function controllerOf(obj: { readonly metadata: ObjectMeta }): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** The reference a controller puts on what it creates (metav1.NewControllerRef). */
export function newControllerRef(owner: ApiObject, gvk: GroupVersionKind): OwnerReference {
  return {
    apiVersion: apiVersionOf(gvk), kind: gvk.kind,
    name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '',
    controller: true, blockOwnerDeletion: true,
  };
}

/** Strategic merge patch adding `owner` as the controller of the object `uid`. */
export function adoptPatch(owner: ApiObject, gvk: GroupVersionKind, uid: string): unknown {
  return { metadata: { ownerReferences: [newControllerRef(owner, gvk)], uid } };
}

/** Strategic merge patch removing the reference to `ownerUid` from the object `uid`. */
export function releasePatch(ownerUid: string, uid: string): unknown {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid } };
}

export interface ClaimOptions<T extends ApiObject> {
  readonly owner: ApiObject;
  readonly gvk: GroupVersionKind;
  /** The kind of the candidates, for messages; default 'Pod'. */
  readonly candidateKind?: string;
  /** The owner's selector, and any filter the caller adds. */
  readonly matches: (obj: T) => boolean;
  /** The objects to look at (e.g. the active pods of the owner's namespace). */
  readonly candidates: readonly T[];
  /** Sends a strategic merge patch for `obj`. */
  readonly patch: (obj: T, body: unknown, signal: AbortSignal) => Promise<void>;
  /**
   * Called once, before the first adoption: rejects if the owner is gone or being deleted.
   * Kubernetes reads the owner live here (recheckOwner), since the cache may be stale.
   */
  readonly canAdopt?: (signal: AbortSignal) => Promise<void>;
}

export interface ClaimResult<T extends ApiObject> {
  /** What the owner controls after the claim: owned and matching, plus the adopted. */
  readonly claimed: T[];
  readonly adopted: T[];
  readonly released: T[];
}

/** Some adoptions or releases failed; `result` holds what did succeed. */
export class ClaimError<T extends ApiObject> extends AggregateError {
  override readonly name = 'ClaimError';

  constructor(errors: readonly unknown[], readonly result: ClaimResult<T>) {
    super(errors, `${errors.length} of the adoptions and releases failed, the first: ${messageOf(errors[0])}`);
  }
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

type Verdict = 'claimed' | 'adopted' | 'released' | 'ignored';

/**
 * Claims `candidates` for `owner` (ClaimObject for each). Throws a ClaimError after trying
 * every candidate if any patch failed, so the caller requeues; NotFound answers are not
 * failures (the object is gone).
 */
export async function claim<T extends ApiObject>(o: ClaimOptions<T>, signal: AbortSignal): Promise<ClaimResult<T>> {
  const result: ClaimResult<T> = { claimed: [], adopted: [], released: [] };
  const errors: unknown[] = [];
  let adoptable: Promise<void> | undefined;
  const canAdopt = (): Promise<void> => (adoptable ??= o.canAdopt?.(signal) ?? Promise.resolve());
  for (const obj of o.candidates) {
    let verdict: Verdict;
    try {
      verdict = await claimOne(o, obj, canAdopt, signal);
    } catch (err) {
      errors.push(err);
      continue;
    }
    if (verdict === 'claimed' || verdict === 'adopted') result.claimed.push(obj);
    if (verdict === 'adopted') result.adopted.push(obj);
    if (verdict === 'released') result.released.push(obj);
  }
  if (errors.length > 0) throw new ClaimError(errors, result);
  return result;
}

async function claimOne<T extends ApiObject>(
  o: ClaimOptions<T>, obj: T, canAdopt: () => Promise<void>, signal: AbortSignal,
): Promise<Verdict> {
  const ownerUid = o.owner.metadata.uid ?? '';
  const ownerDeleting = o.owner.metadata.deletionTimestamp !== undefined;
  const uid = obj.metadata.uid ?? '';
  const ref = controllerOf(obj);
  if (ref !== undefined) {
    if (ref.uid !== ownerUid) return 'ignored';                   // someone else's
    if (o.matches(obj)) return 'claimed';
    if (ownerDeleting) return 'ignored';
    try {
      await o.patch(obj, releasePatch(ownerUid, uid), signal);
    } catch (err) {
      // Gone, or Invalid: no such reference any more, or another object under that name.
      if (isStatusError(err, 'NotFound') || isStatusError(err, 'Invalid')) return 'ignored';
      throw err;
    }
    return 'released';
  }
  if (ownerDeleting || !o.matches(obj) || obj.metadata.deletionTimestamp !== undefined) return 'ignored';
  const ns = o.owner.metadata.namespace ?? '';
  if (ns !== '' && ns !== (obj.metadata.namespace ?? '')) return 'ignored';
  try {
    await canAdopt();
  } catch (err) {
    throw new Error(`can't adopt ${o.candidateKind ?? 'Pod'} ${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''} (${uid}): ${messageOf(err)}`, { cause: err });
  }
  try {
    await o.patch(obj, adoptPatch(o.owner, o.gvk, uid), signal);
  } catch (err) {
    if (isStatusError(err, 'NotFound')) return 'ignored';
    throw err;
  }
  return 'adopted';
}

/**
 * A canAdopt that reads the owner live (RecheckDeletionTimestamp): the owner must still be the
 * same object (uid) and not be being deleted.
 */
export function recheckOwner(
  owner: ApiObject, kind: string, getLive: (signal: AbortSignal) => Promise<ApiObject>,
): (signal: AbortSignal) => Promise<void> {
  return async (signal) => {
    const m = owner.metadata;
    const fresh = await getLive(signal);
    if (fresh.metadata.uid !== m.uid) {
      throw new Error(`original ${kind} ${m.namespace ?? ''}/${m.name ?? ''} is gone: got uid ${fresh.metadata.uid ?? ''}, wanted ${m.uid ?? ''}`);
    }
    if (fresh.metadata.deletionTimestamp !== undefined) {
      throw new Error(`${m.namespace ?? ''}/${m.name ?? ''} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  };
}
