// The patch bodies the garbage collector sends. Reference edits are strategic merge patches
// keyed by owner uid, with the dependent's uid as precondition (as Kubernetes sends them), so a
// concurrent status write cannot make them fail or be lost; finalizer removal is a merge patch
// carrying the cached resourceVersion, so a 409 sends the owner back to the queue.
import type { ApiObject } from '../../../shared/api/meta.js';

/** Removes the references to `ownerUids` from the object `uid`. */
export function removeOwnerRefsPatch(uid: string, ownerUids: readonly string[]): unknown {
  return { metadata: { uid, ownerReferences: ownerUids.map((u) => ({ $patch: 'delete', uid: u })) } };
}

/** Sets blockOwnerDeletion false on each blocking reference of `obj`. */
export function unblockOwnerRefsPatch(obj: ApiObject): unknown {
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.blockOwnerDeletion === true);
  return { metadata: { uid: obj.metadata.uid, ownerReferences: refs.map((r) => ({ uid: r.uid, blockOwnerDeletion: false })) } };
}

/** Removes `finalizer` from `obj`, on condition that it is still at the cached resourceVersion. */
export function removeFinalizerPatch(obj: ApiObject, finalizer: string): unknown {
  const rest = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  return { metadata: { resourceVersion: obj.metadata.resourceVersion, finalizers: rest.length > 0 ? rest : null } };
}
