// `bosun master`: the apiserver, the controller-manager and the scheduler in one process; the
// loops reach the API over loopback like any other client. Every flag is checked before
// anything starts. The leader-election flags apply to both loops (each has its own Lease).
import type { Logger } from 'pino';
import { FlagError, flagValue, helpText, parseFlags, type FlagSpec, type ParsedFlags } from '../shared/util/flags.js';
import { rootLogger } from '../shared/util/log.js';
import { apiserverFlags, apiserverOptionsFrom, terminationSignal } from './apiserver/main.js';
import { ApiServer, type ApiServerOptions } from './apiserver/server.js';
import { controllerManagerFlags, managerOptionsFrom } from './controllers/main.js';
import { runControllerManager, type ManagerOptions } from './controllers/manager.js';
import { runScheduler, schedulerFlags, schedulerOptionsFrom, type SchedulerOptions } from './scheduler/main.js';

/** Flags of the halves that only make sense apart: where the API is, and a second log level. */
const connection = new Set(['kubeconfig', 'server', 'log-level']);
const managerOwn = controllerManagerFlags.filter((f) => !connection.has(f.name));
/** The scheduler's flags the master takes too; --config becomes --scheduler-config. */
const schedulerShared = ['leader-elect', 'leader-elect-lease-duration', 'leader-elect-renew-deadline', 'leader-elect-retry-period'];
export const masterFlags: readonly FlagSpec[] = [
  ...apiserverFlags,
  ...managerOwn,
  { name: 'scheduler-config', default: '', help: 'the scheduler\'s KubeSchedulerConfiguration file (JSON or YAML); default plugins and weights without one' },
];

interface MasterOptions {
  readonly api: ApiServerOptions;
  /** The controller-manager's options but for the API address, known once the apiserver listens. */
  readonly manager: (server: string) => ManagerOptions;
  readonly scheduler: (server: string) => SchedulerOptions;
}

/** The options of both halves; a bad flag is a FlagError naming it. */
function masterOptionsFrom(flags: ParsedFlags, log: Logger): MasterOptions {
  if (flags.rest.length > 0) throw new FlagError(`unexpected argument ${JSON.stringify(flags.rest[0])}`);
  const api = apiserverOptionsFrom(flags, log);
  const values = new Map(flags.values);
  values.set('kubeconfig', '');
  const manager = (server: string): ManagerOptions => {
    values.set('server', server);
    return managerOptionsFrom({ values, help: false, rest: [] }, log);
  };
  const schedulerValues = new Map(parseFlags(schedulerFlags, [], {}).values);
  for (const name of [...schedulerShared, 'log-level']) schedulerValues.set(name, flags.values.get(name)!);
  schedulerValues.set('config', flags.values.get('scheduler-config')!);
  const scheduler = (server: string): SchedulerOptions => {
    schedulerValues.set('server', server);
    try {
      return schedulerOptionsFrom({ values: schedulerValues, help: false, rest: [] }, log);
    } catch (err) {
      // The master names the scheduler's --config flag --scheduler-config.
      if (err instanceof FlagError) throw new FlagError(err.message.replace(/^flag --config\b/, 'flag --scheduler-config'));
      throw err;
    }
  };
  manager('http://127.0.0.1:1');                            // checks both halves' flags now
  scheduler('http://127.0.0.1:1');
  return { api, manager, scheduler };
}

/** The URL the in-process loops use to reach the apiserver listening on `bind`:`port`. */
function loopbackUrl(bind: string, port: number): string {
  const host = bind === '0.0.0.0' ? '127.0.0.1' : bind === '::' ? '[::1]' : bind.includes(':') ? `[${bind}]` : bind;
  return `http://${host}:${port}`;
}

export async function main(argv: readonly string[]): Promise<number> {
  let opts: MasterOptions;
  let log: Logger;
  try {
    const flags = parseFlags(masterFlags, argv);
    if (flags.help) {
      process.stdout.write(`${helpText('bosun master [flags]', 'Runs the apiserver, the controller-manager and the scheduler in one process.', masterFlags)}\n`);
      return 0;
    }
    log = rootLogger(flagValue(flags, 'log-level'), 'bosun-master');
    opts = masterOptionsFrom(flags, log);
  } catch (err) {
    process.stderr.write(`bosun master: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const stop = terminationSignal();
  const api = new ApiServer(opts.api);
  let port: number;
  try {
    port = await api.start();
  } catch (err) {
    log.error({ err }, 'Apiserver failed to start');
    await api.stop().catch(() => {});
    return 1;
  }
  const url = loopbackUrl(opts.api.bindAddress, port);
  const loops = [
    runControllerManager(opts.manager(url), stop).catch((err: unknown) => log.error({ err }, 'Controller-manager stopped with an error')),
    runScheduler(opts.scheduler(url), stop).catch((err: unknown) => log.error({ err }, 'Scheduler stopped with an error')),
  ];
  await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  await Promise.all(loops);
  await api.stop();
  return 0;
}
