// The one HTTP path to the apiserver: every request of every component goes through
// RestClient.send (keep-alive agent, User-Agent, JSON bodies), so TLS and bearer tokens will be
// added in one place. Error answers become StatusError; 429 and 5xx answers that carry
// Retry-After are retried transparently, a bounded number of times, as client-go does.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { ApiObject } from '../api/meta.js';
import { ResourceClient, type ResourceRef } from './resource-client.js';
import { statusErrorFromResponse } from './status-error.js';
import { sleep, systemTimerClock, withDeadline, type TimerClock } from './timers.js';

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
    const deadline = withDeadline(req.signal, this.clock, this.timeoutMs);
    try {
      const res = await this.exchange({ ...req, signal: deadline.signal });
      const text = await readText(res);
      if (text.trim() === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch (err) {
        throw new Error(`${req.method} ${req.path}: the answer is not JSON: ${text.slice(0, 200)}`, { cause: err });
      }
    } catch (err) {
      if (deadline.timedOut()) throw new Error(`${req.method} ${req.path}: no answer within ${this.timeoutMs} ms`, { cause: err });
      throw err;
    } finally {
      deadline.dispose();
    }
  }

  /** Sends a request and returns the 2xx response with its body unread (for watches); no timeout. */
  stream(req: RestRequest): Promise<IncomingMessage> {
    return this.exchange(req);
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private async exchange(req: RestRequest): Promise<IncomingMessage> {
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    let staleRetried = false;
    for (let attempt = 0; ; attempt++) {
      let res: IncomingMessage;
      try {
        res = await this.send(req, body);
      } catch (err) {
        // The server closed an idle keep-alive connection as we reused it: nothing was read, send again once.
        if (!(err instanceof StaleConnectionError) || staleRetried || req.signal.aborted) throw err instanceof StaleConnectionError ? err.cause : err;
        staleRetried = true;
        attempt--;
        continue;
      }
      const code = res.statusCode ?? 0;
      if (code >= 200 && code < 300) return res;
      const text = await readText(res);
      const retryAfter = retryAfterSeconds(res);
      const retryable = (code === 429 || code >= 500) && retryAfter !== undefined;
      if (!retryable || attempt >= this.maxRetries || req.signal.aborted) {
        throw statusErrorFromResponse(code, text, retryAfter);
      }
      await sleep(this.clock, Math.min(retryAfter, this.maxRetryAfterSeconds) * 1000, req.signal);
      req.signal.throwIfAborted();
    }
  }

  /** The single place a request leaves the process. */
  private send(req: RestRequest, body: Buffer | undefined): Promise<IncomingMessage> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query.append(k, String(v));
    const qs = query.toString();
    const target = { ...this.origin, path: `${this.basePath}${req.path}${qs === '' ? '' : `?${qs}`}` };
    const headers: http.OutgoingHttpHeaders = { 'Accept': 'application/json', 'User-Agent': this.userAgent };
    if (body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = body.length;
    }
    const signal = req.signal;
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const r = this.transport.request({ ...target, method: req.method, headers, agent: this.agent }, resolve);
      // Aborting destroys the request and, once it has come, the response being read.
      const onAbort = (): void => { r.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted')); };
      signal.addEventListener('abort', onAbort, { once: true });
      r.once('close', () => signal.removeEventListener('abort', onAbort));
      r.on('error', (err: NodeJS.ErrnoException) => {
        reject(r.reusedSocket && err.code === 'ECONNRESET' ? new StaleConnectionError(err) : err);
      });
      r.end(body);
    });
  }
}

/** Retry-After in whole seconds, as client-go reads it (HTTP dates are ignored). */
function retryAfterSeconds(res: IncomingMessage): number | undefined {
  const v = res.headers['retry-after'];
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


class StaleConnectionError extends Error {
  constructor(cause: Error) {
    super('a reused keep-alive connection was reset before the answer', { cause });
  }
}
