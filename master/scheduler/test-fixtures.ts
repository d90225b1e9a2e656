// Fixtures for the scheduler's unit tests: nodes and pods built in a line, a NodeInfo with
// pods on it, and a plugin run over one node.
import type { Pod } from '../../shared/api/core/v1/pod.js';
import type { Container } from '../../shared/api/core/v1/container.js';
import { CycleState } from './framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin } from './framework/plugin.js';
import { success, type Status } from './framework/status.js';
import { NodeInfo, podInfoOf } from './node-info.js';
import { hollowNode, type NodeShape } from './test-api.js';

export function nodeInfo(name: string, shape: NodeShape, pods: readonly Pod[] = []): NodeInfo {
  const ni = new NodeInfo(name);
  ni.setNode(hollowNode(name, shape));
  pods.forEach((p, i) => ni.addPod(podInfoOf(`default/${p.metadata.name ?? `on-${name}-${i}`}`, p)));
  return ni;
}

export function podWith(name: string, containers: readonly Partial<Container>[], spec: Partial<NonNullable<Pod['spec']>> = {}, meta: Partial<Pod['metadata']> = {}): Pod {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...meta },
    spec: { ...spec, containers: containers.map((c, i) => ({ name: `c${i}`, image: 'busybox', ...c })) },
  };
}

export const requesting = (requests: Record<string, string>): Partial<Container> => ({ resources: { requests } });

/** PreFilter (if any) then Filter, as the framework runs them; Skip means the filter passes. */
export function runFilter(plugin: FilterPlugin & Partial<PreFilterPlugin>, pod: Pod, node: NodeInfo): Status {
  const state = new CycleState();
  const pre = plugin.preFilter?.(state, pod) ?? success;
  if (pre.code === 'Skip') return success;
  if (pre.code !== 'Success') return pre;
  return plugin.filter(state, pod, node);
}

export const describeStatus = (s: Status): string =>
  s.code === 'Success' ? 'Success' : s.code === 'Skip' ? 'Skip' : s.code === 'Error' ? `Error: ${s.error.message}` : `${s.code}: ${s.reasons.join(', ')}`;
