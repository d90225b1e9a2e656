// `bosun scheduler`: flags, logger, the scheduler, signals. `bosun master` imports
// schedulerFlags, schedulerOptionsFrom and runScheduler to run it in-process.
import { hostname } from 'node:os';
import { apiServerFrom, connectionFlags } from '../../shared/client/connection-flags.js';
import { FlagError, flagValue, helpText, intFlag, parseFlags, type FlagSpec, type ParsedFlags } from '../../shared/util/flags.js';
import { rootLogger } from '../../shared/util/log.js';
import { ConfigError, defaultConfiguration, loadSchedulerConfiguration } from './config.js';
import { runScheduler, type SchedulerOptions } from './run.js';

export { runScheduler, type SchedulerOptions } from './run.js';

export const schedulerFlags: readonly FlagSpec[] = [
  ...connectionFlags,
  { name: 'config', default: '', help: 'KubeSchedulerConfiguration file (JSON or YAML): profiles, plugins, weights, percentageOfNodesToScore' },
  { name: 'leader-elect', default: 'true', help: 'schedule only while holding the leader Lease (<lease-namespace>/<lease-name>)', boolean: true },
  { name: 'lease-name', default: 'bosun-scheduler', help: 'name of the leader-election Lease' },
  { name: 'lease-namespace', default: 'kube-system', help: 'namespace of the leader-election Lease' },
  { name: 'leader-elect-lease-duration', default: '15s', help: 'how long a leader\'s Lease holds without renewal' },
  { name: 'leader-elect-renew-deadline', default: '10s', help: 'how long a leader keeps retrying a renewal before it steps down' },
  { name: 'leader-elect-retry-period', default: '2s', help: 'time between attempts to acquire or renew the Lease' },
  { name: 'bind-concurrency', default: '64', help: 'bindings written at the same time' },
  { name: 'scheduled-events', default: 'true', help: 'record a Normal "Scheduled" event for each bound pod', boolean: true },
  { name: 'log-level', default: 'info', help: 'log level: debug, info, warn or error' },
];

/** "15s", "500ms", "1m", "2" (seconds) → seconds. */
export function durationSeconds(flags: ParsedFlags, name: string): number {
  const v = flagValue(flags, name);
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(v);
  if (m === null) throw new FlagError(`flag --${name}: ${JSON.stringify(v)} is not a duration such as 15s or 500ms`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n / 1000 : m[2] === 'm' ? n * 60 : n;
}

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
  const timing = {
    leaseDurationSeconds: durationSeconds(flags, 'leader-elect-lease-duration'),
    renewDeadlineSeconds: durationSeconds(flags, 'leader-elect-renew-deadline'),
    retryPeriodSeconds: durationSeconds(flags, 'leader-elect-retry-period'),
  };
  if (!(timing.leaseDurationSeconds > timing.renewDeadlineSeconds)) throw new FlagError('--leader-elect-lease-duration must be longer than --leader-elect-renew-deadline');
  if (!(timing.renewDeadlineSeconds > 1.2 * timing.retryPeriodSeconds)) throw new FlagError('--leader-elect-renew-deadline must be longer than 1.2 × --leader-elect-retry-period');
  return {
    server: apiServerFrom(flags),
    config,
    leaderElect: flagValue(flags, 'leader-elect') === 'true',
    leaseName: flagValue(flags, 'lease-name'),
    leaseNamespace: flagValue(flags, 'lease-namespace'),
    leaderElection: timing,
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
