// What the proxy programs, as plain data: every service port with its ready endpoints, sorted,
// made from the informer caches. Pure: the same objects give the same snapshot.
import type { Node } from '../../shared/api/core/v1/node.js';
import type { Service } from '../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../shared/api/discovery/v1/endpoint-slice.js';

export type Proto = 'tcp' | 'udp' | 'sctp';

export interface EndpointInfo {
  readonly ip: string;
  readonly port: number;
  /** On this node (nodeName of the endpoint equals ours). */
  readonly local: boolean;
}

export interface ServicePortInfo {
  /** "namespace/name:portName" ("namespace/name" for an unnamed port) plus "/proto": the chain-name seed. */
  readonly id: string;
  /** "namespace/name:portName", as kube-proxy prints it in comments. */
  readonly name: string;
  readonly proto: Proto;
  readonly clusterIP: string;
  readonly port: number;
  /** 0: none. */
  readonly nodePort: number;
  /** spec.externalIPs and status.loadBalancer.ingress IPs, sorted, distinct. */
  readonly externalIPs: readonly string[];
  readonly externalLocal: boolean;
  /** sessionAffinity ClientIP timeout in seconds; 0: no affinity. */
  readonly affinitySeconds: number;
  /** Ready endpoints, sorted by ip then port. */
  readonly endpoints: readonly EndpointInfo[];
}

/** What every service port's rules depend on besides the port itself. */
export interface SnapshotContext {
  /** '' when unknown: then only --masquerade-all masquerades ClusterIP traffic. */
  readonly clusterCIDR: string;
  readonly masqueradeAll: boolean;
  /** kube-proxy's large cluster mode: more than largeClusterEndpoints endpoints; the endpoint rules then go without comments. */
  readonly largeCluster: boolean;
}

export interface ProxySnapshot extends SnapshotContext {
  /** Sorted by id. */
  readonly servicePorts: readonly ServicePortInfo[];
}

export const serviceNameLabel = 'kubernetes.io/service-name';
const defaultAffinitySeconds = 10_800;

const protoOf = (p: string | undefined): Proto => (p === 'UDP' ? 'udp' : p === 'SCTP' ? 'sctp' : 'tcp');
const byIPPort = (a: EndpointInfo, b: EndpointInfo): number => (a.ip === b.ip ? a.port - b.port : a.ip < b.ip ? -1 : 1);

export interface SnapshotInput {
  readonly services: readonly Service[];
  readonly slices: readonly EndpointSlice[];
  readonly nodeName: string;
  readonly clusterCIDR: string;
  readonly masqueradeAll: boolean;
}

/**
 * kube-proxy's threshold (largeClusterEndpointsThreshold): above it iptables' speed goes before
 * its readability, and the endpoint chains' rules and the balancing rules carry no comment
 * (at 1,000 services of 5 endpoints the nat table the kernel holds shrinks from 10.2 MB to 5.9 MB).
 */
export const largeClusterEndpoints = 1000;

/**
 * The context of a snapshot of `input`, known before any Service is read (a full sync streams
 * ports as they come). Endpoints are counted as kube-proxy counts them, ready or not, one per
 * address and slice port, over the IPv4 slices of services.
 */
export function snapshotContext(input: SnapshotInput): SnapshotContext {
  let endpoints = 0;
  for (const s of input.slices) {
    if (s.metadata.labels?.[serviceNameLabel] === undefined || (s.addressType ?? 'IPv4') !== 'IPv4') continue;
    endpoints += (s.endpoints?.length ?? 0) * (s.ports?.length ?? 0);
  }
  return { clusterCIDR: input.clusterCIDR, masqueradeAll: input.masqueradeAll, largeCluster: endpoints > largeClusterEndpoints };
}

/** Slices by "namespace/service". */
function slicesByService(slices: readonly EndpointSlice[]): Map<string, EndpointSlice[]> {
  const out = new Map<string, EndpointSlice[]>();
  for (const s of slices) {
    const svc = s.metadata.labels?.[serviceNameLabel];
    if (svc === undefined || (s.addressType ?? 'IPv4') !== 'IPv4') continue;
    const key = `${s.metadata.namespace ?? ''}/${svc}`;
    const list = out.get(key);
    if (list === undefined) out.set(key, [s]); else list.push(s);
  }
  return out;
}

function endpointsFor(slices: readonly EndpointSlice[], portName: string, proto: Proto, nodeName: string): EndpointInfo[] {
  const seen = new Map<string, EndpointInfo>();
  for (const s of slices) {
    const port = (s.ports ?? []).find((p) => (p.name ?? '') === portName && protoOf(p.protocol) === proto);
    if (port?.port === undefined) continue;
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false) continue;        // unset means ready
      const ip = e.addresses[0];
      if (ip === undefined) continue;
      const ep = { ip, port: port.port, local: e.nodeName === nodeName };
      seen.set(`${ip}:${port.port}`, ep);
    }
  }
  return [...seen.values()].sort(byIPPort);
}

/** The service ports of one Service (none for headless, ExternalName or IPv6 ones). */
function portsOf(svc: Service, slices: readonly EndpointSlice[], nodeName: string): ServicePortInfo[] {
  const spec = svc.spec;
  const clusterIP = spec?.clusterIP ?? '';
  if (spec === undefined || spec.type === 'ExternalName' || clusterIP === '' || clusterIP === 'None' || clusterIP.includes(':')) return [];
  const svcName = `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`;
  const ingress = (svc.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip !== undefined && spec.type === 'LoadBalancer' ? [i.ip] : []));
  const externalIPs = [...new Set([...(spec.externalIPs ?? []), ...ingress])].filter((ip) => !ip.includes(':')).sort();
  const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer' || externalIPs.length > 0;
  const affinity = spec.sessionAffinity === 'ClientIP' ? spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? defaultAffinitySeconds : 0;
  const ports: ServicePortInfo[] = [];
  for (const p of spec.ports ?? []) {
    const portName = p.name ?? '';
    const proto = protoOf(p.protocol);
    const name = portName === '' ? svcName : `${svcName}:${portName}`;
    ports.push({
      id: `${name}/${proto}`, name, proto, clusterIP, port: p.port,
      nodePort: (spec.type === 'NodePort' || spec.type === 'LoadBalancer') ? p.nodePort ?? 0 : 0,
      externalIPs, externalLocal: external && spec.externalTrafficPolicy === 'Local',
      affinitySeconds: affinity,
      endpoints: endpointsFor(slices, portName, proto, nodeName),
    });
  }
  return ports;
}

const noSlices: readonly EndpointSlice[] = [];
const sameObjects = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const byId = (a: ServicePortInfo, b: ServicePortInfo): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

interface CachedService { svc: Service; slices: readonly EndpointSlice[]; ports: readonly ServicePortInfo[] }

/**
 * Snapshots, keeping each Service's ports while the Service and its slices are the same
 * objects (informer caches replace an object when it changes), so an unchanged service
 * port is the same object from one snapshot to the next and its rules are reused at once.
 */
export class SnapshotBuilder {
  private readonly cache = new Map<string, CachedService>();
  private nodeName = '';

  build(input: SnapshotInput): ProxySnapshot {
    const s = this.stream(input);
    for (;;) {
      const r = s.next();
      if (r.done === true) return r.value;
    }
  }

  /**
   * The same snapshot one Service at a time: yields each service port as it is made, in the
   * order of input.services, and returns the snapshot (sorted). A full sync writes a port's
   * rules out while the next Services are read.
   */
  *stream(input: SnapshotInput): Generator<ServicePortInfo, ProxySnapshot, void> {
    if (input.nodeName !== this.nodeName) { this.cache.clear(); this.nodeName = input.nodeName; }
    const bySvc = slicesByService(input.slices);
    const ports: ServicePortInfo[] = [];
    const seen = new Set<string>();
    for (const svc of input.services) {
      const key = `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`;
      seen.add(key);
      const slices = bySvc.get(key) ?? noSlices;
      let hit = this.cache.get(key);
      if (hit === undefined || hit.svc !== svc || !sameObjects(hit.slices, slices)) {
        hit = { svc, slices, ports: portsOf(svc, slices, input.nodeName) };
        this.cache.set(key, hit);
      }
      for (const p of hit.ports) {
        ports.push(p);
        yield p;
      }
    }
    if (this.cache.size > seen.size) for (const key of this.cache.keys()) if (!seen.has(key)) this.cache.delete(key);
    ports.sort(byId);
    return { ...snapshotContext(input), servicePorts: ports };
  }
}

export const buildSnapshot = (input: SnapshotInput): ProxySnapshot => new SnapshotBuilder().build(input);

/** The InternalIPs of the Ready nodes, sorted: the ingress of every LoadBalancer service. */
export function loadBalancerIPs(nodes: readonly Node[]): string[] {
  const ips = new Set<string>();
  for (const n of nodes) {
    const ready = n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    if (!ready) continue;
    for (const a of n.status?.addresses ?? []) if (a.type === 'InternalIP' && !a.address.includes(':')) ips.add(a.address);
  }
  return [...ips].sort();
}
