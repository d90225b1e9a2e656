// Classifies an object's ownerReferences (Kubernetes' classifyReferences + isDangling). An owner
// in the graph is trusted; an owner missing from it is looked up live before it is called
// dangling, since the cache may lag a just-created owner — and a live object with another uid
// means the owner named is gone. Absences found live are remembered.
import type { OwnerReference } from '../../../shared/api/meta.js';
import type { AbsentOwnerCache } from './absent-owners.js';
import type { GcApi } from './api.js';
import type { ClassifiedRef, OwnerState } from './decide.js';
import { deletingDependents, type DependencyGraph, type GraphNode } from './graph.js';
import { resourceForOwner, type GcResource } from './resources.js';

export interface ClassifyDeps {
  readonly graph: DependencyGraph;
  readonly resources: readonly GcResource[];
  readonly api: GcApi;
  readonly absentOwners: AbsentOwnerCache;
}

export interface Classified extends ClassifiedRef {
  /** The uid belongs to a namespaced object in another namespace than the dependent's. */
  readonly otherNamespace?: string;
}

export async function classifyOwners(c: ClassifyDeps, dep: GraphNode, signal: AbortSignal): Promise<Classified[]> {
  const out: Classified[] = [];
  for (const ref of dep.object.metadata.ownerReferences ?? []) out.push(await classifyOwner(c, dep, ref, signal));
  return out;
}

async function classifyOwner(c: ClassifyDeps, dep: GraphNode, ref: OwnerReference, signal: AbortSignal): Promise<Classified> {
  const r = resourceForOwner(c.resources, ref);
  const depNamespace = dep.object.metadata.namespace ?? '';
  if (r === undefined || (r.namespaced && depNamespace === '')) return { ref, state: 'unresolvable' };
  const namespace = r.namespaced ? depNamespace : '';
  const cached = c.graph.ownerOf(dep.object, ref);
  if (cached !== undefined) return { ref, state: stateOf(cached.object) };
  const elsewhere = c.graph.node(ref.uid);
  const otherNamespace = elsewhere !== undefined && elsewhere.resource.namespaced
    && (elsewhere.object.metadata.namespace ?? '') !== depNamespace ? elsewhere.object.metadata.namespace : undefined;
  const extra = otherNamespace !== undefined ? { otherNamespace } : {};
  if (c.absentOwners.has(ref, namespace)) return { ref, state: 'dangling', ...extra };
  const live = await c.api.get(r, namespace, ref.name, signal);
  if (live === undefined || live.metadata.uid !== ref.uid) {
    c.absentOwners.add(ref, namespace);
    return { ref, state: 'dangling', ...extra };
  }
  return { ref, state: stateOf(live) };
}

function stateOf(owner: GraphNode['object']): OwnerState {
  return deletingDependents(owner) ? 'waiting' : 'solid';
}
