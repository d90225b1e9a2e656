// NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in equal
// fractions after this pod: score = (1 − |cpu fraction − memory fraction| / 2) × 100.
// Uses the pods' real requests, as Kubernetes does for this plugin.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { CycleState } from '../framework/cycle-state.js';
import { maxNodeScore, type PreScorePlugin, type ScorePlugin } from '../framework/plugin.js';
import { skip, success, type Status } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import { podRequests, type Resources } from '../resources.js';

const key = 'NodeResourcesBalancedAllocation/requests';

export function balancedScore(cpuRequested: number, cpuAllocatable: number, memRequested: number, memAllocatable: number): number {
  // With one of the two fractions missing the deviation is 0 (no array: this runs per node).
  const std = cpuAllocatable > 0 && memAllocatable > 0
    ? Math.abs((Math.min(1, cpuRequested / cpuAllocatable) - Math.min(1, memRequested / memAllocatable)) / 2)
    : 0;
  return Math.trunc((1 - std) * maxNodeScore);
}

export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = 'NodeResourcesBalancedAllocation';

  preScore(state: CycleState, pod: Pod): Status {
    const r = podRequests(pod);
    if (r.milliCPU === 0 && r.memory === 0) return skip;     // a best-effort pod changes no balance
    state.write(key, r);
    return success;
  }

  score(state: CycleState, _pod: Pod, node: NodeInfo): number {
    const r = state.read<Resources>(key);
    const a = node.allocatable;
    return balancedScore(node.requested.milliCPU + r.milliCPU, a.milliCPU, node.requested.memory + r.memory, a.memory);
  }
}
