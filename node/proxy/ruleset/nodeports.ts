// Traffic from outside the service's cluster IP: node ports on every local address
// (BOSUN-NODEPORTS, reached last from BOSUN-SERVICES through addrtype LOCAL), external and
// LoadBalancer ingress IPs (BOSUN-FW-…), and externalTrafficPolicy Local (BOSUN-XLB-…:
// pods and the node itself still reach every endpoint, outsiders only this node's).
import type { ServicePortInfo, SnapshotContext } from '../snapshot.js';
import { writeBalancing, type SepNames } from './endpoints.js';
import { MARK_MASQ, NODEPORTS, SERVICES, chainName } from './names.js';
import { comment, type RuleText } from './rule-text.js';
import { portMatch, svcChain } from './services.js';

export const fwChain = (sp: ServicePortInfo): string => chainName('FW', sp.id);
export const xlbChain = (sp: ServicePortInfo): string => chainName('XLB', sp.id);

/** Where external traffic of `sp` goes: its XLB chain (Local) or its SVC chain (Cluster). */
const externalTarget = (sp: ServicePortInfo): string => (sp.externalLocal ? xlbChain(sp) : svcChain(sp));

function writeLocalChain(snap: SnapshotContext, sp: ServicePortInfo, seps: SepNames, nat: RuleText): void {
  const xlb = xlbChain(sp);
  const svc = svcChain(sp);
  nat.chain(xlb);
  if (snap.clusterCIDR !== '') {
    nat.rule(xlb, `${comment('Redirect pods trying to reach external loadbalancer VIP to clusterIP')} -s ${snap.clusterCIDR} -j ${svc}`);
  }
  nat.rule(xlb, `${comment('masquerade LOCAL traffic')} -m addrtype --src-type LOCAL -j ${MARK_MASQ}`);
  nat.rule(xlb, `${comment('route LOCAL traffic to service chain')} -m addrtype --src-type LOCAL -j ${svc}`);
  // No local endpoint: nothing more here; the filter table drops what falls through.
  writeBalancing(snap, sp, seps, xlb, sp.endpoints.filter((e) => e.local), nat);
}

export function writeExternalPort(snap: SnapshotContext, sp: ServicePortInfo, seps: SepNames, nat: RuleText): void {
  if (sp.endpoints.length === 0) return;
  const external = sp.nodePort > 0 || sp.externalIPs.length > 0;
  if (!external) return;
  if (sp.externalLocal) writeLocalChain(snap, sp, seps, nat);
  if (sp.externalIPs.length > 0) {
    const fw = fwChain(sp);
    for (const ip of sp.externalIPs) {
      nat.rule(SERVICES, `${comment(`${sp.name} external IP`)} -d ${ip}/32 ${portMatch(sp, sp.port)} -j ${fw}`);
    }
    nat.chain(fw);
    if (!sp.externalLocal) nat.rule(fw, `${comment(`${sp.name} external IP`)} -j ${MARK_MASQ}`);
    nat.rule(fw, `${comment(`${sp.name} external IP`)} -j ${externalTarget(sp)}`);
  }
  if (sp.nodePort > 0) {
    const c = comment(sp.name);
    if (sp.externalLocal) nat.rule(NODEPORTS, `${c} -s 127.0.0.0/8 ${portMatch(sp, sp.nodePort)} -j ${MARK_MASQ}`);
    else nat.rule(NODEPORTS, `${c} ${portMatch(sp, sp.nodePort)} -j ${MARK_MASQ}`);
    nat.rule(NODEPORTS, `${c} ${portMatch(sp, sp.nodePort)} -j ${externalTarget(sp)}`);
  }
}

/** The last rule of BOSUN-SERVICES: node ports on every local address. */
export const nodePortsJump = `-A ${SERVICES} ${comment('bosun service nodeports; NOTE: this must be the last rule in this chain')} -m addrtype --dst-type LOCAL -j ${NODEPORTS}`;
