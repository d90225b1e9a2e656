// The proxy: Service, EndpointSlice and Node informers whose handlers only poke the sync
// scheduler; each sync takes a snapshot of the caches, builds the whole ruleset (pure),
// renders what changed since the last successful restore (everything on a full sync) and
// applies it with one iptables-restore --noflush. The first sync after a start is full and
// loads over any chains a previous process left, so traffic never goes unhandled.
import { setMaxListeners } from 'node:events';
import type { Node } from '../../shared/api/core/v1/node.js';
import type { Service } from '../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../shared/api/discovery/v1/endpoint-slice.js';
import type { ClientLog } from '../../shared/client/client-log.js';
import { Informer } from '../../shared/client/informer.js';
import type { ResourceClient } from '../../shared/client/resource-client.js';
import { RestClient } from '../../shared/client/rest-client.js';
import type { TimerClock } from '../../shared/client/timers.js';
import type { BackendChoice } from './backend.js';
import { staleUdpFlows } from './conntrack.js';
import { loadBalancerUpdates, writeLoadBalancerStatus } from './lb-status.js';
import { ProxyMetrics } from './metrics.js';
import { buildRuleset, hooks } from './ruleset/build.js';
import { renderRestore, type Applied } from './ruleset/render.js';
import { tables } from './ruleset/rule-text.js';
import { IptablesRunner, RestoreError, type Exec } from './runner.js';
import { serve } from './server.js';
import { buildSnapshot, loadBalancerIPs, type ProxySnapshot } from './snapshot.js';
import { SyncScheduler } from './sync-scheduler.js';

export interface ProxyOptions {
  readonly server: string;
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly clusterCIDR: string;
  readonly masqueradeAll: boolean;
  readonly minSyncMs: number;
  readonly syncMs: number;
  readonly backend: BackendChoice;
  /** 0: no healthz/metrics server. */
  readonly healthzPort: number;
  readonly clock: TimerClock;
  readonly log: ClientLog;
  readonly exec?: Exec;
}

const core = (resource: string, namespaced: boolean) => ({ group: '', version: 'v1', resource, namespaced }) as const;

export class Proxier {
  readonly metrics = new ProxyMetrics();
  private readonly client: RestClient;
  private readonly servicesApi: ResourceClient<Service>;
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly nodes: Informer<Node>;
  private readonly runner: IptablesRunner;
  private readonly scheduler: SyncScheduler;
  private applied: Applied | undefined;
  private lastSnap: ProxySnapshot | undefined;
  private needFull = true;
  private lastFull = -Infinity;
  private lastSuccess: number | undefined;
  private lbIPs = '';

  constructor(private readonly o: ProxyOptions) {
    this.client = new RestClient({ server: o.server, userAgent: `bosun-proxy/${o.nodeName}` });
    this.servicesApi = this.client.resource<Service>(core('services', true));
    this.services = new Informer<Service>({ client: this.servicesApi, clock: o.clock, log: o.log });
    this.slices = new Informer<EndpointSlice>({
      client: this.client.resource<EndpointSlice>({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespaced: true }),
      clock: o.clock, log: o.log,
    });
    this.nodes = new Informer<Node>({ client: this.client.resource<Node>(core('nodes', false)), clock: o.clock, log: o.log });
    this.runner = new IptablesRunner({ backend: o.backend, log: o.log, ...(o.exec !== undefined ? { exec: o.exec } : {}) });
    this.scheduler = new SyncScheduler({ minMs: o.minSyncMs, maxMs: o.syncMs, clock: o.clock, sync: (s) => this.sync(s) });
  }

  async run(signal: AbortSignal): Promise<void> {
    setMaxListeners(0, signal);
    const o = this.o;
    const backend = await this.runner.init(signal);
    o.log.info({ backend, node: o.nodeName }, 'Chose iptables backend');
    if (o.healthzPort > 0) {
      await serve({
        host: o.nodeIP, port: o.healthzPort, metrics: this.metrics.registry, log: o.log,
        health: { lastSuccess: () => this.lastSuccess, now: () => o.clock.now().getTime(), staleAfterMs: 2 * o.syncMs + o.minSyncMs },
      }, signal);
    }
    const poke = (): void => this.scheduler.poke();
    this.services.addHandlers({ onAdd: poke, onUpdate: poke, onDelete: poke });
    this.slices.addHandlers({ onAdd: poke, onUpdate: poke, onDelete: poke });
    const nodesChanged = (): void => {
      const ips = loadBalancerIPs(this.nodes.store.list()).join(',');
      if (ips !== this.lbIPs) { this.lbIPs = ips; poke(); }
    };
    this.nodes.addHandlers({ onAdd: nodesChanged, onUpdate: nodesChanged, onDelete: nodesChanged });
    const informers = [this.services.run(signal), this.slices.run(signal), this.nodes.run(signal)];
    // No sync before every cache is filled: an empty first sync would delete every service's rules.
    for (const i of [this.services, this.slices, this.nodes]) if (!await i.waitForSync(signal)) { await Promise.all(informers); return; }
    o.log.info({ node: o.nodeName }, 'Proxy caches synced');
    await Promise.all([...informers, this.scheduler.run(signal)]);
    this.client.close();
  }

  /** One sync; false when it failed (the next one is full). */
  async sync(signal: AbortSignal): Promise<boolean> {
    const o = this.o;
    const t0 = performance.now();
    const full = this.needFull || this.applied === undefined || o.clock.now().getTime() - this.lastFull >= o.syncMs;
    try {
      const snap = buildSnapshot({
        services: this.services.store.list(), slices: this.slices.store.list(), nodeName: o.nodeName,
        clusterCIDR: o.clusterCIDR, masqueradeAll: o.masqueradeAll,
      });
      const rs = buildRuleset(snap);
      // After a start or a failure the kernel is asked which of our chains exist; otherwise we know.
      const existing = !full ? undefined : this.applied === undefined ? await this.runner.ownChains(signal) : new Set(this.applied.keys());
      const r = renderRestore(rs, { previous: full ? undefined : this.applied, ...(existing !== undefined ? { existing } : {}) });
      const mode = full ? 'full' : r.text === '' ? 'noop' : 'partial';
      let restoreMs = 0;
      if (r.text !== '') {
        const t1 = performance.now();
        await this.runner.restore(r.text, signal);
        restoreMs = performance.now() - t1;
        this.metrics.restoreDuration.observe({}, restoreMs / 1000);
      }
      this.applied = r.applied;
      if (full) {
        const added = await this.runner.ensureHooks(hooks, signal);
        if (added > 0) o.log.info({ hooks: added }, 'Added hooks from built-in chains');
        this.needFull = false;
        this.lastFull = o.clock.now().getTime();
      }
      for (const args of staleUdpFlows(this.lastSnap, snap)) await this.runner.conntrackDelete(args, signal);
      this.lastSnap = snap;
      const ms = performance.now() - t0;
      this.lastSuccess = o.clock.now().getTime();
      this.record(mode, 'ok', ms, rs, r.writtenChains, snap.servicePorts.length);
      const level = mode === 'noop' ? 'debug' : 'info';
      o.log[level]({ mode, servicePorts: snap.servicePorts.length, writtenChains: r.writtenChains, deletedChains: r.deletedChains.length, lines: r.lines, restoreMs: Math.round(restoreMs), ms: Math.round(ms) }, 'Synced proxy rules');
      await this.syncLoadBalancers(signal);
      return true;
    } catch (err) {
      if (signal.aborted) return true;
      this.needFull = true;
      this.applied = undefined;
      this.metrics.syncs.inc({ mode: full ? 'full' : 'partial', result: 'error' });
      if (err instanceof RestoreError) o.log.error({ err, line: err.line, context: err.context.join('\n') }, 'Failed to apply proxy rules; the next sync is full');
      else o.log.error({ err }, 'Failed to sync proxy rules; the next sync is full');
      return false;
    }
  }

  private record(mode: string, result: string, ms: number, rs: ReturnType<typeof buildRuleset>, written: number, servicePorts: number): void {
    const m = this.metrics;
    m.syncs.inc({ mode, result });
    m.syncDuration.observe({ mode }, ms / 1000);
    for (const t of tables) {
      m.rules.set({ table: t }, rs[t].ruleCount);
      m.chains.set({ table: t }, rs[t].chains.size);
    }
    m.written.set({}, written);
    m.servicePorts.set({}, servicePorts);
    m.lastSync.set({}, this.o.clock.now().getTime() / 1000);
  }

  private async syncLoadBalancers(signal: AbortSignal): Promise<void> {
    const updates = loadBalancerUpdates(this.services.store.list(), loadBalancerIPs(this.nodes.store.list()));
    if (updates.length === 0) return;
    if (!await writeLoadBalancerStatus(this.servicesApi, updates, this.o.log, signal)) this.scheduler.poke();
  }
}
