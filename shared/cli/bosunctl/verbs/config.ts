// bosunctl config view|current-context|use-context|set-context|get-contexts.
import type { FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { CliError } from '../errors.js';
import { toJson, toYaml } from '../output.js';
import { alignGet } from '../table.js';

export const configFlags: readonly FlagDef[] = [
  { long: 'raw', kind: 'bool' },
  { long: 'minify', kind: 'bool' },
  { long: 'output', short: 'o', kind: 'string' },
  { long: 'current', kind: 'bool' },
];

export async function config(cli: Cli): Promise<number> {
  const [sub, ...rest] = cli.args.positionals;
  const kc = cli.kubeconfig();
  switch (sub) {
    case 'view': {
      const doc = kc.view({ raw: cli.args.bool('raw'), minify: cli.args.bool('minify') });
      cli.out(cli.args.str('output') === 'json' ? toJson(doc) : toYaml(doc));
      return 0;
    }
    case 'current-context': {
      if (kc.currentContext === '') throw new CliError('current-context is not set');
      cli.out(`${kc.currentContext}\n`);
      return 0;
    }
    case 'use-context': case 'use': {
      const name = rest[0];
      if (name === undefined) throw new CliError('Unexpected args: []');
      kc.useContext(name);
      cli.out(`Switched to context "${name}".\n`);
      return 0;
    }
    case 'set-context': {
      const current = cli.args.bool('current');
      const name = current ? kc.currentContext : rest[0];
      if (name === undefined || name === '') throw new CliError('you must specify a non-empty context name or --current');
      const a = cli.args;
      const how = kc.setContext(name, {
        ...(a.str('cluster') !== '' ? { cluster: a.str('cluster') } : {}),
        ...(a.str('user') !== '' ? { user: a.str('user') } : {}),
        ...(a.str('namespace') !== '' ? { namespace: a.str('namespace') } : {}),
      });
      cli.out(`Context "${name}" ${how}.\n`);
      return 0;
    }
    case 'get-contexts': {
      const lines = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'].join('\t')];
      for (const n of kc.contextNames().sort()) {
        const c = kc.contextOf(n) ?? {};
        lines.push([n === kc.currentContext ? '*' : '', n, c.cluster ?? '', c.user ?? '', c.namespace ?? ''].join('\t'));
      }
      cli.out(alignGet(lines));
      return 0;
    }
    default:
      throw new CliError(sub === undefined ? 'config needs a subcommand: view, current-context, use-context, set-context, get-contexts' : `unknown command "${sub}" for "bosunctl config"`);
  }
}
