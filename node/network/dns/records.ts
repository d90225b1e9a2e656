// The cluster as the DNS server sees it: Services and EndpointSlices from informer caches,
// read at question time (no copy to keep in step). Slices are found through an index on their
// `kubernetes.io/service-name` label, addresses through indexes for PTR answers.
import type { Service } from '../../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import type { Indexers, StoreReader } from '../../../shared/client/store.js';
import type { ClusterView, EndpointView, ServicePortView, ServiceView } from './answer.js';

export const serviceNameLabel = 'kubernetes.io/service-name';
export const byService = 'byService';
export const byAddress = 'byAddress';

const isUsable = (s: EndpointSlice): boolean => s.addressType === undefined || s.addressType === 'IPv4';

export const sliceIndexers: Indexers<EndpointSlice> = {
  [byService]: (s) => {
    const svc = s.metadata.labels?.[serviceNameLabel];
    return svc !== undefined ? [`${s.metadata.namespace ?? ''}/${svc}`] : [];
  },
  [byAddress]: (s) => (isUsable(s) ? (s.endpoints ?? []).flatMap((e) => e.addresses.slice(0, 1)) : []),
};

export const serviceIndexers: Indexers<Service> = {
  [byAddress]: (s) => (s.spec?.clusterIPs ?? [s.spec?.clusterIP ?? '']).filter((ip) => ip !== '' && ip !== 'None'),
};

export function serviceView(s: Service): ServiceView {
  const ip = s.spec?.clusterIP ?? '';
  const external = s.spec?.type === 'ExternalName' && s.spec.externalName !== undefined ? s.spec.externalName : undefined;
  return {
    namespace: s.metadata.namespace ?? '', name: s.metadata.name ?? '',
    clusterIP: ip === 'None' || external !== undefined ? '' : ip,
    headless: ip === 'None',
    ...(external !== undefined ? { externalName: external } : {}),
    ports: (s.spec?.ports ?? []).map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port })),
  };
}

export class InformerClusterView implements ClusterView {
  constructor(private readonly services: StoreReader<Service>, private readonly slices: StoreReader<EndpointSlice>) {}

  service(namespace: string, name: string): ServiceView | undefined {
    const s = this.services.get(`${namespace}/${name}`);
    return s === undefined ? undefined : serviceView(s);
  }

  endpoints(namespace: string, name: string): { addresses: EndpointView[]; ports: ServicePortView[] } {
    const addresses = new Map<string, EndpointView>();
    const ports = new Map<string, ServicePortView>();
    for (const s of this.slices.byIndex(byService, `${namespace}/${name}`)) {
      if (!isUsable(s)) continue;
      for (const e of s.endpoints ?? []) {
        const address = e.addresses[0];
        if (address === undefined || e.conditions?.ready === false || addresses.has(address)) continue;
        addresses.set(address, { address, ...(e.hostname !== undefined && e.hostname !== '' ? { hostname: e.hostname } : {}) });
      }
      for (const p of s.ports ?? []) {
        if (p.port === undefined) continue;
        const v = { name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port };
        ports.set(`${v.name}/${v.protocol}`, v);
      }
    }
    return { addresses: [...addresses.values()].sort((a, b) => a.address.localeCompare(b.address)), ports: [...ports.values()] };
  }

  namesOf(address: string): string[] {
    const names = new Set<string>();
    for (const s of this.services.byIndex(byAddress, address)) names.add(`${s.metadata.name ?? ''}.${s.metadata.namespace ?? ''}.svc`);
    for (const sl of this.slices.byIndex(byAddress, address)) {
      const svc = sl.metadata.labels?.[serviceNameLabel];
      const ns = sl.metadata.namespace ?? '';
      if (svc === undefined || this.service(ns, svc)?.headless !== true) continue;
      for (const e of sl.endpoints ?? []) {
        if (e.addresses[0] === address) names.add(`${e.hostname ?? address.replace(/\./g, '-')}.${svc}.${ns}.svc`);
      }
    }
    return [...names].sort();
  }
}
