// kubectl's pod describer.
import type { ApiObject } from '../../../../api/meta.js';
import { annotationLines, arr, labelLines, rec, rfc1123z, str, tolerationLines, type Json } from './format.js';
import { containerLines, volumeLines } from './pod-template.js';

export function controllerOf(o: ApiObject): string | undefined {
  const c = (o.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  return c === undefined ? undefined : `${c.kind}/${c.name}`;
}

function qosClass(spec: Json): string {
  const cs = [...arr(spec['initContainers']), ...arr(spec['containers'])];
  let anySet = false;
  let guaranteed = true;
  for (const c of cs) {
    const res = rec(c['resources']);
    const req = rec(res['requests']);
    const lim = rec(res['limits']);
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) anySet = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && str(req[r]) !== str(lim[r]))) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function describePod(pod: ApiObject, now: number): string[] {
  const spec = rec(pod['spec']);
  const st = rec(pod['status']);
  const m = pod.metadata;
  const lines = [`Name:\t${m.name ?? ''}`, `Namespace:\t${m.namespace ?? ''}`];
  if (typeof spec['priority'] === 'number') lines.push(`Priority:\t${spec['priority']}`);
  if (str(spec['priorityClassName']) !== '') lines.push(`Priority Class Name:\t${str(spec['priorityClassName'])}`);
  if (str(spec['serviceAccountName']) !== '') lines.push(`Service Account:\t${str(spec['serviceAccountName'])}`);
  lines.push(str(spec['nodeName']) === '' ? 'Node:\t<none>' : `Node:\t${str(spec['nodeName'])}/${str(st['hostIP'])}`);
  if (str(st['startTime']) !== '') lines.push(`Start Time:\t${rfc1123z(st['startTime'])}`);
  lines.push(...labelLines('Labels', m.labels), ...annotationLines('Annotations', m.annotations));
  if (m.deletionTimestamp !== undefined) {
    lines.push(`Status:\tTerminating (lasts ${Math.max(0, Math.round((now - new Date(m.deletionTimestamp).getTime()) / 1000))}s)`);
    lines.push(`Termination Grace Period:\t${m.deletionGracePeriodSeconds ?? 0}s`);
  } else lines.push(`Status:\t${str(st['phase'])}`);
  if (str(st['reason']) !== '') lines.push(`Reason:\t${str(st['reason'])}`);
  if (str(st['message']) !== '') lines.push(`Message:\t${str(st['message'])}`);
  lines.push(`IP:\t${str(st['podIP'])}`);
  const ips = arr(st['podIPs']);
  if (ips.length === 0) lines.push('IPs:\t<none>');
  else lines.push('IPs:', ...ips.map((ip) => `  IP:\t${str(ip['ip'])}`));
  const ctl = controllerOf(pod);
  if (ctl !== undefined) lines.push(`Controlled By:\t${ctl}`);
  if (str(st['nominatedNodeName']) !== '') lines.push(`NominatedNodeName:\t${str(st['nominatedNodeName'])}`);
  if (arr(spec['initContainers']).length > 0) lines.push(...containerLines('Init Containers', arr(spec['initContainers']), arr(st['initContainerStatuses']), '', '  '));
  lines.push(...containerLines('Containers', arr(spec['containers']), arr(st['containerStatuses']), '', '  '));
  const conds = arr(st['conditions']);
  if (conds.length > 0) lines.push('Conditions:', '  Type\tStatus', ...conds.map((c) => `  ${str(c['type'])} \t${str(c['status'])} `));
  lines.push(...volumeLines(arr(spec['volumes']), ''));
  lines.push(`QoS Class:\t${str(st['qosClass']) || qosClass(spec)}`);
  lines.push(...labelLines('Node-Selectors', spec['nodeSelector']), ...tolerationLines('Tolerations', spec['tolerations']));
  return lines;
}
