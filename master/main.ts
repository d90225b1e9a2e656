// `bosun master`: the apiserver, the controller-manager and (once it exists) the scheduler
// in one process; the loops reach the API over loopback like any other client. Every flag is
// checked before anything starts.
import type { Logger } from 'pino';
import { FlagError, flagValue, helpText, parseFlags, type FlagSpec, type ParsedFlags } from '../shared/util/flags.js';
import { rootLogger } from '../shared/util/log.js';
import { apiserverFlags, apiserverOptionsFrom, terminationSignal } from './apiserver/main.js';
import { ApiServer, type ApiServerOptions } from './apiserver/server.js';
import { controllerManagerFlags, managerOptionsFrom } from './controllers/main.js';
import { runControllerManager, type ManagerOptions } from './controllers/manager.js';

/** Flags of the halves that only make sense apart: where the API is, and a second log level. */
const connection = new Set(['kubeconfig', 'server', 'log-level']);
export const masterFlags: readonly FlagSpec[] = [
  ...apiserverFlags,
  ...controllerManagerFlags.filter((f) => !connection.has(f.name)),
];

interface MasterOptions {
  readonly api: ApiServerOptions;
  /** The controller-manager's options but for the API address, known once the apiserver listens. */
  readonly manager: (server: string) => ManagerOptions;
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
  manager('http://127.0.0.1:1');                            // checks the controller-manager's flags now
  return { api, manager };
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
      process.stdout.write(`${helpText('bosun master [flags]', 'Runs the apiserver and the controller-manager in one process.', masterFlags)}\n`);
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
  const manager = runControllerManager(opts.manager(loopbackUrl(opts.api.bindAddress, port)), stop)
    .catch((err: unknown) => log.error({ err }, 'Controller-manager stopped with an error'));
  await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  await manager;
  await api.stop();
  return 0;
}
