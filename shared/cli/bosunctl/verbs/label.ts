// bosunctl label|annotate TYPE NAME key=value… key-… [--overwrite] [-l SEL | --all]: a merge
// patch of metadata.labels or metadata.annotations, refusing to change a set key without --overwrite.
import type { FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { pathOf } from '../discovery.js';
import { CliError } from '../errors.js';
import { getObject, objectName, objectRefs } from '../objects.js';

export const labelFlags: readonly FlagDef[] = [
  { long: 'overwrite', kind: 'bool' },
  { long: 'selector', short: 'l', kind: 'string' },
  { long: 'all', kind: 'bool' },
  { long: 'list', kind: 'bool' },
];

export function labelOrAnnotate(field: 'labels' | 'annotations'): (cli: Cli) => Promise<number> {
  const what = field === 'labels' ? 'label' : 'annotation';
  return async (cli) => {
    const a = cli.args;
    const pos = a.positionals;
    // Resource args come first: TYPE NAME… or TYPE/NAME…; then the key=value and key- changes.
    const firstChange = pos.findIndex((p, i) => i > 0 && (p.includes('=') || (p.endsWith('-') && p.length > 1)));
    if (firstChange < 0) throw new CliError(`at least one ${what} update is required`);
    const resourceArgs = pos.slice(0, firstChange);
    const set: Record<string, string> = {};
    const remove: string[] = [];
    for (const c of pos.slice(firstChange)) {
      const eq = c.indexOf('=');
      if (eq > 0) set[c.slice(0, eq)] = c.slice(eq + 1);
      else if (c.endsWith('-')) remove.push(c.slice(0, -1));
      else throw new CliError(`invalid ${what} spec: ${c}`);
    }
    const refs = await objectRefs(cli, resourceArgs, field === 'labels' ? 'label' : 'annotate', { label: a.str('selector'), all: a.bool('all') });
    for (const { r, ns, name } of refs) {
      const live = await getObject(cli, r, ns, name);
      const have = live.metadata[field] ?? {};
      if (a.bool('list')) { for (const k of Object.keys(have).sort()) cli.out(`${k}=${have[k]}\n`); continue; }
      for (const [k, v] of Object.entries(set)) {
        if (k in have && have[k] !== v && !a.bool('overwrite')) throw new CliError(`'${k}' already has a value (${have[k]}), and --overwrite is false`);
      }
      const patch: Record<string, string | null> = {};
      for (const [k, v] of Object.entries(set)) if (have[k] !== v) patch[k] = v;
      for (const k of remove) if (k in have) patch[k] = null;
      const verb = field === 'labels' ? 'labeled' : 'annotated';
      if (Object.keys(patch).length === 0) { cli.out(`${objectName(r, name)} not ${verb}\n`); continue; }
      await cli.api.json({
        method: 'PATCH', path: pathOf(r, ns, name), contentType: 'application/merge-patch+json', signal: cli.io.signal,
        query: { fieldManager: field === 'labels' ? 'kubectl-label' : 'kubectl-annotate' }, body: { metadata: { [field]: patch } },
      });
      const onlyRemoved = Object.keys(set).length === 0 && remove.length > 0;
      cli.out(`${objectName(r, name)} ${onlyRemoved ? `un${verb}` : verb}\n`);
    }
    return 0;
  };
}
