// `bosun master`: the apiserver, the controller-manager and (once it exists) the scheduler
// in one process; the loops reach the API over loopback like any other client.
import { FlagError, flagValue, helpText, parseFlags, type FlagSpec } from '../shared/util/flags.js';
import { rootLogger } from '../shared/util/log.js';
import { apiserverFlags, apiserverOptionsFrom, terminationSignal } from './apiserver/main.js';
import { ApiServer } from './apiserver/server.js';
import { controllerManagerFlags, managerOptionsFrom } from './controllers/main.js';
import { runControllerManager } from './controllers/manager.js';

const connection = new Set(['kubeconfig', 'server', 'log-level']);
export const masterFlags: readonly FlagSpec[] = [
  ...apiserverFlags,
  ...controllerManagerFlags.filter((f) => !connection.has(f.name)),
];

export async function main(argv: readonly string[]): Promise<number> {
  const flags = (() => {
    try { return parseFlags(masterFlags, argv); } catch (err) {
      if (err instanceof FlagError) return err;
      throw err;
    }
  })();
  if (flags instanceof FlagError) { process.stderr.write(`bosun master: ${flags.message}\n`); return 2; }
  if (flags.help) {
    process.stdout.write(`${helpText('bosun master [flags]', 'Runs the apiserver and the controller-manager in one process.', masterFlags)}\n`);
    return 0;
  }
  const log = rootLogger(flagValue(flags, 'log-level'), 'bosun-master');
  let api: ApiServer;
  let managerFlags;
  try {
    if (flags.rest.length > 0) throw new FlagError(`unexpected argument ${JSON.stringify(flags.rest[0])}`);
    api = new ApiServer(apiserverOptionsFrom(flags, log));
    managerFlags = parseFlags(controllerManagerFlags, [], {});
  } catch (err) {
    process.stderr.write(`bosun master: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const stop = terminationSignal();
  let port: number;
  try {
    port = await api.start();
  } catch (err) {
    log.error({ err }, 'Apiserver failed to start');
    await api.stop().catch(() => {});
    return 1;
  }
  const bind = flagValue(flags, 'bind-address');
  const host = bind === '0.0.0.0' ? '127.0.0.1' : bind.includes(':') ? `[${bind}]` : bind;
  // The controller-manager's own flags come from this command line; it reaches the API here.
  const values = new Map(managerFlags.values);
  for (const f of controllerManagerFlags) if (flags.values.has(f.name)) values.set(f.name, flags.values.get(f.name)!);
  values.set('server', `http://${host}:${port}`);
  values.set('kubeconfig', '');
  let opts;
  try {
    opts = managerOptionsFrom({ values, help: false, rest: [] }, log);
  } catch (err) {
    process.stderr.write(`bosun master: ${err instanceof Error ? err.message : String(err)}\n`);
    await api.stop();
    return 2;
  }
  const manager = runControllerManager(opts, stop);
  await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  await manager;
  await api.stop();
  return 0;
}
