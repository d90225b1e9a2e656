// bosunctl create -f FILE|DIR|- [-R] [--save-config]: POST each object as written.
import type { FlagDef } from '../args.js';
import type { ApiObject } from '../../../api/meta.js';
import type { Cli } from '../context.js';
import { pathOf } from '../discovery.js';
import { CliError } from '../errors.js';
import { loadManifests } from '../manifests.js';
import { namespaceFor, objectName } from '../objects.js';
import { describeFailure, dryRunQuery, withLastApplied } from './apply.js';

export const createFlags: readonly FlagDef[] = [
  { long: 'filename', short: 'f', kind: 'strings' },
  { long: 'recursive', short: 'R', kind: 'bool' },
  { long: 'save-config', kind: 'bool' },
  { long: 'dry-run', kind: 'string', default: 'none' },
  { long: 'validate', kind: 'string', default: 'strict' },
  { long: 'from-literal', kind: 'strings' },
];

/** `create namespace NAME` and `create configmap NAME --from-literal=k=v…`: the object kubectl's generators make. */
function generated(cli: Cli): { object: ApiObject; source: string } {
  const [kind, name, extra] = cli.args.positionals;
  if (name === undefined || name === '') throw new CliError(`bosunctl create ${kind ?? ''} needs a NAME`);
  if (extra !== undefined) throw new CliError(`unexpected argument ${JSON.stringify(extra)}`);
  switch (kind) {
    case 'namespace': case 'ns':
      return { object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, source: 'namespace' };
    case 'configmap': case 'cm': {
      const data: Record<string, string> = {};
      for (const lit of cli.args.strs('from-literal')) {
        const eq = lit.indexOf('=');
        if (eq <= 0) throw new CliError(`invalid literal source ${lit}, expected key=value`);
        data[lit.slice(0, eq)] = lit.slice(eq + 1);
      }
      return { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data }, source: 'configmap' };
    }
    default:
      throw new CliError(`bosunctl create ${kind ?? ''} is not supported: write a manifest and use create -f (generators: namespace, configmap)`);
  }
}

export async function create(cli: Cli): Promise<number> {
  const a = cli.args;
  if (a.strs('filename').length === 0 && a.positionals.length === 0) throw new CliError('must specify one of -f and -k');
  const manifests = a.strs('filename').length > 0 ? loadManifests(a.strs('filename'), a.bool('recursive'), cli.io.stdin) : [generated(cli)];
  const d = await cli.discovery();
  const dry = dryRunQuery(cli);
  let failed = 0;
  for (const m of manifests) {
    try {
      const r = d.forKind(m.object.apiVersion ?? '', m.object.kind ?? '');
      const ns = namespaceFor(cli, r, m.object);
      let obj = structuredClone(m.object);
      if (r.namespaced) obj.metadata.namespace = ns;
      if (a.bool('save-config')) obj = withLastApplied(obj);
      let name = obj.metadata.name ?? '';
      if (!dry.client) {
        const created = await cli.api.json({
          method: 'POST', path: pathOf(r, ns), body: obj, signal: cli.io.signal,
          query: { fieldManager: 'kubectl-create', fieldValidation: 'Strict', dryRun: dry.dryRun },
        }) as { metadata?: { name?: string } } | undefined;
        name = created?.metadata?.name ?? name;
      }
      cli.out(`${objectName(r, name)} created${dry.suffix}\n`);
    } catch (err) {
      failed++;
      cli.err(`${describeFailure(err, `error when creating "${m.source}"`)}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}
