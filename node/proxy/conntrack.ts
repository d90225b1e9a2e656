// UDP has no connection to end: a flow keeps its DNAT to a removed endpoint until its conntrack
// entry is deleted. Pure: from the snapshots before and after a sync, the conntrack -D
// arguments that clear flows to endpoints that left a UDP service port.
import type { ProxySnapshot, ServicePortInfo } from './snapshot.js';

export function staleUdpFlows(before: ProxySnapshot | undefined, after: ProxySnapshot): string[][] {
  if (before === undefined) return [];
  const now = new Map<string, ServicePortInfo>();
  for (const sp of after.servicePorts) if (sp.proto === 'udp') now.set(sp.id, sp);
  const out: string[][] = [];
  for (const old of before.servicePorts) {
    if (old.proto !== 'udp') continue;
    const cur = now.get(old.id);
    if (cur === old) continue;                            // the same object: unchanged
    const keep = new Set(cur?.endpoints.map((e) => `${e.ip}:${e.port}`) ?? []);
    // Datagrams sent while there was no endpoint made entries without DNAT: clear them once one appears.
    if (old.endpoints.length === 0 && cur !== undefined && cur.endpoints.length > 0) out.push(['-p', 'udp', '--orig-dst', old.clusterIP]);
    for (const ep of old.endpoints) {
      if (keep.has(`${ep.ip}:${ep.port}`)) continue;
      out.push(['-p', 'udp', '--orig-dst', old.clusterIP, '--dst-nat', ep.ip]);
      if (old.nodePort > 0) out.push(['-p', 'udp', '--orig-port-dst', String(old.nodePort), '--dst-nat', ep.ip]);
      for (const ip of old.externalIPs) out.push(['-p', 'udp', '--orig-dst', ip, '--dst-nat', ep.ip]);
    }
  }
  return out;
}
