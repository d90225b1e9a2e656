// The kubelet's HTTP server (plain HTTP for now; the security work adds TLS): /healthz,
// /containerLogs, /exec and /attach (WebSocket channel protocol or SPDY/3.1), /portForward
// (SPDY/3.1, plain or tunnelled in a WebSocket) and /stats/summary. Requests are checked
// (pod, container, protocol) before any upgrade, so a refusal is an ordinary HTTP answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, createWebSocketStream, type WebSocket } from 'ws';
import type { StreamingRuntime } from '../runtime/streaming.js';
import { runningSandbox } from '../pods/pod-state.js';
import { serveContainerLogs } from './logs.js';
import { ServerRequestError, podNotFound, podUid, runningContainer, type PodSource } from './pod-source.js';
import { portForwardProtocol, servePortForward, type PortForwardTarget } from './portforward/forward.js';
import { wsProtocols } from './remotecommand/channels.js';
import { streamOptions } from './remotecommand/options.js';
import { serveSpdyStreams, spdyRemoteCommandProtocols } from './remotecommand/spdy.js';
import { serveWebSocketStreams } from './remotecommand/websocket.js';
import { SpdySession } from '../../../shared/spdy/session.js';
import { StatsProvider } from './stats.js';

export const wsPortForwardProtocol = 'SPDY/3.1+portforward.k8s.io';

export interface KubeletServerOptions {
  readonly address: string;
  readonly port: number;
  readonly nodeName: string;
  readonly pods: PodSource;
  readonly runtime: StreamingRuntime;
  /** The waiting reason the kubelet reports for a container (CrashLoopBackOff …), if any. */
  readonly waitingReason: (uid: string, container: string) => string | undefined;
  readonly log: Logger;
}

type Route =
  | { readonly kind: 'healthz' }
  | { readonly kind: 'stats' }
  | { readonly kind: 'logs'; readonly namespace: string; readonly pod: string; readonly container: string }
  | { readonly kind: 'exec' | 'attach'; readonly namespace: string; readonly pod: string; readonly container: string }
  | { readonly kind: 'portforward'; readonly namespace: string; readonly pod: string };

export function routeOf(pathname: string): Route | undefined {
  const p = pathname.split('/').filter((x) => x !== '').map(decodeURIComponent);
  const [head, ns = '', pod = '', container = ''] = p;
  if (pathname === '/healthz') return { kind: 'healthz' };
  if (pathname === '/stats/summary') return { kind: 'stats' };
  if (head === 'containerLogs' && p.length === 4) return { kind: 'logs', namespace: ns, pod, container };
  if ((head === 'exec' || head === 'attach') && p.length === 4) return { kind: head, namespace: ns, pod, container };
  if ((head === 'portForward' || head === 'portforward') && p.length === 3) return { kind: 'portforward', namespace: ns, pod };
  return undefined;
}

const statusText: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

/** A plain-text HTTP answer written on a socket that was never upgraded. */
function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = Buffer.from(message);
  socket.end(`HTTP/1.1 ${status} ${statusText[status] ?? 'Error'}\r\nContent-Type: text/plain; charset=utf-8\r\n`
    + `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${message}`);
}

const isSpdyUpgrade = (req: IncomingMessage): boolean => (req.headers.upgrade ?? '').toLowerCase().startsWith('spdy/3.1');

export class KubeletServer {
  private readonly o: KubeletServerOptions;
  private readonly log: Logger;
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (p) => this.pickProtocol(p) });
  /**
   * kubectl's port-forward tunnel names its subprotocol "SPDY/3.1+portforward.k8s.io", which is
   * not an RFC 7230 token, so ws would refuse the handshake: this server sees the request
   * without it and names it in the 101 itself.
   */
  private readonly tunnelWss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly stats: StatsProvider;
  private readonly sockets = new Set<Duplex>();
  private server: Server | undefined;
  private onListening: (port: number) => void = () => {};
  /** The bound port, once listening (tests pass port 0). */
  readonly listening: Promise<number> = new Promise((resolve) => { this.onListening = resolve; });

  constructor(o: KubeletServerOptions) {
    this.o = o;
    this.log = o.log.child({ component: 'kubelet-server' });
    this.stats = new StatsProvider({ nodeName: o.nodeName, pods: o.pods, runtime: o.runtime, startTime: new Date() });
    this.tunnelWss.on('headers', (headers) => { headers.push(`Sec-WebSocket-Protocol: ${wsPortForwardProtocol}`); });
  }

  /** Serves until `signal` aborts. Resolves once listening ends. */
  async run(signal: AbortSignal): Promise<void> {
    const server = createServer((req, res) => { void this.serve(req, res); });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => { void this.upgrade(req, socket, head); });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.o.port, this.o.address, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    this.onListening(port);
    this.log.info({ address: this.o.address, port }, 'Kubelet server started');
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve(); else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    for (const s of this.sockets) s.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private pickProtocol(offered: Set<string>): string | false {
    for (const p of wsProtocols) if (offered.has(p)) return p;
    return false;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://kubelet');
    const route = routeOf(url.pathname);
    try {
      switch (route?.kind) {
        case 'healthz':
          res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
          return;
        case 'stats': {
          const body = JSON.stringify(await this.stats.summary(new AbortController().signal));
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
          return;
        }
        case 'logs':
          await serveContainerLogs({ pods: this.o.pods, runtime: this.o.runtime, waitingReason: this.o.waitingReason, log: this.log },
            req, res, route, url.searchParams);
          return;
        case 'exec': case 'attach': case 'portforward':
          throw new ServerRequestError(400, 'Upgrade request required');
        case undefined:
          throw new ServerRequestError(404, `${url.pathname} not found`);
      }
    } catch (err) {
      const e = err instanceof ServerRequestError ? err : new ServerRequestError(500, err instanceof Error ? err.message : String(err));
      if (e.status >= 500) this.log.warn({ err, path: url.pathname }, 'Request failed');
      if (res.headersSent) { res.destroy(); return; }
      res.writeHead(e.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(e.message);
    }
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://kubelet');
    const route = routeOf(url.pathname);
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', (err) => this.log.debug({ err }, 'Upgraded connection failed'));
    try {
      if (route === undefined || (route.kind !== 'exec' && route.kind !== 'attach' && route.kind !== 'portforward')) {
        throw new ServerRequestError(404, `${url.pathname} does not upgrade`);
      }
      if (route.kind === 'portforward') await this.portForward(req, socket, head, route);
      else await this.remoteCommand(req, socket, head, route, url.searchParams);
    } catch (err) {
      const e = err instanceof ServerRequestError ? err : new ServerRequestError(500, err instanceof Error ? err.message : String(err));
      if (e.status >= 500) this.log.warn({ err, path: url.pathname }, 'Upgrade failed');
      if (socket.writable) refuseUpgrade(socket, e.status, e.message);
    }
  }

  private async remoteCommand(req: IncomingMessage, socket: Duplex, head: Buffer,
    route: { kind: 'exec' | 'attach'; namespace: string; pod: string; container: string }, query: URLSearchParams): Promise<void> {
    const opts = streamOptions(query, route.kind);
    const pod = this.o.pods.pod(route.namespace, route.pod);
    if (pod === undefined) throw podNotFound(route.pod);
    const signal = new AbortController().signal;
    const find = async (): Promise<string> => {
      const c = runningContainer(await this.o.pods.state(podUid(pod), signal), route.container);
      if (c === undefined) throw new ServerRequestError(500, `container not found ("${route.container}")`);
      return c.id;
    };
    const id = await find();
    const start = () => (route.kind === 'exec' ? this.o.runtime.execSession(id, opts, signal) : this.o.runtime.attach(id, opts, signal));
    const log = this.log.child({ pod: `${route.namespace}/${route.pod}`, container: route.container, verb: route.kind });
    if (isSpdyUpgrade(req)) {
      const protocol = negotiate(req, spdyRemoteCommandProtocols);
      const session = this.spdyUpgrade(socket, head, protocol);
      log.info({ protocol, transport: 'spdy' }, 'Stream session started');
      await serveSpdyStreams({ session, opts, start, log });
      return;
    }
    const ws = await this.wsUpgrade(req, socket, head, wsProtocols);
    log.info({ protocol: ws.protocol, transport: 'websocket' }, 'Stream session started');
    await serveWebSocketStreams({ ws, command: opts.command, start, log });
  }

  private async portForward(req: IncomingMessage, socket: Duplex, head: Buffer, route: { namespace: string; pod: string }): Promise<void> {
    const pod = this.o.pods.pod(route.namespace, route.pod);
    if (pod === undefined) throw podNotFound(route.pod);
    const target: PortForwardTarget = {
      podName: route.pod, podUid: podUid(pod),
      podIP: async () => runningSandbox(await this.o.pods.state(podUid(pod), new AbortController().signal))?.ip,
    };
    const log = this.log.child({ pod: `${route.namespace}/${route.pod}`, verb: 'portforward' });
    if (isSpdyUpgrade(req)) {
      const protocol = negotiate(req, [portForwardProtocol]);
      log.info({ protocol, transport: 'spdy' }, 'Port forward started');
      await servePortForward(this.spdyUpgrade(socket, head, protocol), target, log);
      return;
    }
    const ws = await this.wsUpgrade(req, socket, head, [wsPortForwardProtocol]);
    log.info({ protocol: wsPortForwardProtocol, transport: 'websocket' }, 'Port forward started');
    const transport = createWebSocketStream(ws, { allowHalfOpen: false });
    transport.on('error', (err) => log.debug({ err }, 'Port-forward tunnel failed'));
    await servePortForward(new SpdySession({ transport, isServer: true, log }), target, log);
  }

  private spdyUpgrade(socket: Duplex, head: Buffer, protocol: string): SpdySession {
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n`
      + `X-Stream-Protocol-Version: ${protocol}\r\n\r\n`);
    const session = new SpdySession({ transport: socket, isServer: true, log: this.log });
    if (head.length > 0) socket.unshift(head);
    return session;
  }

  private wsUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, accepted: readonly string[]): Promise<WebSocket> {
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
    if (!offered.some((p) => accepted.includes(p))) {
      throw new ServerRequestError(400, `unable to upgrade: none of the offered WebSocket protocols (${offered.join(', ')}) is supported; use one of ${accepted.join(', ')}`);
    }
    if (accepted.includes(wsPortForwardProtocol)) {
      delete req.headers['sec-websocket-protocol'];
      return new Promise((resolve) => this.tunnelWss.handleUpgrade(req, socket, head, (ws) => resolve(ws)));
    }
    return new Promise((resolve) => this.wss.handleUpgrade(req, socket, head, (ws) => resolve(ws)));
  }
}

/** Picks the client's first protocol (X-Stream-Protocol-Version, in its order) that we serve. */
function negotiate(req: IncomingMessage, served: readonly string[]): string {
  const raw = req.headers['x-stream-protocol-version'];
  const offered = (Array.isArray(raw) ? raw.join(',') : raw ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const pick = offered.find((p) => served.includes(p));
  if (pick === undefined) {
    throw new ServerRequestError(403, `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server supports [${served.join(' ')}]`);
  }
  return pick;
}
