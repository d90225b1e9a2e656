// etcd's KV service (Range, Txn, Compact) as unary gRPC calls straight over node:http2: one
// HTTP/2 session to one member at a time, failing over to the next member when a call
// cannot reach it. Every create and update goes through here, so it is kept lean: the
// generic gRPC stack (channels, interceptors, retry and fault policies) cost more CPU per
// call than the rest of a create put together. Watches go over the same connection (etcd-watch.ts).
import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import {
  decodeHeaderRevision, decodeRangeResponse, decodeTxnResponse, grpcFrame, rangeFields, txnFields,
  type RangeRequest, type RangeResponse, type TxnRequest, type TxnResponse,
} from './etcd-proto.js';

export type { Compare, KeyValue, RangeRequest, RangeResponse, RequestOp, ResponseOp, TxnRequest, TxnResponse } from './etcd-proto.js';

/** A failed call; `code` is the gRPC status (14 = UNAVAILABLE, also used when no member answered). */
export class EtcdCallError extends Error {
  override readonly name = 'EtcdCallError';
  constructor(readonly code: number, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

const unavailable = 14;
const grpcCodeNames: Record<number, string> = {
  1: 'CANCELLED', 2: 'UNKNOWN', 3: 'INVALID_ARGUMENT', 4: 'DEADLINE_EXCEEDED', 5: 'NOT_FOUND', 6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED', 8: 'RESOURCE_EXHAUSTED', 9: 'FAILED_PRECONDITION', 10: 'ABORTED', 11: 'OUT_OF_RANGE',
  12: 'UNIMPLEMENTED', 13: 'INTERNAL', 14: 'UNAVAILABLE', 15: 'DATA_LOSS', 16: 'UNAUTHENTICATED',
};

/** Whether trying another member (or reconnecting) may help. */
const retriable = (err: unknown): boolean => err instanceof EtcdCallError && err.code === unavailable;

export class EtcdKv {
  private readonly hosts: string[];
  private readonly dialTimeoutMs: number;
  private sessions: (ClientHttp2Session | undefined)[];
  /** The member calls go to while it answers. */
  private current = 0;
  private closed = false;

  constructor(servers: readonly string[], opts: { dialTimeoutMs?: number } = {}) {
    if (servers.length === 0) throw new Error('no etcd servers given');
    this.hosts = servers.map((s) => (s.includes('://') ? s : `http://${s}`));
    this.sessions = this.hosts.map(() => undefined);
    this.dialTimeoutMs = opts.dialTimeoutMs ?? 3000;
  }

  async range(req: RangeRequest): Promise<RangeResponse> {
    return decodeRangeResponse(await this.call('Range', grpcFrame(rangeFields(req))));
  }

  async txn(req: TxnRequest): Promise<TxnResponse> {
    return decodeTxnResponse(await this.call('Txn', grpcFrame(txnFields(req))));
  }

  /** Compacts history up to `revision`; returns the store's revision. */
  async compact(revision: number): Promise<number> {
    return decodeHeaderRevision(await this.call('Compact', grpcFrame([[1, 'varint', revision]])));
  }

  /** Opens a streaming call (Watch) to the member calls now go to; the caller writes and reads it. */
  openStream(path: string): ClientHttp2Stream {
    return this.session(this.current).request({
      [constants.HTTP2_HEADER_METHOD]: 'POST', [constants.HTTP2_HEADER_PATH]: path,
      'content-type': 'application/grpc', te: 'trailers',
    });
  }

  close(): void {
    this.closed = true;
    for (const s of this.sessions) s?.close();
    this.sessions = this.hosts.map(() => undefined);
  }

  /** Tries the current member, then the others, while the failure is one of reaching etcd. */
  private async call(method: string, frame: Buffer): Promise<Buffer> {
    const attempts = Math.max(3, this.hosts.length);
    for (let attempt = 1; ; attempt++) {
      const i = this.current;
      try {
        return await this.unary(this.session(i), `/etcdserverpb.KV/${method}`, frame);
      } catch (err) {
        if (!retriable(err) || attempt >= attempts || this.closed) throw err;
        this.drop(i);
        if (this.current === i) this.current = (i + 1) % this.hosts.length;
      }
    }
  }

  private session(i: number): ClientHttp2Session {
    if (this.closed) throw new EtcdCallError(unavailable, 'UNAVAILABLE: the etcd client is closed');
    const existing = this.sessions[i];
    if (existing !== undefined && !existing.closed && !existing.destroyed) return existing;
    const s = connect(this.hosts[i]!, {
      // Whole pages of objects (up to 500) come back in one response: large windows save
      // WINDOW_UPDATE round trips.
      settings: { initialWindowSize: 8 * 1024 * 1024 },
    });
    const dial = setTimeout(() => s.destroy(new Error(`connecting to ${this.hosts[i]} timed out after ${this.dialTimeoutMs} ms`)), this.dialTimeoutMs);
    s.once('connect', () => { clearTimeout(dial); s.setLocalWindowSize(32 * 1024 * 1024); });
    s.on('error', () => {}); // surfaced by the calls on it
    s.once('close', () => { clearTimeout(dial); if (this.sessions[i] === s) this.sessions[i] = undefined; });
    s.once('goaway', () => { if (this.sessions[i] === s) this.sessions[i] = undefined; });
    this.sessions[i] = s;
    return s;
  }

  private drop(i: number): void {
    const s = this.sessions[i];
    this.sessions[i] = undefined;
    s?.destroy();
  }

  private unary(session: ClientHttp2Session, path: string, frame: Buffer): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      let stream;
      try {
        stream = session.request({
          [constants.HTTP2_HEADER_METHOD]: 'POST', [constants.HTTP2_HEADER_PATH]: path,
          'content-type': 'application/grpc', te: 'trailers',
        });
      } catch (err) {
        // The session is closing (GOAWAY) or gone.
        reject(new EtcdCallError(unavailable, `UNAVAILABLE: etcd ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err }));
        return;
      }
      const chunks: Buffer[] = [];
      let status: number | undefined;
      let message = '';
      let failure: Error | undefined;
      const onStatus = (h: IncomingHttpHeaders): void => {
        const s = h['grpc-status'];
        if (s === undefined) return;
        status = Number(s);
        const m = h['grpc-message'];
        if (typeof m === 'string') message = decodeURIComponent(m);
      };
      stream.on('response', onStatus); // a trailers-only response carries the status here
      stream.on('trailers', onStatus);
      stream.on('data', (c: Buffer) => { chunks.push(c); });
      stream.on('error', (err: Error) => { failure = err; });
      stream.on('close', () => {
        if (status === 0) {
          const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          if (body.length < 5 || body[0] !== 0 || body.readUInt32BE(1) !== body.length - 5) {
            reject(new EtcdCallError(13, `INTERNAL: etcd ${path} answered with a malformed gRPC message`));
          } else {
            resolve(body.subarray(5));
          }
        } else if (status !== undefined) {
          reject(new EtcdCallError(status, `${grpcCodeNames[status] ?? `gRPC status ${status}`}: ${message}`));
        } else {
          // No status: the stream or the connection broke before etcd answered.
          const why = failure?.message ?? `stream closed with code ${stream.rstCode ?? 'unknown'}`;
          reject(new EtcdCallError(unavailable, `UNAVAILABLE: etcd ${path}: ${why}`, { cause: failure }));
        }
      });
      stream.end(frame);
    });
  }
}
