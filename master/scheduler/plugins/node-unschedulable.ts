// NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate the
// node.kubernetes.io/unschedulable:NoSchedule taint.
import type { Taint, Toleration } from '../../../shared/api/core/v1/affinity.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { FilterPlugin } from '../framework/plugin.js';
import { success, unresolvable, type Status } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import { tolerated } from '../tolerations.js';

export const unschedulableTaint: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const rejected = unresolvable('node(s) were unschedulable');
const none: readonly Toleration[] = [];

export class NodeUnschedulable implements FilterPlugin {
  readonly name = 'NodeUnschedulable';

  filter(_state: CycleState, pod: Pod, node: NodeInfo): Status {
    if (!node.unschedulable) return success;
    return tolerated(pod.spec?.tolerations ?? none, unschedulableTaint) ? success : rejected;
  }
}
