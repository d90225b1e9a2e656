// bosunctl's one door to the apiserver: requests with kubectl's Accept headers (Tables,
// aggregated discovery, plain text logs), credentials and TLS from the kubeconfig, watch
// streams and WebSocket upgrades. Refused connections become kubectl's one-line message.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { WebSocket } from 'ws';
import type { KubeconfigTarget } from '../../client/kubeconfig.js';
import { statusErrorFromResponse } from '../../client/status-error.js';
import { CliError } from './errors.js';

export const acceptTable = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
export const acceptJson = 'application/json';

export type Query = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

export interface ApiRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Query;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly accept?: string;
  readonly signal?: AbortSignal;
}

export interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

export class Api {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  constructor(readonly target: KubeconfigTarget, private readonly timeoutMs: number) {
    try { this.base = new URL(target.server); } catch {
      throw new CliError(`invalid server URL ${JSON.stringify(target.server)} in the kubeconfig`);
    }
    if (!/^https?:$/.test(this.base.protocol)) throw new CliError(`server ${JSON.stringify(target.server)} is not an http(s) URL`);
    this.transport = this.base.protocol === 'https:' ? https : http;
    this.agent = this.base.protocol === 'https:'
      ? new https.Agent({ keepAlive: true, ...this.tls() })
      : new http.Agent({ keepAlive: true });
  }

  /** host:port as kubectl names the server in its connection errors. */
  get hostPort(): string {
    return this.base.host !== '' ? this.base.host : this.base.hostname;
  }

  private tls(): https.AgentOptions {
    const t = this.target;
    return {
      ...(t.caData !== undefined ? { ca: t.caData } : {}),
      ...(t.certData !== undefined ? { cert: t.certData } : {}),
      ...(t.keyData !== undefined ? { key: t.keyData } : {}),
      rejectUnauthorized: t.insecureSkipTlsVerify !== true,
    };
  }

  private headers(accept: string): Record<string, string> {
    const h: Record<string, string> = { 'Accept': accept, 'User-Agent': `bosunctl/v0.1.0 (${process.platform}/${process.arch})` };
    if (this.target.token !== undefined) h['Authorization'] = `Bearer ${this.target.token}`;
    else if (this.target.username !== undefined) {
      h['Authorization'] = `Basic ${Buffer.from(`${this.target.username}:${this.target.password ?? ''}`).toString('base64')}`;
    }
    return h;
  }

  url(path: string, query: Query = {}): URL {
    const u = new URL(this.base.pathname.replace(/\/$/, '') + path, this.base);
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v as readonly string[] : [String(v)]) u.searchParams.append(k, one);
    }
    return u;
  }

  /** The response with its body unread; any status. */
  open(req: ApiRequest): Promise<IncomingMessage> {
    const body = req.body === undefined ? undefined
      : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
    const headers = this.headers(req.accept ?? acceptJson);
    if (body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = String(body.length);
    }
    return new Promise((resolve, reject) => {
      const r = this.transport.request(this.url(req.path, req.query), { method: req.method ?? 'GET', headers, agent: this.agent }, resolve);
      const signal = req.signal;
      const onAbort = (): void => { r.destroy(new Error('aborted')); };
      signal?.addEventListener('abort', onAbort, { once: true });
      r.once('close', () => signal?.removeEventListener('abort', onAbort));
      let timer: NodeJS.Timeout | undefined;
      if (this.timeoutMs > 0) {
        timer = setTimeout(() => r.destroy(new CliError(`the server did not answer ${req.method ?? 'GET'} ${req.path} within ${this.timeoutMs / 1000}s`)), this.timeoutMs);
        r.once('response', () => clearTimeout(timer));
      }
      r.on('error', (err) => { clearTimeout(timer); reject(this.connectionError(err)); });
      r.end(body);
    });
  }

  connectionError(err: unknown): Error {
    if (err instanceof CliError) return err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED') return new CliError(`The connection to the server ${this.hostPort} was refused - did you specify the right host or port?`, { bare: true });
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CliError(`Unable to connect to the server: dial tcp: lookup ${this.base.hostname}: no such host`, { bare: true });
    if (code === 'ECONNRESET') return new CliError(`Unable to connect to the server: the connection to ${this.hostPort} was reset`, { bare: true });
    return new CliError(`Unable to connect to the server: ${err instanceof Error ? err.message : String(err)}`, { bare: true });
  }

  /** Body text of a 2xx answer; a StatusError otherwise. */
  async raw(req: ApiRequest): Promise<RawAnswer> {
    const res = await this.open(req);
    const text = await readAll(res);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw statusErrorFromResponse(status, text);
    return { status, contentType: String(res.headers['content-type'] ?? ''), text };
  }

  async json(req: ApiRequest): Promise<unknown> {
    const a = await this.raw(req);
    if (a.text.trim() === '') return undefined;
    try { return JSON.parse(a.text) as unknown; } catch {
      throw new CliError(`the server answered ${req.path} with something that is not JSON: ${a.text.slice(0, 200)}`);
    }
  }

  /** A 2xx response to read as a stream (watch, logs -f); a StatusError otherwise. */
  async stream(req: ApiRequest): Promise<IncomingMessage> {
    const res = await this.open(req);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw statusErrorFromResponse(status, await readAll(res));
    return res;
  }

  /** A WebSocket to `path` speaking one of `protocols`; rejects with the server's Status on a non-101 answer. */
  websocket(path: string, query: Query, protocols: readonly string[]): Promise<WebSocket> {
    const u = this.url(path, query);
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    // "SPDY/3.1+portforward.k8s.io" is not an RFC 7230 token, which ws refuses as a subprotocol:
    // such a protocol is sent as a plain header and checked here instead.
    const tokens = protocols.every((p) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(p));
    const headers = { ...this.headers('*/*'), ...(tokens ? {} : { 'Sec-WebSocket-Protocol': protocols.join(', ') }) };
    const ws = new WebSocket(u, tokens ? [...protocols] : [], { headers, ...this.tls() });
    if (!tokens) {
      ws.once('upgrade', (res) => {
        const chosen = res.headers['sec-websocket-protocol'];
        if (typeof chosen !== 'string' || !protocols.includes(chosen)) ws.terminate();
        delete res.headers['sec-websocket-protocol'];
      });
    }
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => {
        void readAll(res).then((text) => reject(statusErrorFromResponse(res.statusCode ?? 0, text)), reject);
      });
      ws.once('error', (err) => reject(this.connectionError(err)));
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export async function readAll(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(typeof c === 'string' ? Buffer.from(c) : c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
