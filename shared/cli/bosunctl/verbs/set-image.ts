// bosunctl set image TYPE/NAME container=image… ('*' for every container): a strategic merge
// patch of the pod template's containers (or the pod's), with their element order.
import { isRecord, type ApiObject } from '../../../api/meta.js';
import type { FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { pathOf } from '../discovery.js';
import { CliError } from '../errors.js';
import { getObject, objectName, objectRefs } from '../objects.js';

export const setFlags: readonly FlagDef[] = [
  { long: 'selector', short: 'l', kind: 'string' },
  { long: 'all', kind: 'bool' },
];

type Json = Record<string, unknown>;

/** The pod spec of a workload (its template's) or of a pod, and the path to it. */
export function podSpecOf(obj: ApiObject): { spec: Json; path: string[] } | undefined {
  const spec = obj['spec'];
  if (!isRecord(spec)) return undefined;
  if (obj.kind === 'Pod') return { spec, path: ['spec'] };
  const t = spec['template'];
  if (isRecord(t) && isRecord(t['spec'])) return { spec: t['spec'], path: ['spec', 'template', 'spec'] };
  return undefined;
}

const nest = (path: readonly string[], leaf: Json): Json => path.reduceRight<Json>((acc, k) => ({ [k]: acc }), leaf);

export async function set(cli: Cli): Promise<number> {
  const [sub, ...rest] = cli.args.positionals;
  if (sub !== 'image') throw new CliError(sub === undefined ? 'set needs a subcommand: image' : `unknown command "${sub}" for "bosunctl set"`);
  const firstImage = rest.findIndex((p) => p.includes('='));
  if (firstImage < 1) throw new CliError('at least one image update is required');
  const images = new Map(rest.slice(firstImage).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
  const refs = await objectRefs(cli, rest.slice(0, firstImage), 'set image', { label: cli.args.str('selector'), all: cli.args.bool('all') });
  for (const { r, ns, name } of refs) {
    const obj = await getObject(cli, r, ns, name);
    const ps = podSpecOf(obj);
    if (ps === undefined) throw new CliError(`${objectName(r, name)} has no pod template`);
    const patch: Json = {};
    for (const field of ['initContainers', 'containers'] as const) {
      const list = Array.isArray(ps.spec[field]) ? ps.spec[field].filter(isRecord) : [];
      const changed = list.filter((c) => images.has(String(c['name'])) || images.has('*'))
        .map((c) => ({ image: images.get(String(c['name'])) ?? images.get('*'), name: c['name'] }));
      if (changed.length === 0) continue;
      patch[`$setElementOrder/${field}`] = list.map((c) => ({ name: c['name'] }));
      patch[field] = changed;
    }
    for (const c of images.keys()) {
      const all = ['initContainers', 'containers'].flatMap((f) => (Array.isArray(ps.spec[f]) ? (ps.spec[f] as unknown[]).filter(isRecord) : []));
      if (c !== '*' && !all.some((x) => x['name'] === c)) throw new CliError(`unable to find container named "${c}"`);
    }
    await cli.api.json({
      method: 'PATCH', path: pathOf(r, ns, name), contentType: 'application/strategic-merge-patch+json',
      query: { fieldManager: 'kubectl-set' }, body: nest(ps.path, patch), signal: cli.io.signal,
    });
    cli.out(`${objectName(r, name)} image updated\n`);
  }
  return 0;
}
