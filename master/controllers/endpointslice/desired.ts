// Pure: the endpoints a service's slices should hold, grouped by the ports they resolve to
// (pods whose named ports resolve differently land in different slices), as Kubernetes'
// EndpointSlice controller builds them (podToEndpoint, getEndpointPorts). Terminating pods
// stay, with ready false and terminating true.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import {
  findPort, podIPv4, shouldPodBeInEndpoints, shouldSetHostname,
} from '../../../shared/api/core/v1/pod-endpoints.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import type { Endpoint, EndpointPort } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import { isPodReady } from '../common/pod-status.js';

export interface EndpointGroup {
  /** In the order of the service's ports. */
  readonly ports: EndpointPort[];
  /** Sorted by address, then pod uid. */
  readonly endpoints: Endpoint[];
}

/** Groups by portsKey(ports). */
export function desiredEndpoints(svc: Service, pods: readonly Pod[]): Map<string, EndpointGroup> {
  const groups = new Map<string, EndpointGroup>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = podPorts(svc, pod);
    const key = portsKey(ports);
    let g = groups.get(key);
    if (g === undefined) groups.set(key, g = { ports, endpoints: [] });
    g.endpoints.push(podEndpoint(svc, pod));
  }
  for (const g of groups.values()) g.endpoints.sort(compareEndpoints);
  return groups;
}

/** The service's ports as this pod serves them; ports it cannot resolve are left out. */
export function podPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol !== undefined ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

export function podEndpoint(svc: Service, pod: Pod): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const nodeName = pod.spec?.nodeName ?? '';
  const m = pod.metadata;
  return {
    addresses: [podIPv4(pod) ?? ''],
    conditions: { ready, serving, terminating },
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec?.hostname ?? '' } : {}),
    ...(nodeName !== '' ? { nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: m.namespace ?? '', name: m.name ?? '', uid: m.uid ?? '' },
  };
}

/** Identifies a set of ports regardless of order and defaults. */
export function portsKey(ports: readonly EndpointPort[] | null | undefined): string {
  return JSON.stringify((ports ?? []).map((p) => [p.name ?? '', p.protocol ?? 'TCP', p.port ?? 0, p.appProtocol ?? '']).sort());
}

/** Identifies an endpoint within a service: its pod and address. */
export const endpointKey = (e: Endpoint): string => `${e.targetRef?.uid ?? ''}/${e.addresses[0] ?? ''}`;

const ipNumber = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

function compareEndpoints(a: Endpoint, b: Endpoint): number {
  const d = ipNumber(a.addresses[0] ?? '') - ipNumber(b.addresses[0] ?? '');
  if (d !== 0 && !Number.isNaN(d)) return d;
  const ka = endpointKey(a);
  const kb = endpointKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
