// The order in which a ReplicaSet gives up pods when it scales down, least valuable first
// (Kubernetes' ActivePodsWithRanks in pkg/controller/controller_utils.go):
//   1. unassigned before assigned
//   2. Pending before Unknown before Running (any other phase counts as Pending)
//   3. not ready before ready
//   4. lower controller.kubernetes.io/pod-deletion-cost before higher
//   5. more pods of the same lineage on its node (doubled up) before fewer
//   6. both ready: ready for less time before longer (an unknown ready time first)
//   7. more container restarts before fewer (regular containers, then restartable init ones)
//   8. newer before older (an unknown creation time first)
// Step 6 and 8 compare times plainly, as Kubernetes did before LogarithmicScaleDown (which
// buckets times by powers of two and breaks ties randomly by uid).
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { isPodActive, isPodReady, podReadyTime } from './pod-status.js';

export const podDeletionCostAnnotation = 'controller.kubernetes.io/pod-deletion-cost';

export interface RankedPod {
  readonly pod: Pod;
  /** Active pods of the same lineage on this pod's node (0 when not computed). */
  readonly rank: number;
}

const phaseOrdinal = (pod: Pod): number => {
  switch (pod.status?.phase) {
    case 'Unknown': return 1;
    case 'Running': return 2;
    default: return 0;
  }
};

/** The annotation as an int32, 0 when absent or malformed (helper.GetDeletionCostFromPodAnnotations). */
export function podDeletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[podDeletionCostAnnotation];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

function maxRestarts(pod: Pod): { regular: number; sidecar: number } {
  let regular = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let sidecar = 0;
  for (const c of pod.status?.initContainerStatuses ?? []) {
    if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  }
  return { regular, sidecar };
}

const timeOf = (s: string | null | undefined): number | undefined => {
  if (s === undefined || s === null) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
};

/** afterOrZero: an unknown time first, then the later time first; 0 when equal. */
function laterFirst(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a > b ? -1 : 1;
}

/** Negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: RankedPod, b: RankedPod): number {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec?.nodeName ?? '';
  const nb = pb.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const phase = phaseOrdinal(pa) - phaseOrdinal(pb);
  if (phase !== 0) return phase;
  const ra = isPodReady(pa);
  const rb = isPodReady(pb);
  if (ra !== rb) return ra ? 1 : -1;
  const cost = podDeletionCost(pa) - podDeletionCost(pb);
  if (cost !== 0) return cost;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (ra && rb) {
    const ready = laterFirst(podReadyTime(pa)?.getTime(), podReadyTime(pb)?.getTime());
    if (ready !== 0) return ready;
  }
  const xa = maxRestarts(pa);
  const xb = maxRestarts(pb);
  if (xa.regular !== xb.regular) return xb.regular - xa.regular;
  if (xa.sidecar !== xb.sidecar) return xb.sidecar - xa.sidecar;
  return laterFirst(timeOf(pa.metadata.creationTimestamp), timeOf(pb.metadata.creationTimestamp));
}

/**
 * Ranks each of `pods` by the active pods of `related` on its node
 * (getPodsRankedByRelatedPodsOnSameNode). Kubernetes passes the pods of every ReplicaSet
 * under the same controller (a Deployment's), and none for a ReplicaSet without one.
 */
export function rankByRelatedOnNode(pods: readonly Pod[], related: readonly Pod[]): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

/** The `n` pods to delete, least valuable first (getPodsToDelete). */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], n: number): Pod[] {
  if (n >= pods.length) return [...pods];
  return rankByRelatedOnNode(pods, related).sort(compareForDeletion).slice(0, n).map((r) => r.pod);
}
