// Plain-HTTP/1.1 requests over a pool of keep-alive connections, for RestClient.request: one
// write per request and a small parser, no ClientRequest/IncomingMessage/Agent machinery.
// node:http's client cost the scheduler about 100 µs of CPU per request, three times this;
// with a binding and an event per pod, that was a fifth of its time. Streams (watches) and
// https keep node's client.
import { connect, type Socket } from 'node:net';
import { Http1ResponseReader, type Http1Response } from './http1-response.js';

export type { Http1Response } from './http1-response.js';

/** The connection broke before any byte of the answer came, on a connection used before. */
export class StaleConnectionError extends Error {
  override readonly name = 'StaleConnectionError';
  constructor(cause: Error) {
    super('a reused keep-alive connection was closed before the answer', { cause });
  }
}

export interface Http1Request {
  readonly method: string;
  /** Path and query, already escaped. */
  readonly path: string;
  /** Header lines besides Host and Connection. */
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body?: Buffer;
}

/** One request under way: its answer, and a way to end it early (abort, timeout). */
export interface Http1Exchange {
  readonly response: Promise<Http1Response>;
  destroy(err: Error): void;
}

/** Idle connections kept open, as node's Agent (maxFreeSockets). */
const maxIdle = 256;

class Connection {
  private reader: Http1ResponseReader | undefined;
  private settle: ((err: Error | undefined, res?: Http1Response) => void) | undefined;
  /** The request under way went out on a connection that had served one before. */
  private reused = false;
  private used = false;
  closed = false;

  constructor(private readonly socket: Socket, private readonly onIdle: (c: Connection) => void, private readonly onClose: (c: Connection) => void) {
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 1000);                             // as node's keep-alive Agent: a dead peer is found
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('error', (err: Error) => this.fail(err, false));
    socket.on('end', () => this.fail(undefined, false));
    socket.on('close', () => this.fail(undefined, false));
  }

  send(req: Http1Request, head: string): Http1Exchange {
    this.reused = this.used;
    this.used = true;
    this.reader = new Http1ResponseReader(req.method === 'HEAD');
    this.socket.ref();
    const response = new Promise<Http1Response>((resolve, reject) => {
      this.settle = (err, res) => {
        this.settle = undefined;
        this.reader = undefined;
        if (err !== undefined) reject(err); else resolve(res!);
      };
    });
    this.socket.cork();
    this.socket.write(head, 'latin1');
    if (req.body !== undefined && req.body.length > 0) this.socket.write(req.body);
    this.socket.uncork();
    return { response, destroy: (err) => { if (this.settle !== undefined) this.fail(err, true); } };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.onClose(this);
  }

  private onData(d: Buffer): void {
    const reader = this.reader;
    if (reader === undefined) { this.close(); return; }          // bytes nobody asked for
    let res: Http1Response | undefined;
    try {
      res = reader.push(d);
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)), true);
      return;
    }
    if (res === undefined) return;
    this.settle?.(undefined, res);
    if (res.close) { this.close(); return; }
    this.socket.unref();                                         // an idle connection keeps no process alive
    this.onIdle(this);
  }

  /** The connection broke or ended (`err` undefined: the server closed it), or `byUs` ended the request. */
  private fail(err: Error | undefined, byUs: boolean): void {
    const settle = this.settle;
    if (settle !== undefined) {
      const reader = this.reader;
      const res = err === undefined ? reader?.end() : undefined;
      if (res !== undefined) settle(undefined, res);
      else {
        const cause = err ?? Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        settle(!byUs && this.reused && reader?.started !== true ? new StaleConnectionError(cause) : cause);
      }
    }
    this.close();
  }
}

export class Http1Pool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly hostHeader: string;

  constructor(private readonly host: string, private readonly port: number) {
    this.hostHeader = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  request(req: Http1Request): Http1Exchange {
    if (!/^[\x21-\xff]+$/.test(req.path)) throw new TypeError(`request path contains unescaped characters: ${JSON.stringify(req.path)}`);
    let head = `${req.method} ${req.path} HTTP/1.1\r\nHost: ${this.hostHeader}\r\nConnection: keep-alive\r\n`;
    for (const name in req.headers) {
      const value = String(req.headers[name]);
      if (/[\r\n]/.test(value)) throw new TypeError(`header ${name} contains a line break`);
      head += `${name}: ${value}\r\n`;
    }
    head += '\r\n';
    let c = this.idle.pop();
    while (c !== undefined && c.closed) c = this.idle.pop();
    if (c === undefined) {
      c = new Connection(connect({ host: this.host, port: this.port }), (x) => this.release(x), (x) => this.forget(x));
      this.all.add(c);
    }
    return c.send(req, head);
  }

  /** Closes every connection, idle or in use. */
  destroy(): void {
    for (const c of [...this.all]) c.close();
    this.idle.length = 0;
  }

  private release(c: Connection): void {
    if (this.idle.length >= maxIdle) { c.close(); return; }
    this.idle.push(c);
  }

  private forget(c: Connection): void {
    this.all.delete(c);
    const i = this.idle.indexOf(c);
    if (i >= 0) this.idle.splice(i, 1);
  }
}
