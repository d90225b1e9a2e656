// ClusterIP and NodePort allocation. Each taken IP or port is its own etcd key, written in
// the same transaction as the Service ("key absent"), so two apiservers can never hand out
// the same one, and a Service's delete releases them in its own transaction.
import { randomInt } from 'node:crypto';
import { invalid } from '../../../shared/api/errors.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { invalid as invalidField, type FieldError } from '../../../shared/api/validation/field-error.js';
import type { ExtraOps, ObjectStore } from '../storage/object-store.js';
import { inRange, ipToNumber, nthAddress, type Ipv4Range } from '../../../shared/util/cidr.js';

export const ipKeyPrefix = '/registry/ranges/serviceips/';
export const portKeyPrefix = '/registry/ranges/servicenodeports/';

export interface PortRange { readonly min: number; readonly max: number }

interface ServicePort { name?: string; protocol?: string; port?: number; nodePort?: number }
interface ServiceSpec {
  type?: string; clusterIP?: string; clusterIPs?: string[]; ports?: ServicePort[];
  externalTrafficPolicy?: string; healthCheckNodePort?: number;
}

const specOf = (svc: ApiObject): ServiceSpec => (svc.spec ?? {}) as ServiceSpec;
const wantsClusterIP = (s: ServiceSpec): boolean => s.type !== 'ExternalName' && s.clusterIP !== 'None';
const wantsNodePorts = (s: ServiceSpec): boolean => s.type === 'NodePort' || s.type === 'LoadBalancer';

/** The allocation keys a stored Service holds. */
export function allocationKeys(svc: ApiObject): string[] {
  const s = specOf(svc);
  const keys: string[] = [];
  if (wantsClusterIP(s)) for (const ip of s.clusterIPs ?? (s.clusterIP ? [s.clusterIP] : [])) if (ip !== '' && ip !== 'None') keys.push(ipKeyPrefix + ip);
  if (wantsNodePorts(s)) for (const p of s.ports ?? []) if (p.nodePort) keys.push(`${portKeyPrefix}${p.nodePort}`);
  return [...new Set(keys)];
}

/** A client that leaves out clusterIP or a nodePort on update keeps the ones it had (kubectl replace, apply). */
export function carryOverServiceAllocations(svc: ApiObject, old: ApiObject): void {
  if (typeof svc.spec !== 'object' || svc.spec === null) return;
  const s = specOf(svc);
  const prev = specOf(old);
  if (wantsClusterIP(prev) && s.type !== 'ExternalName') {
    if ((s.clusterIP ?? '') === '' && prev.clusterIP !== undefined) s.clusterIP = prev.clusterIP;
    if ((s.clusterIPs ?? []).length === 0 && prev.clusterIPs !== undefined) s.clusterIPs = [...prev.clusterIPs];
  }
  if (wantsNodePorts(prev) && wantsNodePorts(s)) {
    for (const p of s.ports ?? []) {
      if (p.nodePort !== undefined && p.nodePort !== 0) continue;
      const match = prev.ports?.find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (match?.nodePort !== undefined) p.nodePort = match.nodePort;
    }
  }
}

export class ServiceAllocator {
  private readonly store: ObjectStore;
  private readonly ips: Ipv4Range;
  private readonly ports: PortRange;

  constructor(opts: { store: ObjectStore; serviceRange: Ipv4Range; nodePortRange: PortRange }) {
    this.store = opts.store;
    this.ips = opts.serviceRange;
    this.ports = opts.nodePortRange;
  }

  /** The IP every cluster gives its `kubernetes` service. */
  get firstIP(): string {
    return nthAddress(this.ips, 1);
  }

  /**
   * Fill in clusterIP(s) and nodePorts (keeping `old`'s where the client left them out),
   * check requested ones, and return the keys to take and to release.
   */
  async allocate(svc: ApiObject, storageKey: string, old?: ApiObject): Promise<ExtraOps> {
    const s = specOf(svc);
    const prev = old !== undefined ? specOf(old) : undefined;
    const errs: FieldError[] = [];
    const name = svc.metadata.name ?? '';
    const held = new Set(old !== undefined ? allocationKeys(old) : []);
    if (!wantsNodePorts(s)) {
      for (const p of s.ports ?? []) delete p.nodePort;
      delete s.healthCheckNodePort;
    }
    if (!wantsClusterIP(s)) {
      if (s.type === 'ExternalName') { delete s.clusterIP; delete s.clusterIPs; }
    } else {
      if ((s.clusterIP ?? '') === '' && prev !== undefined && wantsClusterIP(prev) && prev.clusterIP) s.clusterIP = prev.clusterIP;
      if ((s.clusterIP ?? '') === '') {
        s.clusterIP = await this.pickIP();
      } else if (!inRange(this.ips, s.clusterIP!) ) {
        errs.push(invalidField('spec.clusterIPs', [s.clusterIP],
          `failed to allocate IP ${s.clusterIP}: the provided IP (${s.clusterIP}) is not in the valid range. The range of valid IPs is ${this.ips.cidr}`));
      } else if (!held.has(ipKeyPrefix + s.clusterIP) && await this.taken(ipKeyPrefix + s.clusterIP!)) {
        errs.push(invalidField('spec.clusterIPs', [s.clusterIP], `failed to allocate IP ${s.clusterIP}: provided IP is already allocated`));
      }
      s.clusterIPs = [s.clusterIP!];
    }
    if (wantsNodePorts(s)) {
      const used = new Set<number>();
      for (const [i, p] of (s.ports ?? []).entries()) {
        if (p.nodePort === undefined || p.nodePort === 0) {
          const match = prev?.ports?.find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP') && q.nodePort);
          if (match?.nodePort !== undefined && wantsNodePorts(prev!)) { p.nodePort = match.nodePort; used.add(p.nodePort); continue; }
          const same = (s.ports ?? []).find((q) => q !== p && q.port === p.port && q.nodePort);
          p.nodePort = same?.nodePort ?? await this.pickPort(used);
        } else if (p.nodePort < this.ports.min || p.nodePort > this.ports.max) {
          errs.push(invalidField(`spec.ports[${i}].nodePort`, p.nodePort,
            `provided port is not in the valid range. The range of valid ports is ${this.ports.min}-${this.ports.max}`));
        } else if (!held.has(`${portKeyPrefix}${p.nodePort}`) && !used.has(p.nodePort) && await this.taken(`${portKeyPrefix}${p.nodePort}`)) {
          errs.push(invalidField(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'));
        }
        used.add(p.nodePort);
      }
    }
    if (errs.length > 0) throw invalid({ group: '', kind: 'Service' }, name, errs);
    const now = new Set(allocationKeys(svc));
    const take = [...now].filter((k) => !held.has(k));
    const release = [...held].filter((k) => !now.has(k));
    return { absent: take, puts: take.map((key) => ({ key, value: storageKey })), deletes: release };
  }

  private async taken(key: string): Promise<boolean> {
    return (await this.store.keys(key)).includes(key);
  }

  private async pickIP(): Promise<string> {
    const used = new Set((await this.store.keys(ipKeyPrefix)).map((k) => ipToNumber(k.slice(ipKeyPrefix.length))));
    const usable = this.ips.size - 2;
    if (used.size >= usable - 2) throw invalid({ group: '', kind: 'Service' }, '', [invalidField('spec.clusterIPs', [], 'failed to allocate a serviceIP: range is full')]);
    for (;;) {
      const n = randomInt(1, usable + 1);
      if (n === 1 || n === 10) continue;      // .1 is the kubernetes service, .10 the DNS
      const ip = nthAddress(this.ips, n);
      if (!used.has(ipToNumber(ip))) return ip;
    }
  }

  private async pickPort(alsoUsed: ReadonlySet<number>): Promise<number> {
    const used = new Set((await this.store.keys(portKeyPrefix)).map((k) => Number(k.slice(portKeyPrefix.length))));
    const free: number[] = [];
    for (let p = this.ports.min; p <= this.ports.max; p++) if (!used.has(p) && !alsoUsed.has(p)) free.push(p);
    if (free.length === 0) throw invalid({ group: '', kind: 'Service' }, '', [invalidField('spec.ports', [], 'failed to allocate a nodePort: range is full')]);
    return free[randomInt(free.length)]!;
  }
}
