// `bosun network`: the pod network agent and the node-local DNS server of one node. Flags,
// logger, informers for Nodes, Services and EndpointSlices, the iptables backend, signals.
// `--cleanup` removes what the agent made and exits. The pods' MTU is the kubelet's
// `--pod-mtu`: with `--mode vxlan` it must be 1450 (the vxlan device's), on every node.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { setMaxListeners } from 'node:events';
import type { Node } from '../../shared/api/core/v1/node.js';
import type { Service } from '../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../shared/api/discovery/v1/endpoint-slice.js';
import { apiServerFrom, connectionFlags } from '../../shared/client/connection-flags.js';
import { Informer } from '../../shared/client/informer.js';
import { RestClient } from '../../shared/client/rest-client.js';
import { systemTimerClock } from '../../shared/client/timers.js';
import { FlagError, flagValue, helpText, intFlag, parseFlags, secondsFlag, type FlagSpec } from '../../shared/util/flags.js';
import { rootLogger } from '../../shared/util/log.js';
import { cleanupNetwork, NetworkAgent, type AgentSettings } from './agent.js';
import { parseUpstream, resolvConfNameservers, UpstreamForwarder, type Upstream } from './dns/forward.js';
import { InformerClusterView, serviceIndexers, sliceIndexers } from './dns/records.js';
import { DnsServer } from './dns/server.js';
import { ExecHostCommands } from './host-commands.js';
import type { NetworkMode } from './routes.js';

export const networkFlags: readonly FlagSpec[] = [
  ...connectionFlags,
  { name: 'node-name', default: '', help: 'name of this Node (as the kubelet registered it)' },
  { name: 'node-ip', default: '', help: 'this node\'s InternalIP (required): next hop of host-gw routes, vxlan endpoint, source of service-range traffic' },
  { name: 'mode', default: 'host-gw', help: 'how pod traffic reaches other nodes: host-gw (route via the node IP; nodes share a link) or vxlan (pods need MTU 1450: kubelet --pod-mtu 1450)' },
  { name: 'cluster-cidr', default: '10.244.0.0/16', help: 'the pod range of the whole cluster' },
  { name: 'service-cidr', default: '10.96.0.0/12', help: 'the ClusterIP range, routed to the sink device bosun-svc' },
  { name: 'dns-address', default: '169.254.20.10', help: 'node-local DNS address, put on bosun-svc (the kubelet\'s --cluster-dns)' },
  { name: 'dns-port', default: '53', help: 'port of the node-local DNS server (UDP and TCP)' },
  { name: 'cluster-domain', default: 'cluster.local', help: 'the cluster\'s DNS domain' },
  { name: 'upstream-dns', default: '', help: 'comma-separated resolvers (IP or IP:port) for names outside the cluster (default: the nameservers of /etc/resolv.conf)' },
  { name: 'upstream-timeout', default: '2', help: 'seconds to wait for each upstream resolver' },
  { name: 'resync-period', default: '10s', help: 'how often routes and rules are checked even without Node changes' },
  { name: 'cleanup', default: 'false', boolean: true, help: 'remove every route, device and rule the agent made, then exit' },
  { name: 'log-level', default: 'info', help: 'log level: debug, info, warn or error' },
];

const cidrPattern = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/;

function cidrFlag(value: string, name: string): string {
  const m = cidrPattern.exec(value);
  if (m === null || isIP(m[1]!) !== 4 || Number(m[2]) > 32) throw new FlagError(`flag --${name} must be an IPv4 CIDR, not ${JSON.stringify(value)}`);
  return value;
}

interface NetworkConfig {
  readonly server: string;
  readonly settings: AgentSettings;
  readonly domain: string;
  readonly dnsPort: number;
  readonly upstreams: readonly Upstream[];
  readonly upstreamTimeoutMs: number;
  readonly cleanup: boolean;
}

function configFrom(flags: ReturnType<typeof parseFlags>): NetworkConfig {
  if (flags.rest.length > 0) throw new FlagError(`unexpected argument ${JSON.stringify(flags.rest[0])}`);
  const cleanup = flagValue(flags, 'cleanup') === 'true';
  const nodeIP = flagValue(flags, 'node-ip');
  if (!cleanup && isIP(nodeIP) !== 4) throw new FlagError(`flag --node-ip must be this node's IPv4 address, not ${JSON.stringify(nodeIP)}`);
  const mode = flagValue(flags, 'mode');
  if (mode !== 'host-gw' && mode !== 'vxlan') throw new FlagError(`flag --mode must be host-gw or vxlan, not ${JSON.stringify(mode)}`);
  const dnsAddress = flagValue(flags, 'dns-address');
  if (isIP(dnsAddress) !== 4) throw new FlagError(`flag --dns-address must be an IPv4 address, not ${JSON.stringify(dnsAddress)}`);
  const nodeName = flagValue(flags, 'node-name');
  if (!cleanup && nodeName === '') throw new FlagError('flag --node-name is required');
  let upstreamSpecs = flagValue(flags, 'upstream-dns').split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (upstreamSpecs.length === 0) {
    let text = '';
    try { text = readFileSync('/etc/resolv.conf', 'utf8'); } catch { /* no resolv.conf: no upstream */ }
    upstreamSpecs = resolvConfNameservers(text).filter((x) => x !== dnsAddress);
  }
  let upstreams: Upstream[];
  try { upstreams = upstreamSpecs.map(parseUpstream); } catch (err) { throw new FlagError(`flag --upstream-dns: ${(err as Error).message}`); }
  return {
    server: cleanup ? '' : apiServerFrom(flags),
    settings: {
      nodeName, nodeIP, mode: mode satisfies NetworkMode,
      clusterCidr: cidrFlag(flagValue(flags, 'cluster-cidr'), 'cluster-cidr'),
      serviceCidr: cidrFlag(flagValue(flags, 'service-cidr'), 'service-cidr'),
      dnsAddress, resyncMs: secondsFlag(flags, 'resync-period', 1, 3600) * 1000,
    },
    domain: flagValue(flags, 'cluster-domain').toLowerCase().replace(/^\.+|\.+$/g, ''),
    dnsPort: intFlag(flags, 'dns-port', 1, 65535),
    upstreams, upstreamTimeoutMs: intFlag(flags, 'upstream-timeout', 1, 60) * 1000,
    cleanup,
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  let cfg: NetworkConfig;
  let level: string;
  try {
    const flags = parseFlags(networkFlags, argv);
    if (flags.help) {
      process.stdout.write(`${helpText('bosun network [flags]', 'Keeps this node\'s pod routes, service sink and masquerade in step with the Nodes, and answers DNS on the node-local address.', networkFlags)}\n`);
      return 0;
    }
    cfg = configFrom(flags);
    level = flagValue(flags, 'log-level');
  } catch (err) {
    if (err instanceof FlagError) { process.stderr.write(`bosun network: ${err.message}\n`); return 2; }
    throw err;
  }
  const root = rootLogger(level, 'bosun-network');
  const ctl = new AbortController();
  setMaxListeners(0, ctl.signal);
  process.once('SIGTERM', () => ctl.abort());
  process.once('SIGINT', () => ctl.abort());
  const host = await ExecHostCommands.detect(ctl.signal);
  root.info({ iptables: host.backend.mode }, 'Chose the iptables backend');
  if (cfg.cleanup) {
    await cleanupNetwork(host, root.child({ component: 'network-cleanup' }), ctl.signal);
    return 0;
  }
  return serve(cfg, host, root, ctl);
}

async function serve(cfg: NetworkConfig, host: ExecHostCommands, root: ReturnType<typeof rootLogger>, ctl: AbortController): Promise<number> {
  const signal = ctl.signal;
  const client = new RestClient({ server: cfg.server, userAgent: `bosun-network/${cfg.settings.nodeName}` });
  const clock = systemTimerClock;
  const log = root.child({ component: 'network-agent' });
  const nodes = new Informer<Node>({ client: client.resource<Node>({ group: '', version: 'v1', resource: 'nodes', namespaced: false }), clock, log });
  const services = new Informer<Service>({ client: client.resource<Service>({ group: '', version: 'v1', resource: 'services', namespaced: true }), clock, log, indexers: serviceIndexers });
  const slices = new Informer<EndpointSlice>({
    client: client.resource<EndpointSlice>({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespaced: true }), clock, log, indexers: sliceIndexers,
  });
  const agent = new NetworkAgent({ nodes: nodes.store, host, settings: cfg.settings, clock, log });
  nodes.addHandlers({ onAdd: () => agent.poke(), onUpdate: (a, b) => { if (a !== b) agent.poke(); }, onDelete: () => agent.poke() });
  const dnsLog = root.child({ component: 'node-dns' });
  if (cfg.upstreams.length === 0) dnsLog.warn({}, 'No upstream resolvers: names outside the cluster get SERVFAIL');
  const dns = new DnsServer({
    address: cfg.settings.dnsAddress, port: cfg.dnsPort,
    view: new InformerClusterView(services.store, slices.store),
    zone: { domain: cfg.domain, reverseCidrs: [cfg.settings.clusterCidr, cfg.settings.serviceCidr], ttl: 5 },
    forwarder: new UpstreamForwarder({ upstreams: cfg.upstreams, timeoutMs: cfg.upstreamTimeoutMs, log: dnsLog }),
    log: dnsLog,
  });
  try {
    await agent.ensureSink(signal);
    const informers = [nodes.run(signal), services.run(signal), slices.run(signal)];
    // an empty cache would look like "no other nodes": no pass, and no answers, before the first list
    for (const i of [nodes, services, slices]) if (!await i.waitForSync(signal)) return 0;
    await dns.listen(signal);
    await Promise.all([...informers, agent.run(signal), dns.run(signal)]);
  } catch (err) {
    if (signal.aborted) return 0;
    root.error({ err }, 'Network agent stopped');
    ctl.abort();
    return 1;
  } finally {
    client.close();
  }
  return 0;
}
