// The scheduler's cache: every node with the pods on it. A pod the scheduler has chosen a
// node for is ASSUMED there at once, so the next decision already counts it while the
// binding is still in flight; the informer's copy of the bound pod confirms it, and a failed
// binding forgets it. Pods that finished (Succeeded/Failed) count as gone, as Kubernetes'
// scheduler ignores them.
import type { Node } from '../../shared/api/core/v1/node.js';
import type { Pod } from '../../shared/api/core/v1/pod.js';
import { NodeInfo, podInfoOf, type PodInfo } from './node-info.js';

interface PodState {
  info: PodInfo;
  nodeName: string;
  assumed: boolean;
}

export const isTerminal = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  /** Nodes that have a Node object, in no particular order (swap-removed). */
  private readonly list: NodeInfo[] = [];
  private readonly pods = new Map<string, PodState>();
  /** Normalised image name → number of nodes that have it. */
  private readonly imageNodes = new Map<string, number>();

  /** The schedulable universe: nodes with a Node object. Read-only for callers. */
  nodeList(): readonly NodeInfo[] {
    return this.list;
  }

  nodeCount(): number {
    return this.list.length;
  }

  node(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  /** How many nodes have this (normalised) image. */
  imageNodeCount(image: string): number {
    return this.imageNodes.get(image) ?? 0;
  }

  addOrUpdateNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const ni = this.nodeInfo(name);
    if (ni.node !== undefined) this.countImages(ni, -1);
    ni.setNode(node);
    this.countImages(ni, 1);
    if (ni.listIndex === -1) {
      ni.listIndex = this.list.length;
      this.list.push(ni);
    }
  }

  removeNode(name: string): void {
    const ni = this.nodes.get(name);
    if (ni === undefined || ni.node === undefined) return;
    this.countImages(ni, -1);
    ni.node = undefined;
    const last = this.list.pop()!;
    if (last !== ni) {
      this.list[ni.listIndex] = last;
      last.listIndex = ni.listIndex;
    }
    ni.listIndex = -1;
    if (ni.pods.size === 0) this.nodes.delete(name);   // pods still bound there keep a placeholder
  }

  /** Counts `pod` on `nodeName` before the API says so. */
  assume(key: string, pod: Pod, nodeName: string): void {
    if (this.pods.has(key)) throw new Error(`pod ${key} is already in the scheduler cache`);
    const info = podInfoOf(key, pod);
    this.nodeInfo(nodeName).addPod(info);
    this.pods.set(key, { info, nodeName, assumed: true });
  }

  /** Drops an assumed pod (its binding failed); a confirmed pod stays. */
  forget(key: string): void {
    const st = this.pods.get(key);
    if (st === undefined || !st.assumed) return;
    this.removeFromNode(key, st.nodeName);
    this.pods.delete(key);
  }

  isAssumed(key: string): boolean {
    return this.pods.get(key)?.assumed === true;
  }

  /** An assigned pod seen by the informer (added or changed): confirms an assumption or replaces it. */
  upsertPod(key: string, pod: Pod): void {
    const nodeName = pod.spec?.nodeName ?? '';
    if (nodeName === '' || isTerminal(pod)) { this.removePod(key); return; }
    const st = this.pods.get(key);
    if (st !== undefined) this.removeFromNode(key, st.nodeName);
    const info = podInfoOf(key, pod);
    this.nodeInfo(nodeName).addPod(info);
    this.pods.set(key, { info, nodeName, assumed: false });
  }

  removePod(key: string): void {
    const st = this.pods.get(key);
    if (st === undefined) return;
    this.removeFromNode(key, st.nodeName);
    this.pods.delete(key);
  }

  private removeFromNode(key: string, nodeName: string): void {
    const ni = this.nodes.get(nodeName);
    if (ni === undefined) return;
    ni.removePod(key);
    if (ni.node === undefined && ni.pods.size === 0) this.nodes.delete(nodeName);
  }

  private nodeInfo(name: string): NodeInfo {
    let ni = this.nodes.get(name);
    if (ni === undefined) this.nodes.set(name, ni = new NodeInfo(name));
    return ni;
  }

  private countImages(ni: NodeInfo, by: 1 | -1): void {
    for (const image of ni.images.keys()) {
      const n = (this.imageNodes.get(image) ?? 0) + by;
      if (n <= 0) this.imageNodes.delete(image); else this.imageNodes.set(image, n);
    }
  }
}
