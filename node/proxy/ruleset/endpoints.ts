// Endpoint chains (BOSUN-SEP-…: hairpin masquerade, DNAT) and the balancing rules a service
// chain uses to pick one: affinity checks first, then `statistic --mode random` with 1/n,
// 1/(n-1) … so every endpoint is equally likely, the last taken unconditionally. In a large
// cluster (see snapshot.ts) these rules go without comments, as kube-proxy's.
import type { EndpointInfo, ServicePortInfo, SnapshotContext } from '../snapshot.js';
import { MARK_MASQ, chainName, endpointSeed } from './names.js';
import { comment, type RuleText } from './rule-text.js';

export const sepChain = (sp: ServicePortInfo, ep: EndpointInfo): string => chainName('SEP', endpointSeed(sp.id, ep.ip, ep.port));

/** kube-proxy's %0.10f of 1/n. */
export const probability = (n: number): string => (1 / n).toFixed(10);

const recent = (name: string): string => `-m recent --name ${name} --mask 255.255.255.255 --rsource`;

/** The endpoint chains' names of a service port, by endpoint (each hashed once per build). */
export type SepNames = ReadonlyMap<EndpointInfo, string>;

export const sepNames = (sp: ServicePortInfo): SepNames => new Map(sp.endpoints.map((ep) => [ep, sepChain(sp, ep)]));

/** The comment of an endpoint or balancing rule, with its space after: none in a large cluster. */
const endpointComment = (ctx: SnapshotContext, sp: ServicePortInfo): string => (ctx.largeCluster ? '' : `${comment(sp.name)} `);

export function writeEndpointChains(ctx: SnapshotContext, sp: ServicePortInfo, names: SepNames, nat: RuleText): void {
  const c = endpointComment(ctx, sp);
  for (const ep of sp.endpoints) {
    const sep = names.get(ep)!;
    nat.chain(sep);
    nat.rule(sep, `${c}-s ${ep.ip}/32 -j ${MARK_MASQ}`);   // hairpin: a pod reaching itself
    const affinity = sp.affinitySeconds > 0 ? `${recent(sep)} --set ` : '';
    nat.rule(sep, `${c}-p ${sp.proto} ${affinity}-m ${sp.proto} -j DNAT --to-destination ${ep.ip}:${ep.port}`);
  }
}

/** Rules in `chain` that send a connection to one of `endpoints` (already written SEP chains). */
export function writeBalancing(ctx: SnapshotContext, sp: ServicePortInfo, names: SepNames, chain: string, endpoints: readonly EndpointInfo[], nat: RuleText): void {
  const c = endpointComment(ctx, sp);
  if (sp.affinitySeconds > 0) {
    for (const ep of endpoints) {
      const sep = names.get(ep)!;
      nat.rule(chain, `${c}${recent(sep)} --rcheck --seconds ${sp.affinitySeconds} --reap -j ${sep}`);
    }
  }
  endpoints.forEach((ep, i) => {
    const left = endpoints.length - i;
    const pick = left > 1 ? `-m statistic --mode random --probability ${probability(left)} ` : '';
    nat.rule(chain, `${c}${pick}-j ${names.get(ep)!}`);
  });
}
