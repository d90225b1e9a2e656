// The resources the garbage collector watches, and which of them an ownerReference names:
// every served resource once (the first, preferred, version of each group/resource — so the
// autoscaling/v1 twin of HorizontalPodAutoscalers is left out), found by API group and kind
// whatever version the reference was written with, as Kubernetes' RESTMapper finds it.
import type { OwnerReference } from '../../../shared/api/meta.js';
import type { ResourceType } from '../../../shared/api/resource.js';
import { servedResources } from '../../../shared/api/resources.js';

export interface GcResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly namespaced: boolean;
  readonly kind: string;
}

export function gcResources(served: readonly ResourceType[] = servedResources): GcResource[] {
  const seen = new Set<string>();
  const out: GcResource[] = [];
  for (const t of served) {
    const id = `${t.group}/${t.resource}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ group: t.group, version: t.version, resource: t.resource, namespaced: t.namespaced, kind: t.kind });
  }
  return out;
}

/** "apps/v1" → "apps"; "v1" → "". */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The watched resource an ownerReference names, by group and kind; undefined for a kind Bosun does not serve. */
export function resourceForOwner(resources: readonly GcResource[], ref: Pick<OwnerReference, 'apiVersion' | 'kind'>): GcResource | undefined {
  const group = groupOf(ref.apiVersion);
  return resources.find((r) => r.group === group && r.kind === ref.kind);
}
