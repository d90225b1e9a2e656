// NodeAffinity: spec.nodeSelector (every label equal) and required node affinity (one term
// matching) filter nodes; preferred terms add their weights to a node's score.
import type { NodeSelectorTerm, PreferredSchedulingTerm } from '../../../shared/api/core/v1/affinity.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { CycleState } from '../framework/cycle-state.js';
import { defaultNormalize } from '../framework/normalize.js';
import { maxNodeScore, type FilterPlugin, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin } from '../framework/plugin.js';
import { skip, success, unresolvable, type Status } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import { anyTermMatches, termMatches } from '../node-selector.js';

const requiredKey = 'NodeAffinity/required';
const preferredKey = 'NodeAffinity/preferred';
const rejected = unresolvable("node(s) didn't match Pod's node affinity/selector");

interface Required {
  readonly selector: readonly (readonly [string, string])[];
  readonly terms: readonly NodeSelectorTerm[] | undefined;
}

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'NodeAffinity';

  preFilter(state: CycleState, pod: Pod): Status {
    const selector = Object.entries(pod.spec?.nodeSelector ?? {});
    const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (selector.length === 0 && terms === undefined) return skip;
    state.write(requiredKey, { selector, terms } satisfies Required);
    return success;
  }

  filter(state: CycleState, _pod: Pod, node: NodeInfo): Status {
    const r = state.read<Required>(requiredKey);
    for (const [k, v] of r.selector) if (node.labels[k] !== v || !Object.hasOwn(node.labels, k)) return rejected;
    if (r.terms !== undefined && !anyTermMatches(r.terms, node.labels, node.name)) return rejected;
    return success;
  }

  preScore(state: CycleState, pod: Pod): Status {
    const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (preferred.length === 0) return skip;
    state.write(preferredKey, preferred);
    return success;
  }

  /** Sum of the weights of the preferred terms the node matches. */
  score(state: CycleState, _pod: Pod, node: NodeInfo): number {
    let sum = 0;
    for (const p of state.read<readonly PreferredSchedulingTerm[]>(preferredKey)) {
      if (p.weight !== 0 && termMatches(p.preference, node.labels, node.name)) sum += p.weight;
    }
    return sum;
  }

  normalizeScores(_state: CycleState, _pod: Pod, _nodes: readonly NodeInfo[], scores: Float64Array): void {
    defaultNormalize(scores, maxNodeScore, false);
  }
}
