// bosunctl top pods|nodes: usage from metrics.k8s.io (kubectl's error when the API is absent).
import { isRecord } from '../../../api/meta.js';
import { Quantity } from '../../../api/quantity.js';
import type { FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { CliError } from '../errors.js';
import { listObjects, nonEmpty } from '../objects.js';
import { alignGet } from '../table.js';

export const topFlags: readonly FlagDef[] = [
  { long: 'selector', short: 'l', kind: 'string' },
  { long: 'all-namespaces', short: 'A', kind: 'bool' },
  { long: 'no-headers', kind: 'bool' },
  { long: 'containers', kind: 'bool' },
];

const q = (v: unknown): Quantity => { try { return Quantity.parse(typeof v === 'string' ? v : '0'); } catch { return Quantity.parse('0'); } };
const cpu = (v: Quantity): string => `${v.milliValue()}m`;
const mem = (v: Quantity): string => `${v.value() / (1024n * 1024n)}Mi`;

export async function top(cli: Cli): Promise<number> {
  const [what, name] = cli.args.positionals;
  const d = await cli.discovery();
  if (!d.hasGroup('metrics.k8s.io')) throw new CliError('Metrics API not available');
  const a = cli.args;
  const headers = !a.bool('no-headers');
  if (what === 'pod' || what === 'pods' || what === 'po') {
    const r = d.resolve('pods.metrics.k8s.io');
    const all = a.bool('all-namespaces');
    const items = (await listObjects(cli, r, all ? '' : cli.namespace, { labelSelector: nonEmpty(a.str('selector')) })).items
      .filter((p) => name === undefined || p.metadata.name === name);
    if (items.length === 0) { cli.err(all ? 'No resources found\n' : `No resources found in ${cli.namespace} namespace.\n`); return 0; }
    const lines = headers ? [[...(all ? ['NAMESPACE'] : []), 'NAME', ...(a.bool('containers') ? ['CONTAINER'] : []), 'CPU(cores)', 'MEMORY(bytes)'].join('\t')] : [];
    for (const p of items) {
      const cs = Array.isArray(p['containers']) ? p['containers'].filter(isRecord) : [];
      const pre = [...(all ? [p.metadata.namespace ?? ''] : []), p.metadata.name ?? ''];
      if (a.bool('containers')) {
        for (const c of cs) { const u = isRecord(c['usage']) ? c['usage'] : {}; lines.push([...pre, String(c['name'] ?? ''), cpu(q(u['cpu'])), mem(q(u['memory']))].join('\t')); }
        continue;
      }
      let c0 = Quantity.parse('0');
      let m0 = Quantity.parse('0');
      for (const c of cs) { const u = isRecord(c['usage']) ? c['usage'] : {}; c0 = c0.add(q(u['cpu'])); m0 = m0.add(q(u['memory'])); }
      lines.push([...pre, cpu(c0), mem(m0)].join('\t'));
    }
    cli.out(alignGet(lines));
    return 0;
  }
  if (what === 'node' || what === 'nodes' || what === 'no') {
    const metrics = (await listObjects(cli, d.resolve('nodes.metrics.k8s.io'), '', { labelSelector: nonEmpty(a.str('selector')) })).items
      .filter((n) => name === undefined || n.metadata.name === name);
    const nodes = (await listObjects(cli, d.resolve('nodes'), '')).items;
    const lines = headers ? ['NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)'] : [];
    for (const m of metrics) {
      const u = isRecord(m['usage']) ? m['usage'] : {};
      const node = nodes.find((n) => n.metadata.name === m.metadata.name);
      const alloc = node !== undefined && isRecord(node['status']) && isRecord(node['status']['allocatable']) ? node['status']['allocatable'] : {};
      const pc = (v: bigint, of: bigint): string => (of === 0n ? '<unknown>' : `${(v * 100n) / of}%`);
      lines.push([m.metadata.name ?? '', cpu(q(u['cpu'])), pc(q(u['cpu']).milliValue(), q(alloc['cpu']).milliValue()),
        mem(q(u['memory'])), pc(q(u['memory']).value(), q(alloc['memory']).value())].join('\t'));
    }
    cli.out(alignGet(lines));
    return 0;
  }
  throw new CliError(what === undefined ? 'top needs a resource: pod or node' : `unknown command "${what}" for "bosunctl top"`);
}
