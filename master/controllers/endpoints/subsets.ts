// Pure: the subsets of a service's Endpoints. Each selected pod contributes its address, ready
// or not, to every service port it resolves; then subsets are repacked as Kubernetes repacks
// them (pkg/api/v1/endpoints RepackSubsets): ports offered by the same set of addresses share
// one subset, an address ready for one port of a set is ready for all of it, and everything is
// sorted so equal content is equal JSON.
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../../../shared/api/core/v1/endpoints.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import {
  findPort, podIPv4, shouldPodBeInEndpoints, shouldSetHostname,
} from '../../../shared/api/core/v1/pod-endpoints.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import { isPodReady } from '../common/pod-status.js';

/** A pod whose named target port could not be found, for a log line. */
export interface UnresolvedPort {
  readonly pod: string;
  readonly port: string;
}

export interface DesiredSubsets {
  readonly subsets: EndpointSubset[];
  readonly unresolved: UnresolvedPort[];
}

/** The subsets for `svc` over `pods` (already those its selector selects). */
export function desiredSubsets(svc: Service, pods: readonly Pod[]): DesiredSubsets {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const headless = svc.spec?.clusterIP === 'None';
  const servicePorts = svc.spec?.ports ?? [];
  const raw: EndpointSubset[] = [];
  const unresolved: UnresolvedPort[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const address = podAddress(pod, svc);
    const ready = publishNotReady || isPodReady(pod);
    const add = (ports: EndpointPort[] | undefined): void => {
      raw.push({ ...(ready ? { addresses: [address] } : { notReadyAddresses: [address] }), ...(ports !== undefined ? { ports } : {}) });
    };
    if (servicePorts.length === 0) {
      if (headless) add(undefined);                        // a headless service without ports: addresses only
      continue;
    }
    for (const sp of servicePorts) {
      const port = findPort(pod, sp);
      if (port === undefined) {
        unresolved.push({ pod: pod.metadata.name ?? '', port: String(sp.targetPort ?? sp.port) });
        continue;
      }
      add([{
        ...(sp.name !== undefined && sp.name !== '' ? { name: sp.name } : {}),
        port, protocol: sp.protocol ?? 'TCP',
        ...(sp.appProtocol !== undefined ? { appProtocol: sp.appProtocol } : {}),
      }]);
    }
  }
  return { subsets: repackSubsets(raw), unresolved };
}

function podAddress(pod: Pod, svc: Service): EndpointAddress {
  const m = pod.metadata;
  const nodeName = pod.spec?.nodeName ?? '';
  return {
    ip: podIPv4(pod) ?? '',
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec?.hostname ?? '' } : {}),
    ...(nodeName !== '' ? { nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: m.namespace ?? '', name: m.name ?? '', uid: m.uid ?? '' },
  };
}

const addressKey = (a: EndpointAddress): string => `${a.ip}/${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort): string => JSON.stringify([p.name ?? '', p.port, p.protocol ?? 'TCP', p.appProtocol ?? '']);
/** Stands for "no ports" so addresses of a port-less subset are not lost. */
const noPorts = '-';

/** Kubernetes' RepackSubsets: one subset per distinct set of (address, ready) pairs. */
export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const addresses = new Map<string, EndpointAddress>();             // first seen wins
  const ports = new Map<string, EndpointPort | undefined>();
  const byPort = new Map<string, Map<string, boolean>>();          // port → address → ready
  for (const ss of subsets) {
    const keys = (ss.ports ?? []).length === 0 ? [noPorts] : (ss.ports ?? []).map(portKey);
    (ss.ports ?? []).forEach((p, i) => ports.set(keys[i]!, p));
    if (keys[0] === noPorts) ports.set(noPorts, undefined);
    for (const key of keys) {
      let set = byPort.get(key);
      if (set === undefined) byPort.set(key, set = new Map());
      for (const a of ss.addresses ?? []) {
        const k = addressKey(a);
        if (!addresses.has(k)) addresses.set(k, a);
        set.set(k, true);                                            // ready wins
      }
      for (const a of ss.notReadyAddresses ?? []) {
        const k = addressKey(a);
        if (!addresses.has(k)) addresses.set(k, a);
        if (!set.has(k)) set.set(k, false);
      }
    }
  }
  const groups = new Map<string, { set: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const [key, set] of byPort) {
    if (set.size === 0) continue;
    const id = [...set].map(([k, ready]) => `${k}=${ready ? 1 : 0}`).sort().join(',');
    let g = groups.get(id);
    if (g === undefined) groups.set(id, g = { set, ports: [] });
    const p = ports.get(key);
    if (p !== undefined) g.ports.push(p);
  }
  const out: EndpointSubset[] = [];
  for (const { set, ports: ps } of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [k, isReady] of set) (isReady ? ready : notReady).push(addresses.get(k)!);
    out.push({
      ...(ready.length > 0 ? { addresses: ready.sort(compareAddresses) } : {}),
      ...(notReady.length > 0 ? { notReadyAddresses: notReady.sort(compareAddresses) } : {}),
      ...(ps.length > 0 ? { ports: ps.sort(comparePorts) } : {}),
    });
  }
  return out.sort(compareSubsets);
}

const ipNumber = (ip: string): number =>
  ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

/** By IP (numerically), then by the pod's uid. */
export function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  const d = ipNumber(a.ip) - ipNumber(b.ip);
  if (d !== 0 && !Number.isNaN(d)) return d;
  return compareStrings(addressKey(a), addressKey(b));
}

/** By name, then port, then protocol. */
export function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return compareStrings(a.name ?? '', b.name ?? '') || a.port - b.port || compareStrings(a.protocol ?? 'TCP', b.protocol ?? 'TCP');
}

/** By their first port (port-less first), then their first address. */
function compareSubsets(a: EndpointSubset, b: EndpointSubset): number {
  const pa = a.ports?.[0];
  const pb = b.ports?.[0];
  if (pa === undefined || pb === undefined) return (pa === undefined ? 0 : 1) - (pb === undefined ? 0 : 1);
  const byPort = comparePorts(pa, pb);
  if (byPort !== 0) return byPort;
  const fa = a.addresses?.[0] ?? a.notReadyAddresses?.[0];
  const fb = b.addresses?.[0] ?? b.notReadyAddresses?.[0];
  return fa !== undefined && fb !== undefined ? compareAddresses(fa, fb) : 0;
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Equal subsets, ignoring the resourceVersion of targetRefs (as Kubernetes compares them). */
export function subsetsEqual(a: readonly EndpointSubset[], b: readonly EndpointSubset[]): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(subsets: readonly EndpointSubset[]): unknown {
  const addr = (a: EndpointAddress): unknown => [a.ip, a.hostname ?? '', a.nodeName ?? '',
    a.targetRef === undefined ? null : [a.targetRef.kind ?? '', a.targetRef.namespace ?? '', a.targetRef.name ?? '', a.targetRef.uid ?? '']];
  return subsets.map((ss) => [
    (ss.addresses ?? []).map(addr), (ss.notReadyAddresses ?? []).map(addr),
    (ss.ports ?? []).map((p) => [p.name ?? '', p.port, p.protocol ?? 'TCP', p.appProtocol ?? '']),
  ]);
}
