// Owners being deleted with a garbage-collector finalizer. orphan: every dependent loses its
// reference to the owner, then the finalizer goes (and with it the owner). foregroundDeletion:
// the dependents are deleted (each in its own sync, queued here and when the deletion began),
// and the finalizer goes once no dependent with blockOwnerDeletion is left.
import { isStatusError } from '../../../shared/api/errors.js';
import { deletingDependents, describeNode, foregroundFinalizer, orphanFinalizer, type GraphNode } from './graph.js';
import { forEachLimited } from './limit.js';
import { removeFinalizerPatch, removeOwnerRefsPatch } from './patches.js';
import type { GcDeps } from './sync.js';

export async function orphanDependents(c: GcDeps, owner: GraphNode, signal: AbortSignal): Promise<void> {
  const dependents = c.graph.dependentsOf(owner);
  const failures = await forEachLimited(dependents, c.concurrency, async (dep) => {
    const m = dep.object.metadata;
    try {
      await c.api.patch(dep.resource, m.namespace ?? '', m.name ?? '', 'strategic', removeOwnerRefsPatch(dep.uid, [owner.uid]), signal);
    } catch (err) {
      if (!isStatusError(err, 'NotFound')) throw err;
    }
  });
  if (failures.length > 0) {
    throw new Error(`could not orphan ${failures.length} of ${dependents.length} dependents of ${describeNode(owner)}`, { cause: failures[0] });
  }
  await removeFinalizer(c, owner, orphanFinalizer, signal);
  c.log.info({ owner: describeNode(owner), dependents: dependents.length }, 'Orphaned dependents');
}

export async function deleteDependents(c: GcDeps, owner: GraphNode, signal: AbortSignal): Promise<void> {
  const blocking = c.graph.blockingDependentsOf(owner);
  if (blocking.length === 0) {
    await removeFinalizer(c, owner, foregroundFinalizer, signal);
    c.log.info({ owner: describeNode(owner) }, 'Removed foreground finalizer');
    return;
  }
  // Each is deleted in its own sync; their deletions bring the owner back here.
  for (const dep of blocking) if (!deletingDependents(dep.object)) c.enqueue(dep.uid);
}

async function removeFinalizer(c: GcDeps, node: GraphNode, finalizer: string, signal: AbortSignal): Promise<void> {
  const m = node.object.metadata;
  try {
    await c.api.patch(node.resource, m.namespace ?? '', m.name ?? '', 'merge', removeFinalizerPatch(node.object, finalizer), signal);
  } catch (err) {
    if (!isStatusError(err, 'NotFound')) throw err;      // a 409: the cache lags; requeued
  }
}
