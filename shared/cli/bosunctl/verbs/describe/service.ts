// kubectl's Service describer.
import type { ApiObject } from '../../../../api/meta.js';
import { annotationLines, arr, labelLines, mapSelector, num, rec, str } from './format.js';

export function describeService(svc: ApiObject, slices: readonly ApiObject[]): string[] {
  const spec = rec(svc['spec']);
  const lines = [`Name:\t${svc.metadata.name ?? ''}`, `Namespace:\t${svc.metadata.namespace ?? ''}`,
    ...labelLines('Labels', svc.metadata.labels), ...annotationLines('Annotations', svc.metadata.annotations),
    `Selector:\t${mapSelector(spec['selector'])}`, `Type:\t${str(spec['type'], 'ClusterIP')}`];
  if (str(spec['ipFamilyPolicy']) !== '') lines.push(`IP Family Policy:\t${str(spec['ipFamilyPolicy'])}`);
  const fams = Array.isArray(spec['ipFamilies']) ? (spec['ipFamilies'] as unknown[]).map((x) => str(x)) : [];
  if (fams.length > 0) lines.push(`IP Families:\t${fams.join(',')}`);
  if (str(spec['clusterIP']) !== '') lines.push(`IP:\t${str(spec['clusterIP'])}`);
  const ips = Array.isArray(spec['clusterIPs']) ? (spec['clusterIPs'] as unknown[]).map((x) => str(x)) : [];
  if (ips.length > 0) lines.push(`IPs:\t${ips.join(',')}`);
  const ext = Array.isArray(spec['externalIPs']) ? (spec['externalIPs'] as unknown[]).map((x) => str(x)) : [];
  if (ext.length > 0) lines.push(`External IPs:\t${ext.join(',')}`);
  const ingress = arr(rec(rec(svc['status'])['loadBalancer'])['ingress']);
  if (ingress.length > 0) lines.push(`LoadBalancer Ingress:\t${ingress.map((i) => str(i['ip']) || str(i['hostname'])).join(', ')}`);
  for (const p of arr(spec['ports'])) {
    const name = str(p['name']) || '<unset>';
    const proto = str(p['protocol'], 'TCP');
    lines.push(`Port:\t${name}\t${num(p['port'])}/${proto}`);
    if (p['targetPort'] !== undefined) lines.push(`TargetPort:\t${str(p['targetPort'])}/${proto}`);
    if (num(p['nodePort']) !== 0) lines.push(`NodePort:\t${name}\t${num(p['nodePort'])}/${proto}`);
    lines.push(`Endpoints:\t${endpointsFor(slices, str(p['name']))}`);
  }
  lines.push(`Session Affinity:\t${str(spec['sessionAffinity'], 'None')}`);
  if (str(spec['externalTrafficPolicy']) !== '') lines.push(`External Traffic Policy:\t${str(spec['externalTrafficPolicy'])}`);
  if (str(spec['internalTrafficPolicy']) !== '') lines.push(`Internal Traffic Policy:\t${str(spec['internalTrafficPolicy'])}`);
  return lines;
}

/** Ready addresses of the port's slices, "ip:port,…" (at most three, then "+ N more..."). */
function endpointsFor(slices: readonly ApiObject[], portName: string): string {
  const out: string[] = [];
  for (const s of slices) {
    const port = arr(s['ports']).find((p) => str(p['name']) === portName);
    if (port === undefined) continue;
    for (const e of arr(s['endpoints'])) {
      if (rec(e['conditions'])['ready'] === false) continue;
      for (const a of Array.isArray(e['addresses']) ? e['addresses'] as unknown[] : []) out.push(`${str(a)}:${num(port['port'])}`);
    }
  }
  if (out.length === 0) return '<none>';
  return out.length > 3 ? `${out.slice(0, 3).join(',')} + ${out.length - 3} more...` : out.join(',');
}
