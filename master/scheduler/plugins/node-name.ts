// NodeName: a pod that names its node (spec.nodeName) fits only there.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { FilterPlugin } from '../framework/plugin.js';
import { success, unresolvable, type Status } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';

const rejected = unresolvable("node(s) didn't match the requested node name");

export class NodeName implements FilterPlugin {
  readonly name = 'NodeName';

  filter(_state: CycleState, pod: Pod, node: NodeInfo): Status {
    const want = pod.spec?.nodeName;
    return want === undefined || want === '' || want === node.name ? success : rejected;
  }
}
