// The proxy: Service, EndpointSlice and Node informers whose handlers only poke the sync
// scheduler; each sync takes a snapshot of the caches, builds the whole ruleset (pure),
// renders what changed since the last successful restore (everything on a full sync: at
// start, after a failure, every --full-sync-period) and applies it with iptables-restore
// --noflush (syncer.ts). The first sync after a start is full and loads over any chains a
// previous process left, so traffic never goes unhandled.
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
import { loadBalancerUpdates, writeLoadBalancerStatus } from './lb-status.js';
import { ProxyMetrics } from './metrics.js';
import { IptablesRunner, type Exec } from './runner.js';
import { serve } from './server.js';
import { loadBalancerIPs } from './snapshot.js';
import { RuleSyncer } from './syncer.js';
import { SyncScheduler, type SyncReason } from './sync-scheduler.js';

export interface ProxyOptions {
  readonly server: string;
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly clusterCIDR: string;
  readonly masqueradeAll: boolean;
  readonly minSyncMs: number;
  /** A partial sync (with a re-check of the kernel) at least this often. */
  readonly syncMs: number;
  /** A full sync at least this often. */
  readonly fullSyncMs: number;
  /** nft backend: lines per restore (default: the syncer's). */
  readonly chunkLines?: number;
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
  private readonly syncer: RuleSyncer;
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
    this.syncer = new RuleSyncer({
      runner: this.runner, nodeName: o.nodeName, clusterCIDR: o.clusterCIDR, masqueradeAll: o.masqueradeAll,
      fullSyncMs: o.fullSyncMs, ...(o.chunkLines !== undefined ? { chunkLines: o.chunkLines } : {}), clock: o.clock, log: o.log, metrics: this.metrics,
    });
    this.scheduler = new SyncScheduler({ minMs: o.minSyncMs, maxMs: o.syncMs, clock: o.clock, sync: (s, reason) => this.sync(s, reason) });
  }

  async run(signal: AbortSignal): Promise<void> {
    setMaxListeners(0, signal);
    const o = this.o;
    const backend = await this.runner.init(signal);
    o.log.info({ backend, node: o.nodeName }, 'Chose iptables backend');
    if (o.healthzPort > 0) {
      await serve({
        host: o.nodeIP, port: o.healthzPort, metrics: this.metrics.registry, log: o.log,
        health: { lastSuccess: () => this.syncer.lastSuccess, now: () => o.clock.now().getTime(), staleAfterMs: 2 * o.syncMs + o.minSyncMs },
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
  async sync(signal: AbortSignal, reason: SyncReason = 'change'): Promise<boolean> {
    try {
      await this.syncer.sync(this.services.store.list(), this.slices.store.list(), signal, reason);
    } catch {
      return signal.aborted;                              // logged by the syncer
    }
    await this.syncLoadBalancers(signal);
    return true;
  }

  private async syncLoadBalancers(signal: AbortSignal): Promise<void> {
    const updates = loadBalancerUpdates(this.services.store.list(), loadBalancerIPs(this.nodes.store.list()));
    if (updates.length === 0) return;
    if (!await writeLoadBalancerStatus(this.servicesApi, updates, this.o.log, signal)) this.scheduler.poke();
  }
}
