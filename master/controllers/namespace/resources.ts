// What a namespace holds: every served namespaced resource, once (its preferred version), in
// discovery order but with events last — controllers still record events while the rest goes.
import type { ResourceType } from '../../../shared/api/resource.js';
import { servedResources } from '../../../shared/api/resources.js';
import type { ResourceCoordinates } from '../../../shared/client/resource-path.js';

export function namespacedResources(served: readonly ResourceType[] = servedResources): ResourceCoordinates[] {
  const seen = new Set<string>();
  const out: ResourceCoordinates[] = [];
  for (const t of served) {
    const id = `${t.group}/${t.resource}`;
    if (!t.namespaced || seen.has(id)) continue;
    seen.add(id);
    out.push({ group: t.group, version: t.version, resource: t.resource, namespaced: true });
  }
  const isEvents = (r: ResourceCoordinates): boolean => r.group === '' && r.resource === 'events';
  return [...out.filter((r) => !isEvents(r)), ...out.filter(isEvents)];
}

/** As Kubernetes prints a GroupVersionResource: "/v1, Resource=pods", "apps/v1, Resource=deployments". */
export const gvrString = (r: ResourceCoordinates): string => `${r.group}/${r.version}, Resource=${r.resource}`;
