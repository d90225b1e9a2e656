// sync(uid): one object of any kind, level-triggered from the graph (the informers' caches).
// An owner being deleted with the orphan finalizer frees its dependents; one being deleted in
// the foreground waits for its blocking dependents; an object with owners is collected once
// none of them keeps it.
import type { ClientLog } from '../../../shared/client/client-log.js';
import type { Clock } from '../../../shared/util/time.js';
import type { ClassifyDeps } from './classify.js';
import { collectIfOwnerless } from './collect.js';
import { beingDeleted, foregroundFinalizer, hasFinalizer, orphanFinalizer } from './graph.js';
import { deleteDependents, orphanDependents } from './owners.js';

export interface GcDeps extends ClassifyDeps {
  readonly clock: Clock;
  readonly log: ClientLog;
  /** Puts an object's uid in the queue (a dependent an owner waits for). */
  readonly enqueue: (uid: string) => void;
  /** Writes under way at once for one owner's dependents. */
  readonly concurrency: number;
}

export async function syncItem(c: GcDeps, uid: string, signal: AbortSignal): Promise<void> {
  const node = c.graph.node(uid);
  if (node === undefined) return;                       // gone: its dependents were queued when it went
  const obj = node.object;
  if (beingDeleted(obj)) {
    if (hasFinalizer(obj, orphanFinalizer)) await orphanDependents(c, node, signal);
    else if (hasFinalizer(obj, foregroundFinalizer)) await deleteDependents(c, node, signal);
    return;                                             // otherwise on its way out: nothing to do
  }
  if ((obj.metadata.ownerReferences ?? []).length > 0) await collectIfOwnerless(c, node, signal);
}
