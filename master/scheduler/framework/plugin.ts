// The extension points (Kubernetes' framework/interface.go). A plugin is a class with a
// `name` and the points it implements; the framework calls them in order for each pod.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { NodeInfo } from '../node-info.js';
import type { CycleState } from './cycle-state.js';
import type { Status } from './status.js';

export const maxNodeScore = 100;

export interface Plugin {
  readonly name: string;
}

export interface PreFilterPlugin extends Plugin {
  /** Once per pod: compute what every Filter call needs. Skip: no Filter for this pod. */
  preFilter(state: CycleState, pod: Pod): Status;
}

export interface FilterPlugin extends Plugin {
  /** Once per node: can the pod run there? Must not allocate on success. */
  filter(state: CycleState, pod: Pod, node: NodeInfo): Status;
}

/** Why each node was rejected, for post-filter plugins and the FailedScheduling message. */
export interface Diagnosis {
  readonly numAllNodes: number;
  /** Node name → the status its first failing filter gave. */
  readonly nodeStatuses: ReadonlyMap<string, Status>;
  /** Set when PreFilter rejected the pod before any node was looked at. */
  readonly preFilterMessage: string;
}

export interface PostFilterResult {
  /** Appended to the FailedScheduling message ("preemption: 0/3 nodes are available: …"). */
  readonly message: string;
}

export interface PostFilterPlugin extends Plugin {
  /** After no node fitted: try to make room (preemption) or explain why it cannot. */
  postFilter(state: CycleState, pod: Pod, diagnosis: Diagnosis): PostFilterResult | undefined;
}

export interface PreScorePlugin extends Plugin {
  /** Once per pod, with the feasible nodes. Skip: no Score for this pod. */
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status;
}

export interface ScorePlugin extends Plugin {
  /** Once per feasible node: a raw score (0..100 unless normalizeScores maps it there). */
  score(state: CycleState, pod: Pod, node: NodeInfo): number;
  /** Maps the raw scores of all feasible nodes (same order as `nodes`) onto 0..100, in place. */
  normalizeScores?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], scores: Float64Array): void;
}

export interface ReservePlugin extends Plugin {
  /** The node is chosen and the pod assumed there. */
  reserve(state: CycleState, pod: Pod, nodeName: string): Status;
  /** The cycle failed after reserve (the binding was refused): undo. */
  unreserve(state: CycleState, pod: Pod, nodeName: string): void;
}

export interface BindPlugin extends Plugin {
  /** Writes the decision; Skip passes to the next binder. */
  bind(state: CycleState, pod: Pod, nodeName: string, signal: AbortSignal): Promise<Status>;
}

export type AnyPlugin = Plugin & Partial<PreFilterPlugin & FilterPlugin & PostFilterPlugin & PreScorePlugin & ScorePlugin & ReservePlugin & BindPlugin>;
