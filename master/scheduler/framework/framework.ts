// One profile's plugins, in order per extension point, and the calls that run them.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { NodeInfo } from '../node-info.js';
import type { CycleState } from './cycle-state.js';
import type {
  BindPlugin, Diagnosis, FilterPlugin, PostFilterPlugin, PostFilterResult, PreFilterPlugin, PreScorePlugin, ReservePlugin, ScorePlugin,
} from './plugin.js';
import { errorStatus, skip, success, type Status } from './status.js';

export interface WeightedScorePlugin {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

export interface FrameworkPlugins {
  readonly preFilter: readonly PreFilterPlugin[];
  readonly filter: readonly FilterPlugin[];
  readonly postFilter: readonly PostFilterPlugin[];
  readonly preScore: readonly PreScorePlugin[];
  readonly score: readonly WeightedScorePlugin[];
  readonly reserve: readonly ReservePlugin[];
  readonly bind: readonly BindPlugin[];
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

export class Framework {
  constructor(
    /** The schedulerName pods pick this profile by. */
    readonly schedulerName: string,
    readonly plugins: FrameworkPlugins,
    /** 0: adaptive, as Kubernetes' percentageOfNodesToScore. */
    readonly percentageOfNodesToScore: number,
  ) {}

  /** Success, or the first rejection. Plugins answering Skip are remembered in `state`. */
  runPreFilter(state: CycleState, pod: Pod): Status {
    for (const p of this.plugins.preFilter) {
      let s: Status;
      try { s = p.preFilter(state, pod); } catch (err) { return errorStatus(asError(err)); }
      if (s.code === 'Skip') { state.skipFilter.add(p.name); continue; }
      if (s.code !== 'Success') return s;
    }
    return success;
  }

  /** The filters to run for this pod (those whose PreFilter did not skip). */
  activeFilters(state: CycleState): readonly FilterPlugin[] {
    if (state.skipFilter.size === 0) return this.plugins.filter;
    return this.plugins.filter.filter((p) => !state.skipFilter.has(p.name));
  }

  runPostFilter(state: CycleState, pod: Pod, diagnosis: Diagnosis): string {
    const messages: string[] = [];
    for (const p of this.plugins.postFilter) {
      let r: PostFilterResult | undefined;
      try { r = p.postFilter(state, pod, diagnosis); } catch { r = undefined; }
      if (r !== undefined && r.message !== '') messages.push(r.message);
    }
    return messages.join(' ');
  }

  /** The score plugins to run for this pod, after their PreScore. */
  runPreScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status {
    for (const p of this.plugins.preScore) {
      let s: Status;
      try { s = p.preScore(state, pod, nodes); } catch (err) { return errorStatus(asError(err)); }
      if (s.code === 'Skip') { state.skipScore.add(p.name); continue; }
      if (s.code !== 'Success') return s;
    }
    return success;
  }

  activeScores(state: CycleState): readonly WeightedScorePlugin[] {
    if (state.skipScore.size === 0) return this.plugins.score;
    return this.plugins.score.filter((w) => !state.skipScore.has(w.plugin.name));
  }

  runReserve(state: CycleState, pod: Pod, nodeName: string): Status {
    for (let i = 0; i < this.plugins.reserve.length; i++) {
      const p = this.plugins.reserve[i]!;
      let s: Status;
      try { s = p.reserve(state, pod, nodeName); } catch (err) { s = errorStatus(asError(err)); }
      if (s.code !== 'Success') {
        for (let j = i; j >= 0; j--) this.plugins.reserve[j]!.unreserve(state, pod, nodeName);
        return s;
      }
    }
    return success;
  }

  runUnreserve(state: CycleState, pod: Pod, nodeName: string): void {
    for (let j = this.plugins.reserve.length - 1; j >= 0; j--) this.plugins.reserve[j]!.unreserve(state, pod, nodeName);
  }

  /** The first binder that does not Skip decides; none at all is an error. */
  async runBind(state: CycleState, pod: Pod, nodeName: string, signal: AbortSignal): Promise<Status> {
    for (const p of this.plugins.bind) {
      let s: Status;
      try { s = await p.bind(state, pod, nodeName, signal); } catch (err) { s = errorStatus(asError(err)); }
      if (s !== skip && s.code !== 'Skip') return s;
    }
    return errorStatus(new Error('no bind plugin bound the pod'));
  }
}
