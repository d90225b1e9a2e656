// Deletes everything in a namespace, resource by resource, and reports what is left
// (Kubernetes' deleteAllContent). A resource whose objects are all already being deleted is
// only listed, so a pass that finds pods in their grace period rewrites nothing.
import type { ApiObject } from '../../../shared/api/meta.js';
import type { ResourceCoordinates } from '../../../shared/client/resource-path.js';
import type { NamespaceApi } from './api.js';
import type { ContentTotals } from './conditions.js';
import { remainingOf } from './remaining.js';
import { gvrString } from './resources.js';

export async function deleteAllContent(
  api: NamespaceApi, resources: readonly ResourceCoordinates[], namespace: string, now: () => Date, signal: AbortSignal,
): Promise<ContentTotals> {
  const remaining = new Map<string, number>();
  const finalizers = new Map<string, number>();
  const errors: string[] = [];
  let estimateSeconds = 0;
  for (const r of resources) {
    try {
      let items = await api.list(r, namespace, signal);
      if (items.some((o: ApiObject) => o.metadata.deletionTimestamp === undefined)) {
        await api.deleteCollection(r, namespace, signal);
        items = await api.list(r, namespace, signal);
      }
      const left = remainingOf(r, items, now());
      if (left.count === 0) continue;
      remaining.set(`${r.resource}.${r.group}`, left.count);
      for (const [f, n] of left.finalizers) finalizers.set(f, (finalizers.get(f) ?? 0) + n);
      estimateSeconds = Math.max(estimateSeconds, left.estimateSeconds);
      if (left.unexpected) errors.push(`unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(r)}`);
    } catch (err) {
      signal.throwIfAborted();
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }
  return { remaining, finalizers, errors, estimateSeconds };
}
