// NodeResourcesFit: the pod's requests (cpu, memory, ephemeral-storage, extended resources;
// init containers and overhead counted as Kubernetes counts them) must fit in what the node's
// allocatable leaves after the pods already there (bound or assumed), and one more pod must
// be allowed. A pod without requests asks for nothing but a pod slot.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin } from '../framework/plugin.js';
import { success, unschedulable, type Status } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import { podRequests, type Resources } from '../resources.js';

export const requestsKey = 'NodeResourcesFit/requests';

/** The reasons, in Kubernetes' order: pods, cpu, memory, ephemeral-storage, then extended resources. */
export function insufficient(req: Resources, node: NodeInfo): string[] | undefined {
  let out: string[] | undefined;
  if (node.pods.size + 1 > node.allowedPods) (out ??= []).push('Too many pods');
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && req.scalars === undefined) return out;
  const a = node.allocatable;
  const u = node.requested;
  if (req.milliCPU > 0 && req.milliCPU > a.milliCPU - u.milliCPU) (out ??= []).push('Insufficient cpu');
  if (req.memory > 0 && req.memory > a.memory - u.memory) (out ??= []).push('Insufficient memory');
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > a.ephemeralStorage - u.ephemeralStorage) (out ??= []).push('Insufficient ephemeral-storage');
  if (req.scalars !== undefined) {
    for (const [name, want] of req.scalars) {
      if (want > 0 && want > (a.scalars?.get(name) ?? 0) - (u.scalars?.get(name) ?? 0)) (out ??= []).push(`Insufficient ${name}`);
    }
  }
  return out;
}

export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin {
  readonly name = 'NodeResourcesFit';

  preFilter(state: CycleState, pod: Pod): Status {
    state.write(requestsKey, podRequests(pod));
    return success;
  }

  filter(state: CycleState, _pod: Pod, node: NodeInfo): Status {
    const short = insufficient(state.read<Resources>(requestsKey), node);
    return short === undefined ? success : unschedulable(...short);
  }
}
