// `bosun scheduler`: flags, logger, the scheduler, signals. `bosun master` imports
// schedulerFlags, schedulerOptionsFrom and runScheduler to run it in-process.
import { hostname } from 'node:os';
import { apiServerFrom, connectionFlags } from '../../shared/client/connection-flags.js';
import { FlagError, flagValue, helpText, intFlag, parseFlags, type FlagSpec, type ParsedFlags } from '../../shared/util/flags.js';
import { rootLogger } from '../../shared/util/log.js';
import { leaderElectionFlags, leaderElectionFrom } from '../../shared/client/leader-election-flags.js';
import { ConfigError, defaultConfiguration, loadSchedulerConfiguration } from './config.js';
import { runScheduler, type SchedulerOptions } from './run.js';

export { runScheduler, type SchedulerOptions } from './run.js';

export const schedulerFlags: readonly FlagSpec[] = [
  ...connectionFlags,
  { name: 'config', default: '', help: 'KubeSchedulerConfiguration file (JSON or YAML): profiles, plugins, weights, percentageOfNodesToScore' },
  ...leaderElectionFlags('bosun-scheduler', 'schedule'),
  { name: 'lease-namespace', default: 'kube-system', help: 'namespace of the leader-election Lease' },
  { name: 'bind-concurrency', default: '64', help: 'bindings written at the same time' },
  { name: 'scheduled-events', default: 'true', help: 'record a Normal "Scheduled" event for each bound pod', boolean: true },
  { name: 'log-level', default: 'info', help: 'log level: debug, info, warn or error' },
];

export function schedulerOptionsFrom(flags: ParsedFlags, log: SchedulerOptions['log']): SchedulerOptions {
  if (flags.rest.length > 0) throw new FlagError(`unexpected argument ${JSON.stringify(flags.rest[0])}`);
  const file = flagValue(flags, 'config');
  let config;
  try {
    config = file === '' ? defaultConfiguration() : loadSchedulerConfiguration(file);
  } catch (err) {
    if (err instanceof ConfigError) throw new FlagError(`flag --config: ${err.message}`);
    throw err;
  }
  const election = leaderElectionFrom(flags);
  return {
    server: apiServerFrom(flags),
    config,
    leaderElect: election.leaderElect,
    leaseName: election.leaseName,
    leaseNamespace: flagValue(flags, 'lease-namespace'),
    leaderElection: election.times,
    identity: `${hostname()}_${process.pid}`,
    bindConcurrency: intFlag(flags, 'bind-concurrency', 1, 10_000),
    scheduledEvents: flagValue(flags, 'scheduled-events') === 'true',
    log,
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  let opts: SchedulerOptions;
  try {
    const flags = parseFlags(schedulerFlags, argv);
    if (flags.help) {
      process.stdout.write(`${helpText('bosun scheduler [flags]', 'Assigns pending pods to nodes through pods/binding.', schedulerFlags)}\n`);
      return 0;
    }
    opts = schedulerOptionsFrom(flags, rootLogger(flagValue(flags, 'log-level'), 'bosun-scheduler'));
  } catch (err) {
    if (err instanceof FlagError) { process.stderr.write(`bosun scheduler: ${err.message}\n`); return 2; }
    throw err;
  }
  const ctl = new AbortController();
  process.once('SIGTERM', () => ctl.abort());
  process.once('SIGINT', () => ctl.abort());
  await runScheduler(opts, ctl.signal);
  return 0;
}
