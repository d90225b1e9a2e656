// NodeResourcesLeastAllocated: prefers nodes with more of their allocatable cpu and memory
// left after this pod (Kubernetes' LeastAllocated scoring strategy of NodeResourcesFit).
// Requests count with the non-zero defaults (100m, 200Mi) for containers that set none.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { CycleState } from '../framework/cycle-state.js';
import { maxNodeScore, type PreScorePlugin, type ScorePlugin } from '../framework/plugin.js';
import { success, type Status } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import { podRequests } from '../resources.js';

const key = 'NodeResourcesLeastAllocated/nonZero';

interface NonZero { readonly cpu: number; readonly memory: number }

/** ((allocatable − requested) × 100) / allocatable, in whole numbers; 0 when over. */
export function leastRequestedScore(requested: number, allocatable: number): number {
  if (allocatable === 0 || requested > allocatable) return 0;
  return Math.trunc(((allocatable - requested) * maxNodeScore) / allocatable);
}

export class NodeResourcesLeastAllocated implements PreScorePlugin, ScorePlugin {
  readonly name = 'NodeResourcesLeastAllocated';

  preScore(state: CycleState, pod: Pod): Status {
    const r = podRequests(pod, true);
    state.write(key, { cpu: r.milliCPU, memory: r.memory } satisfies NonZero);
    return success;
  }

  score(state: CycleState, _pod: Pod, node: NodeInfo): number {
    const p = state.read<NonZero>(key);
    const cpu = leastRequestedScore(node.nonZeroCPU + p.cpu, node.allocatable.milliCPU);
    const mem = leastRequestedScore(node.nonZeroMemory + p.memory, node.allocatable.memory);
    return Math.trunc((cpu + mem) / 2);
  }
}
