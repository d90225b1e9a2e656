// Informer events → cache and queue. Assigned pods (spec.nodeName set) live in the cache;
// pending pods this scheduler is responsible for live in the queue. Events that may let a
// waiting pod fit — a node added, a node's allocatable/labels/taints/unschedulable changed,
// an assigned pod deleted or finished — move the unschedulable pods back (no polling).
import type { Node } from '../../shared/api/core/v1/node.js';
import type { Pod } from '../../shared/api/core/v1/pod.js';
import type { Informer } from '../../shared/client/informer.js';
import { keyOf } from '../../shared/client/object-key.js';
import { deletedObject } from '../../shared/client/store.js';
import { deepEqual } from '../../shared/util/deep-equal.js';
import { isTerminal, type SchedulerCache } from './cache.js';
import type { SchedulingQueue } from './queue.js';

export const schedulerNameOf = (pod: Pod): string => pod.spec?.schedulerName ?? 'default-scheduler';
const assigned = (pod: Pod): boolean => (pod.spec?.nodeName ?? '') !== '';

export interface HandlerDeps {
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  /** True for the schedulerNames this scheduler serves. */
  readonly responsibleFor: (pod: Pod) => boolean;
}

/** A pending pod this scheduler should place. */
export const wantsScheduling = (d: HandlerDeps, pod: Pod): boolean =>
  !assigned(pod) && !isTerminal(pod) && pod.metadata.deletionTimestamp === undefined && d.responsibleFor(pod) &&
  (pod.spec?.schedulingGates ?? []).length === 0;

/** Whether a node change can make a pod fit that did not (Kubernetes' NodeUpdate queueing events). */
export function nodeChangeMatters(old: Node, node: Node): boolean {
  return !deepEqual(old.status?.allocatable, node.status?.allocatable) ||
    !deepEqual(old.metadata.labels, node.metadata.labels) ||
    !deepEqual(old.spec?.taints, node.spec?.taints) ||
    (old.spec?.unschedulable === true) !== (node.spec?.unschedulable === true);
}

/** Whether a pending pod changed in a way scheduling looks at (not just its status). */
const podSpecChanged = (old: Pod, pod: Pod): boolean =>
  !deepEqual(old.spec, pod.spec) || !deepEqual(old.metadata.labels, pod.metadata.labels) || !deepEqual(old.metadata.annotations, pod.metadata.annotations);

export function addNodeHandlers(d: HandlerDeps, nodes: Informer<Node>): void {
  nodes.addHandlers({
    onAdd: (node) => { d.cache.addOrUpdateNode(node); d.queue.moveAllToActiveOrBackoff(); },
    onUpdate: (old, node) => {
      d.cache.addOrUpdateNode(node);
      if (old !== node && nodeChangeMatters(old, node)) d.queue.moveAllToActiveOrBackoff();
    },
    onDelete: (obj) => d.cache.removeNode(deletedObject(obj).metadata.name ?? ''),
  });
}

export function addPodHandlers(d: HandlerDeps, pods: Informer<Pod>): void {
  pods.addHandlers({
    onAdd: (pod) => {
      const key = keyOf(pod);
      if (assigned(pod)) d.cache.upsertPod(key, pod);
      else if (wantsScheduling(d, pod)) d.queue.add(key, pod);
    },
    onUpdate: (old, pod) => {
      const key = keyOf(pod);
      if (assigned(pod)) {
        if (!assigned(old)) d.queue.delete(key);               // bound: by us (confirms the assumption) or by someone else
        d.cache.upsertPod(key, pod);
        // Finished (its resources are free) or resized: waiting pods may fit now.
        if ((isTerminal(pod) && !isTerminal(old)) || (assigned(old) && old !== pod && !deepEqual(old.spec, pod.spec))) {
          d.queue.moveAllToActiveOrBackoff();
        }
        return;
      }
      if (!wantsScheduling(d, pod)) { d.queue.delete(key); return; }
      if (d.cache.isAssumed(key)) return;                     // its binding is in flight
      if (d.queue.where(key) === undefined || podSpecChanged(old, pod)) d.queue.add(key, pod);
      else d.queue.refresh(key, pod);
    },
    onDelete: (obj) => {
      const pod = deletedObject(obj);
      const key = keyOf(pod);
      d.queue.delete(key);
      const wasPlaced = assigned(pod) || d.cache.isAssumed(key);
      d.cache.removePod(key);
      if (wasPlaced) d.queue.moveAllToActiveOrBackoff();
    },
  });
}
