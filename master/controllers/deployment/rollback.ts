// The legacy rollback (pkg/controller/deployment/rollback.go): a Deployment asking for a
// revision — the deprecated.deployment.rollback.to annotation apps/v1 keeps, or an
// extensions/v1beta1-style spec.rollbackTo — gets that ReplicaSet's template and annotations
// back, and the request is cleared. Revision 0 means the one before the current.
// kubectl 1.32's `rollout undo` patches the template itself and needs none of this: the next
// sync finds the old ReplicaSet by its template and makes it the new one with a new revision.
import type { Deployment, DeploymentSpec } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import { equalIgnoreHash, podTemplateHashLabel } from './replica-sets.js';
import { lastRevision, revisionOf, rollbackToAnnotation, skipCopyAnnotation } from './revision.js';
import { deploymentGvk, updateDeployment, type SyncScope } from './scope.js';

interface LegacySpec extends DeploymentSpec {
  rollbackTo?: { revision?: number } | null;
}

export const rollbackReasons = {
  done: 'DeploymentRollback',
  revisionNotFound: 'DeploymentRollbackRevisionNotFound',
  templateUnchanged: 'DeploymentRollbackTemplateUnchanged',
} as const;

/** The revision asked for, if any (getRollbackTo); a malformed annotation is ignored. */
export function rollbackTo(d: Deployment): number | undefined {
  const a = d.metadata.annotations?.[rollbackToAnnotation];
  if (a !== undefined && a !== '') return /^[+-]?\d+$/.test(a) ? Number(a) : undefined;
  const spec = d.spec as LegacySpec | undefined;
  const r = spec?.rollbackTo;
  if (r === undefined || r === null) return undefined;
  return typeof r.revision === 'number' ? r.revision : 0;
}

/** Removes the request from `d` (mutated). */
export function clearRollbackTo(d: Deployment): void {
  if (d.metadata.annotations !== undefined) delete d.metadata.annotations[rollbackToAnnotation];
  const spec = d.spec as LegacySpec | undefined;
  if (spec !== undefined && 'rollbackTo' in spec) delete spec.rollbackTo;
}

/**
 * Puts `rs`'s template into `d` (without the hash label) and its annotations, but for the
 * controller's bookkeeping which `d` keeps (SetFromReplicaSetTemplate, SetDeploymentAnnotationsTo).
 */
export function applyReplicaSetTemplate(d: Deployment, rs: ReplicaSet): void {
  const template = structuredClone(rs.spec?.template ?? {});
  if (template.metadata?.labels !== undefined) {
    const { [podTemplateHashLabel]: _hash, ...labels } = template.metadata.labels;
    template.metadata.labels = labels;
  }
  d.spec = { ...d.spec, template };
  const kept = Object.entries(d.metadata.annotations ?? {}).filter(([k]) => skipCopyAnnotation(k));
  const from = Object.entries(rs.metadata.annotations ?? {}).filter(([k]) => !skipCopyAnnotation(k));
  d.metadata.annotations = Object.fromEntries([...kept, ...from]);
}

/** Carries out the rollback `d` asks for; the new ReplicaSet and old ones are given. */
export async function rollback(s: SyncScope, allRSs: readonly ReplicaSet[], revision: number): Promise<void> {
  const d = s.d;
  const target = { object: d, gvk: deploymentGvk };
  let want = revision;
  if (want === 0) want = lastRevision(allRSs);
  if (want === 0) {
    s.events.record(target, 'Warning', rollbackReasons.revisionNotFound, 'Unable to find last revision.', s.signal);
    clearRollbackTo(d);
    await updateDeployment(s);
    return;
  }
  const rs = allRSs.find((x) => revisionOf(x) === want);
  if (rs === undefined) {
    s.events.record(target, 'Warning', rollbackReasons.revisionNotFound, 'Unable to find the revision to rollback to.', s.signal);
    clearRollbackTo(d);
    await updateDeployment(s);
    return;
  }
  const performed = !equalIgnoreHash(d.spec?.template, rs.spec?.template);
  if (performed) {
    applyReplicaSetTemplate(d, rs);
  } else {
    s.events.record(target, 'Warning', rollbackReasons.templateUnchanged,
      `The rollback revision contains the same template as current deployment "${d.metadata.name ?? ''}"`, s.signal);
  }
  clearRollbackTo(d);
  await updateDeployment(s);
  if (performed) {
    s.events.record({ object: s.d, gvk: deploymentGvk }, 'Normal', rollbackReasons.done,
      `Rolled back deployment "${d.metadata.name ?? ''}" to revision ${want}`, s.signal);
  }
}
