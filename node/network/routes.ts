// The routes the agent owns, as data: what they should be (from the Node objects and the
// flags), what the kernel has (`ip -j route show table main`), and the difference. Every route
// the agent adds carries protocol 66, its mark of ownership: routes with another protocol are
// never changed or removed, and a prefix someone else already routes is left to them.
import type { Node } from '../../shared/api/core/v1/node.js';
import { vtepAddress, vxlanDevice } from './vxlan.js';

export const routeProtocol = '66';
export const sinkDevice = 'bosun-svc';

export type NetworkMode = 'host-gw' | 'vxlan';

export interface RouteSpec {
  readonly dst: string;
  readonly type: 'unicast' | 'blackhole';
  readonly gateway?: string;
  readonly dev?: string;
  readonly onlink?: boolean;
  readonly src?: string;
}

/** Another node as the pod network needs it. */
export interface Peer { readonly name: string; readonly podCIDR: string; readonly ip: string }

export function internalIP(n: Node): string | undefined {
  return n.status?.addresses?.find((a) => a.type === 'InternalIP' && /^\d+\.\d+\.\d+\.\d+$/.test(a.address))?.address;
}

/** Nodes other than `self` with a podCIDR and an IPv4 InternalIP, sorted by name. */
export function peersOf(nodes: readonly Node[], self: string): Peer[] {
  const out: Peer[] = [];
  for (const n of nodes) {
    const name = n.metadata.name ?? '';
    const podCIDR = n.spec?.podCIDR ?? '';
    const ip = internalIP(n);
    if (name === self || podCIDR === '' || ip === undefined || n.metadata.deletionTimestamp !== undefined) continue;
    out.push({ name, podCIDR, ip });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export interface RouteInputs {
  readonly mode: NetworkMode;
  readonly peers: readonly Peer[];
  readonly nodeIP: string;
  readonly clusterCidr: string;
  readonly serviceCidr: string;
}

export function desiredRoutes(i: RouteInputs): RouteSpec[] {
  const out: RouteSpec[] = [
    { dst: i.clusterCidr, type: 'blackhole' },                                        // below the per-node routes
    { dst: i.serviceCidr, type: 'unicast', dev: sinkDevice, src: i.nodeIP },          // ClusterIPs without rules go nowhere
  ];
  for (const p of i.peers) {
    out.push(i.mode === 'host-gw'
      ? { dst: p.podCIDR, type: 'unicast', gateway: p.ip }
      : { dst: p.podCIDR, type: 'unicast', gateway: vtepAddress(p.podCIDR), dev: vxlanDevice, onlink: true });
  }
  return out;
}

/** `ip route replace` arguments for a route (with the ownership protocol). */
export function routeArgs(r: RouteSpec): string[] {
  const args = r.type === 'blackhole' ? ['blackhole', r.dst] : [r.dst];
  if (r.gateway !== undefined) args.push('via', r.gateway);
  if (r.dev !== undefined) args.push('dev', r.dev);
  if (r.onlink === true) args.push('onlink');
  if (r.src !== undefined) args.push('src', r.src);
  return [...args, 'proto', routeProtocol];
}

export interface KernelRoutes {
  /** Routes with our protocol. */
  readonly owned: readonly RouteSpec[];
  /** Destinations routed by anyone else. */
  readonly foreign: ReadonlySet<string>;
}

interface IpRoute { dst?: unknown; type?: unknown; gateway?: unknown; dev?: unknown; protocol?: unknown; prefsrc?: unknown; flags?: unknown }

/** Reads `ip -j route show table main`. */
export function parseRoutes(json: string): KernelRoutes {
  const parsed: unknown = JSON.parse(json === '' ? '[]' : json);
  if (!Array.isArray(parsed)) throw new Error('ip -j route show printed no JSON array');
  const owned: RouteSpec[] = [];
  const foreign = new Set<string>();
  for (const item of parsed as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const r = item as IpRoute;
    if (typeof r.dst !== 'string') continue;
    const dst = r.dst === 'default' || r.dst.includes('/') ? r.dst : `${r.dst}/32`;
    if (String(r.protocol) !== routeProtocol) { foreign.add(dst); continue; }
    const flags = Array.isArray(r.flags) ? (r.flags as unknown[]) : [];
    owned.push({
      dst, type: r.type === 'blackhole' ? 'blackhole' : 'unicast',
      ...(typeof r.gateway === 'string' ? { gateway: r.gateway } : {}),
      ...(typeof r.dev === 'string' ? { dev: r.dev } : {}),
      ...(flags.includes('onlink') ? { onlink: true } : {}),
      ...(typeof r.prefsrc === 'string' ? { src: r.prefsrc } : {}),
    });
  }
  return { owned, foreign };
}

/** True when the kernel's route does what `want` asks (a field `want` leaves open may be anything). */
export function routeMatches(want: RouteSpec, have: RouteSpec): boolean {
  return want.dst === have.dst && want.type === have.type && want.gateway === have.gateway
    && (want.dev === undefined || want.dev === have.dev) && (want.onlink ?? false) === (have.onlink ?? false)
    && (want.src === undefined || want.src === have.src);
}

export interface RouteDiff {
  /** Missing or different: `ip route replace`. */
  readonly replace: readonly RouteSpec[];
  /** Ours but no longer wanted: `ip route del`. */
  readonly remove: readonly RouteSpec[];
  /** Wanted, but someone else routes that prefix: left alone. */
  readonly blocked: readonly RouteSpec[];
}

export function diffRoutes(desired: readonly RouteSpec[], kernel: KernelRoutes): RouteDiff {
  const replace: RouteSpec[] = [];
  const blocked: RouteSpec[] = [];
  const wanted = new Set(desired.map((r) => r.dst));
  for (const want of desired) {
    const have = kernel.owned.find((r) => r.dst === want.dst);
    if (have !== undefined && routeMatches(want, have)) continue;
    if (have === undefined && kernel.foreign.has(want.dst)) { blocked.push(want); continue; }
    replace.push(want);
  }
  const remove = kernel.owned.filter((r) => !wanted.has(r.dst));
  return { replace, remove, blocked };
}
