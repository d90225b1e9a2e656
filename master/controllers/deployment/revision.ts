// Revision bookkeeping on ReplicaSets and the Deployment (Kubernetes' deployment/util
// annotations): each ReplicaSet carries the revision it was last the new one at; the new one
// gets the highest old revision + 1, and a reused one remembers its earlier revisions in
// revision-history. The Deployment's own annotations (change-cause …) are copied to its new
// ReplicaSet, except the controller's bookkeeping.
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import type { ApiObject } from '../../../shared/api/meta.js';

export const revisionAnnotation = 'deployment.kubernetes.io/revision';
export const revisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const desiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const maxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
export const changeCauseAnnotation = 'kubernetes.io/change-cause';
export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';
/** Where apps/v1 keeps the old extensions/v1beta1 spec.rollbackTo.revision. */
export const rollbackToAnnotation = 'deprecated.deployment.rollback.to';

/** Kubernetes' limit on the revision-history annotation. */
export const maxRevisionHistoryChars = 2000;

const notCopied = new Set([
  lastAppliedAnnotation, revisionAnnotation, revisionHistoryAnnotation, desiredReplicasAnnotation, maxReplicasAnnotation, rollbackToAnnotation,
]);

/** Annotations the controller keeps for itself rather than copying between Deployment and ReplicaSet. */
export const skipCopyAnnotation = (key: string): boolean => notCopied.has(key);

/** The revision annotation as a number: 0 when absent, undefined when malformed. */
export function revisionOf(obj: ApiObject): number | undefined {
  const v = obj.metadata.annotations?.[revisionAnnotation];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

/** The highest revision among `rss` (MaxRevision); malformed ones are skipped. */
export function maxRevision(rss: readonly ReplicaSet[]): number {
  return rss.reduce((max, rs) => Math.max(max, revisionOf(rs) ?? 0), 0);
}

/** The second highest revision (LastRevision): what `rollout undo` goes back to. */
export function lastRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  let second = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (v >= max) { second = max; max = v; } else if (v > second) second = v;
  }
  return second;
}

const annotationsOf = (obj: ApiObject): Record<string, string> => (obj.metadata.annotations ??= {});

/** Copies the Deployment's annotations, but the bookkeeping ones, onto `rs` (mutated); true if any changed. */
export function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const to = annotationsOf(rs);
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || to[k] === v) continue;
    to[k] = v;
    changed = true;
  }
  return changed;
}

/** Sets desired-replicas and max-replicas on `rs` (mutated); true if they changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = annotationsOf(rs);
  let changed = false;
  if (a[desiredReplicasAnnotation] !== String(desired)) { a[desiredReplicasAnnotation] = String(desired); changed = true; }
  if (a[maxReplicasAnnotation] !== String(max)) { a[maxReplicasAnnotation] = String(max); changed = true; }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[desiredReplicasAnnotation] !== String(desired) || a[maxReplicasAnnotation] !== String(max);
}

/** An annotation as an int32, if it is one. */
export function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

/** Appends `old` to the revision-history list, dropping the oldest entries beyond the limit. */
function withHistory(history: string | undefined, old: string, limit: number): string | undefined {
  const entries = history === undefined || history === '' ? [] : history.split(',');
  if (entries.length === 0) return old;
  let total = (history ?? '').length + old.length + 1;
  let start = 0;
  while (total > limit && start < entries.length) total -= (entries[start++] ?? '').length + 1;
  return total <= limit ? [...entries.slice(start), old].join(',') : undefined;
}

export interface NewReplicaSetAnnotations {
  readonly newRevision: number;
  /** The ReplicaSet exists already (reused); a new one also gets the replicas annotations. */
  readonly exists: boolean;
  readonly desired: number;
  readonly max: number;
  readonly historyLimitChars?: number;
}

/**
 * Brings the new ReplicaSet's annotations up to date (SetNewReplicaSetAnnotations): the
 * Deployment's annotations, the revision (only ever raised; a raised one that had a revision
 * keeps it in revision-history), and for a ReplicaSet about to be created the replicas
 * annotations. Mutates `rs`; true if anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, o: NewReplicaSetAnnotations): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const a = annotationsOf(rs);
  const oldRevision = a[revisionAnnotation];
  let oldNumber = 0;
  if (oldRevision !== undefined) {
    if (!/^[+-]?\d+$/.test(oldRevision)) return changed;
    oldNumber = Number(oldRevision);
  }
  if (oldNumber < o.newRevision) {
    a[revisionAnnotation] = String(o.newRevision);
    changed = true;
    if (oldRevision !== undefined) {
      const history = withHistory(a[revisionHistoryAnnotation], oldRevision, o.historyLimitChars ?? maxRevisionHistoryChars);
      if (history !== undefined) a[revisionHistoryAnnotation] = history;
    }
  }
  if (!o.exists && setReplicasAnnotations(rs, o.desired, o.max)) changed = true;
  return changed;
}

/** Sets the Deployment's revision annotation (mutated); true if it changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const a = annotationsOf(d);
  if (a[revisionAnnotation] === revision) return false;
  a[revisionAnnotation] = revision;
  return true;
}
