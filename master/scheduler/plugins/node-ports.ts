// NodePorts: a host port (protocol, IP, port) can be held by one pod per node; 0.0.0.0
// clashes with every IP.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin } from '../framework/plugin.js';
import { skip, success, unschedulable, type Status } from '../framework/status.js';
import { hostPortsOf, type HostPort, type NodeInfo } from '../node-info.js';

const key = 'NodePorts/wanted';
const rejected = unschedulable("node(s) didn't have free ports for the requested pod ports");

export function portsClash(wanted: readonly HostPort[], used: ReadonlyMap<string, number>): boolean {
  if (used.size === 0) return false;
  for (const w of wanted) {
    if (used.has(`${w.protocol}/${w.ip}/${w.port}`)) return true;
    if (w.ip === '0.0.0.0') {
      const suffix = `/${w.port}`;
      const prefix = `${w.protocol}/`;
      for (const k of used.keys()) if (k.startsWith(prefix) && k.endsWith(suffix)) return true;
    } else if (used.has(`${w.protocol}/0.0.0.0/${w.port}`)) return true;
  }
  return false;
}

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = 'NodePorts';

  preFilter(state: CycleState, pod: Pod): Status {
    const wanted = hostPortsOf(pod);
    if (wanted.length === 0) return skip;
    state.write(key, wanted);
    return success;
  }

  filter(state: CycleState, _pod: Pod, node: NodeInfo): Status {
    return portsClash(state.read<readonly HostPort[]>(key), node.usedPorts) ? rejected : success;
  }
}
