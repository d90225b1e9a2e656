// What to do with an object that has owners, once each ownerReference is classified
// (Kubernetes' attemptToDeleteItem): keep it while an owner exists; drop references to
// vanished owners and to owners waiting in the foreground when another owner keeps it; delete
// it when no owner keeps it.
import type { ApiObject, DeleteOptions, OwnerReference } from '../../../shared/api/meta.js';
import { foregroundFinalizer, hasFinalizer, orphanFinalizer } from './graph.js';

/**
 * solid: the owner exists (and is not deleting its dependents); waiting: it exists, being
 * deleted in the foreground; dangling: it is gone, or another object (uid) holds its name;
 * unresolvable: a kind Bosun does not serve, or a namespaced owner of a cluster-scoped object —
 * a reference that cannot be checked, so the object is left alone, as Kubernetes leaves it.
 */
export type OwnerState = 'solid' | 'waiting' | 'dangling' | 'unresolvable';

export interface ClassifiedRef {
  readonly ref: OwnerReference;
  readonly state: OwnerState;
}

export type Propagation = NonNullable<DeleteOptions['propagationPolicy']>;

export type GcAction =
  | { readonly type: 'keep' }
  | { readonly type: 'removeOwnerRefs'; readonly uids: readonly string[] }
  /** unblockFirst: set blockOwnerDeletion false on its references first, to break a cycle of foreground deletions. */
  | { readonly type: 'delete'; readonly policy: Propagation; readonly unblockFirst: boolean };

export interface DependentFacts {
  /** The object is itself an owner of something. */
  readonly hasDependents: boolean;
  /** One of its dependents is itself being deleted in the foreground. */
  readonly dependentDeletingDependents: boolean;
}

export function decideAction(obj: ApiObject, refs: readonly ClassifiedRef[], facts: DependentFacts): GcAction {
  if (refs.length === 0 || refs.some((r) => r.state === 'unresolvable')) return { type: 'keep' };
  const solid = refs.filter((r) => r.state === 'solid');
  const waiting = refs.filter((r) => r.state === 'waiting');
  const dangling = refs.filter((r) => r.state === 'dangling');
  if (solid.length > 0) {
    if (dangling.length === 0 && waiting.length === 0) return { type: 'keep' };
    return { type: 'removeOwnerRefs', uids: [...dangling, ...waiting].map((r) => r.ref.uid) };
  }
  if (waiting.length > 0 && facts.hasDependents) {
    return { type: 'delete', policy: 'Foreground', unblockFirst: facts.dependentDeletingDependents };
  }
  if (waiting.some((r) => r.ref.blockOwnerDeletion === true)) return { type: 'delete', policy: 'Foreground', unblockFirst: false };
  if (hasFinalizer(obj, orphanFinalizer)) return { type: 'delete', policy: 'Orphan', unblockFirst: false };
  if (hasFinalizer(obj, foregroundFinalizer)) return { type: 'delete', policy: 'Foreground', unblockFirst: false };
  return { type: 'delete', policy: 'Background', unblockFirst: false };
}
