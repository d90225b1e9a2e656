// The agent's iptables rules (lab-recipe §6.1): DOCKER-USER accepts for the cluster CIDR in
// both directions (Docker's FORWARD would drop new connections into another node's pod bridge),
// and masquerade for pod traffic that leaves the cluster, in our own nat chain BOSUN-NET hooked
// from POSTROUTING. Every rule carries our comment; built-in and Docker's chains get only
// those rules, added once (`-C` before `-I`), and only those are ever deleted.
import { mustSucceed, type HostCommands } from './host-commands.js';

export const natChain = 'BOSUN-NET';
const comment = (what: string): string[] => ['-m', 'comment', '--comment', `bosun-network: ${what}`];

/** Rules in chains we do not own, as `[table, chain, rule spec]`. */
export function hookRules(clusterCidr: string): [string, string, string[]][] {
  return [
    ['filter', 'DOCKER-USER', ['-s', clusterCidr, ...comment('pod traffic out'), '-j', 'ACCEPT']],
    ['filter', 'DOCKER-USER', ['-d', clusterCidr, ...comment('pod traffic in'), '-j', 'ACCEPT']],
    ['nat', 'POSTROUTING', [...comment('masquerade pod traffic leaving the cluster'), '-j', natChain]],
  ];
}

/** Our nat chain, whole, for `iptables-restore --noflush` (which flushes and refills a declared chain). */
export function natChainText(clusterCidr: string): string {
  return [
    '*nat',
    `:${natChain} - [0:0]`,
    `-A ${natChain} -s ${clusterCidr} -d ${clusterCidr} -m comment --comment "bosun-network: pod to pod keeps its source" -j RETURN`,
    `-A ${natChain} -s ${clusterCidr} -d 224.0.0.0/4 -m comment --comment "bosun-network: no masquerade for multicast" -j RETURN`,
    `-A ${natChain} -s ${clusterCidr} ! -d ${clusterCidr} -m comment --comment "bosun-network: masquerade pod traffic leaving the cluster" -j MASQUERADE`,
    'COMMIT',
    '',
  ].join('\n');
}

export type FirewallResult = { readonly added: number; readonly missingChains: readonly string[] };

/** Adds what is missing; a chain that does not exist yet (DOCKER-USER before dockerd) is reported, not made. */
export async function ensureFirewall(cmds: HostCommands, clusterCidr: string, signal: AbortSignal): Promise<FirewallResult> {
  mustSucceed(`iptables-restore ${natChain}`, await cmds.iptablesRestore(natChainText(clusterCidr), signal));
  let added = 0;
  const missingChains: string[] = [];
  for (const [table, chain, spec] of hookRules(clusterCidr)) {
    if ((await cmds.iptables(['-t', table, '-C', chain, ...spec], signal)).code === 0) continue;
    if ((await cmds.iptables(['-t', table, '-S', chain], signal)).code !== 0) { missingChains.push(`${table}/${chain}`); continue; }
    mustSucceed(`iptables -t ${table} -I ${chain}`, await cmds.iptables(['-t', table, '-I', chain, '1', ...spec], signal));
    added++;
  }
  return { added, missingChains };
}

/** Splits an `iptables -S` line into arguments (double quotes group words, as iptables prints comments). */
export function splitRule(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
  return out;
}

/** Removes every rule with our comment from the chains we hook into, then our chain. */
export async function removeFirewall(cmds: HostCommands, signal: AbortSignal): Promise<number> {
  let removed = 0;
  for (const [table, chain] of [['filter', 'DOCKER-USER'], ['nat', 'POSTROUTING']] as const) {
    const listed = await cmds.iptables(['-t', table, '-S', chain], signal);
    if (listed.code !== 0) continue;
    for (const line of listed.stdout.split('\n')) {
      if (!line.startsWith(`-A ${chain} `) || !line.includes('bosun-network:')) continue;
      const spec = splitRule(line).slice(2);
      mustSucceed(`iptables -t ${table} -D ${chain}`, await cmds.iptables(['-t', table, '-D', chain, ...spec], signal));
      removed++;
    }
  }
  if ((await cmds.iptables(['-t', 'nat', '-S', natChain], signal)).code === 0) {
    mustSucceed(`iptables -F ${natChain}`, await cmds.iptables(['-t', 'nat', '-F', natChain], signal));
    mustSucceed(`iptables -X ${natChain}`, await cmds.iptables(['-t', 'nat', '-X', natChain], signal));
    removed++;
  }
  return removed;
}
