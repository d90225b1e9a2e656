// One node as the scheduler sees it: the Node object's parsed allocatable, labels and taints,
// and the pods on it (bound or assumed) summed into what they request, the host ports they
// hold, and how many of each owner's pods it runs. Plugins read it; only the cache writes it.
import type { Taint } from '../../shared/api/core/v1/affinity.js';
import type { Node } from '../../shared/api/core/v1/node.js';
import type { Pod } from '../../shared/api/core/v1/pod.js';
import { parseQuantity } from '../../shared/api/quantity.js';
import { addInto, emptyResources, podRequests, resourcesOf, type Resources } from './resources.js';

export interface HostPort {
  readonly ip: string;          // '0.0.0.0' when unset
  readonly protocol: string;    // 'TCP' when unset
  readonly port: number;
}

/** What the scheduler keeps of a pod: parsed once when the pod enters the cache. */
export interface PodInfo {
  readonly key: string;
  readonly pod: Pod;
  readonly requests: Resources;
  /** Requests with Kubernetes' non-zero defaults (for scoring). */
  readonly nonZeroCPU: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly HostPort[];
  /** UID of its controller (ownerReference with controller: true), '' for none. */
  readonly ownerUid: string;
}

const noTaints: readonly Taint[] = [];
const noLabels: Readonly<Record<string, string>> = {};

export function hostPortsOf(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.hostPort === undefined || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP !== undefined && p.hostIP !== '' ? p.hostIP : '0.0.0.0', protocol: p.protocol ?? 'TCP', port: p.hostPort });
    }
  }
  return out;
}

export function podInfoOf(key: string, pod: Pod): PodInfo {
  const nonZero = podRequests(pod, true);
  return {
    key, pod,
    requests: podRequests(pod),
    nonZeroCPU: nonZero.milliCPU,
    nonZeroMemory: nonZero.memory,
    hostPorts: hostPortsOf(pod),
    ownerUid: pod.metadata.ownerReferences?.find((r) => r.controller === true)?.uid ?? '',
  };
}

/** "nginx" → "nginx:latest", as Kubernetes normalises image names for ImageLocality. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export class NodeInfo {
  /** Undefined while only pods bound to an unknown node have been seen. */
  node: Node | undefined = undefined;
  labels: Readonly<Record<string, string>> = noLabels;
  taints: readonly Taint[] = noTaints;
  unschedulable = false;
  allocatable: Resources = emptyResources();
  allowedPods = 0;
  /** Sum of the pods' requests (zero for what they leave unset). */
  readonly requested: Resources = emptyResources();
  nonZeroCPU = 0;
  nonZeroMemory = 0;
  readonly pods = new Map<string, PodInfo>();
  /** Host ports in use, as "protocol/ip/port" → count. */
  readonly usedPorts = new Map<string, number>();
  /** Pods per controller UID. */
  readonly ownerCounts = new Map<string, number>();
  /** Images present (normalised name → size in bytes). */
  images: ReadonlyMap<string, number> = new Map();
  /** Region + zone, '' when the node has no zone label. */
  zone = '';
  /** Position in the cache's node list, -1 when not listed. */
  listIndex = -1;

  constructor(readonly name: string) {}

  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata.labels ?? noLabels;
    this.taints = node.spec?.taints ?? noTaints;
    this.unschedulable = node.spec?.unschedulable === true;
    const alloc = node.status?.allocatable ?? node.status?.capacity;
    this.allocatable = resourcesOf(alloc);
    const pods = alloc?.['pods'];
    this.allowedPods = 0;
    if (pods !== undefined) { try { this.allowedPods = Number(parseQuantity(pods).value()); } catch { /* validation rejects it */ } }
    const images = new Map<string, number>();
    for (const img of node.status?.images ?? []) {
      for (const n of img.names ?? []) images.set(normalizedImageName(n), img.sizeBytes ?? 0);
    }
    this.images = images;
    const zone = this.labels['topology.kubernetes.io/zone'] ?? this.labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
    const region = this.labels['topology.kubernetes.io/region'] ?? this.labels['failure-domain.beta.kubernetes.io/region'] ?? '';
    this.zone = zone === '' && region === '' ? '' : `${region}:\x00:${zone}`;
  }

  addPod(p: PodInfo): void {
    this.pods.set(p.key, p);
    this.account(p, 1);
  }

  removePod(key: string): PodInfo | undefined {
    const p = this.pods.get(key);
    if (p === undefined) return undefined;
    this.pods.delete(key);
    this.account(p, -1);
    return p;
  }

  private account(p: PodInfo, sign: 1 | -1): void {
    addInto(this.requested, p.requests, sign);
    this.nonZeroCPU += sign * p.nonZeroCPU;
    this.nonZeroMemory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) bump(this.usedPorts, `${hp.protocol}/${hp.ip}/${hp.port}`, sign);
    if (p.ownerUid !== '') bump(this.ownerCounts, p.ownerUid, sign);
  }
}

function bump(m: Map<string, number>, k: string, by: number): void {
  const v = (m.get(k) ?? 0) + by;
  if (v <= 0) m.delete(k); else m.set(k, v);
}
