// syncReplicas(key): one ReplicaSet or ReplicationController, level-triggered (Kubernetes'
// syncReplicaSet and manageReplicas, pkg/controller/replicaset/replica_set.go). Desired and
// observed state come from the caches: claim the pods (adopt matching orphans, release strays),
// create or delete the difference when the expectations are met, write the status.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { isStatusError } from '../../../shared/api/errors.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import type { ClientLog } from '../../../shared/client/client-log.js';
import { ownerUidIndex } from '../../../shared/client/informer-factory.js';
import { namespaceIndex, type StoreReader } from '../../../shared/client/store.js';
import type { Clock } from '../../../shared/util/time.js';
import { claim, controllerOf, newControllerRef, recheckOwner } from '../common/controller-ref.js';
import type { EventRecorder } from '../../../shared/client/event-recorder.js';
import type { ControllerExpectations } from '../common/expectations.js';
import { isPodActive } from '../common/pod-status.js';
import { podFromTemplate } from '../common/pod-template.js';
import { podsToDelete } from '../common/rank-pods.js';
import type { ReplicaApi } from './api.js';
import type { ReplicaKind, ReplicaView } from './kind.js';
import { slowStartBatch } from './slow-start.js';
import { computeStatus, nextAvailabilityCheck, statusUnchanged } from './status.js';

/** Kubernetes' BurstReplicas: at most this many creates or deletes per sync. */
export const burstReplicas = 500;

export interface ReplicaDeps {
  readonly kind: ReplicaKind;
  readonly owners: StoreReader<ApiObject>;
  readonly pods: StoreReader<Pod>;
  readonly api: ReplicaApi;
  readonly expectations: ControllerExpectations;
  readonly events: EventRecorder;
  readonly clock: Clock;
  readonly log: ClientLog;
  readonly burst?: number;
}

/** What the caller should do after a successful sync. */
export type SyncResult =
  | { readonly type: 'done' }
  /** Pods will become available by time alone (minReadySeconds): look again then. */
  | { readonly type: 'recheckAfter'; readonly ms: number };

export async function syncReplicas(d: ReplicaDeps, key: string, signal: AbortSignal): Promise<SyncResult> {
  const owner = d.owners.get(key);
  if (owner === undefined) {
    d.expectations.forget(key);
    return { type: 'done' };
  }
  let view: ReplicaView;
  try {
    view = d.kind.view(owner);
  } catch (err) {
    // An unparseable selector: validation keeps these out, so there is nothing to retry.
    d.log.warn({ err, [d.kind.logField]: key }, 'Skipped object with an invalid selector');
    return { type: 'done' };
  }
  const needsSync = d.expectations.satisfied(key);
  const pods = await claimPods(d, view, signal);
  let failure: unknown;
  if (needsSync && owner.metadata.deletionTimestamp === undefined) {
    try {
      await manageReplicas(d, key, view, pods, signal);
    } catch (err) {
      failure = err;
    }
  }
  const now = d.clock.now();
  const status = computeStatus(view, pods, failure, now);
  if (!statusUnchanged(view.status, status)) await d.api.updateStatus(d.kind.withStatus(owner, status), signal);
  if (failure !== undefined) throw failure;
  const ms = nextAvailabilityCheck(view, pods, now);
  return ms === undefined ? { type: 'done' } : { type: 'recheckAfter', ms };
}

/** The active pods `view` controls after adopting matching orphans and releasing strays. */
async function claimPods(d: ReplicaDeps, v: ReplicaView, signal: AbortSignal): Promise<Pod[]> {
  const ns = v.object.metadata.namespace ?? '';
  const uid = v.object.metadata.uid ?? '';
  // Ours (by the owner index) plus orphans of the namespace: no one else's pod is ever claimed.
  const candidates = new Map<string, Pod>();
  for (const p of d.pods.byIndex(ownerUidIndex, uid)) if (isPodActive(p)) candidates.set(p.metadata.uid ?? '', p);
  for (const p of d.pods.byIndex(namespaceIndex, ns)) {
    if (isPodActive(p) && controllerOf(p) === undefined && v.selector.matches(p.metadata.labels)) candidates.set(p.metadata.uid ?? '', p);
  }
  const result = await claim<Pod>({
    owner: v.object, gvk: d.kind.gvk,
    matches: (p) => v.selector.matches(p.metadata.labels),
    candidates: [...candidates.values()],
    patch: async (p, body, s) => { await d.api.patchPod(ns, p.metadata.name ?? '', body, s); },
    canAdopt: recheckOwner(v.object, d.kind.gvk.kind, (s) => d.api.getOwner(ns, v.object.metadata.name ?? '', s)),
  }, signal);
  return result.claimed;
}

/** Creates or deletes pods towards `view.replicas`, at most `burst` per sync. */
async function manageReplicas(d: ReplicaDeps, key: string, v: ReplicaView, pods: readonly Pod[], signal: AbortSignal): Promise<void> {
  const burst = d.burst ?? burstReplicas;
  const diff = pods.length - v.replicas;
  if (diff < 0) await createPods(d, key, v, Math.min(-diff, burst), signal);
  else if (diff > 0) await deletePods(d, key, v, pods, Math.min(diff, burst), signal);
}

async function createPods(d: ReplicaDeps, key: string, v: ReplicaView, n: number, signal: AbortSignal): Promise<void> {
  const ns = v.object.metadata.namespace ?? '';
  if (v.template === undefined) throw new Error(`${d.kind.gvk.kind} ${key} has no pod template`);
  const template = v.template;
  const target = { object: v.object, gvk: d.kind.gvk };
  d.expectations.expectCreations(key, n);
  const outcome = await slowStartBatch(n, 1, async () => {
    const pod = podFromTemplate(template, v.object, newControllerRef(v.object, d.kind.gvk));
    try {
      const made = await d.api.createPod(ns, pod, signal);
      d.events.record(target, 'Normal', 'SuccessfulCreate', `Created pod: ${made.metadata.name ?? ''}`, signal);
    } catch (err) {
      if (!signal.aborted) d.events.record(target, 'Warning', 'FailedCreate', `Error creating: ${messageOf(err)}`, signal);
      throw err;
    }
  });
  const neverMade = n - outcome.successes;
  if (neverMade > 0) d.expectations.lowerForNeverSent(key, neverMade);
  if (outcome.error !== undefined) {
    if (isNamespaceTerminating(outcome.error)) return;     // the namespace controller is removing everything
    throw outcome.error;
  }
}

async function deletePods(d: ReplicaDeps, key: string, v: ReplicaView, pods: readonly Pod[], n: number, signal: AbortSignal): Promise<void> {
  const ns = v.object.metadata.namespace ?? '';
  const victims = podsToDelete(pods, relatedPods(d, v, pods), n);
  const uids = victims.map((p) => p.metadata.uid ?? '');
  d.expectations.expectDeletions(key, uids);
  const target = { object: v.object, gvk: d.kind.gvk };
  const results = await Promise.allSettled(victims.map(async (p) => {
    const name = p.metadata.name ?? '';
    try {
      await d.api.deletePod(ns, name, signal);
      d.events.record(target, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`, signal);
    } catch (err) {
      d.expectations.lowerForNeverSent(key, 0, [p.metadata.uid ?? '']);
      if (isStatusError(err, 'NotFound')) return;            // gone already: what we wanted
      if (!signal.aborted) d.events.record(target, 'Warning', 'FailedDelete', `Error deleting: ${messageOf(err)}`, signal);
      throw err;
    }
  }));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}

/**
 * Pods of every owner under the same controller (a Deployment's ReplicaSets), so a scale-down
 * prefers nodes where the Deployment is doubled up; just `pods` without a controller.
 */
function relatedPods(d: ReplicaDeps, v: ReplicaView, pods: readonly Pod[]): readonly Pod[] {
  const ref = controllerOf(v.object);
  if (ref === undefined) return pods;
  const siblings = d.owners.byIndex(ownerUidIndex, ref.uid);
  return siblings.flatMap((o) => d.pods.byIndex(ownerUidIndex, o.metadata.uid ?? ''));
}

const isNamespaceTerminating = (err: unknown): boolean =>
  isStatusError(err, 'Forbidden') && /because it is being terminated/.test(err.message);

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
