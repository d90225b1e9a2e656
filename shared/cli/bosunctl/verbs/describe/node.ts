// kubectl's Node describer: conditions, addresses, capacity, system info, the pods on it and
// what they request.
import type { ApiObject } from '../../../../api/meta.js';
import { Quantity } from '../../../../api/quantity.js';
import { annotationLines, arr, labelLines, rec, rfc1123z, rfc1123zOrZero, since, str, type Json } from './format.js';

const q = (s: unknown): Quantity => { try { return Quantity.parse(str(s, '0') || '0'); } catch { return Quantity.parse('0'); } };

function podTotals(pod: ApiObject): Record<'req' | 'lim', Record<string, Quantity>> {
  const out = { req: {} as Record<string, Quantity>, lim: {} as Record<string, Quantity> };
  for (const c of arr(rec(pod['spec'])['containers'])) {
    const res = rec(c['resources']);
    for (const [k, into] of [['requests', out.req], ['limits', out.lim]] as const) {
      for (const [name, v] of Object.entries(rec(res[k]))) into[name] = (into[name] ?? Quantity.parse('0')).add(q(v));
    }
  }
  // A limit with no request requests the limit.
  for (const [k, v] of Object.entries(out.lim)) out.req[k] ??= v;
  return out;
}

const pct = (v: Quantity, of: Quantity | undefined, milli: boolean): string => {
  const total = of === undefined ? 0n : milli ? of.milliValue() : of.value();
  const val = milli ? v.milliValue() : v.value();
  return total === 0n ? '0%' : `${(val * 100n) / total}%`;
};

const amount = (v: Quantity, milli: boolean): string => (milli && v.milliValue() % 1000n !== 0n ? `${v.milliValue()}m` : v.toString());

export function describeNode(node: ApiObject, pods: readonly ApiObject[], lease: ApiObject | undefined, now: number): string[] {
  const spec = rec(node['spec']);
  const st = rec(node['status']);
  const labels = node.metadata.labels ?? {};
  const roles = Object.keys(labels).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length)).sort();
  const taints = arr(spec['taints']).map((t) => `${str(t['key'])}${str(t['value']) !== '' ? `=${str(t['value'])}` : ''}:${str(t['effect'])}`);
  const lines = [`Name:\t${node.metadata.name ?? ''}`, `Roles:\t${roles.length === 0 ? '<none>' : roles.join(',')}`,
    ...labelLines('Labels', labels), ...annotationLines('Annotations', node.metadata.annotations),
    `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}`,
    ...(taints.length === 0 ? ['Taints:\t<none>'] : taints.map((t, i) => (i === 0 ? `Taints:\t${t}` : `\t${t}`))),
    `Unschedulable:\t${spec['unschedulable'] === true}`];
  if (lease === undefined) lines.push(`Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name ?? ''}" not found`);
  else {
    const ls = rec(lease['spec']);
    lines.push('Lease:', `  HolderIdentity:\t${str(ls['holderIdentity'], '<unset>')}`, `  AcquireTime:\t${rfc1123z(ls['acquireTime'])}`, `  RenewTime:\t${rfc1123z(ls['renewTime'])}`);
  }
  const conds = arr(st['conditions']);
  if (conds.length > 0) {
    lines.push('Conditions:', '  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage', '  ----\t------\t-----------------\t------------------\t------\t-------');
    for (const c of conds) lines.push(`  ${str(c['type'])} \t${str(c['status'])} \t${rfc1123zOrZero(c['lastHeartbeatTime'])} \t${rfc1123zOrZero(c['lastTransitionTime'])} \t${str(c['reason'])} \t${str(c['message'])}`);
  }
  const addrs = arr(st['addresses']);
  if (addrs.length > 0) lines.push('Addresses:', ...addrs.map((a) => `  ${str(a['type'])}:\t${str(a['address'])}`));
  const resources = (title: string, m: Json): string[] => (Object.keys(m).length === 0 ? [] : [`${title}:`, ...Object.keys(m).sort().map((k) => `  ${k}:\t${str(m[k])}`)]);
  lines.push(...resources('Capacity', rec(st['capacity'])), ...resources('Allocatable', rec(st['allocatable'])));
  const info = rec(st['nodeInfo']);
  lines.push('System Info:', ...[['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion']]
    .map(([title, k]) => `  ${title!}:\t${str(info[k!])}`));
  if (str(spec['podCIDR']) !== '') lines.push(`PodCIDR:\t${str(spec['podCIDR'])}`);
  const cidrs = Array.isArray(spec['podCIDRs']) ? (spec['podCIDRs'] as unknown[]).map((x) => str(x)) : [];
  if (cidrs.length > 0) lines.push(`PodCIDRs:\t${cidrs.join(',')}`);
  if (str(spec['providerID']) !== '') lines.push(`ProviderID:\t${str(spec['providerID'])}`);
  const alloc = rec(st['allocatable']);
  const allocQ = (k: string): Quantity | undefined => (alloc[k] !== undefined ? q(alloc[k]) : undefined);
  lines.push(`Non-terminated Pods:\t(${pods.length} in total)`,
    '  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge',
    '  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---');
  const zero = Quantity.parse('0');
  const sum = { req: { cpu: zero, memory: zero, 'ephemeral-storage': zero }, lim: { cpu: zero, memory: zero, 'ephemeral-storage': zero } };
  for (const p of pods) {
    const t = podTotals(p);
    const cell = (v: Quantity | undefined, k: 'cpu' | 'memory'): string => `${amount(v ?? zero, k === 'cpu')} (${pct(v ?? zero, allocQ(k), k === 'cpu')})`;
    lines.push(`  ${p.metadata.namespace ?? ''}\t${p.metadata.name ?? ''}\t\t${cell(t.req['cpu'], 'cpu')}\t${cell(t.lim['cpu'], 'cpu')}\t${cell(t.req['memory'], 'memory')}\t${cell(t.lim['memory'], 'memory')}\t${since(p.metadata.creationTimestamp, now)}`);
    for (const k of ['cpu', 'memory', 'ephemeral-storage'] as const) {
      sum.req[k] = sum.req[k].add(t.req[k] ?? zero);
      sum.lim[k] = sum.lim[k].add(t.lim[k] ?? zero);
    }
  }
  lines.push('Allocated resources:', '  (Total limits may be over 100 percent, i.e., overcommitted.)', '  Resource\tRequests\tLimits', '  --------\t--------\t------');
  for (const k of ['cpu', 'memory', 'ephemeral-storage'] as const) {
    const milli = k === 'cpu';
    lines.push(`  ${k}\t${amount(sum.req[k], milli)} (${pct(sum.req[k], allocQ(k), milli)})\t${amount(sum.lim[k], milli)} (${pct(sum.lim[k], allocQ(k), milli)})`);
  }
  return lines;
}
