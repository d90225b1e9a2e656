// etcd members on the master hosts: one by default, three for the HA scenarios, spread over the
// master hosts in turn (several on one host use the next ports).

export interface EtcdMember {
  readonly name: string;
  readonly host: string;
  readonly ip: string;
  readonly clientPort: number;
  readonly peerPort: number;
  readonly dataDir: string;
}

export const clientUrl = (m: EtcdMember): string => `http://${m.ip}:${m.clientPort}`;
const peerUrl = (m: EtcdMember): string => `http://${m.ip}:${m.peerPort}`;

export function placeMembers(count: number, masters: ReadonlyArray<{ name: string; ip: string; dir: string }>): EtcdMember[] {
  if (!Number.isInteger(count) || count < 0 || count > 9) throw new Error(`etcdMembers must be a whole number from 0 to 9, not ${count}`);
  if (count > 0 && masters.length === 0) throw new Error('etcd needs a master host');
  const perHost = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const h = masters[i % masters.length]!;
    const k = perHost.get(h.name) ?? 0;
    perHost.set(h.name, k + 1);
    const name = `e${i + 1}`;
    return { name, host: h.name, ip: h.ip, clientPort: 2379 + 10 * k, peerPort: 2380 + 10 * k, dataDir: `${h.dir}/etcd-${name}` };
  });
}

/** Clients on the host's lab address and on its loopback; peers on the lab address. */
export function etcdArgs(m: EtcdMember, all: readonly EtcdMember[], clusterToken: string): string[] {
  return [
    '--name', m.name, '--data-dir', m.dataDir,
    '--listen-client-urls', `${clientUrl(m)},http://127.0.0.1:${m.clientPort}`,
    '--advertise-client-urls', clientUrl(m),
    '--listen-peer-urls', peerUrl(m), '--initial-advertise-peer-urls', peerUrl(m),
    '--initial-cluster', all.map((x) => `${x.name}=${peerUrl(x)}`).join(','),
    '--initial-cluster-token', clusterToken, '--initial-cluster-state', 'new',
    '--listen-metrics-urls', `http://127.0.0.1:${m.clientPort + 2}`,
    '--logger', 'zap', '--log-level', 'warn',
  ];
}
