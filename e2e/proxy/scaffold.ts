// TEST SCAFFOLDING, until node/network/ (issue 7 item 1) lands: what the pod network agent
// will do, done here with lab.exec so the proxy can be tested across nodes — host-gw routes to
// every peer's podCIDR, DOCKER-USER accepts for the cluster CIDR (lab-recipe §5, §6.1), and the
// ifb sink for the service range with the node IP as source (lab-recipe §6.3).
import type { Lab, LabHost } from '../lab/lab.js';

export const clusterCIDR = '10.244.0.0/16';
export const serviceCIDR = '10.96.0.0/12';

async function sh(lab: Lab, host: LabHost, cmd: string): Promise<void> {
  const r = await lab.exec(host, cmd);
  if (r.code !== 0) throw new Error(`scaffold on ${host.name}: ${cmd}: ${r.stderr.trim()}`);
}

/** `podCIDRs`: node name → its spec.podCIDR. */
export async function scaffoldPodNetwork(lab: Lab, podCIDRs: ReadonlyMap<string, string>): Promise<void> {
  for (const n of lab.nodes) {
    for (const peer of lab.nodes) {
      const cidr = podCIDRs.get(peer.name);
      if (peer === n || cidr === undefined) continue;
      await sh(lab, n, `ip route replace ${cidr} via ${peer.ip}`);
    }
    // Only -d (lab-recipe §6.1: enough): a -s accept would also pass pod -> ClusterIP traffic
    // whenever Docker re-inserts its DOCKER-USER jump above the proxy's filter hooks.
    await sh(lab, n, `iptables -C DOCKER-USER -d ${clusterCIDR} -j ACCEPT 2>/dev/null || iptables -I DOCKER-USER -d ${clusterCIDR} -j ACCEPT`);
    await sh(lab, n, `ip link show bosun-svc >/dev/null 2>&1 || { ip link add bosun-svc type ifb && ip link set bosun-svc up; }`);
    await sh(lab, n, `ip route replace ${serviceCIDR} dev bosun-svc src ${n.ip}`);
  }
}
