// The resolv.conf and hosts files the kubelet writes for each pod (Kubernetes' dns.go and
// kubelet_pods.go): ClusterFirst points at the cluster DNS with the namespace's search path
// and ndots:5; Default copies the node's resolv.conf; None takes dnsConfig alone; dnsConfig
// adds to the others. On a Docker user-defined network pods would otherwise see Docker's
// 127.0.0.11, so the kubelet mounts its own file.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { podHostname } from '../runtime/container-spec.js';

export interface DnsSettings {
  /** The cluster DNS server(s), e.g. the node-local 169.254.20.10; empty: none configured. */
  readonly clusterDNS: readonly string[];
  readonly clusterDomain: string;
  /** The node's resolv.conf (its text), for dnsPolicy Default. */
  readonly hostResolvConf: string;
}

interface Resolv { nameservers: string[]; searches: string[]; options: string[] }

function parseResolv(text: string): Resolv {
  const r: Resolv = { nameservers: [], searches: [], options: [] };
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === 'nameserver' && rest[0] !== undefined) r.nameservers.push(rest[0]);
    else if (key === 'search' || key === 'domain') r.searches.push(...rest);
    else if (key === 'options') r.options.push(...rest);
  }
  return r;
}

export function resolvConf(pod: Pod, s: DnsSettings): string {
  const ns = pod.metadata.namespace ?? 'default';
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const host = parseResolv(s.hostResolvConf);
  const clusterFirst = (policy === 'ClusterFirst' && pod.spec?.hostNetwork !== true) || policy === 'ClusterFirstWithHostNet';
  let r: Resolv;
  if (policy === 'None') r = { nameservers: [], searches: [], options: [] };
  else if (clusterFirst && s.clusterDNS.length > 0) {
    const d = s.clusterDomain;
    r = { nameservers: [...s.clusterDNS], searches: [`${ns}.svc.${d}`, `svc.${d}`, d, ...host.searches], options: ['ndots:5'] };
  } else r = host;
  const cfg = pod.spec?.dnsConfig;
  for (const n of cfg?.nameservers ?? []) if (!r.nameservers.includes(n)) r.nameservers.push(n);
  for (const x of cfg?.searches ?? []) if (!r.searches.includes(x)) r.searches.push(x);
  for (const o of cfg?.options ?? []) {
    const name = o.name ?? '';
    r.options = r.options.filter((x) => x.split(':')[0] !== name);
    r.options.push(o.value !== undefined ? `${name}:${o.value}` : name);
  }
  const lines = [
    ...r.nameservers.slice(0, 3).map((n) => `nameserver ${n}`),
    ...(r.searches.length > 0 ? [`search ${r.searches.slice(0, 32).join(' ')}`] : []),
    ...(r.options.length > 0 ? [`options ${r.options.join(' ')}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

export function hostsFile(pod: Pod, podIP: string): string {
  const name = podHostname(pod);
  const sub = pod.spec?.subdomain;
  const fqdn = sub !== undefined && sub !== '' ? `${name}.${sub}.${pod.metadata.namespace ?? 'default'}.svc.cluster.local\t` : '';
  const lines = [
    '# Kubernetes-managed hosts file (written by the Bosun kubelet).',
    '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', 'fe00::0\tip6-localnet', 'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes', 'fe00::2\tip6-allrouters',
    ...(podIP !== '' ? [`${podIP}\t${fqdn}${name}`] : []),
    ...(pod.spec?.hostAliases ?? []).map((a) => `${a.ip}\t${(a.hostnames ?? []).join('\t')}`),
  ];
  return `${lines.join('\n')}\n`;
}
