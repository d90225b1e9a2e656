// The ClusterIP path: one dispatch rule per service port in BOSUN-SERVICES and its
// BOSUN-SVC-… chain (masquerade mark for off-cluster sources, then the balancing rules).
// A service port without ready endpoints gets no chain: its REJECT is in the filter table.
import type { ServicePortInfo, SnapshotContext } from '../snapshot.js';
import { writeBalancing, writeEndpointChains, type SepNames } from './endpoints.js';
import { MARK_MASQ, SERVICES, chainName } from './names.js';
import { comment, type RuleText } from './rule-text.js';

export const svcChain = (sp: ServicePortInfo): string => chainName('SVC', sp.id);
export const portMatch = (sp: ServicePortInfo, port: number): string => `-p ${sp.proto} -m ${sp.proto} --dport ${port}`;

export function writeServicePort(snap: SnapshotContext, sp: ServicePortInfo, seps: SepNames, nat: RuleText): void {
  if (sp.endpoints.length === 0) return;
  const svc = svcChain(sp);
  const dst = `-d ${sp.clusterIP}/32 ${portMatch(sp, sp.port)}`;
  nat.rule(SERVICES, `${comment(`${sp.name} cluster IP`)} ${dst} -j ${svc}`);
  nat.chain(svc);
  if (snap.masqueradeAll) nat.rule(svc, `${comment(`${sp.name} cluster IP`)} ${dst} -j ${MARK_MASQ}`);
  else if (snap.clusterCIDR !== '') nat.rule(svc, `${comment(`${sp.name} cluster IP`)} ! -s ${snap.clusterCIDR} ${dst} -j ${MARK_MASQ}`);
  writeBalancing(snap, sp, seps, svc, sp.endpoints, nat);
  writeEndpointChains(snap, sp, seps, nat);
}
