// syncDeployment(key) (pkg/controller/deployment/deployment_controller.go): read the Deployment
// and its ReplicaSets from the caches (claiming by selector: adopt matching orphans, release
// the ones no longer matching), then exactly one of: status only (being deleted), scaling only
// (paused, or spec.replicas changed), a legacy rollback, or one step of the strategy.
// Level-triggered: everything is recomputed from the caches on every pass.
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { selectorFromLabelSelector } from '../../../shared/api/labels/selector.js';
import type { ClientLog } from '../../../shared/client/client-log.js';
import { ownerUidIndex } from '../../../shared/client/informer-factory.js';
import { namespaceIndex, type StoreReader } from '../../../shared/client/store.js';
import { rfc3339, type Clock } from '../../../shared/util/time.js';
import { claim, controllerOf, recheckOwner } from '../common/controller-ref.js';
import type { EventRecorder } from '../../../shared/client/event-recorder.js';
import type { DeploymentApi } from './api.js';
import { cleanupDeployment } from './history.js';
import { allOf, replicaSetsAndSyncRevision } from './new-replicaset.js';
import { pausedConditionUpdate } from './progress.js';
import { isScalingEvent, proportionalScale } from './proportional.js';
import { rolloutRecreate, type PodMap } from './recreate.js';
import { rollback, rollbackTo } from './rollback.js';
import { rolloutRolling } from './rolling.js';
import { scaleReplicaSet } from './scaling.js';
import { deploymentGvk, updateDeploymentStatus, type SyncScope } from './scope.js';
import { syncDeploymentStatus } from './status-sync.js';
import { specReplicas } from './replica-sets.js';

export interface DeploymentDeps {
  readonly deployments: StoreReader<Deployment>;
  readonly replicaSets: StoreReader<ReplicaSet>;
  readonly pods: StoreReader<Pod>;
  readonly api: DeploymentApi;
  readonly events: EventRecorder;
  readonly clock: Clock;
  readonly log: ClientLog;
  /** Queues `key` again after `ms`. */
  readonly enqueueAfter: (key: string, ms: number) => void;
}

/** The ReplicaSets this Deployment controls after adopting and releasing (getReplicaSetsForDeployment). */
async function claimReplicaSets(c: DeploymentDeps, s: SyncScope): Promise<ReplicaSet[]> {
  const d = s.d;
  const selector = selectorFromLabelSelector(d.spec?.selector);
  const ns = d.metadata.namespace ?? '';
  const result = await claim<ReplicaSet>({
    owner: d, gvk: deploymentGvk, candidateKind: 'ReplicaSet',
    matches: (rs) => selector.matches(rs.metadata.labels),
    candidates: c.replicaSets.byIndex(namespaceIndex, ns),
    patch: (rs, body, signal) => c.api.patchReplicaSet(ns, rs.metadata.name ?? '', body, signal),
    canAdopt: recheckOwner(d, 'Deployment', (signal) => c.api.getDeployment(ns, d.metadata.name ?? '', signal)),
  }, s.signal);
  return result.claimed;
}

/** The pods of each of `rsList`, by ReplicaSet uid (terminating ones included). */
function podMapOf(c: DeploymentDeps, rsList: readonly ReplicaSet[]): PodMap {
  const map = new Map<string, Pod[]>();
  for (const rs of rsList) {
    const uid = rs.metadata.uid ?? '';
    map.set(uid, c.pods.byIndex(ownerUidIndex, uid).filter((p) => controllerOf(p)?.uid === uid));
  }
  return map;
}

/** Scaling without rolling out (sync): proportional sizes, history cleanup while paused, status. */
async function syncScaling(c: DeploymentDeps, s: SyncScope, rsList: readonly ReplicaSet[]): Promise<void> {
  const r = await replicaSetsAndSyncRevision(s, rsList, c.replicaSets, false);
  for (const step of proportionalScale(s.d, r.newRS, r.oldRSs)) {
    if (step.operation !== undefined) await scaleReplicaSet(s, step.rs, step.to, step.operation);
    else if (specReplicas(step.rs) !== step.to) await scaleReplicaSet(s, step.rs, step.to, specReplicas(step.rs) < step.to ? 'up' : 'down');
  }
  if (s.d.spec?.paused === true && rollbackTo(s.d) === undefined) await cleanupDeployment(s, r.oldRSs);
  await syncDeploymentStatus(s, allOf(r), r.newRS);
}

/** `rsList` with `written` (a ReplicaSet as just written) in place of its cached copy. */
const withWritten = (rsList: readonly ReplicaSet[], written: ReplicaSet | undefined): ReplicaSet[] =>
  rsList.map((rs) => (written !== undefined && rs.metadata.uid === written.metadata.uid ? written : rs));

const selectsEverything = (d: Deployment): boolean => {
  const sel = d.spec?.selector;
  return sel !== undefined && sel !== null && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
};

export async function syncDeployment(c: DeploymentDeps, key: string, signal: AbortSignal): Promise<void> {
  const cached = c.deployments.get(key);
  if (cached === undefined) return;                      // deleted: its ReplicaSets go with the garbage collector
  const s: SyncScope = {
    api: c.api, events: c.events, log: c.log, now: () => c.clock.now(), d: structuredClone(cached), signal,
    requeueAfter: (ms) => c.enqueueAfter(key, ms),
  };
  if (selectsEverything(s.d)) {
    s.events.record({ object: s.d, gvk: deploymentGvk }, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', signal);
    if ((s.d.status?.observedGeneration ?? 0) < (s.d.metadata.generation ?? 0)) {
      s.d.status = { ...s.d.status, observedGeneration: s.d.metadata.generation ?? 0 };
      await updateDeploymentStatus(s);
    }
    return;
  }
  const rsList = await claimReplicaSets(c, s);
  if (s.d.metadata.deletionTimestamp !== undefined) {
    const r = await replicaSetsAndSyncRevision(s, rsList, c.replicaSets, false);
    await syncDeploymentStatus(s, allOf(r), r.newRS);
    return;
  }
  const paused = pausedConditionUpdate(s.d, rfc3339(c.clock.now()));
  if (paused !== undefined) {
    s.d.status = paused;
    await updateDeploymentStatus(s);
  }
  if (s.d.spec?.paused === true) { await syncScaling(c, s, rsList); return; }
  const revision = rollbackTo(s.d);
  if (revision !== undefined) {
    const r = await replicaSetsAndSyncRevision(s, rsList, c.replicaSets, true);
    await rollback(s, allOf(r), revision);
    return;
  }
  const current = await replicaSetsAndSyncRevision(s, rsList, c.replicaSets, false);
  const list = withWritten(rsList, current.newRS);
  if (isScalingEvent(s.d, current.newRS, current.oldRSs)) { await syncScaling(c, s, list); return; }
  const strategy = s.d.spec?.strategy?.type ?? 'RollingUpdate';
  switch (strategy) {
    case 'Recreate': await rolloutRecreate(s, list, podMapOf(c, list), c.replicaSets); return;
    case 'RollingUpdate': await rolloutRolling(s, list, c.replicaSets); return;
    default: {
      const never: never = strategy;
      throw new Error(`unexpected deployment strategy type: ${String(never)}`);
    }
  }
}
