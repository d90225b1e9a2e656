// `bosun controller-manager`: flags, logger, the controller-manager, signals.
import { hostname } from 'node:os';
import { apiServerFrom, connectionFlags } from '../../shared/client/connection-flags.js';
import { FlagError, flagValue, helpText, intFlag, parseFlags, type FlagSpec, type ParsedFlags } from '../../shared/util/flags.js';
import { rootLogger } from '../../shared/util/log.js';
import { runControllerManager, type ManagerOptions } from './manager.js';
import { leaderElectionFlags, leaderElectionFrom } from '../../shared/client/leader-election-flags.js';
import { controllerFactories } from './registry.js';

export const controllerManagerFlags: readonly FlagSpec[] = [
  ...connectionFlags,
  { name: 'controllers', default: '*', help: `controllers to run: * for all (${[...controllerFactories.keys()].join(', ')}), or a comma-separated list; -name turns one off` },
  { name: 'cluster-cidr', default: '10.244.0.0/16', help: 'CIDR of the pod network, from which each node gets its podCIDR' },
  { name: 'node-cidr-mask-size', default: '24', help: 'prefix length of each node\'s podCIDR' },
  { name: 'concurrent-syncs', default: '5', help: 'workers per controller' },
  ...leaderElectionFlags('bosun-controller-manager', 'run the controllers'),
  { name: 'log-level', default: 'info', help: 'log level: debug, info, warn or error' },
];

/** "*" , "a,b", "*,-a": the controllers to run. */
export function enabledControllers(spec: string, known: readonly string[]): string[] {
  const parts = spec.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const on = new Set<string>();
  for (const p of parts) {
    const name = p.startsWith('-') ? p.slice(1) : p;
    if (name !== '*' && !known.includes(name)) throw new FlagError(`flag --controllers: unknown controller ${JSON.stringify(name)} (known: ${known.join(', ')})`);
    if (p === '*') for (const k of known) on.add(k);
    else if (p.startsWith('-')) on.delete(name);
    else on.add(name);
  }
  return known.filter((k) => on.has(k));
}

export function managerOptionsFrom(flags: ParsedFlags, log: ManagerOptions['log']): ManagerOptions {
  if (flags.rest.length > 0) throw new FlagError(`unexpected argument ${JSON.stringify(flags.rest[0])}`);
  const election = leaderElectionFrom(flags);
  return {
    server: apiServerFrom(flags),
    factories: controllerFactories,
    enabled: enabledControllers(flagValue(flags, 'controllers'), [...controllerFactories.keys()]),
    settings: {
      clusterCIDR: flagValue(flags, 'cluster-cidr'),
      nodeCIDRMaskSize: intFlag(flags, 'node-cidr-mask-size', 8, 30),
      workers: intFlag(flags, 'concurrent-syncs', 1, 100),
    },
    leaderElect: election.leaderElect,
    leaseName: election.leaseName,
    leaderElection: election.times,
    identity: `${hostname()}_${process.pid}`,
    log,
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  let opts: ManagerOptions;
  try {
    const flags = parseFlags(controllerManagerFlags, argv);
    if (flags.help) {
      process.stdout.write(`${helpText('bosun controller-manager [flags]', 'Runs the control loops that turn declared state into running state.', controllerManagerFlags)}\n`);
      return 0;
    }
    opts = managerOptionsFrom(flags, rootLogger(flagValue(flags, 'log-level'), 'bosun-controller-manager'));
  } catch (err) {
    if (err instanceof FlagError) { process.stderr.write(`bosun controller-manager: ${err.message}\n`); return 2; }
    throw err;
  }
  const ctl = new AbortController();
  process.once('SIGTERM', () => ctl.abort());
  process.once('SIGINT', () => ctl.abort());
  await runControllerManager(opts, ctl.signal);
  return 0;
}
