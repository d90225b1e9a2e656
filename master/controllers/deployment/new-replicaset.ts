// The new ReplicaSet (getNewReplicaSet in pkg/controller/deployment/sync.go): an existing one
// whose template is the Deployment's gets the next revision and the Deployment's annotations;
// otherwise one is created, named `<deployment>-<pod-template-hash>`. A same-named ReplicaSet
// with another template is a hash collision: status.collisionCount goes up and the next sync
// tries another name.
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import { isStatusError } from '../../../shared/api/errors.js';
import type { StoreReader } from '../../../shared/client/store.js';
import { controllerOf, newControllerRef } from '../common/controller-ref.js';
import { computePodTemplateHash } from '../common/pod-template.js';
import { rfc3339 } from '../../../shared/util/time.js';
import { getCondition, newCondition, reasons, setCondition } from './conditions.js';
import { maxSurge, newRSNewReplicas } from './fenceposts.js';
import { hasProgressDeadline } from './progress.js';
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, podTemplateHashLabel, specReplicas } from './replica-sets.js';
import { maxRevision, revisionAnnotation, setDeploymentRevision, setNewReplicaSetAnnotations } from './revision.js';
import { deploymentGvk, deploymentKey, updateDeployment, updateDeploymentStatus, type SyncScope } from './scope.js';

export interface NewReplicaSetOptions {
  readonly rsList: readonly ReplicaSet[];
  readonly oldRSs: readonly ReplicaSet[];
  readonly create: boolean;
  /** The ReplicaSet cache, read on AlreadyExists. */
  readonly replicaSets: StoreReader<ReplicaSet>;
}

/** Writes the revision annotation (Deployment PUT) and then status, each only if it changed. */
async function saveRevisionAndStatus(s: SyncScope, revisionChanged: boolean, statusChanged: boolean): Promise<void> {
  if (revisionChanged) await updateDeployment(s);
  if (statusChanged) await updateDeploymentStatus(s);
}

async function syncExisting(s: SyncScope, existing: ReplicaSet, newRevision: number): Promise<ReplicaSet> {
  const rs = structuredClone(existing);
  const d = s.d;
  const annotationsChanged = setNewReplicaSetAnnotations(d, rs, {
    newRevision, exists: true, desired: specReplicas(d), max: specReplicas(d) + maxSurge(d),
  });
  const minReady = d.spec?.minReadySeconds ?? 0;
  if (annotationsChanged || (rs.spec?.minReadySeconds ?? 0) !== minReady) {
    rs.spec = { ...rs.spec, minReadySeconds: minReady };
    return s.api.updateReplicaSet(rs, s.signal);
  }
  const revisionChanged = setDeploymentRevision(d, rs.metadata.annotations?.[revisionAnnotation] ?? '');
  let statusChanged = false;
  if (hasProgressDeadline(d) && getCondition(d.status, 'Progressing') === undefined) {
    d.status ??= {};
    setCondition(d.status, newCondition('Progressing', 'True', reasons.foundNewRS, `Found new replica set "${rs.metadata.name ?? ''}"`, rfc3339(s.now())));
    statusChanged = true;
  }
  await saveRevisionAndStatus(s, revisionChanged, statusChanged);
  return rs;
}

/** The ReplicaSet to create for the Deployment's current template. */
function buildNewReplicaSet(s: SyncScope, oldRSs: readonly ReplicaSet[], newRevision: number): ReplicaSet {
  const d = s.d;
  const template = structuredClone(d.spec?.template ?? {});
  const hash = computePodTemplateHash(template, d.status?.collisionCount);
  const labels = { ...(template.metadata?.labels ?? {}), [podTemplateHashLabel]: hash };
  template.metadata = { ...template.metadata, labels };
  const selector = structuredClone(d.spec?.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [podTemplateHashLabel]: hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name ?? ''}-${hash}`, namespace: d.metadata.namespace ?? '',
      labels: { ...labels }, ownerReferences: [newControllerRef(d, deploymentGvk)],
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
  };
  rs.spec = { ...rs.spec, replicas: newRSNewReplicas(d, [...oldRSs, rs], rs) };
  setNewReplicaSetAnnotations(d, rs, { newRevision, exists: false, desired: specReplicas(d), max: specReplicas(d) + maxSurge(d) });
  return rs;
}

/** Creates the ReplicaSet; on AlreadyExists, the one there if it is ours (undefined after a collision, which throws). */
async function createNew(s: SyncScope, rs: ReplicaSet, replicaSets: StoreReader<ReplicaSet>): Promise<{ rs: ReplicaSet; existed: boolean }> {
  const d = s.d;
  try {
    return { rs: await s.api.createReplicaSet(d.metadata.namespace ?? '', rs, s.signal), existed: false };
  } catch (err) {
    if (!isStatusError(err, 'AlreadyExists')) {
      const msg = `Failed to create new replica set "${rs.metadata.name ?? ''}": ${err instanceof Error ? err.message : String(err)}`;
      if (hasProgressDeadline(d) && !isStatusError(err, 'Forbidden')) {
        d.status ??= {};
        setCondition(d.status, newCondition('Progressing', 'False', reasons.failedRSCreate, msg, rfc3339(s.now())));
        await updateDeploymentStatus(s).catch(() => {});
      }
      s.events.record({ object: d, gvk: deploymentGvk }, 'Warning', reasons.failedRSCreate, msg, s.signal);
      throw err;
    }
    const existing = replicaSets.get(`${d.metadata.namespace ?? ''}/${rs.metadata.name ?? ''}`);
    if (existing === undefined) throw err;                  // not cached yet: the next sync sees it
    if (controllerOf(existing)?.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, existing.spec?.template)) {
      return { rs: existing, existed: true };
    }
    d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
    await updateDeploymentStatus(s);
    s.log.info({ deployment: deploymentKey(d), replicaSet: rs.metadata.name, collisionCount: d.status.collisionCount }, 'Found a hash collision for deployment');
    throw err;
  }
}

/**
 * The new ReplicaSet, kept up to date; created when `create` is set and there is none.
 * Undefined when there is none and none is to be created.
 */
export async function getNewReplicaSet(s: SyncScope, o: NewReplicaSetOptions): Promise<ReplicaSet | undefined> {
  const existing = findNewReplicaSet(s.d, o.rsList);
  const newRevision = maxRevision(o.oldRSs) + 1;
  if (existing !== undefined) return syncExisting(s, existing, newRevision);
  if (!o.create) return undefined;
  const built = buildNewReplicaSet(s, o.oldRSs, newRevision);
  const { rs, existed } = await createNew(s, built, o.replicaSets);
  const d = s.d;
  const replicas = specReplicas(built);
  if (!existed) {
    s.log.info({ deployment: deploymentKey(d), replicaSet: rs.metadata.name, replicas }, 'Created new replica set');
    if (replicas > 0) {
      s.events.record({ object: d, gvk: deploymentGvk }, 'Normal', 'ScalingReplicaSet',
        `Scaled up replica set ${rs.metadata.name ?? ''} from 0 to ${replicas}`, s.signal);
    }
  }
  const revisionChanged = setDeploymentRevision(d, String(newRevision));
  let statusChanged = false;
  if (!existed && hasProgressDeadline(d)) {
    d.status ??= {};
    setCondition(d.status, newCondition('Progressing', 'True', reasons.newRSCreated, `Created new replica set "${rs.metadata.name ?? ''}"`, rfc3339(s.now())));
    statusChanged = true;
  }
  await saveRevisionAndStatus(s, revisionChanged, statusChanged);
  return rs;
}

export interface ReplicaSetsOfDeployment {
  readonly newRS: ReplicaSet | undefined;
  /** Every other ReplicaSet, oldest first. */
  readonly oldRSs: ReplicaSet[];
}

/** The new and old ReplicaSets, the new one's revision brought up to date (getAllReplicaSetsAndSyncRevision). */
export async function replicaSetsAndSyncRevision(
  s: SyncScope, rsList: readonly ReplicaSet[], replicaSets: StoreReader<ReplicaSet>, create: boolean,
): Promise<ReplicaSetsOfDeployment> {
  const oldRSs = findOldReplicaSets(s.d, rsList);
  const newRS = await getNewReplicaSet(s, { rsList, oldRSs, create, replicaSets });
  return { newRS, oldRSs };
}

/** The old ReplicaSets followed by the new one, if any. */
export const allOf = (r: ReplicaSetsOfDeployment): ReplicaSet[] => [...r.oldRSs, ...(r.newRS !== undefined ? [r.newRS] : [])];
