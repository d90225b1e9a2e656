// URL paths of the Kubernetes REST API: /api/v1/… for the core group, /apis/{group}/{version}/…
// for the others; namespaced resources live under /namespaces/{ns}/ (all of them when ns is '').
import type { ResourceType } from '../api/resource.js';

export type ResourceCoordinates = Pick<ResourceType, 'group' | 'version' | 'resource' | 'namespaced'>;

export function resourcePath(r: ResourceCoordinates, namespace: string, name?: string, subresource?: string): string {
  const root = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  if (r.namespaced && namespace === '' && name !== undefined) {
    throw new Error(`${r.resource} are namespaced: "${name}" needs a namespace`);
  }
  const ns = r.namespaced && namespace !== '' ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const one = name !== undefined ? `/${encodeURIComponent(name)}` : '';
  const sub = subresource !== undefined ? `/${subresource}` : '';
  return `${root}${ns}/${r.resource}${one}${sub}`;
}
