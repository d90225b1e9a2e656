// An object with owners: classify them, decide, act — keep it, drop references to owners that
// no longer keep it, or delete it (uid and resourceVersion preconditions, so an object adopted
// or replaced meanwhile is never deleted by mistake).
import { isStatusError } from '../../../shared/api/errors.js';
import type { ApiObject, DeleteOptions } from '../../../shared/api/meta.js';
import { deepEqual } from '../../../shared/util/deep-equal.js';
import { classifyOwners } from './classify.js';
import { decideAction, type Propagation } from './decide.js';
import { recordEvent } from './events.js';
import { deletingDependents, describeNode, type GraphNode } from './graph.js';
import { removeOwnerRefsPatch, unblockOwnerRefsPatch } from './patches.js';
import type { GcDeps } from './sync.js';

export async function collectIfOwnerless(c: GcDeps, node: GraphNode, signal: AbortSignal): Promise<void> {
  const refs = await classifyOwners(c, node, signal);
  for (const r of refs) {
    if (r.otherNamespace === undefined) continue;
    const ns = node.object.metadata.namespace ?? '';
    await recordEvent(c, node, 'Warning', 'OwnerRefInvalidNamespace',
      `ownerRef [${r.ref.apiVersion}/${r.ref.kind}, namespace: ${ns}, name: ${r.ref.name}, uid: ${r.ref.uid}] does not exist in namespace "${ns}"`, signal);
  }
  const dependents = c.graph.dependentsOf(node);
  const action = decideAction(node.object, refs, {
    hasDependents: dependents.length > 0,
    dependentDeletingDependents: dependents.some((d) => deletingDependents(d.object)),
  });
  const m = node.object.metadata;
  const ns = m.namespace ?? '';
  const name = m.name ?? '';
  switch (action.type) {
    case 'keep':
      return;
    case 'removeOwnerRefs':
      try {
        await c.api.patch(node.resource, ns, name, 'strategic', removeOwnerRefsPatch(node.uid, action.uids), signal);
      } catch (err) {
        if (!isStatusError(err, 'NotFound')) throw err;
      }
      c.log.info({ object: describeNode(node), owners: action.uids }, 'Removed references to owners that are gone');
      return;
    case 'delete':
      if (action.unblockFirst) await c.api.patch(node.resource, ns, name, 'strategic', unblockOwnerRefsPatch(node.object), signal);
      await deleteObject(c, node, action.policy, signal);
      c.log.info({ object: describeNode(node), propagationPolicy: action.policy }, 'Deleted object whose owners are gone');
      return;
    default: {
      const never: never = action;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}

/** Deletes with uid + resourceVersion preconditions; after a 409 whose object kept the same owners, with the uid alone. */
async function deleteObject(c: GcDeps, node: GraphNode, policy: Propagation, signal: AbortSignal): Promise<void> {
  const m = node.object.metadata;
  const ns = m.namespace ?? '';
  const name = m.name ?? '';
  const opts = (pre: { uid: string; resourceVersion?: string }): DeleteOptions => ({ propagationPolicy: policy, preconditions: pre });
  try {
    await c.api.delete(node.resource, ns, name, opts({ uid: node.uid, ...(m.resourceVersion !== undefined ? { resourceVersion: m.resourceVersion } : {}) }), signal);
    return;
  } catch (err) {
    if (isStatusError(err, 'NotFound')) return;
    if (!isStatusError(err, 'Conflict')) throw err;
    const live = await c.api.get(node.resource, ns, name, signal);
    if (live === undefined || live.metadata.uid !== node.uid) return;
    if (!sameOwners(live, node.object)) throw err;      // adopted or released meanwhile: decide again
  }
  try {
    await c.api.delete(node.resource, ns, name, opts({ uid: node.uid }), signal);
  } catch (err) {
    if (!isStatusError(err, 'NotFound')) throw err;
  }
}

const sameOwners = (a: ApiObject, b: ApiObject): boolean =>
  deepEqual(a.metadata.ownerReferences ?? [], b.metadata.ownerReferences ?? []);
