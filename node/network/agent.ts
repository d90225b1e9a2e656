// The pod network agent: keeps this node's routes to every other node's podCIDR (host-gw or
// vxlan), the sink device for the service range and the node-local DNS address, the cluster
// CIDR blackhole and the FORWARD/masquerade rules in step with the Node objects. Level
// triggered: every pass reads the Node cache and the kernel and fixes the difference, on a
// Node change and every resync period (a link that went down took its routes with it).
import type { Node } from '../../shared/api/core/v1/node.js';
import type { ClientLog } from '../../shared/client/client-log.js';
import type { StoreReader } from '../../shared/client/store.js';
import { sleep, type TimerClock } from '../../shared/client/timers.js';
import { ensureFirewall, removeFirewall } from './firewall.js';
import { mustSucceed, type HostCommands } from './host-commands.js';
import { desiredRoutes, diffRoutes, parseRoutes, peersOf, routeArgs, sinkDevice, type NetworkMode, type RouteSpec } from './routes.js';
import { ensureVxlanDevice, syncVxlanPeers, vxlanDevice } from './vxlan.js';

export interface AgentSettings {
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly mode: NetworkMode;
  readonly clusterCidr: string;
  readonly serviceCidr: string;
  readonly dnsAddress: string;
  readonly resyncMs: number;
}

export interface NetworkAgentOptions {
  readonly nodes: StoreReader<Node>;
  readonly host: HostCommands;
  readonly settings: AgentSettings;
  readonly clock: TimerClock;
  readonly log: ClientLog;
}

export interface ReconcileResult { readonly changes: number; readonly blocked: readonly string[]; readonly failures: readonly string[] }

export class NetworkAgent {
  private wake: (() => void) | undefined;
  private dirty = false;
  private warnedMissing = '';

  constructor(private readonly o: NetworkAgentOptions) {}

  /** Called by informer handlers: runs a pass soon. */
  poke(): void {
    this.dirty = true;
    this.wake?.();
  }

  /** The sink device with the DNS address, so the DNS server can bind before the first pass. */
  async ensureSink(signal: AbortSignal): Promise<number> {
    const ip = (args: string[]): Promise<string> => this.o.host.ip(args, signal).then((r) => mustSucceed(`ip ${args.join(' ')}`, r));
    let changes = 0;
    const shown = await this.o.host.ip(['-j', 'link', 'show', sinkDevice], signal);
    if (shown.code !== 0) { await ip(['link', 'add', sinkDevice, 'type', 'ifb']); changes++; }
    if (shown.code !== 0 || !shown.stdout.includes('"UP"')) { await ip(['link', 'set', sinkDevice, 'up']); changes++; }
    const addrs = await ip(['-j', '-4', 'addr', 'show', 'dev', sinkDevice]);
    if (!addrs.includes(`"local":"${this.o.settings.dnsAddress}"`)) { await ip(['addr', 'replace', `${this.o.settings.dnsAddress}/32`, 'dev', sinkDevice]); changes++; }
    return changes;
  }

  /** One pass: sink, vxlan device and peers, routes, rules. Failures of single routes are collected, not thrown. */
  async reconcile(signal: AbortSignal): Promise<ReconcileResult> {
    const s = this.o.settings;
    const log = this.o.log;
    let changes = await this.ensureSink(signal);
    const self = this.o.nodes.get(s.nodeName);
    let peers = peersOf(this.o.nodes.list(), s.nodeName);
    if (s.mode === 'vxlan') {
      const own = self?.spec?.podCIDR ?? '';
      if (own === '') {
        log.info({ node: s.nodeName }, 'Waiting for this node\'s podCIDR before making the vxlan device');
        peers = [];
      } else {
        if (await ensureVxlanDevice(this.o.host, s.nodeIP, own, signal) === 'created') { changes++; log.info({ device: vxlanDevice, node: s.nodeName }, 'Created the vxlan device'); }
        changes += await syncVxlanPeers(this.o.host, peers, signal);
      }
    } else if ((await this.o.host.ip(['link', 'show', vxlanDevice], signal)).code === 0) {
      mustSucceed(`ip link del ${vxlanDevice}`, await this.o.host.ip(['link', 'del', vxlanDevice], signal));
      changes++;
      log.info({ device: vxlanDevice }, 'Removed the vxlan device (mode host-gw)');
    }
    const desired = desiredRoutes({ mode: s.mode, peers, nodeIP: s.nodeIP, clusterCidr: s.clusterCidr, serviceCidr: s.serviceCidr });
    const kernel = parseRoutes(mustSucceed('ip route show', await this.o.host.ip(['-j', 'route', 'show', 'table', 'main'], signal)));
    const diff = diffRoutes(desired, kernel);
    const failures: string[] = [];
    const apply = async (verb: 'del' | 'replace', r: RouteSpec): Promise<void> => {
      const res = await this.o.host.ip(['route', verb, ...routeArgs(r)], signal);
      if (res.code === 0) { changes++; log.info({ route: r.dst, via: r.gateway, dev: r.dev, type: r.type }, verb === 'del' ? 'Removed route' : 'Set route'); return; }
      failures.push(`ip route ${verb} ${r.dst}: ${res.stderr.trim()}`);
    };
    for (const r of diff.remove) await apply('del', r);
    for (const r of diff.replace) await apply('replace', r);
    const blocked = diff.blocked.map((r) => r.dst);
    const fw = await ensureFirewall(this.o.host, s.clusterCidr, signal);
    changes += fw.added;
    const missing = fw.missingChains.join(',');
    if (missing !== '' && missing !== this.warnedMissing) log.warn({ chains: fw.missingChains }, 'Could not add forward accepts: chain missing (dockerd not started yet?)');
    this.warnedMissing = missing;
    return { changes, blocked, failures };
  }

  /** Passes on every poke and every resync period until `signal` aborts; a failed pass is retried with back-off. */
  async run(signal: AbortSignal): Promise<void> {
    const log = this.o.log;
    let delay = 0;
    let failedBefore = false;
    let blockedBefore = '';
    while (!signal.aborted) {
      this.dirty = false;
      try {
        const r = await this.reconcile(signal);
        const blocked = r.blocked.join(',');
        if (blocked !== blockedBefore && blocked !== '') log.warn({ routes: r.blocked }, 'Left routes alone: another owner routes these prefixes');
        blockedBefore = blocked;
        if (r.failures.length > 0) throw new Error(r.failures.join('; '));
        if (r.changes > 0 || failedBefore) log.info({ changes: r.changes, node: this.o.settings.nodeName }, 'Reconciled the pod network');
        failedBefore = false;
        delay = this.o.settings.resyncMs;
      } catch (err) {
        if (signal.aborted) break;
        delay = failedBefore ? Math.min(delay * 2, this.o.settings.resyncMs) : 500;
        failedBefore = true;
        log.warn({ err, retryInMs: delay }, 'Pod network pass failed');
      }
      if (!this.dirty) await this.waitForPoke(delay, signal);
    }
  }

  private async waitForPoke(ms: number, signal: AbortSignal): Promise<void> {
    const poked = new Promise<void>((resolve) => { this.wake = resolve; });
    const inner = new AbortController();
    const onAbort = (): void => inner.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    await Promise.race([poked, sleep(this.o.clock, ms, inner.signal)]);
    inner.abort();
    signal.removeEventListener('abort', onAbort);
    this.wake = undefined;
    // a burst of Node events (every node's status heartbeat) makes one pass, not many
    if (!signal.aborted) await sleep(this.o.clock, 50, signal);
  }
}

/** Removes everything the agent adds: owned routes, the vxlan and sink devices, our iptables rules and chain. */
export async function cleanupNetwork(host: HostCommands, log: ClientLog, signal: AbortSignal): Promise<number> {
  let removed = 0;
  const kernel = parseRoutes(mustSucceed('ip route show', await host.ip(['-j', 'route', 'show', 'table', 'main'], signal)));
  for (const r of kernel.owned) {
    const res = await host.ip(['route', 'del', ...routeArgs(r)], signal);
    if (res.code === 0) removed++; else log.warn({ route: r.dst, stderr: res.stderr.trim() }, 'Could not remove route');
  }
  for (const dev of [vxlanDevice, sinkDevice]) {
    if ((await host.ip(['link', 'show', dev], signal)).code !== 0) continue;
    mustSucceed(`ip link del ${dev}`, await host.ip(['link', 'del', dev], signal));
    removed++;
  }
  removed += await removeFirewall(host, signal);
  log.info({ removed }, 'Removed the pod network setup');
  return removed;
}
