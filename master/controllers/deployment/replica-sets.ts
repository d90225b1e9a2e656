// Reading a Deployment's ReplicaSets (Kubernetes' deployment/util and controller_utils):
// sizes, orderings, which one is the new ReplicaSet (the oldest whose template equals the
// Deployment's, ignoring the pod-template-hash label) and which are old.
import type { PodTemplateSpec } from '../../../shared/api/core/v1/pod.js';
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import { canonicalJson } from '../common/pod-template.js';

/** The label (and selector term) naming a ReplicaSet's template (DefaultDeploymentUniqueLabelKey). */
export const podTemplateHashLabel = 'pod-template-hash';

/** spec.replicas, which the apiserver defaults to 1. */
export const specReplicas = (rs: ReplicaSet | Deployment): number => rs.spec?.replicas ?? 1;

export const isActive = (rs: ReplicaSet): boolean => specReplicas(rs) > 0;

/** Sum of spec.replicas (GetReplicaCountForReplicaSets). */
export const specTotal = (rss: readonly ReplicaSet[]): number => rss.reduce((n, rs) => n + specReplicas(rs), 0);

/** Sum of status.replicas (GetActualReplicaCountForReplicaSets). */
export const actualTotal = (rss: readonly ReplicaSet[]): number => rss.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);

export const readyTotal = (rss: readonly ReplicaSet[]): number => rss.reduce((n, rs) => n + (rs.status?.readyReplicas ?? 0), 0);

export const availableTotal = (rss: readonly ReplicaSet[]): number => rss.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);

/**
 * Pods a ReplicaSet may have running now: its spec, or more while its status still shows
 * pods above a lowered spec. Kubernetes counts spec alone; counting what is still there
 * keeps non-terminating pods within maxSurge while the ReplicaSet controller catches up.
 */
export const podsAtMost = (rs: ReplicaSet): number => Math.max(specReplicas(rs), rs.status?.replicas ?? 0);

/**
 * Available pods a ReplicaSet will keep: its status, but no more than its spec (pods above
 * a lowered spec are about to go). Kubernetes reads status alone.
 */
export const availableAtMost = (rs: ReplicaSet): number => Math.min(specReplicas(rs), rs.status?.availableReplicas ?? 0);

const created = (rs: ReplicaSet): number => {
  const t = rs.metadata.creationTimestamp;
  const ms = t === undefined || t === null ? NaN : Date.parse(t);
  return Number.isNaN(ms) ? 0 : ms;
};

/** Older first, then by name (ReplicaSetsByCreationTimestamp). */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const d = created(a) - created(b);
  if (d !== 0) return d;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Larger first; equal sizes older first (ReplicaSetsBySizeOlder, for scaling down). */
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet): number =>
  specReplicas(b) - specReplicas(a) || byCreation(a, b);

/** Larger first; equal sizes newer first (ReplicaSetsBySizeNewer, for scaling up). */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet): number =>
  specReplicas(b) - specReplicas(a) || byCreation(b, a);

/** Drops nulls, empty objects and empty lists, as Go's semantic equality reads absent fields. */
function normalized(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(normalized);
    return items.length === 0 ? undefined : items;
  }
  if (v === null) return undefined;
  if (typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const n = normalized(x);
    if (n !== undefined) out[k] = n;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** The template without the pod-template-hash label, in a form to compare. */
export function templateKey(t: PodTemplateSpec | undefined): string {
  const copy = structuredClone(t ?? {});
  if (copy.metadata?.labels !== undefined) {
    const { [podTemplateHashLabel]: _hash, ...labels } = copy.metadata.labels;
    copy.metadata.labels = labels;
  }
  return canonicalJson(normalized(copy) ?? {});
}

/** The templates are equal but for the pod-template-hash label (EqualIgnoreHash). */
export const equalIgnoreHash = (a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean =>
  templateKey(a) === templateKey(b);

/** The oldest ReplicaSet whose template is the Deployment's (FindNewReplicaSet). */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  const want = templateKey(d.spec?.template);
  return [...rsList].sort(byCreation).find((rs) => templateKey(rs.spec?.template) === want);
}

/** Every ReplicaSet but the new one (FindOldReplicaSets' allOldRSs), oldest first. */
export function findOldReplicaSets(d: Deployment, rsList: readonly ReplicaSet[], newRS = findNewReplicaSet(d, rsList)): ReplicaSet[] {
  return [...rsList].sort(byCreation).filter((rs) => newRS === undefined || rs.metadata.uid !== newRS.metadata.uid);
}

/**
 * The one active ReplicaSet, or, when none is active, the new one or else the newest old one;
 * undefined when several are active (FindActiveOrLatest).
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (newRS === undefined && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = [...newestFirst, ...(newRS !== undefined ? [newRS] : [])].filter(isActive);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}
