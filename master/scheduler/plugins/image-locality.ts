// ImageLocality: prefers nodes that already have the pod's images (node.status.images),
// scaled by how widely each image is spread over the cluster so that pods do not all pile
// onto the one node that has it: Kubernetes' thresholds of 23 MB and 1000 MB per container.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { CycleState } from '../framework/cycle-state.js';
import { maxNodeScore, type PreScorePlugin, type ScorePlugin } from '../framework/plugin.js';
import { skip, success, type Status } from '../framework/status.js';
import { normalizedImageName, type NodeInfo } from '../node-info.js';

const mb = 1024 * 1024;
export const minThreshold = 23 * mb;
export const maxContainerThreshold = 1000 * mb;
const key = 'ImageLocality/images';

/** What the plugin needs of the whole cluster. */
export interface ImageSpread {
  nodeCount(): number;
  imageNodeCount(image: string): number;
}

interface Wanted { readonly images: readonly string[]; readonly containers: number }

export function imageScore(sumScores: number, containers: number): number {
  const maxThreshold = maxContainerThreshold * containers;
  const s = Math.min(Math.max(sumScores, minThreshold), maxThreshold);
  return Math.trunc((maxNodeScore * (s - minThreshold)) / (maxThreshold - minThreshold));
}

export class ImageLocality implements PreScorePlugin, ScorePlugin {
  readonly name = 'ImageLocality';

  constructor(private readonly cluster: ImageSpread) {}

  preScore(state: CycleState, pod: Pod): Status {
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    if (containers.length === 0) return skip;
    state.write(key, { images: containers.map((c) => normalizedImageName(c.image ?? '')), containers: containers.length } satisfies Wanted);
    return success;
  }

  score(state: CycleState, _pod: Pod, node: NodeInfo): number {
    const w = state.read<Wanted>(key);
    if (node.images.size === 0) return 0;
    const total = this.cluster.nodeCount();
    let sum = 0;
    for (const image of w.images) {
      const size = node.images.get(image);
      if (size === undefined) continue;
      sum += Math.trunc((size * this.cluster.imageNodeCount(image)) / Math.max(1, total));
    }
    return imageScore(sum, w.containers);
  }
}
