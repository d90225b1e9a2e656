// vxlan mode, flannel's layout: one vxlan device per node (VNI 1, UDP 4789, no learning)
// holding the .0 address of its podCIDR; for each other node a route to its podCIDR via that
// node's .0 address (onlink), a permanent neighbour entry giving the .0 address the other
// device's MAC, and an FDB entry sending that MAC to the node's IP. MACs are made from the node
// IP, so no node has to publish its own. Pods must use an MTU of 1450 (kubelet --pod-mtu 1450).
import type { HostCommands } from './host-commands.js';
import { mustSucceed } from './host-commands.js';
import type { Peer } from './routes.js';

export const vxlanDevice = 'bosun-vx';
export const vxlanId = 1;
export const vxlanPort = 4789;
export const vxlanMtu = 1450;

/** A locally administered unicast MAC made from an IPv4 address: 0e:b0:a:b:c:d. */
export function vtepMac(ip: string): string {
  return ['0e', 'b0', ...ip.split('.').map((x) => Number(x).toString(16).padStart(2, '0'))].join(':');
}

/** The first address of a podCIDR (10.244.2.0/24 → 10.244.2.0): the vxlan device's address. */
export function vtepAddress(podCIDR: string): string {
  return podCIDR.split('/')[0]!;
}

export interface Neighbour { readonly address: string; readonly mac: string }
export interface FdbEntry { readonly mac: string; readonly dst: string }

export function desiredNeighbours(peers: readonly Peer[]): Neighbour[] {
  return peers.map((p) => ({ address: vtepAddress(p.podCIDR), mac: vtepMac(p.ip) }));
}

export function desiredFdb(peers: readonly Peer[]): FdbEntry[] {
  return peers.map((p) => ({ mac: vtepMac(p.ip), dst: p.ip }));
}

function jsonArray(text: string): Record<string, unknown>[] {
  const v: unknown = JSON.parse(text.trim() === '' ? '[]' : text);
  return Array.isArray(v) ? (v as unknown[]).filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
}

/** `ip -j neigh show dev bosun-vx` → the permanent entries. */
export function parseNeighbours(json: string): Neighbour[] {
  return jsonArray(json).filter((n) => typeof n['dst'] === 'string' && typeof n['lladdr'] === 'string')
    .map((n) => ({ address: n['dst'] as string, mac: (n['lladdr'] as string).toLowerCase() }));
}

/** `bridge -j fdb show dev bosun-vx` → entries with a remote destination. */
export function parseFdb(json: string): FdbEntry[] {
  return jsonArray(json).filter((e) => typeof e['mac'] === 'string' && typeof e['dst'] === 'string')
    .map((e) => ({ mac: (e['mac'] as string).toLowerCase(), dst: e['dst'] as string }));
}

export interface VxlanLink { readonly id: number; readonly local: string; readonly port: number; readonly address: string; readonly up: boolean }

/** `ip -d -j link show bosun-vx`, or undefined when it is missing or not a vxlan device. */
export function parseVxlanLink(json: string): VxlanLink | undefined {
  const l = jsonArray(json)[0];
  const info = l?.['linkinfo'] as { info_kind?: unknown; info_data?: { id?: unknown; local?: unknown; port?: unknown } } | undefined;
  if (l === undefined || info?.info_kind !== 'vxlan') return undefined;
  const flags = Array.isArray(l['flags']) ? (l['flags'] as unknown[]) : [];
  return {
    id: Number(info.info_data?.id), local: String(info.info_data?.local ?? ''), port: Number(info.info_data?.port),
    address: String(l['address'] ?? ''), up: flags.includes('UP'),
  };
}

/** The device holding `ip` (the vxlan device's underlay). */
export async function deviceOf(cmds: HostCommands, ip: string, signal: AbortSignal): Promise<string> {
  const addrs = jsonArray(mustSucceed('ip -j addr show', await cmds.ip(['-j', '-4', 'addr', 'show'], signal)));
  for (const l of addrs) {
    const infos = Array.isArray(l['addr_info']) ? (l['addr_info'] as { local?: unknown }[]) : [];
    if (infos.some((a) => a.local === ip) && typeof l['ifname'] === 'string') return l['ifname'];
  }
  throw new Error(`no device holds the node IP ${ip}`);
}

/** Makes the vxlan device as wanted (recreating one made for another node IP) with its address. */
export async function ensureVxlanDevice(cmds: HostCommands, nodeIP: string, ownPodCIDR: string, signal: AbortSignal): Promise<'created' | 'kept'> {
  const shown = await cmds.ip(['-d', '-j', 'link', 'show', vxlanDevice], signal);
  const link = shown.code === 0 ? parseVxlanLink(shown.stdout) : undefined;
  const mac = vtepMac(nodeIP);
  let result: 'created' | 'kept' = 'kept';
  if (link === undefined || link.id !== vxlanId || link.local !== nodeIP || link.port !== vxlanPort || link.address !== mac) {
    if (shown.code === 0) mustSucceed(`ip link del ${vxlanDevice}`, await cmds.ip(['link', 'del', vxlanDevice], signal));
    const underlay = await deviceOf(cmds, nodeIP, signal);
    mustSucceed(`ip link add ${vxlanDevice}`, await cmds.ip(['link', 'add', vxlanDevice, 'address', mac, 'type', 'vxlan', 'id', String(vxlanId),
      'dstport', String(vxlanPort), 'local', nodeIP, 'dev', underlay, 'nolearning'], signal));
    result = 'created';
  }
  mustSucceed(`ip addr replace on ${vxlanDevice}`, await cmds.ip(['addr', 'replace', `${vtepAddress(ownPodCIDR)}/32`, 'dev', vxlanDevice], signal));
  if (link?.up !== true || result === 'created') mustSucceed(`ip link set ${vxlanDevice} up`, await cmds.ip(['link', 'set', vxlanDevice, 'up'], signal));
  return result;
}

/** Brings neighbour and FDB entries of the device in step with the peers; returns how many changed. */
export async function syncVxlanPeers(cmds: HostCommands, peers: readonly Peer[], signal: AbortSignal): Promise<number> {
  let changed = 0;
  const neigh = parseNeighbours(mustSucceed('ip neigh show', await cmds.ip(['-j', 'neigh', 'show', 'dev', vxlanDevice], signal)));
  const wantNeigh = desiredNeighbours(peers);
  for (const n of neigh) {
    if (wantNeigh.some((w) => w.address === n.address && w.mac === n.mac)) continue;
    await cmds.ip(['neigh', 'del', n.address, 'dev', vxlanDevice], signal);
    changed++;
  }
  for (const w of wantNeigh) {
    if (neigh.some((n) => n.address === w.address && n.mac === w.mac)) continue;
    mustSucceed('ip neigh replace', await cmds.ip(['neigh', 'replace', w.address, 'lladdr', w.mac, 'dev', vxlanDevice, 'nud', 'permanent'], signal));
    changed++;
  }
  const fdb = parseFdb(mustSucceed('bridge fdb show', await cmds.bridge(['-j', 'fdb', 'show', 'dev', vxlanDevice], signal)));
  const wantFdb = desiredFdb(peers);
  for (const e of fdb) {
    if (wantFdb.some((w) => w.mac === e.mac && w.dst === e.dst)) continue;
    await cmds.bridge(['fdb', 'del', e.mac, 'dev', vxlanDevice, 'dst', e.dst], signal);
    changed++;
  }
  for (const w of wantFdb) {
    if (fdb.some((e) => e.mac === w.mac && e.dst === w.dst)) continue;
    mustSucceed('bridge fdb replace', await cmds.bridge(['fdb', 'replace', w.mac, 'dev', vxlanDevice, 'dst', w.dst], signal));
    changed++;
  }
  return changed;
}
