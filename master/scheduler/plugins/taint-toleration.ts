// TaintToleration: a NoSchedule or NoExecute taint the pod does not tolerate rules the node
// out; each PreferNoSchedule taint it does not tolerate lowers the node's score.
import type { Toleration } from '../../../shared/api/core/v1/affinity.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { CycleState } from '../framework/cycle-state.js';
import { maxNodeScore, type FilterPlugin, type PreScorePlugin, type ScorePlugin } from '../framework/plugin.js';
import { success, unresolvable, type Status } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import { firstUntolerated, tolerated } from '../tolerations.js';
import { defaultNormalize } from '../framework/normalize.js';

const preferKey = 'TaintToleration/preferNoSchedule';
const none: readonly Toleration[] = [];

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'TaintToleration';

  filter(_state: CycleState, pod: Pod, node: NodeInfo): Status {
    if (node.taints.length === 0) return success;
    const t = firstUntolerated(node.taints, pod.spec?.tolerations ?? none, ['NoSchedule', 'NoExecute']);
    return t === undefined ? success : unresolvable(`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`);
  }

  preScore(state: CycleState, pod: Pod): Status {
    const tolerations = (pod.spec?.tolerations ?? none).filter((t) => t.effect === undefined || t.effect === 'PreferNoSchedule');
    state.write(preferKey, tolerations);
    return success;
  }

  /** The number of PreferNoSchedule taints not tolerated; normalised in reverse (fewer is better). */
  score(state: CycleState, _pod: Pod, node: NodeInfo): number {
    if (node.taints.length === 0) return 0;
    const tolerations = state.read<readonly Toleration[]>(preferKey);
    let n = 0;
    for (const taint of node.taints) if (taint.effect === 'PreferNoSchedule' && !tolerated(tolerations, taint)) n++;
    return n;
  }

  normalizeScores(_state: CycleState, _pod: Pod, _nodes: readonly NodeInfo[], scores: Float64Array): void {
    defaultNormalize(scores, maxNodeScore, true);
  }
}
