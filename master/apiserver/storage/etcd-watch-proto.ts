// The protobuf wire form of etcd's Watch messages (rpc.proto: WatchRequest, WatchResponse;
// kv.proto: Event), written and read by hand like etcd-proto.ts.
import { decodeHeaderRevision, decodeKeyValue, PbReader, type KeyValue, type PbField } from './etcd-proto.js';

export interface WatchCreate {
  readonly key: Buffer;
  readonly rangeEnd: Buffer;
  readonly startRevision: number;
}

/** WatchRequest{create_request: {key, range_end, start_revision}}: no prev_kv, no progress notifications. */
export function watchCreateFields(w: WatchCreate): PbField[] {
  return [[1, 'msg', [[1, 'bytes', w.key], [2, 'bytes', w.rangeEnd], [3, 'varint', w.startRevision]]]];
}

export interface WatchedEvent {
  readonly type: 'put' | 'delete';
  readonly kv: KeyValue;
}

export interface WatchResponse {
  readonly revision: number;
  readonly created: boolean;
  readonly canceled: boolean;
  /** Set when the start revision was compacted away. */
  readonly compactRevision: number;
  readonly cancelReason: string;
  readonly events: WatchedEvent[];
}

function decodeEvent(buf: Buffer): WatchedEvent {
  const r = new PbReader(buf);
  let type: WatchedEvent['type'] = 'put';
  let kv: KeyValue | undefined;
  while (r.next()) {
    switch (r.no) {
      case 1: type = r.varint() === 1 ? 'delete' : 'put'; break;
      case 2: kv = decodeKeyValue(r.bytes()); break;
      default: r.skip();
    }
  }
  if (kv === undefined) throw new Error('an etcd watch event without a key-value');
  return { type, kv };
}

export function decodeWatchResponse(buf: Buffer): WatchResponse {
  const r = new PbReader(buf);
  let revision = 0;
  let created = false;
  let canceled = false;
  let compactRevision = 0;
  let cancelReason = '';
  const events: WatchedEvent[] = [];
  while (r.next()) {
    switch (r.no) {
      case 1: revision = decodeHeaderRevision(r.bytes()); break;
      case 3: created = r.bool(); break;
      case 4: canceled = r.bool(); break;
      case 5: compactRevision = r.varint(); break;
      case 6: cancelReason = r.bytes().toString('utf8'); break;
      case 11: events.push(decodeEvent(r.bytes())); break;
      default: r.skip();
    }
  }
  return { revision, created, canceled, compactRevision, cancelReason, events };
}

/** Splits a gRPC response body, fed chunk by chunk, into its messages. */
export class GrpcFrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: Buffer[] = [];
    while (this.pending.length >= 5) {
      if (this.pending[0] !== 0) throw new Error('a compressed gRPC message (none was asked for)');
      const len = this.pending.readUInt32BE(1);
      if (this.pending.length < 5 + len) break;
      out.push(this.pending.subarray(5, 5 + len));
      this.pending = this.pending.subarray(5 + len);
    }
    return out;
  }
}
