// DefaultPreemption's diagnosis, worded as Kubernetes words it after a failed preemption:
// "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No
// preemption victims found for incoming pod." Bosun does not evict pods to make room yet, so
// nodes that rejected the pod for resolvable reasons are reported as having no victims.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { Diagnosis, PostFilterPlugin, PostFilterResult } from '../framework/plugin.js';

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = 'DefaultPreemption';

  postFilter(_state: CycleState, _pod: Pod, d: Diagnosis): PostFilterResult | undefined {
    if (d.numAllNodes === 0) return undefined;
    let notHelpful = 0;
    let noVictims = 0;
    for (const s of d.nodeStatuses.values()) {
      if (s.code === 'UnschedulableAndUnresolvable') notHelpful++;
      else noVictims++;
    }
    const parts: string[] = [];
    if (notHelpful > 0) parts.push(`${notHelpful} Preemption is not helpful for scheduling`);
    if (noVictims > 0) parts.push(`${noVictims} No preemption victims found for incoming pod`);
    parts.sort();
    return { message: `preemption: 0/${d.numAllNodes} nodes are available: ${parts.join(', ')}.` };
  }
}
