// bosunctl logs [-f] [-c C] [--previous] [--tail N] [--since D] [--timestamps] POD|TYPE/NAME
// or -l SEL: the pods/log subresource, printed as it arrives.
import { isStatusError } from '../../../api/errors.js';
import { isRecord } from '../../../api/meta.js';
import { parseDuration, type FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { pathOf } from '../discovery.js';
import { CliError } from '../errors.js';
import { listObjects } from '../objects.js';
import { containerFor, podFor } from './pod-target.js';

export const logsFlags: readonly FlagDef[] = [
  { long: 'follow', short: 'f', kind: 'bool' },
  { long: 'container', short: 'c', kind: 'string' },
  { long: 'previous', short: 'p', kind: 'bool' },
  { long: 'tail', kind: 'int', default: '-1' },
  { long: 'since', kind: 'string' },
  { long: 'since-time', kind: 'string' },
  { long: 'timestamps', kind: 'bool' },
  { long: 'limit-bytes', kind: 'int', default: '0' },
  { long: 'selector', short: 'l', kind: 'string' },
  { long: 'all-containers', kind: 'bool' },
  { long: 'prefix', kind: 'bool' },
];

export async function logs(cli: Cli): Promise<number> {
  const a = cli.args;
  const d = await cli.discovery();
  const pods = d.resolve('pods');
  const sel = a.str('selector');
  const targets: { ns: string; name: string; container: string }[] = [];
  if (sel !== '') {
    const list = (await listObjects(cli, pods, cli.namespace, { labelSelector: sel })).items;
    if (list.length === 0) { cli.err(`No resources found in ${cli.namespace} namespace.\n`); return 0; }
    for (const p of list) targets.push(...containersOf(cli, p, a.bool('all-containers')).map((c) => ({ ns: cli.namespace, name: p.metadata.name ?? '', container: c })));
  } else {
    const arg = a.positionals[0];
    if (arg === undefined) throw new CliError('expected POD or TYPE/NAME is a required argument for the logs command');
    let pod;
    try { pod = await podFor(cli, arg); } catch (err) {
      if (isStatusError(err, 'NotFound') && !arg.includes('/')) throw new CliError(`error from server (NotFound): pods "${arg}" not found in namespace "${cli.namespace}"`);
      throw err;
    }
    const names = a.bool('all-containers') ? containersOf(cli, pod, true) : [a.positionals[1] ?? containerFor(cli, pod, a.str('container'))];
    const spec = isRecord(pod['spec']) ? pod['spec'] : {};
    const known = ['initContainers', 'containers', 'ephemeralContainers']
      .flatMap((f) => (Array.isArray(spec[f]) ? spec[f] as unknown[] : [])).filter(isRecord).map((c) => String(c['name'] ?? ''));
    for (const n of names) if (!known.includes(n)) throw new CliError(`container ${n} is not valid for pod ${pod.metadata.name ?? ''}`);
    targets.push(...names.map((c) => ({ ns: pod.metadata.namespace ?? cli.namespace, name: pod.metadata.name ?? '', container: c })));
  }
  const tail = a.int('tail') >= 0 ? a.int('tail') : sel !== '' ? 10 : undefined;
  const query = {
    follow: a.bool('follow') || undefined, previous: a.bool('previous') || undefined, timestamps: a.bool('timestamps') || undefined,
    tailLines: tail, limitBytes: a.int('limit-bytes') > 0 ? a.int('limit-bytes') : undefined,
    sinceSeconds: a.str('since') !== '' ? Math.ceil(parseDuration(a.str('since'), 'since') / 1000) : undefined,
    sinceTime: a.str('since-time') !== '' ? a.str('since-time') : undefined,
  };
  for (const t of targets) {
    const res = await cli.api.stream({ path: pathOf(pods, t.ns, t.name, 'log'), query: { ...query, container: t.container }, accept: 'application/json, */*', signal: cli.io.signal });
    const prefix = a.bool('prefix') || targets.length > 1 && sel !== '' ? `[pod/${t.name}/${t.container}] ` : '';
    try {
      let pending = '';
      for await (const chunk of res) {
        const text = typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
        if (prefix === '') { cli.out(text); continue; }
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const l of lines) cli.out(`${prefix}${l}\n`);
      }
      if (pending !== '') cli.out(`${prefix}${pending}`);
    } catch (err) {
      if (!cli.io.signal.aborted) throw err;
    }
  }
  return 0;
}

function containersOf(cli: Cli, pod: { [k: string]: unknown }, all: boolean): string[] {
  const spec = isRecord(pod['spec']) ? pod['spec'] : {};
  const names = (Array.isArray(spec['containers']) ? spec['containers'] : []).filter(isRecord).map((c) => String(c['name'] ?? ''));
  if (all) return names;
  const c = cli.args.str('container');
  return [c !== '' ? c : names[0] ?? ''];
}
