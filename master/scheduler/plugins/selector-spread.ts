// SelectorSpread: spreads the pods of one controller (ReplicaSet, ReplicationController,
// StatefulSet … — by its controller ownerReference) over nodes and zones, with Kubernetes'
// SelectorSpread arithmetic: a node scores 100 × (max − mine) / max over the feasible nodes,
// and when nodes carry zone labels the zone's share weighs 2/3.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { CycleState } from '../framework/cycle-state.js';
import { maxNodeScore, type PreScorePlugin, type ScorePlugin } from '../framework/plugin.js';
import { skip, success, type Status } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';

const key = 'SelectorSpread/owner';
const zoneWeighting = 2 / 3;

export class SelectorSpread implements PreScorePlugin, ScorePlugin {
  readonly name = 'SelectorSpread';

  preScore(state: CycleState, pod: Pod): Status {
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    if (owner === undefined || owner.uid === '') return skip;
    state.write(key, owner.uid);
    return success;
  }

  /** Pods of the same controller already on the node (assumed ones included). */
  score(state: CycleState, _pod: Pod, node: NodeInfo): number {
    return node.ownerCounts.get(state.read<string>(key)) ?? 0;
  }

  normalizeScores(_state: CycleState, _pod: Pod, nodes: readonly NodeInfo[], scores: Float64Array): void {
    let maxNode = 0;
    const byZone = new Map<string, number>();
    for (let i = 0; i < nodes.length; i++) {
      const c = scores[i]!;
      if (c > maxNode) maxNode = c;
      const z = nodes[i]!.zone;
      if (z !== '') byZone.set(z, (byZone.get(z) ?? 0) + c);
    }
    let maxZone = 0;
    for (const c of byZone.values()) if (c > maxZone) maxZone = c;
    for (let i = 0; i < nodes.length; i++) {
      let f = maxNode > 0 ? (maxNodeScore * (maxNode - scores[i]!)) / maxNode : maxNodeScore;
      const z = nodes[i]!.zone;
      if (byZone.size > 0 && z !== '') {
        const zoneScore = maxZone > 0 ? (maxNodeScore * (maxZone - (byZone.get(z) ?? 0))) / maxZone : maxNodeScore;
        f = f * (1 - zoneWeighting) + zoneWeighting * zoneScore;
      }
      scores[i] = Math.trunc(f);
    }
  }
}
