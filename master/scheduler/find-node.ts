// One scheduling decision (Kubernetes' schedulePod): PreFilter once, Filter node by node
// until enough feasible nodes are found (percentageOfNodesToScore, adaptive: 50% − nodes/125,
// at least 5% and 100 nodes), then PreScore, Score, NormalizeScore, weights, and the best
// node (ties broken at random). Synchronous: the cache cannot change under it.
import type { Pod } from '../../shared/api/core/v1/pod.js';
import type { SchedulerCache } from './cache.js';
import { CycleState } from './framework/cycle-state.js';
import type { Framework } from './framework/framework.js';
import type { Diagnosis } from './framework/plugin.js';
import { reasonsOf, type Status } from './framework/status.js';
import type { NodeInfo } from './node-info.js';

export const minFeasibleNodesToFind = 100;
const minFeasibleNodesPercentageToFind = 5;

/** How many feasible nodes to look for before scoring (numFeasibleNodesToFind). */
export function numFeasibleNodesToFind(numAllNodes: number, percentage: number): number {
  if (numAllNodes < minFeasibleNodesToFind) return numAllNodes;
  let pct = percentage;
  if (pct <= 0) pct = Math.max(minFeasibleNodesPercentageToFind, 50 - Math.trunc(numAllNodes / 125));
  if (pct >= 100) return numAllNodes;
  return Math.max(minFeasibleNodesToFind, Math.trunc((numAllNodes * pct) / 100));
}

export type Decision =
  | { readonly kind: 'Scheduled'; readonly state: CycleState; readonly nodeName: string; readonly evaluated: number; readonly feasible: number }
  | { readonly kind: 'Unschedulable'; readonly state: CycleState; readonly diagnosis: Diagnosis }
  | { readonly kind: 'Error'; readonly state: CycleState; readonly error: Error };

/** Where the next search starts, so successive pods spread their look over all nodes. */
export interface SearchCursor {
  next: number;
}

export interface FindNodeOptions {
  readonly random?: () => number;
}

export function findNode(fwk: Framework, cache: SchedulerCache, pod: Pod, cursor: SearchCursor, o: FindNodeOptions = {}): Decision {
  const state = new CycleState();
  const nodes = cache.nodeList();
  const all = nodes.length;
  const pre = fwk.runPreFilter(state, pod);
  if (pre.code === 'Error') return { kind: 'Error', state, error: pre.error };
  if (pre.code !== 'Success') {
    const statuses = new Map<string, Status>(nodes.map((n) => [n.name, pre]));
    return { kind: 'Unschedulable', state, diagnosis: { numAllNodes: all, nodeStatuses: statuses, preFilterMessage: reasonsOf(pre).join(', ') } };
  }
  if (all === 0) return { kind: 'Unschedulable', state, diagnosis: { numAllNodes: 0, nodeStatuses: new Map(), preFilterMessage: '' } };
  const want = numFeasibleNodesToFind(all, fwk.percentageOfNodesToScore);
  const filters = fwk.activeFilters(state);
  const feasible: NodeInfo[] = [];
  let failed: Map<string, Status> | undefined;
  const start = cursor.next % all;
  let looked = 0;
  for (; looked < all && feasible.length < want; looked++) {
    const ni = nodes[(start + looked) % all]!;
    let s: Status | undefined;
    for (let i = 0; i < filters.length; i++) {
      const r = filters[i]!.filter(state, pod, ni);
      if (r.code !== 'Success') { s = r; break; }
    }
    if (s === undefined) feasible.push(ni);
    else if (s.code === 'Error') return { kind: 'Error', state, error: s.error };
    else (failed ??= new Map()).set(ni.name, s);
  }
  cursor.next = (start + looked) % all;
  if (feasible.length === 0) {
    return { kind: 'Unschedulable', state, diagnosis: { numAllNodes: all, nodeStatuses: failed ?? new Map(), preFilterMessage: '' } };
  }
  if (feasible.length === 1) return { kind: 'Scheduled', state, nodeName: feasible[0]!.name, evaluated: looked, feasible: 1 };
  const preScore = fwk.runPreScore(state, pod, feasible);
  if (preScore.code === 'Error') return { kind: 'Error', state, error: preScore.error };
  const best = bestNode(fwk, state, pod, feasible, o.random ?? Math.random);
  return { kind: 'Scheduled', state, nodeName: best.name, evaluated: looked, feasible: feasible.length };
}

/** Weighted sum of the normalised scores; the highest wins, ties at random (reservoir). */
function bestNode(fwk: Framework, state: CycleState, pod: Pod, feasible: readonly NodeInfo[], random: () => number): NodeInfo {
  const n = feasible.length;
  const total = new Float64Array(n);
  const scores = new Float64Array(n);
  const plugins = fwk.activeScores(state);
  for (let p = 0; p < plugins.length; p++) {
    const { plugin, weight } = plugins[p]!;
    for (let i = 0; i < n; i++) scores[i] = plugin.score(state, pod, feasible[i]!);
    plugin.normalizeScores?.(state, pod, feasible, scores);
    for (let i = 0; i < n; i++) total[i] = total[i]! + weight * scores[i]!;
  }
  let best = 0;
  let ties = 1;
  for (let i = 1; i < n; i++) {
    const t = total[i]!;
    if (t > total[best]!) { best = i; ties = 1; }
    else if (t === total[best]!) { ties++; if (random() * ties < 1) best = i; }
  }
  return feasible[best]!;
}
