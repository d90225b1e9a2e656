// bosunctl scale TYPE NAME --replicas=N [--current-replicas=M]: a merge patch of the scale
// subresource (a GET of it first when a precondition is given).
import { isStatusError } from '../../../api/errors.js';
import { isRecord } from '../../../api/meta.js';
import type { FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { pathOf } from '../discovery.js';
import { CliError } from '../errors.js';
import { getObject, objectName, objectRefs } from '../objects.js';

export const scaleFlags: readonly FlagDef[] = [
  { long: 'replicas', kind: 'int', default: '-1' },
  { long: 'current-replicas', kind: 'int', default: '-1' },
  { long: 'selector', short: 'l', kind: 'string' },
  { long: 'all', kind: 'bool' },
];

export async function scale(cli: Cli): Promise<number> {
  const a = cli.args;
  const replicas = a.int('replicas');
  if (replicas < 0) throw new CliError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const refs = await objectRefs(cli, a.positionals, 'scale', { label: a.str('selector'), all: a.bool('all') });
  for (const { r, ns, name } of refs) {
    if (!r.subresources.includes('scale')) throw new CliError(`no scaler has been implemented for ${r.kind}`);
    try { await getObject(cli, r, ns, name); } catch (err) {
      if (isStatusError(err, 'NotFound')) throw new CliError(`no objects passed to scale ${err.message}`);
      throw err;
    }
    const current = a.int('current-replicas');
    if (current >= 0) {
      const s = await cli.api.json({ path: pathOf(r, ns, name, 'scale'), signal: cli.io.signal });
      const have = isRecord(s) && isRecord(s['spec']) && typeof s['spec']['replicas'] === 'number' ? s['spec']['replicas'] : 0;
      if (have !== current) throw new CliError(`Expected replicas to be ${current}, was ${have}`);
    }
    await cli.api.json({
      method: 'PATCH', path: pathOf(r, ns, name, 'scale'), contentType: 'application/merge-patch+json',
      body: { spec: { replicas } }, signal: cli.io.signal,
    });
    cli.out(`${objectName(r, name)} scaled\n`);
  }
  return 0;
}
