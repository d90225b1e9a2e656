// `bosun apiserver`: flags, logger, ApiServer, signals.
import { isIP } from 'node:net';
import { servedResources } from '../../shared/api/resources.js';
import { hpaConversions } from '../../shared/api/autoscaling/conversions.js';
import { FlagError, flagValue, helpText, intFlag, parseFlags, type FlagSpec } from '../../shared/util/flags.js';
import { rootLogger } from '../../shared/util/log.js';
import { ApiServer } from './server.js';

export const apiserverFlags: readonly FlagSpec[] = [
  { name: 'etcd-servers', default: 'http://127.0.0.1:2379', help: 'comma-separated etcd client URLs' },
  { name: 'bind-address', default: '127.0.0.1', help: 'IP address to serve on' },
  { name: 'port', default: '6443', help: 'TCP port to serve on (0 picks a free one)' },
  { name: 'service-cluster-ip-range', default: '10.96.0.0/12', help: 'CIDR from which Service ClusterIPs are allocated' },
  { name: 'service-node-port-range', default: '30000-32767', help: 'port range reserved for NodePort Services' },
  { name: 'etcd-compaction-interval', default: '300', help: 'seconds between compactions of etcd history (0: never)' },
  { name: 'insecure', default: 'false', help: 'allow plain HTTP on a non-loopback address (no TLS or authentication yet)', boolean: true },
  { name: 'log-level', default: 'info', help: 'log level: debug, info, warn or error' },
];

const usage = 'bosun apiserver [flags]';
const summary = 'Serves the Kubernetes REST API for the resources Bosun knows, storing them in etcd.';

function isLoopback(addr: string): boolean {
  return addr === 'localhost' || addr === '::1' || addr.startsWith('127.');
}

export async function main(argv: readonly string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(apiserverFlags, argv);
    if (flags.help) { process.stdout.write(`${helpText(usage, summary, apiserverFlags)}\n`); return 0; }
    if (flags.rest.length > 0) throw new FlagError(`unexpected argument ${JSON.stringify(flags.rest[0])}`);
    const bind = flagValue(flags, 'bind-address');
    if (isIP(bind) === 0) throw new FlagError(`flag --bind-address must be an IP address, not ${JSON.stringify(bind)}`);
    if (!isLoopback(bind) && flagValue(flags, 'insecure') !== 'true') {
      throw new FlagError(`refusing to serve plain HTTP on ${bind}: the API has no TLS or authentication yet; pass --insecure to do it anyway`);
    }
  } catch (err) {
    if (err instanceof FlagError) { process.stderr.write(`bosun apiserver: ${err.message}\n`); return 2; }
    throw err;
  }
  const log = rootLogger(flagValue(flags, 'log-level'), 'bosun-apiserver');
  let server: ApiServer;
  try {
    const servers = flagValue(flags, 'etcd-servers').split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (servers.length === 0) throw new FlagError('flag --etcd-servers needs at least one URL');
    for (const s of servers) {
      try { new URL(s.includes('://') ? s : `http://${s}`); } catch { throw new FlagError(`flag --etcd-servers: ${JSON.stringify(s)} is not a URL`); }
    }
    server = new ApiServer({
      etcdServers: servers,
      bindAddress: flagValue(flags, 'bind-address'),
      port: intFlag(flags, 'port', 0, 65535),
      serviceClusterIPRange: flagValue(flags, 'service-cluster-ip-range'),
      serviceNodePortRange: flagValue(flags, 'service-node-port-range'),
      compactionIntervalSeconds: intFlag(flags, 'etcd-compaction-interval', 0, 86400),
      resources: servedResources, conversions: hpaConversions, log,
    });
  } catch (err) {
    process.stderr.write(`bosun apiserver: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => { void server.stop().finally(resolve); };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  try {
    await server.start();
  } catch (err) {
    log.error({ err }, 'Apiserver failed to start');
    await server.stop().catch(() => {});
    return 1;
  }
  await stopped;
  return 0;
}
