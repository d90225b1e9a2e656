// `bosun proxy`: flags, logger, the proxier, signals.
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import { apiServerFrom, connectionFlags } from '../../shared/client/connection-flags.js';
import { systemTimerClock } from '../../shared/client/timers.js';
import { FlagError, durationMsFlag, flagValue, helpText, intFlag, parseFlags, type FlagSpec, type ParsedFlags } from '../../shared/util/flags.js';
import { rootLogger } from '../../shared/util/log.js';
import type { BackendChoice } from './backend.js';
import { tuneEngine } from './engine.js';
import { Proxier, type ProxyOptions } from './proxier.js';

export const proxyFlags: readonly FlagSpec[] = [
  ...connectionFlags,
  { name: 'node-name', default: '', help: 'name of this Node (default: the host name); endpoints on it are local' },
  { name: 'node-ip', default: '', help: 'this node\'s address (required); /healthz and /metrics listen on it' },
  { name: 'iptables-backend', default: 'auto', help: 'auto (the backend Docker uses on this host), nft or legacy' },
  { name: 'min-sync-period', default: '1s', help: 'least time between two syncs; changes in between are batched' },
  { name: 'sync-period', default: '30s', help: 'a partial sync at least this often: re-checks the kernel, writes what changed, adds back missing hooks' },
  { name: 'full-sync-period', default: '1h', help: 'a full sync (every chain rewritten, stale ones deleted) at least this often; also at start and after a failure' },
  { name: 'cluster-cidr', default: '10.244.0.0/16', help: 'the pod network: traffic to a ClusterIP from outside it is masqueraded ("" for none)' },
  { name: 'masquerade-all', default: 'false', boolean: true, help: 'masquerade all traffic to ClusterIPs' },
  { name: 'healthz-port', default: '10256', help: 'port of /healthz and /metrics on the node IP (0: none)' },
  { name: 'log-level', default: 'info', help: 'log level: debug, info, warn or error' },
];

function cidrFlag(text: string): string {
  if (text === '') return '';
  const [ip, bits] = text.split('/');
  if (ip === undefined || isIP(ip) !== 4 || bits === undefined || !/^\d+$/.test(bits) || Number(bits) > 32) {
    throw new FlagError(`flag --cluster-cidr: ${JSON.stringify(text)} is not an IPv4 CIDR`);
  }
  return text;
}

export function proxyOptionsFrom(flags: ParsedFlags, log: ProxyOptions['log']): ProxyOptions {
  if (flags.rest.length > 0) throw new FlagError(`unexpected argument ${JSON.stringify(flags.rest[0])}`);
  const nodeIP = flagValue(flags, 'node-ip');
  if (isIP(nodeIP) !== 4) throw new FlagError(`flag --node-ip must be this node's IPv4 address, not ${JSON.stringify(nodeIP)}`);
  const backend = flagValue(flags, 'iptables-backend');
  if (backend !== 'auto' && backend !== 'nft' && backend !== 'legacy') throw new FlagError(`flag --iptables-backend takes auto, nft or legacy, not ${JSON.stringify(backend)}`);
  const minSyncMs = durationMsFlag(flags, 'min-sync-period');
  const syncMs = durationMsFlag(flags, 'sync-period');
  if (syncMs < minSyncMs || syncMs === 0) throw new FlagError('flag --sync-period must be positive and at least --min-sync-period');
  const fullSyncMs = durationMsFlag(flags, 'full-sync-period');
  if (fullSyncMs < syncMs) throw new FlagError('flag --full-sync-period must be at least --sync-period');
  return {
    server: apiServerFrom(flags),
    nodeName: flagValue(flags, 'node-name') || hostname().toLowerCase(),
    nodeIP, backend: backend as BackendChoice, minSyncMs, syncMs, fullSyncMs,
    clusterCIDR: cidrFlag(flagValue(flags, 'cluster-cidr')),
    masqueradeAll: flagValue(flags, 'masquerade-all') === 'true',
    healthzPort: intFlag(flags, 'healthz-port', 0, 65535),
    clock: systemTimerClock, log,
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  let opts: ProxyOptions;
  try {
    const flags = parseFlags(proxyFlags, argv);
    if (flags.help) {
      process.stdout.write(`${helpText('bosun proxy [flags]', 'Programs this node\'s iptables so Services answer on their ClusterIPs, node ports and load balancer IPs.', proxyFlags)}\n`);
      return 0;
    }
    opts = proxyOptionsFrom(flags, rootLogger(flagValue(flags, 'log-level'), 'bosun-proxy'));
  } catch (err) {
    if (err instanceof FlagError) { process.stderr.write(`bosun proxy: ${err.message}\n`); return 2; }
    throw err;
  }
  tuneEngine();
  const ctl = new AbortController();
  process.once('SIGTERM', () => ctl.abort());
  process.once('SIGINT', () => ctl.abort());
  try {
    await new Proxier(opts).run(ctl.signal);
  } catch (err) {
    if (ctl.signal.aborted) return 0;
    opts.log.error({ err }, 'Proxy stopped');
    return 1;
  }
  return 0;
}
