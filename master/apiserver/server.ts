// The apiserver: builds storage, caches, admission and handlers, and serves HTTP.
import { createHash } from 'node:crypto';
import { ServerResponse, createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { StatusError } from '../../shared/api/errors.js';
import type { ResourceType } from '../../shared/api/resource.js';
import { Counter, Gauge, Histogram, MetricsRegistry } from '../../shared/util/metrics.js';
import { systemClock, type Clock } from '../../shared/util/time.js';
import { AdmissionChain } from './admission/admission.js';
import { parseCidr } from '../../shared/util/cidr.js';
import { NamespaceLifecycle } from './admission/namespace-lifecycle.js';
import { ServiceAllocator, type PortRange } from './admission/service-allocation.js';
import { bootstrap } from './bootstrap.js';
import { Codec, type Conversion } from './codec.js';
import { aggregated, aggregatedV2, aggregatedV2beta1, apiGroupList, apiGroupObject, apiResourceList, apiVersions } from './discovery.js';
import type { Handlers } from './handlers/context.js';
import { handlePodStreamUpgrade, isPodStream } from './handlers/pod-stream.js';
import { handleResource } from './handlers/resource.js';
import { discoveryForm } from './http/negotiate.js';
import { parseResourceRequest } from './http/request-info.js';
import { toStatusError, writeError, writeJson } from './http/respond.js';
import { buildOpenApiV3, openapiV2Body, openapiV2ContentType, type OpenApiV3 } from './openapi.js';
import type { Registry } from './registry/context.js';
import { storageId } from './registry/keys.js';
import { EtcdKv } from './storage/etcd-kv.js';
import { resourcePrefix } from './storage/keys.js';
import { ObjectStore } from './storage/object-store.js';
import { WatchCache } from './storage/watch-cache.js';
import { gitVersion, versionInfo } from './version.js';
import { handleJoin, joinPath } from './join.js';

export interface ApiServerOptions {
  readonly etcdServers: readonly string[];
  readonly bindAddress: string;
  readonly port: number;
  readonly serviceClusterIPRange: string;
  readonly serviceNodePortRange: string;
  readonly resources: readonly ResourceType[];
  readonly conversions: readonly Conversion[];
  readonly log: Logger;
  readonly clock?: Clock;
  /** Seconds between etcd compactions; 0 turns compaction off. */
  readonly compactionIntervalSeconds?: number;
  /** File holding the node join token ('' or absent: joining is off). */
  readonly joinTokenFile?: string;
}

export function parsePortRange(s: string): PortRange {
  const m = /^(\d+)-(\d+)$/.exec(s);
  const min = Number(m?.[1]);
  const max = Number(m?.[2]);
  if (m === null || min < 1 || max > 65535 || min > max) throw new Error(`invalid port range ${JSON.stringify(s)} (want MIN-MAX, e.g. 30000-32767)`);
  return { min, max };
}

export class ApiServer {
  private readonly opts: ApiServerOptions;
  private readonly log: Logger;
  private kv: EtcdKv | undefined;
  private server: Server | undefined;
  private readonly caches = new Map<string, WatchCache>();
  private handlers: Handlers | undefined;
  private openapi: OpenApiV3 | undefined;
  private timers: NodeJS.Timeout[] = [];
  private readonly metrics = new MetricsRegistry();
  private readonly requests = this.metrics.register('apiserver_request_total', new Counter('Requests by verb, resource and HTTP code.'));
  private readonly latency = this.metrics.register('apiserver_request_duration_seconds',
    new Histogram('Request latency by verb and resource (watches excluded).', [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]));

  constructor(opts: ApiServerOptions) {
    this.opts = opts;
    this.log = opts.log.child({ component: 'apiserver' });
  }

  /** Connects to etcd, loads the caches, bootstraps, listens. Returns the bound port. */
  async start(): Promise<number> {
    const o = this.opts;
    const serviceRange = parseCidr(o.serviceClusterIPRange);
    const nodePortRange = parsePortRange(o.serviceNodePortRange);
    const kv = new EtcdKv(o.etcdServers);
    this.kv = kv;
    const store = new ObjectStore({ kv });
    for (const rt of o.resources) {
      const id = storageId(rt);
      if (!this.caches.has(id)) this.caches.set(id, new WatchCache({ prefix: resourcePrefix(id), kv, store, log: this.log }));
    }
    await Promise.all([...this.caches.values()].map((c) => c.start()));
    const services = new ServiceAllocator({ store, serviceRange, nodePortRange });
    const admission = new AdmissionChain({
      namespaces: new NamespaceLifecycle({ store, cache: this.caches.get('namespaces') }),
      services,
    });
    const registry: Registry = { store, caches: this.caches, admission, clock: o.clock ?? systemClock, log: this.log };
    this.handlers = {
      registry, resources: o.resources, codec: new Codec({ resources: o.resources, conversions: o.conversions }),
      watchTimeoutSeconds: { min: 1800, max: 3600 },
    };
    this.openapi = buildOpenApiV3(o.resources, gitVersion);
    this.metrics.register('apiserver_registered_watchers', new Gauge('Open watches by resource.',
      () => [...this.caches].map(([id, c]) => [{ resource: id }, c.watchers] as [Record<string, string>, number])));
    this.metrics.register('apiserver_storage_objects', new Gauge('Objects in the watch cache by resource.',
      () => [...this.caches].map(([id, c]) => [{ resource: id }, c.size] as [Record<string, string>, number])));
    const find = (group: string, resource: string): ResourceType => {
      const rt = o.resources.find((r) => r.group === group && r.resource === resource);
      if (rt === undefined) throw new Error(`resource ${group}/${resource} is not served`);
      return rt;
    };
    await bootstrap(registry, find, services.firstIP, o.port);
    this.timers.push(setInterval(() => { for (const c of this.caches.values()) c.tick(); }, 5000));
    const every = o.compactionIntervalSeconds ?? 300;
    if (every > 0) this.startCompaction(store, every);
    const server = createServer((req, res) => { void this.serve(req, res); });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.serveUpgrade(req, socket, head));
    server.keepAliveTimeout = 120_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.bindAddress, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    this.log.info({ address: o.bindAddress, port, etcd: o.etcdServers }, 'Apiserver started');
    return port;
  }

  /** Compacts etcd's history to the revision seen one interval ago, as kube-apiserver does. */
  private startCompaction(store: ObjectStore, seconds: number): void {
    let previous = 0;
    this.timers.push(setInterval(() => {
      void (async () => {
        const now = await store.currentRevision();
        if (previous > 0) await store.compact(previous).catch((err: unknown) => this.log.debug({ err }, 'Compaction skipped'));
        previous = now;
      })().catch((err: unknown) => this.log.warn({ err }, 'Compaction failed'));
    }, seconds * 1000));
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.all([...this.caches.values()].map((c) => c.stop()));
    const server = this.server;
    if (server !== undefined) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.kv?.close();
    this.log.info('Apiserver stopped');
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const url = new URL(req.url ?? '/', 'http://apiserver');
    const ri = parseResourceRequest(req.method ?? 'GET', url.pathname, url.searchParams);
    try {
      if (ri !== undefined) await handleResource(this.handlers!, req, res, ri, url.searchParams);
      else await this.serveNonResource(req, res, url);
    } catch (err) {
      const se = toStatusError(err);
      if (se.code >= 500) this.log.error({ err, method: req.method, path: url.pathname }, 'Request failed');
      writeError(res, se);
    } finally {
      const verb = ri?.verb ?? (req.method ?? 'GET').toLowerCase();
      const resource = ri !== undefined ? `${ri.resource}${ri.subresource !== '' ? `/${ri.subresource}` : ''}` : '';
      this.requests.inc({ verb, resource, code: String(res.statusCode) });
      if (verb !== 'watch') this.latency.observe({ verb, resource }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  /** pods/exec, attach and portforward go to the kubelet; any other upgrade is served as a plain request. */
  private serveUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://apiserver');
    const ri = parseResourceRequest(req.method ?? 'GET', url.pathname, url.searchParams);
    if (ri !== undefined && isPodStream(ri)) {
      this.requests.inc({ verb: ri.verb, resource: `pods/${ri.subresource}`, code: '101' });
      void handlePodStreamUpgrade(this.handlers!, req, socket, head, ri, url.searchParams, this.log)
        .catch((err: unknown) => { this.log.error({ err }, 'Stream proxy failed'); socket.destroy(); });
      return;
    }
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket as Socket);
    res.once('finish', () => socket.end());
    void this.serve(req, res);
  }

  private async serveNonResource(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === joinPath) {
      const node = await handleJoin(req, res, this.opts.joinTokenFile ?? '');
      this.log.info({ node }, 'Node joined');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new StatusError(405, 'MethodNotAllowed', `${req.method} is not allowed on ${path}`);
    const resources = this.opts.resources;
    const parts = path.split('/').filter((p) => p !== '');
    switch (path) {
      case '/version': writeJson(res, 200, versionInfo()); return;
      case '/healthz': case '/readyz': case '/livez': await this.health(res, path !== '/livez'); return;
      case '/metrics':
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
        res.end(this.metrics.text());
        return;
      case '/openapi/v2': case '/swagger-2.0.0.pb-v1':
        res.writeHead(200, { 'Content-Type': openapiV2ContentType, 'Content-Length': openapiV2Body.length });
        res.end(openapiV2Body);
        return;
      case '/openapi/v3':
        this.writeCached(req, res, this.openapi!.root, 'application/json');
        return;
      case '/api': case '/apis': {
        const core = path === '/api';
        const form = discoveryForm(req.headers['accept']);
        if (form !== 'legacy') {
          this.writeCached(req, res, JSON.stringify(aggregated(resources, core, form)), form === 'v2' ? aggregatedV2 : aggregatedV2beta1);
          return;
        }
        const host = req.headers.host ?? `${this.opts.bindAddress}:${this.opts.port}`;
        this.writeCached(req, res, JSON.stringify(core ? apiVersions(host) : apiGroupList(resources)), 'application/json');
        return;
      }
    }
    if (parts[0] === 'openapi' && parts[1] === 'v3' && parts.length > 2) {
      const doc = this.openapi!.docs.get(parts.slice(2).join('/'));
      if (doc !== undefined) {
        res.setHeader('Cache-Control', url.searchParams.has('hash') ? 'public, immutable' : 'no-cache');
        this.writeCached(req, res, doc, 'application/json');
        return;
      }
    }
    if (parts[0] === 'api' && parts.length === 2) {
      const list = apiResourceList(resources, '', parts[1]!);
      if (list !== undefined) { writeJson(res, 200, list); return; }
    }
    if (parts[0] === 'apis' && parts.length === 2) {
      const g = apiGroupObject(resources, parts[1]!);
      if (g !== undefined) { writeJson(res, 200, g); return; }
    }
    if (parts[0] === 'apis' && parts.length === 3) {
      const list = apiResourceList(resources, parts[1]!, parts[2]!);
      if (list !== undefined) { writeJson(res, 200, list); return; }
    }
    throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  }

  /** A body with an ETag; answers 304 when the client has it. */
  private writeCached(req: IncomingMessage, res: ServerResponse, body: string, contentType: string): void {
    const etag = `"${createHash('sha256').update(contentType).update(body).digest('hex').slice(0, 32)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Vary', 'Accept');
    if (req.headers['if-none-match'] === etag) { res.writeHead(304); res.end(); return; }
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  private async health(res: ServerResponse, checkEtcd: boolean): Promise<void> {
    if (checkEtcd) {
      try {
        await Promise.race([
          this.kv!.range({ key: '/registry/health', countOnly: true }),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2s')), 2000)),
        ]);
      } catch (err) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`[-]etcd failed: ${err instanceof Error ? err.message : String(err)}\n`);
        return;
      }
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
  }
}
