// The dependency graph: every watched object by uid, and for each owner uid the uids of the
// objects whose ownerReferences name it (the owner need not exist: a dependent of a vanished
// owner is exactly what the collector looks for). The informers' handlers keep it current —
// observe() on add and update, remove() on delete — and each answers with the uids whose sync
// the change may have made necessary. Nodes hold the informers' cached objects: read-only.
import type { ApiObject, OwnerReference } from '../../../shared/api/meta.js';
import { keyOf } from '../../../shared/client/object-key.js';
import { groupOf, type GcResource } from './resources.js';

export const foregroundFinalizer = 'foregroundDeletion';
export const orphanFinalizer = 'orphan';

export interface GraphNode {
  readonly uid: string;
  readonly resource: GcResource;
  readonly object: ApiObject;
}

export const beingDeleted = (o: ApiObject): boolean => o.metadata.deletionTimestamp !== undefined;
export const hasFinalizer = (o: ApiObject, f: string): boolean => (o.metadata.finalizers ?? []).includes(f);
/** Being deleted in the foreground: held until its blocking dependents are gone. */
export const deletingDependents = (o: ApiObject): boolean => beingDeleted(o) && hasFinalizer(o, foregroundFinalizer);
/** Being deleted with orphan propagation: held until its dependents no longer name it. */
export const orphaningDependents = (o: ApiObject): boolean => beingDeleted(o) && hasFinalizer(o, orphanFinalizer);

/** "configmaps/default/web": a node for logs and errors. */
export const describeNode = (n: GraphNode): string => `${n.resource.resource}/${keyOf(n.object)}`;

const ownerRefs = (o: ApiObject): readonly OwnerReference[] => o.metadata.ownerReferences ?? [];

/**
 * Whether `ref`, held by `dependent`, names `owner`: same uid, API group, kind and name, and an
 * owner the dependent may have — cluster-scoped, or in the dependent's own namespace.
 */
export function refersTo(dependent: ApiObject, ref: OwnerReference, owner: GraphNode): boolean {
  if (ref.uid !== owner.uid || ref.kind !== owner.resource.kind || groupOf(ref.apiVersion) !== owner.resource.group) return false;
  if (ref.name !== owner.object.metadata.name) return false;
  return !owner.resource.namespaced || (owner.object.metadata.namespace ?? '') === (dependent.metadata.namespace ?? '');
}

function sameRefs(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((r, i) => {
    const s = b[i]!;
    return r.uid === s.uid && r.name === s.name && r.kind === s.kind && r.apiVersion === s.apiVersion
      && (r.blockOwnerDeletion === true) === (s.blockOwnerDeletion === true) && (r.controller === true) === (s.controller === true);
  });
}

export class DependencyGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly dependentUids = new Map<string, Set<string>>();

  get size(): number {
    return this.nodes.size;
  }

  node(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  /** The cached owner `ref` names, when it is the one `dependent` may refer to. */
  ownerOf(dependent: ApiObject, ref: OwnerReference): GraphNode | undefined {
    const owner = this.nodes.get(ref.uid);
    return owner !== undefined && refersTo(dependent, ref, owner) ? owner : undefined;
  }

  /** The objects whose ownerReferences name `owner`. */
  dependentsOf(owner: GraphNode): GraphNode[] {
    const out: GraphNode[] = [];
    for (const uid of this.dependentUids.get(owner.uid) ?? []) {
      const dep = this.nodes.get(uid);
      if (dep !== undefined && ownerRefs(dep.object).some((r) => refersTo(dep.object, r, owner))) out.push(dep);
    }
    return out;
  }

  /** The dependents that hold `owner`'s foreground deletion: their reference has blockOwnerDeletion. */
  blockingDependentsOf(owner: GraphNode): GraphNode[] {
    return this.dependentsOf(owner).filter((dep) =>
      ownerRefs(dep.object).some((r) => r.blockOwnerDeletion === true && refersTo(dep.object, r, owner)));
  }

  /** Records an added or updated object; returns the uids to sync. */
  observe(resource: GcResource, obj: ApiObject): string[] {
    const uid = obj.metadata.uid;
    if (uid === undefined || uid === '') return [];
    const old = this.nodes.get(uid);
    const node: GraphNode = { uid, resource, object: obj };
    this.nodes.set(uid, node);
    const before = old !== undefined ? ownerRefs(old.object) : [];
    const after = ownerRefs(obj);
    this.reindex(uid, before, after);

    const out = new Set<string>();
    // A new object with owners, or changed owners: are they all gone?
    if (after.length > 0 && (old === undefined || !sameRefs(before, after))) out.add(uid);
    if (orphaningDependents(obj) && (old === undefined || !orphaningDependents(old.object))) out.add(uid);
    if (deletingDependents(obj) && (old === undefined || !deletingDependents(old.object))) {
      out.add(uid);
      for (const dep of this.dependentsOf(node)) out.add(dep.uid);
    }
    // An owner waiting in the foreground that this object stopped blocking.
    for (const ref of before) {
      if (ref.blockOwnerDeletion !== true) continue;
      if (after.some((r) => r.uid === ref.uid && r.blockOwnerDeletion === true)) continue;
      this.addIfDeletingDependents(out, ref.uid);
    }
    return [...out];
  }

  /** Forgets a deleted object; returns the uids to sync: its dependents and its waiting owners. */
  remove(obj: ApiObject): string[] {
    const uid = obj.metadata.uid;
    if (uid === undefined) return [];
    const node = this.nodes.get(uid);
    if (node === undefined) return [];
    this.nodes.delete(uid);
    const refs = ownerRefs(node.object);
    this.reindex(uid, refs, []);
    const out = new Set<string>(this.dependentUids.get(uid) ?? []);
    for (const ref of refs) this.addIfDeletingDependents(out, ref.uid);
    return [...out];
  }

  private addIfDeletingDependents(out: Set<string>, uid: string): void {
    const owner = this.nodes.get(uid);
    if (owner !== undefined && deletingDependents(owner.object)) out.add(uid);
  }

  private reindex(uid: string, before: readonly OwnerReference[], after: readonly OwnerReference[]): void {
    for (const ref of before) {
      if (after.some((r) => r.uid === ref.uid)) continue;
      const set = this.dependentUids.get(ref.uid);
      set?.delete(uid);
      if (set?.size === 0) this.dependentUids.delete(ref.uid);
    }
    for (const ref of after) {
      let set = this.dependentUids.get(ref.uid);
      if (set === undefined) this.dependentUids.set(ref.uid, set = new Set());
      set.add(uid);
    }
  }
}
