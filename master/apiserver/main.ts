// `bosun apiserver`: flags, logger, ApiServer, signals.
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import { servedResources } from '../../shared/api/resources.js';
import { hpaConversions } from '../../shared/api/autoscaling/conversions.js';
import { FlagError, flagValue, helpText, intFlag, parseFlags, type FlagSpec, type ParsedFlags } from '../../shared/util/flags.js';
import { rootLogger } from '../../shared/util/log.js';
import { parseCidr } from '../../shared/util/cidr.js';
import { ApiServer, parsePortRange, type ApiServerOptions } from './server.js';

export const apiserverFlags: readonly FlagSpec[] = [
  { name: 'etcd-servers', default: 'http://127.0.0.1:2379', help: 'comma-separated etcd client URLs' },
  { name: 'bind-address', default: '127.0.0.1', help: 'IP address to serve on' },
  { name: 'port', default: '6443', help: 'TCP port to serve on (0 picks a free one)' },
  { name: 'service-cluster-ip-range', default: '10.96.0.0/12', help: 'CIDR from which Service ClusterIPs are allocated' },
  { name: 'service-node-port-range', default: '30000-32767', help: 'port range reserved for NodePort Services' },
  { name: 'etcd-compaction-interval', default: '300', help: 'seconds between compactions of etcd history (0: never)' },
  { name: 'insecure', default: 'false', help: 'allow plain HTTP on a non-loopback address (no TLS or authentication yet)', boolean: true },
  { name: 'join-token-file', default: '', help: 'file with the token nodes present to `bosun join` (joining is off when empty)' },
  { name: 'log-level', default: 'info', help: 'log level: debug, info, warn or error' },
];

const isLoopback = (addr: string): boolean => addr === '::1' || addr.startsWith('127.');

/** ApiServer options from parsed flags; a bad flag is a FlagError naming it. */
export function apiserverOptionsFrom(flags: ParsedFlags, log: Logger): ApiServerOptions {
  const bind = flagValue(flags, 'bind-address');
  if (isIP(bind) === 0) throw new FlagError(`flag --bind-address must be an IP address, not ${JSON.stringify(bind)}`);
  if (!isLoopback(bind) && flagValue(flags, 'insecure') !== 'true') {
    throw new FlagError(`refusing to serve plain HTTP on ${bind}: the API has no TLS or authentication yet; pass --insecure to do it anyway`);
  }
  const servers = flagValue(flags, 'etcd-servers').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (servers.length === 0) throw new FlagError('flag --etcd-servers needs at least one URL');
  for (const s of servers) {
    try { new URL(s.includes('://') ? s : `http://${s}`); } catch { throw new FlagError(`flag --etcd-servers: ${JSON.stringify(s)} is not a URL`); }
  }
  for (const [flag, check] of [['service-cluster-ip-range', parseCidr], ['service-node-port-range', parsePortRange]] as const) {
    try { check(flagValue(flags, flag)); } catch (err) { throw new FlagError(`flag --${flag}: ${err instanceof Error ? err.message : String(err)}`); }
  }
  return {
    etcdServers: servers, bindAddress: bind,
    port: intFlag(flags, 'port', 0, 65535),
    serviceClusterIPRange: flagValue(flags, 'service-cluster-ip-range'),
    serviceNodePortRange: flagValue(flags, 'service-node-port-range'),
    compactionIntervalSeconds: intFlag(flags, 'etcd-compaction-interval', 0, 86400),
    joinTokenFile: flagValue(flags, 'join-token-file'),
    resources: servedResources, conversions: hpaConversions, log,
  };
}

/** Resolves on SIGTERM or SIGINT. */
export function terminationSignal(): AbortSignal {
  const ctl = new AbortController();
  process.once('SIGTERM', () => ctl.abort());
  process.once('SIGINT', () => ctl.abort());
  return ctl.signal;
}

export async function main(argv: readonly string[]): Promise<number> {
  let server: ApiServer;
  let log: Logger;
  try {
    const flags = parseFlags(apiserverFlags, argv);
    if (flags.help) {
      process.stdout.write(`${helpText('bosun apiserver [flags]', 'Serves the Kubernetes REST API for the resources Bosun knows, storing them in etcd.', apiserverFlags)}\n`);
      return 0;
    }
    if (flags.rest.length > 0) throw new FlagError(`unexpected argument ${JSON.stringify(flags.rest[0])}`);
    log = rootLogger(flagValue(flags, 'log-level'), 'bosun-apiserver');
    server = new ApiServer(apiserverOptionsFrom(flags, log));
  } catch (err) {
    process.stderr.write(`bosun apiserver: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const stop = terminationSignal();
  try {
    await server.start();
  } catch (err) {
    log.error({ err }, 'Apiserver failed to start');
    await server.stop().catch(() => {});
    return 1;
  }
  await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  await server.stop();
  return 0;
}
