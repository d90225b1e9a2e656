// What the node-local DNS server says about one question, as CoreDNS' kubernetes plugin
// answers (its README and the DNS spec in kubernetes/dns docs/specification.md): services by
// `<svc>.<ns>.svc.<domain>` (ClusterIP, or the ready addresses of a headless service), SRV for
// named ports, headless endpoints by hostname, pods by `a-b-c-d.<ns>.pod.<domain>`, PTR for
// service and endpoint addresses; NXDOMAIN for other names in the zone; anything outside the
// zone goes upstream. Pure: the cluster is seen through ClusterView.
import { Rcode, RClass, RType, type Question, type ResourceRecord } from './wire.js';

export interface ServicePortView { readonly name: string; readonly protocol: string; readonly port: number }

export interface ServiceView {
  readonly namespace: string;
  readonly name: string;
  /** '' for a headless or ExternalName service. */
  readonly clusterIP: string;
  readonly headless: boolean;
  readonly externalName?: string;
  readonly ports: readonly ServicePortView[];
}

export interface EndpointView { readonly address: string; readonly hostname?: string }

export interface ClusterView {
  service(namespace: string, name: string): ServiceView | undefined;
  /** The ready endpoints of a service (IPv4, deduplicated) and the ports its slices name. */
  endpoints(namespace: string, name: string): { readonly addresses: readonly EndpointView[]; readonly ports: readonly ServicePortView[] };
  /** Names (relative to the zone, e.g. `web.shop.svc`) that a service or endpoint address has. */
  namesOf(address: string): readonly string[];
}

export interface ZoneSettings {
  /** e.g. cluster.local (lower case, no trailing dot). */
  readonly domain: string;
  /** Reverse lookups answered here (not forwarded) for addresses in these IPv4 ranges. */
  readonly reverseCidrs: readonly string[];
  readonly ttl: number;
}

export type Answer =
  | { readonly kind: 'forward' }
  | {
    readonly kind: 'reply';
    readonly rcode: number;
    readonly answers: readonly ResourceRecord[];
    readonly authorities: readonly ResourceRecord[];
    readonly additionals: readonly ResourceRecord[];
  };

const reply = (rcode: number, answers: ResourceRecord[] = [], additionals: ResourceRecord[] = []): Answer =>
  ({ kind: 'reply', rcode, answers, authorities: [], additionals });

export function soaRecord(z: ZoneSettings): ResourceRecord {
  return {
    name: z.domain, type: RType.SOA, class: RClass.IN, ttl: z.ttl,
    data: { kind: 'SOA', soa: { mname: `ns.dns.${z.domain}`, rname: `hostmaster.${z.domain}`, serial: 1, refresh: 7200, retry: 1800, expire: 86400, minimum: z.ttl } },
  };
}

/** Answers `q`, or says it belongs upstream. Negative answers carry the zone's SOA (negative caching, RFC 2308). */
export function answer(q: Question, view: ClusterView, z: ZoneSettings): Answer {
  const name = q.name.toLowerCase().replace(/\.$/, '');
  const a = answerInZone(q, name, view, z);
  if (a.kind === 'forward' || a.rcode === Rcode.NoError && a.answers.length > 0) return a;
  return { ...a, authorities: [soaRecord(z)] };
}

function answerInZone(q: Question, name: string, view: ClusterView, z: ZoneSettings): Answer {
  if (name.endsWith('.in-addr.arpa')) return reverse(q, name, view, z);
  if (name !== z.domain && !name.endsWith(`.${z.domain}`)) return { kind: 'forward' };
  if (q.class !== RClass.IN && q.class !== 255) return reply(Rcode.NXDomain);
  const rel = name === z.domain ? [] : name.slice(0, -z.domain.length - 1).split('.');
  if (rel.length === 0) return q.type === RType.SOA ? reply(Rcode.NoError, [soaRecord(z)]) : reply(Rcode.NoError);
  const kind = rel[rel.length - 1];
  if (kind === 'svc') return serviceName(q, rel.slice(0, -1), view, z);
  if (kind === 'pod') return podName(q, rel.slice(0, -1), z);
  return reply(Rcode.NXDomain);
}

const wantsA = (t: number): boolean => t === RType.A || t === RType.ANY;
const aRecord = (name: string, address: string, ttl: number): ResourceRecord => ({ name, type: RType.A, class: RClass.IN, ttl, data: { kind: 'A', address } });
const dashed = (ip: string): string => ip.replace(/\./g, '-');

function serviceName(q: Question, parts: readonly string[], view: ClusterView, z: ZoneSettings): Answer {
  // parts: [] = svc.<domain>, [ns], [svc, ns], [host, svc, ns], [_port, _proto, svc, ns]
  if (parts.length <= 1) return reply(Rcode.NoError);                    // svc.<domain> and <ns>.svc.<domain> exist, hold nothing
  const [svcName, ns] = parts.slice(-2) as [string, string];
  const svc = view.service(ns, svcName);
  if (svc === undefined) return reply(Rcode.NXDomain);
  const base = `${svcName}.${ns}.svc.${z.domain}`;
  if (parts.length === 2) return serviceRecords(q, svc, base, view, z);
  if (parts.length === 3) {
    const host = parts[0]!;
    if (host.startsWith('_')) return reply(Rcode.NXDomain);
    const ep = view.endpoints(ns, svcName).addresses.find((e) => (e.hostname ?? dashed(e.address)) === host);
    if (!svc.headless || ep === undefined) return reply(Rcode.NXDomain);
    return wantsA(q.type) ? reply(Rcode.NoError, [aRecord(q.name, ep.address, z.ttl)]) : reply(Rcode.NoError);
  }
  if (parts.length === 4 && parts[0]!.startsWith('_') && parts[1]!.startsWith('_')) {
    const port = parts[0]!.slice(1);
    const proto = parts[1]!.slice(1);
    const recs = srvRecords(q.name, svc, base, view, z, (p) => p.name.toLowerCase() === port && p.protocol.toLowerCase() === proto);
    if (recs.answers.length === 0) return reply(Rcode.NXDomain);
    return q.type === RType.SRV || q.type === RType.ANY ? reply(Rcode.NoError, recs.answers, recs.additionals) : reply(Rcode.NoError);
  }
  return reply(Rcode.NXDomain);
}

function serviceRecords(q: Question, svc: ServiceView, base: string, view: ClusterView, z: ZoneSettings): Answer {
  if (svc.externalName !== undefined) {
    return reply(Rcode.NoError, [{ name: q.name, type: RType.CNAME, class: RClass.IN, ttl: z.ttl, data: { kind: 'CNAME', target: svc.externalName } }]);
  }
  if (q.type === RType.SRV) {
    const recs = srvRecords(q.name, svc, base, view, z, (p) => p.name !== '');
    return reply(Rcode.NoError, recs.answers, recs.additionals);
  }
  if (!wantsA(q.type)) return reply(Rcode.NoError);
  if (!svc.headless) return svc.clusterIP === '' ? reply(Rcode.NoError) : reply(Rcode.NoError, [aRecord(q.name, svc.clusterIP, z.ttl)]);
  return reply(Rcode.NoError, view.endpoints(svc.namespace, svc.name).addresses.map((e) => aRecord(q.name, e.address, z.ttl)));
}

function srvRecords(qname: string, svc: ServiceView, base: string, view: ClusterView, z: ZoneSettings,
  match: (p: ServicePortView) => boolean): { answers: ResourceRecord[]; additionals: ResourceRecord[] } {
  const answers: ResourceRecord[] = [];
  const additionals: ResourceRecord[] = [];
  const srv = (port: number, target: string): ResourceRecord =>
    ({ name: qname, type: RType.SRV, class: RClass.IN, ttl: z.ttl, data: { kind: 'SRV', srv: { priority: 0, weight: 100, port, target } } });
  if (!svc.headless) {
    for (const p of svc.ports.filter(match)) answers.push(srv(p.port, base));
    if (answers.length > 0 && svc.clusterIP !== '') additionals.push(aRecord(base, svc.clusterIP, z.ttl));
    return { answers, additionals };
  }
  const eps = view.endpoints(svc.namespace, svc.name);
  for (const p of eps.ports.filter(match)) {
    for (const e of eps.addresses) {
      const target = `${e.hostname ?? dashed(e.address)}.${base}`;
      answers.push(srv(p.port, target));
      if (!additionals.some((r) => r.name === target)) additionals.push(aRecord(target, e.address, z.ttl));
    }
  }
  return { answers, additionals };
}

function podName(q: Question, parts: readonly string[], z: ZoneSettings): Answer {
  if (parts.length !== 2) return parts.length <= 1 ? reply(Rcode.NoError) : reply(Rcode.NXDomain);
  const ip = parts[0]!.split('-');
  const ok = ip.length === 4 && ip.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
  if (!ok) return reply(Rcode.NXDomain);
  return wantsA(q.type) ? reply(Rcode.NoError, [aRecord(q.name, ip.map(Number).join('.'), z.ttl)]) : reply(Rcode.NoError);
}

function reverse(q: Question, name: string, view: ClusterView, z: ZoneSettings): Answer {
  const labels = name.slice(0, -'.in-addr.arpa'.length).split('.');
  if (labels.length !== 4 || !labels.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255)) return { kind: 'forward' };
  const ip = [...labels].reverse().join('.');
  if (!z.reverseCidrs.some((c) => inCidr(ip, c))) return { kind: 'forward' };
  const names = view.namesOf(ip);
  if (names.length === 0) return reply(Rcode.NXDomain);
  if (q.type !== RType.PTR && q.type !== RType.ANY) return reply(Rcode.NoError);
  return reply(Rcode.NoError, names.map((n) => ({ name: q.name, type: RType.PTR, class: RClass.IN, ttl: z.ttl, data: { kind: 'PTR', target: `${n}.${z.domain}` } })));
}

export function ipv4ToInt(ip: string): number | undefined {
  const p = ip.split('.');
  if (p.length !== 4 || !p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255)) return undefined;
  return p.reduce((acc, x) => acc * 256 + Number(x), 0);
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base = '', bitsText = '32'] = cidr.split('/');
  const a = ipv4ToInt(ip);
  const b = ipv4ToInt(base);
  const bits = Number(bitsText);
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32)) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}
