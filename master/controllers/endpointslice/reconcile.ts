// Pure: from a service's current slices (ours) and its desired endpoint groups, the slices to
// create, update and delete, keeping slices stable as Kubernetes' reconciler does: an endpoint
// stays in the slice it is in (updated in place when it changed), new endpoints first fill the
// slices being written anyway, then one untouched slice with room for the rest, then new
// slices of at most maxEndpointsPerSlice; a slice left empty is deleted, or recycled for a new
// one. A service without endpoints keeps one empty placeholder slice.
import type { Service } from '../../../shared/api/core/v1/service.js';
import type { Endpoint, EndpointPort, EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import type { OwnerReference } from '../../../shared/api/meta.js';
import { deepEqual } from '../../../shared/util/deep-equal.js';
import { controllerOf, newControllerRef } from '../common/controller-ref.js';
import { endpointKey, portsKey, type EndpointGroup } from './desired.js';

export const serviceNameLabel = 'kubernetes.io/service-name';
export const managedByLabel = 'endpointslice.kubernetes.io/managed-by';
export const controllerName = 'endpointslice-controller.k8s.io';
export const headlessLabel = 'service.kubernetes.io/headless';

export interface SlicePlan {
  /** New slices (generateName set). */
  readonly create: EndpointSlice[];
  /** Changed copies of existing slices (their resourceVersion is the precondition). */
  readonly update: EndpointSlice[];
  readonly delete: EndpointSlice[];
}

export interface PlanInput {
  readonly service: Service;
  /** The service's slices managed by this controller. */
  readonly existing: readonly EndpointSlice[];
  readonly desired: ReadonlyMap<string, EndpointGroup>;
  readonly maxEndpointsPerSlice: number;
}

const serviceGvk = { group: '', version: 'v1', kind: 'Service' } as const;

/** The labels of a service's slices: the service's own, plus ours. */
export function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = { ...svc.metadata.labels };
  delete labels[headlessLabel];
  labels[serviceNameLabel] = svc.metadata.name ?? '';
  labels[managedByLabel] = controllerName;
  if (svc.spec?.clusterIP === 'None') labels[headlessLabel] = '';
  return labels;
}

interface Kept { readonly slice: EndpointSlice; readonly endpoints: Endpoint[]; changed: boolean }

export function planSlices(i: PlanInput): SlicePlan {
  const svc = i.service;
  const labels = sliceLabels(svc);
  const owner = newControllerRef(svc, serviceGvk);
  const build = (ports: readonly EndpointPort[], endpoints: Endpoint[], base?: EndpointSlice): EndpointSlice =>
    buildSlice(svc, labels, owner, ports, endpoints, base);
  const deletes: EndpointSlice[] = [];
  const recyclable: EndpointSlice[] = [];
  const byKey = new Map<string, EndpointSlice[]>();
  for (const s of [...i.existing].sort(byName)) {
    if (controllerOf(s)?.uid !== svc.metadata.uid || s.addressType !== 'IPv4') { deletes.push(s); continue; }   // an older service's, or not ours to reuse
    const key = portsKey(s.ports);
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  const creates: EndpointSlice[] = [];
  const updates: EndpointSlice[] = [];
  for (const [key, group] of i.desired) {
    const remaining = new Map(group.endpoints.map((e) => [endpointKey(e), e]));
    const kept: Kept[] = [];
    for (const s of byKey.get(key) ?? []) {
      const endpoints: Endpoint[] = [];
      let changed = !deepEqual(s.metadata.labels ?? {}, labels) || !deepEqual(s.ports ?? [], group.ports);
      for (const e of s.endpoints ?? []) {
        const want = remaining.get(endpointKey(e));
        if (want === undefined) { changed = true; continue; }       // gone, or listed twice
        remaining.delete(endpointKey(e));
        if (!deepEqual(want, e)) changed = true;
        endpoints.push(want);
      }
      if (endpoints.length === 0) recyclable.push(s); else kept.push({ slice: s, endpoints, changed });
    }
    byKey.delete(key);
    const rest = [...remaining.values()];
    const room = (k: Kept): number => i.maxEndpointsPerSlice - k.endpoints.length;
    for (const k of kept.filter((x) => x.changed).sort((a, b) => b.endpoints.length - a.endpoints.length)) {
      k.endpoints.push(...rest.splice(0, Math.max(0, room(k))));
    }
    while (rest.length >= i.maxEndpointsPerSlice) creates.push(build(group.ports, rest.splice(0, i.maxEndpointsPerSlice)));
    if (rest.length > 0) {
      const fits = kept.filter((k) => !k.changed && room(k) >= rest.length).sort((a, b) => b.endpoints.length - a.endpoints.length)[0];
      if (fits !== undefined) { fits.endpoints.push(...rest); fits.changed = true; } else creates.push(build(group.ports, rest));
    }
    for (const k of kept) if (k.changed) updates.push(build(group.ports, k.endpoints, k.slice));
  }
  for (const slices of byKey.values()) recyclable.push(...slices);   // port sets no pod has any more
  recyclable.sort((a, b) => (a.endpoints ?? []).length - (b.endpoints ?? []).length);
  if (i.desired.size === 0 && recyclable.length > 0 && updates.length === 0 && creates.length === 0) {
    const keep = recyclable.shift()!;                              // the placeholder
    const placeholder = build([], [], keep);
    if (!sameContent(placeholder, keep)) updates.push(placeholder);
  } else if (i.desired.size === 0 && updates.length === 0 && creates.length === 0) {
    creates.push(build([], []));
  }
  const toCreate: EndpointSlice[] = [];
  for (const c of creates) {
    const old = recyclable.shift();
    if (old === undefined) toCreate.push(c);
    else updates.push(build(c.ports ?? [], c.endpoints ?? [], old));
  }
  return { create: toCreate, update: updates, delete: [...deletes, ...recyclable] };
}

function buildSlice(
  svc: Service, labels: Record<string, string>, owner: OwnerReference,
  ports: readonly EndpointPort[], endpoints: Endpoint[], base?: EndpointSlice,
): EndpointSlice {
  const metadata = base !== undefined
    ? { ...structuredClone(base.metadata), labels, ownerReferences: [owner] }
    : { generateName: `${svc.metadata.name ?? ''}-`, namespace: svc.metadata.namespace ?? '', labels, ownerReferences: [owner] };
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata, addressType: 'IPv4',
    endpoints: endpoints.length > 0 ? endpoints : null,
    ports: ports.length > 0 ? [...ports] : null,
  };
}

function sameContent(a: EndpointSlice, b: EndpointSlice): boolean {
  return deepEqual(a.metadata.labels ?? {}, b.metadata.labels ?? {}) && deepEqual(a.endpoints ?? [], b.endpoints ?? [])
    && deepEqual(a.ports ?? [], b.ports ?? []);
}

const byName = (a: EndpointSlice, b: EndpointSlice): number => {
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};
