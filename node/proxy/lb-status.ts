// type LoadBalancer answered on the node IPs, as k3s' service LB does: every proxy writes the
// same sorted list of Ready nodes' InternalIPs into status.loadBalancer.ingress, and only when
// it differs, so several proxies agree instead of fighting (a conflict is retried next sync).
import type { Service } from '../../shared/api/core/v1/service.js';
import { isStatusError } from '../../shared/api/errors.js';
import type { ClientLog } from '../../shared/client/client-log.js';
import type { ResourceClient } from '../../shared/client/resource-client.js';

const owned = (s: Service): boolean => s.spec?.type === 'LoadBalancer' && (s.spec.loadBalancerClass ?? '') === '';

/** Pure: the services whose ingress is not `ips`, with the status they should have. */
export function loadBalancerUpdates(services: readonly Service[], ips: readonly string[]): Service[] {
  if (ips.length === 0) return [];
  const want = ips.join(',');
  const out: Service[] = [];
  for (const s of services) {
    if (!owned(s)) continue;
    const have = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').join(',');
    if (have === want) continue;
    const copy = structuredClone(s);
    copy.status = { ...copy.status, loadBalancer: { ingress: ips.map((ip) => ({ ip, ipMode: 'VIP' as const })) } };
    out.push(copy);
  }
  return out;
}

/** Writes the updates; returns false when one must be retried. */
export async function writeLoadBalancerStatus(client: ResourceClient<Service>, updates: readonly Service[], log: ClientLog, signal: AbortSignal): Promise<boolean> {
  let ok = true;
  for (const s of updates) {
    const service = `${s.metadata.namespace ?? ''}/${s.metadata.name ?? ''}`;
    try {
      await client.updateStatus(s, signal);
      log.info({ service, ingress: s.status?.loadBalancer?.ingress?.map((i) => i.ip) }, 'Set load balancer ingress of Service');
    } catch (err) {
      ok = false;
      if (isStatusError(err, 'Conflict') || isStatusError(err, 'NotFound')) log.debug({ service }, 'Service changed meanwhile, retrying');
      else log.warn({ err, service }, 'Could not set load balancer ingress of Service');
    }
  }
  return ok;
}
