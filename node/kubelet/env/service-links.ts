// The book's service discovery: for every Service of the pod's namespace (and the master's
// `kubernetes` Service) the variables Kubernetes sets (kubelet envvars.FromServices):
// {SVC}_SERVICE_HOST, {SVC}_SERVICE_PORT, {SVC}_SERVICE_PORT_{PORT} for named ports, and
// Docker-link style {SVC}_PORT, {SVC}_PORT_{port}_{PROTO}[_PROTO|_PORT|_ADDR].
import type { Service } from '../../../shared/api/core/v1/service.js';

const envName = (s: string): string => s.toUpperCase().replace(/-/g, '_');

export function serviceLinkVariables(services: readonly Service[]): Map<string, string> {
  const out = new Map<string, string>();
  const sorted = [...services].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  for (const svc of sorted) {
    const ip = svc.spec?.clusterIP;
    if (ip === undefined || ip === '' || ip === 'None') continue;
    const ports = svc.spec?.ports ?? [];
    if (ports.length === 0) continue;
    const name = envName(svc.metadata.name ?? '');
    out.set(`${name}_SERVICE_HOST`, ip);
    out.set(`${name}_SERVICE_PORT`, String(ports[0]!.port));
    for (const p of ports) if (p.name !== undefined && p.name !== '') out.set(`${name}_SERVICE_PORT_${envName(p.name)}`, String(p.port));
    const first = ports[0]!;
    const proto = (first.protocol ?? 'TCP').toLowerCase();
    out.set(`${name}_PORT`, `${proto}://${ip}:${first.port}`);
    for (const p of ports) {
      const pr = (p.protocol ?? 'TCP');
      const prefix = `${name}_PORT_${p.port}_${pr.toUpperCase()}`;
      out.set(prefix, `${pr.toLowerCase()}://${ip}:${p.port}`);
      out.set(`${prefix}_PROTO`, pr.toLowerCase());
      out.set(`${prefix}_PORT`, String(p.port));
      out.set(`${prefix}_ADDR`, ip);
    }
  }
  return out;
}
