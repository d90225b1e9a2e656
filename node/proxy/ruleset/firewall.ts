// The filter table: refuse at once what has no endpoint (REJECT, so clients get "connection
// refused" instead of a timeout), drop external traffic of Local services on a node without
// a local endpoint, and accept forwarded service traffic that Docker's FORWARD policy
// (DROP on a fresh host) would otherwise lose.
import type { ProxySnapshot, ServicePortInfo } from '../snapshot.js';
import { EXTERNAL_SERVICES, FORWARD, SERVICES, masqMark } from './names.js';
import { comment, type RuleText } from './rule-text.js';
import { portMatch } from './services.js';

const reject = '-j REJECT --reject-with icmp-port-unreachable';

/** The filter rules of one service port (into the shared BOSUN-SERVICES and BOSUN-EXTERNAL-SERVICES). */
export function writePortFirewall(sp: ServicePortInfo, filter: RuleText): void {
  const none = sp.endpoints.length === 0;
  const noLocal = !none && sp.externalLocal && !sp.endpoints.some((e) => e.local);
  if (none) filter.rule(SERVICES, `${comment(`${sp.name} has no endpoints`)} -d ${sp.clusterIP}/32 ${portMatch(sp, sp.port)} ${reject}`);
  if (!none && !noLocal) return;
  const [why, action] = none ? ['has no endpoints', reject] : ['has no local endpoints', '-j DROP'];
  for (const ip of sp.externalIPs) {
    filter.rule(EXTERNAL_SERVICES, `${comment(`${sp.name} ${why}`)} -d ${ip}/32 ${portMatch(sp, sp.port)} ${action}`);
  }
  if (sp.nodePort > 0) {
    filter.rule(EXTERNAL_SERVICES, `${comment(`${sp.name} ${why}`)} -m addrtype --dst-type LOCAL ${portMatch(sp, sp.nodePort)} ${action}`);
  }
}

/** BOSUN-FORWARD: accept marked service traffic and the replies of the pod network's connections. */
export function writeForward(snap: Pick<ProxySnapshot, 'clusterCIDR'>, filter: RuleText): void {
  filter.rule(FORWARD, `${comment('bosun forwarding rules')} -m mark --mark ${masqMark}/${masqMark} -j ACCEPT`);
  if (snap.clusterCIDR === '') {
    filter.rule(FORWARD, `${comment('bosun forwarding conntrack rule')} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`);
  } else {
    filter.rule(FORWARD, `${comment('bosun forwarding conntrack rule')} -s ${snap.clusterCIDR} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`);
    filter.rule(FORWARD, `${comment('bosun forwarding conntrack rule')} -d ${snap.clusterCIDR} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`);
  }
}
