// Every plugin Bosun's scheduler knows, by name, and the default set with its score weights
// (Kubernetes' default profile, with SelectorSpread standing in for default topology spread).
import type { AnyPlugin } from '../framework/plugin.js';
import { NodeResourcesBalancedAllocation } from './balanced-allocation.js';
import { DefaultBinder, type PodBinder } from './default-binder.js';
import { DefaultPreemption } from './default-preemption.js';
import { ImageLocality, type ImageSpread } from './image-locality.js';
import { NodeResourcesLeastAllocated } from './least-allocated.js';
import { NodeAffinity } from './node-affinity.js';
import { NodeName } from './node-name.js';
import { NodePorts } from './node-ports.js';
import { NodeResourcesFit } from './node-resources-fit.js';
import { NodeUnschedulable } from './node-unschedulable.js';
import { SelectorSpread } from './selector-spread.js';
import { TaintToleration } from './taint-toleration.js';

/** What plugins may use besides the pod and the node in hand. */
export interface PluginContext {
  readonly cluster: ImageSpread;
  readonly binder: PodBinder;
}

export type PluginFactory = (ctx: PluginContext) => AnyPlugin;

export const pluginFactories: ReadonlyMap<string, PluginFactory> = new Map<string, PluginFactory>([
  ['NodeUnschedulable', () => new NodeUnschedulable()],
  ['NodeName', () => new NodeName()],
  ['TaintToleration', () => new TaintToleration()],
  ['NodeAffinity', () => new NodeAffinity()],
  ['NodePorts', () => new NodePorts()],
  ['NodeResourcesFit', () => new NodeResourcesFit()],
  ['NodeResourcesLeastAllocated', () => new NodeResourcesLeastAllocated()],
  ['NodeResourcesBalancedAllocation', () => new NodeResourcesBalancedAllocation()],
  ['SelectorSpread', () => new SelectorSpread()],
  ['ImageLocality', (ctx) => new ImageLocality(ctx.cluster)],
  ['DefaultPreemption', () => new DefaultPreemption()],
  ['DefaultBinder', (ctx) => new DefaultBinder(ctx.binder)],
]);

/** The default plugins in the order they run (cheap filters first), with their score weights. */
export const defaultPlugins: readonly { readonly name: string; readonly weight: number }[] = [
  { name: 'NodeUnschedulable', weight: 0 },
  { name: 'NodeName', weight: 0 },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts', weight: 0 },
  { name: 'NodeResourcesFit', weight: 0 },
  { name: 'NodeResourcesLeastAllocated', weight: 1 },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'SelectorSpread', weight: 2 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultPreemption', weight: 0 },
  { name: 'DefaultBinder', weight: 0 },
];
