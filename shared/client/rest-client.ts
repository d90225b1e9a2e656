// The one HTTP path to the apiserver: every request of every component goes through
// RestClient (keep-alive connections, User-Agent, JSON bodies), so TLS and bearer tokens will be
// added in one place. Plain-HTTP requests go through a lean HTTP/1.1 pool (http1-pool.ts);
// https and streams (watches) through node's client. Error answers become StatusError; 429 and 5xx answers that carry
// Retry-After are retried transparently, a bounded number of times, as client-go does.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { ApiObject } from '../api/meta.js';
import { ResourceClient, type ResourceRef } from './resource-client.js';
import { statusErrorFromResponse } from './status-error.js';
import { AbortFanout } from './abort-fanout.js';
import { Http1Pool, StaleConnectionError } from './http1-pool.js';
import { RequestDeadline } from './request-deadline.js';
import { sleep, systemTimerClock, type TimerClock } from './timers.js';

export interface RestClientOptions {
  /** Base URL of the apiserver, e.g. "http://127.0.0.1:6443". */
  readonly server: string;
  readonly userAgent?: string;
  /** Per request (watches excepted); 0 waits forever. Default 60 s. */
  readonly timeoutMs?: number;
  /** Retries of a 429/5xx answer that carries Retry-After. Default 10, as client-go. */
  readonly maxRetries?: number;
  /** Longest single Retry-After wait honoured, in seconds. Default 60. */
  readonly maxRetryAfterSeconds?: number;
  readonly clock?: TimerClock;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryParams = Readonly<Record<string, string | number | boolean | undefined>>;

export interface RestRequest {
  readonly method: HttpMethod;
  /** Absolute path, already escaped: "/api/v1/namespaces/default/pods". */
  readonly path: string;
  readonly query?: QueryParams;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly signal: AbortSignal;
}

export class RestClient {
  private readonly base: URL;
  private readonly transport: typeof http | typeof https;
  private readonly origin: { readonly protocol: string; readonly hostname: string; readonly port?: number };
  /** A path the server URL carries ("" for none); request paths go below it. */
  private readonly basePath: string;
  private readonly agent: http.Agent;
  /** Plain-HTTP connections for request() (undefined for https). */
  private readonly pool: Http1Pool | undefined;
  /** One listener per caller's signal, however many requests are in flight under it. */
  private readonly aborts = new AbortFanout();
  private readonly userAgent: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryAfterSeconds: number;
  private readonly clock: TimerClock;

  constructor(opts: RestClientOptions) {
    this.base = new URL(opts.server);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:') {
      throw new Error(`server ${JSON.stringify(opts.server)} is not an http(s) URL`);
    }
    this.transport = this.base.protocol === 'https:' ? https : http;
    // Taken apart once: requests carry these options instead of a URL to parse each time.
    this.origin = {
      protocol: this.base.protocol, hostname: this.base.hostname.replace(/^\[(.*)\]$/, '$1'),
      ...(this.base.port !== '' ? { port: Number(this.base.port) } : {}),
    };
    this.basePath = this.base.pathname.replace(/\/+$/, '');
    this.agent = new this.transport.Agent({ keepAlive: true });
    this.pool = this.base.protocol === 'http:' ? new Http1Pool(this.origin.hostname, this.origin.port ?? 80) : undefined;
    this.userAgent = opts.userAgent ?? `bosun/0.1.0 (${process.platform}/${process.arch})`;
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.maxRetries = opts.maxRetries ?? 10;
    this.maxRetryAfterSeconds = opts.maxRetryAfterSeconds ?? 60;
    this.clock = opts.clock ?? systemTimerClock;
  }

  /** A typed client for one resource. */
  resource<T extends ApiObject>(ref: ResourceRef<T>): ResourceClient<T> {
    return new ResourceClient<T>(this, ref);
  }

  /** Sends a request and returns its JSON answer (undefined when empty); throws StatusError on non-2xx. */
  async request(req: RestRequest): Promise<unknown> {
    const deadline = this.timeoutMs > 0 ? new RequestDeadline(this.clock, this.timeoutMs) : undefined;
    try {
      const res = await this.exchange(req, deadline, false);
      const text = await res.text();
      if (text.trim() === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch (err) {
        throw new Error(`${req.method} ${req.path}: the answer is not JSON: ${text.slice(0, 200)}`, { cause: err });
      }
    } catch (err) {
      if (deadline?.timedOut === true && !req.signal.aborted) throw new Error(`${req.method} ${req.path}: no answer within ${this.timeoutMs} ms`, { cause: err });
      throw err;
    } finally {
      deadline?.dispose();
    }
  }

  /** Sends a request and returns the 2xx response with its body unread (for watches); no timeout. */
  async stream(req: RestRequest): Promise<IncomingMessage> {
    return (await this.exchange(req, undefined, true)).message!;
  }

  /** Closes the keep-alive connections. */
  close(): void {
    this.agent.destroy();
    this.pool?.destroy();
  }

  private async exchange(req: RestRequest, deadline: RequestDeadline | undefined, streaming: boolean): Promise<Answer> {
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    let staleRetried = false;
    for (let attempt = 0; ; attempt++) {
      let res: Answer;
      try {
        res = await (this.pool !== undefined && !streaming ? this.sendPlain(this.pool, req, body, deadline) : this.send(req, body, deadline));
      } catch (err) {
        // The server closed an idle keep-alive connection as we reused it: nothing was read, send again once.
        if (!(err instanceof StaleConnectionError) || staleRetried || req.signal.aborted || deadline?.timedOut === true) {
          throw err instanceof StaleConnectionError ? err.cause : err;
        }
        staleRetried = true;
        attempt--;
        continue;
      }
      const code = res.status;
      if (code >= 200 && code < 300) return res;
      const text = await res.text();
      const retryAfter = retryAfterSeconds(res.header('retry-after'));
      const retryable = (code === 429 || code >= 500) && retryAfter !== undefined;
      if (!retryable || attempt >= this.maxRetries || req.signal.aborted) {
        throw statusErrorFromResponse(code, text, retryAfter);
      }
      const wait = Math.min(retryAfter, this.maxRetryAfterSeconds) * 1000;
      await (deadline !== undefined ? deadline.sleep(wait, req.signal) : sleep(this.clock, wait, req.signal));
      req.signal.throwIfAborted();
      if (deadline?.timedOut === true) throw new Error(`timed out after ${this.timeoutMs} ms`);
    }
  }

  private pathOf(req: RestRequest): string {
    let path = `${this.basePath}${req.path}`;
    if (req.query !== undefined) {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(req.query)) if (v !== undefined) query.append(k, String(v));
      const qs = query.toString();
      if (qs !== '') path += `?${qs}`;
    }
    return path;
  }

  private headersOf(req: RestRequest, body: Buffer | undefined): Record<string, string | number> {
    const headers: Record<string, string | number> = { 'Accept': 'application/json', 'User-Agent': this.userAgent };
    if (body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = body.length;
    }
    return headers;
  }

  /** A request leaves the process here (plain HTTP, answer read whole), … */
  private async sendPlain(pool: Http1Pool, req: RestRequest, body: Buffer | undefined, deadline: RequestDeadline | undefined): Promise<Answer> {
    const signal = req.signal;
    signal.throwIfAborted();
    const x = pool.request({ method: req.method, path: this.pathOf(req), headers: this.headersOf(req, body), ...(body !== undefined ? { body } : {}) });
    const drop = this.aborts.add(signal, () => { x.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted')); });
    deadline?.interrupt(x);
    try {
      const res = await x.response;
      const text = res.body.toString('utf8');
      return { status: res.status, header: (name) => res.headers.get(name), text: () => Promise.resolve(text) };
    } finally {
      drop();
    }
  }

  /** … or here, through node's client (https, and streams read as they come). */
  private send(req: RestRequest, body: Buffer | undefined, deadline: RequestDeadline | undefined): Promise<Answer> {
    const signal = req.signal;
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const r = this.transport.request({ ...this.origin, path: this.pathOf(req), method: req.method, headers: this.headersOf(req, body), agent: this.agent }, (res) => {
        resolve({ status: res.statusCode ?? 0, header: (name) => headerText(res.headers[name]), text: () => readText(res), message: res });
      });
      // Aborting, or the deadline passing, destroys the request and, once it has come, the response being read.
      const drop = this.aborts.add(signal, () => { r.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted')); });
      deadline?.interrupt(r);
      r.once('close', drop);
      r.on('error', (err: NodeJS.ErrnoException) => {
        reject(r.reusedSocket && err.code === 'ECONNRESET' ? new StaleConnectionError(err) : err);
      });
      r.end(body);
    });
  }
}

/** An answer's status, headers and body, whichever client carried it. */
interface Answer {
  readonly status: number;
  /** A header by lower-case name. */
  header(name: string): string | undefined;
  text(): Promise<string>;
  /** node's response, body unread (streams only). */
  readonly message?: IncomingMessage;
}

const headerText = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v.join(', ') : v);

/** Retry-After in whole seconds, as client-go reads it (HTTP dates are ignored). */
function retryAfterSeconds(v: string | undefined): number | undefined {
  if (typeof v !== 'string' || !/^\d+$/.test(v.trim())) return undefined;
  return Number(v.trim());
}

function readText(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer | string) => chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    let ended = false;
    res.once('end', () => { ended = true; resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')); });
    res.once('error', reject);
    res.once('close', () => { if (!ended) reject(new Error('the connection closed before the whole answer came')); });
  });
}
