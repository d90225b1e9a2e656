// The protobuf wire form of the few etcd KV messages the apiserver sends and reads (Range,
// Txn, Compaction; field numbers from etcd's rpc.proto and kv.proto; Watch in etcd-watch-proto.ts). Hand-written so a
// request is one buffer written in one pass and a response is read without reflection.

/** A message to encode: its fields in order; nested messages are field lists too. */
export type PbField =
  | readonly [no: number, kind: 'varint', value: number | boolean]
  | readonly [no: number, kind: 'bytes', value: Uint8Array]
  | readonly [no: number, kind: 'msg', value: readonly PbField[]];

function varintSize(n: number): number {
  if (n < 0 || !Number.isSafeInteger(n)) throw new RangeError(`cannot encode ${n} as a varint`);
  let size = 1;
  while (n >= 128) { n = Math.floor(n / 128); size++; }
  return size;
}

function fieldSize(f: PbField): number {
  const tag = varintSize(f[0] * 8);
  switch (f[1]) {
    case 'varint': return tag + varintSize(Number(f[2]));
    case 'bytes': return tag + varintSize(f[2].length) + f[2].length;
    case 'msg': { const n = messageSize(f[2]); return tag + varintSize(n) + n; }
  }
}

function messageSize(fields: readonly PbField[]): number {
  let n = 0;
  for (const f of fields) n += fieldSize(f);
  return n;
}

function writeVarint(buf: Buffer, pos: number, n: number): number {
  while (n >= 128) { buf[pos++] = (n % 128) | 128; n = Math.floor(n / 128); }
  buf[pos++] = n;
  return pos;
}

function writeMessage(buf: Buffer, pos: number, fields: readonly PbField[]): number {
  for (const f of fields) {
    switch (f[1]) {
      case 'varint':
        pos = writeVarint(buf, pos, f[0] * 8);
        pos = writeVarint(buf, pos, Number(f[2]));
        break;
      case 'bytes':
        pos = writeVarint(buf, pos, f[0] * 8 + 2);
        pos = writeVarint(buf, pos, f[2].length);
        buf.set(f[2], pos);
        pos += f[2].length;
        break;
      case 'msg':
        pos = writeVarint(buf, pos, f[0] * 8 + 2);
        pos = writeVarint(buf, pos, messageSize(f[2]));
        pos = writeMessage(buf, pos, f[2]);
        break;
    }
  }
  return pos;
}

export interface RangeRequest {
  readonly key: string | Buffer;
  readonly rangeEnd?: Buffer;
  readonly limit?: number;
  /** 0 = the newest. */
  readonly revision?: number;
  readonly keysOnly?: boolean;
  readonly countOnly?: boolean;
}

/** "key's create (or mod) revision equals revision"; create revision 0 = the key is absent. */
export interface Compare {
  readonly key: string;
  readonly target: 'create' | 'mod';
  readonly revision: number;
}

export type RequestOp =
  | { readonly put: { readonly key: string; readonly value: Buffer | string } }
  | { readonly deleteRange: { readonly key: string } }
  | { readonly range: RangeRequest };

export interface TxnRequest {
  readonly compare: readonly Compare[];
  readonly success: readonly RequestOp[];
  readonly failure: readonly RequestOp[];
}

export function rangeFields(r: RangeRequest): PbField[] {
  const f: PbField[] = [[1, 'bytes', typeof r.key === 'string' ? Buffer.from(r.key) : r.key]];
  if (r.rangeEnd !== undefined) f.push([2, 'bytes', r.rangeEnd]);
  if ((r.limit ?? 0) > 0) f.push([3, 'varint', r.limit!]);
  if ((r.revision ?? 0) > 0) f.push([4, 'varint', r.revision!]);
  if (r.keysOnly === true) f.push([8, 'varint', true]);
  if (r.countOnly === true) f.push([9, 'varint', true]);
  return f;
}

function opFields(op: RequestOp): PbField[] {
  if ('put' in op) {
    const v = op.put.value;
    return [[2, 'msg', [[1, 'bytes', Buffer.from(op.put.key)], [2, 'bytes', typeof v === 'string' ? Buffer.from(v) : v]]]];
  }
  if ('deleteRange' in op) return [[3, 'msg', [[1, 'bytes', Buffer.from(op.deleteRange.key)]]]];
  return [[1, 'msg', rangeFields(op.range)]];
}

export function txnFields(t: TxnRequest): PbField[] {
  const f: PbField[] = [];
  for (const c of t.compare) {
    // result Equal (0) is the default and left out; the target_union value is a oneof, so
    // it is written even when 0.
    f.push([1, 'msg', [[2, 'varint', c.target === 'create' ? 1 : 2], [3, 'bytes', Buffer.from(c.key)],
      [c.target === 'create' ? 5 : 6, 'varint', c.revision]]]);
  }
  for (const op of t.success) f.push([2, 'msg', opFields(op)]);
  for (const op of t.failure) f.push([3, 'msg', opFields(op)]);
  return f;
}

/** The message as a gRPC frame: uncompressed flag, 4-byte big-endian length, the bytes. */
export function grpcFrame(fields: readonly PbField[]): Buffer {
  const size = messageSize(fields);
  const buf = Buffer.allocUnsafe(5 + size);
  buf[0] = 0;
  buf.writeUInt32BE(size, 1);
  const end = writeMessage(buf, 5, fields);
  if (end !== buf.length) throw new Error(`protobuf encoding wrote ${end} of ${buf.length} bytes`);
  return buf;
}

/** Reads fields of one message: call next() until it returns false. */
export class PbReader {
  private pos: number;
  no = 0;
  private wire = 0;

  constructor(private readonly buf: Buffer, start = 0, private readonly end = buf.length) {
    this.pos = start;
  }

  next(): boolean {
    if (this.pos >= this.end) return false;
    const tag = this.varint();
    this.no = Math.floor(tag / 8);
    this.wire = tag % 8;
    return true;
  }

  varint(): number {
    let n = 0;
    let mul = 1;
    for (;;) {
      if (this.pos >= this.end) throw new Error('truncated protobuf varint');
      const b = this.buf[this.pos++]!;
      n += (b & 127) * mul;
      if (b < 128) return n;
      mul *= 128;
    }
  }

  bool(): boolean {
    return this.varint() !== 0;
  }

  /** A length-delimited field (bytes or a nested message) as a view of the buffer. */
  bytes(): Buffer {
    const len = this.varint();
    if (this.pos + len > this.end) throw new Error('truncated protobuf field');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  skip(): void {
    switch (this.wire) {
      case 0: this.varint(); return;
      case 1: this.pos += 8; return;
      case 2: this.bytes(); return;
      case 5: this.pos += 4; return;
      default: throw new Error(`unsupported protobuf wire type ${this.wire}`);
    }
  }
}

export interface KeyValue {
  readonly key: Buffer;
  readonly value: Buffer;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
}

export interface RangeResponse {
  readonly revision: number;
  readonly kvs: KeyValue[];
  readonly more: boolean;
  readonly count: number;
}

export interface ResponseOp {
  readonly range?: RangeResponse;
  readonly put?: true;
  readonly deleted?: number;
}

export interface TxnResponse {
  readonly revision: number;
  readonly succeeded: boolean;
  readonly responses: ResponseOp[];
}

/** ResponseHeader.revision (field 3). */
export function decodeHeaderRevision(buf: Buffer): number {
  const r = new PbReader(buf);
  let revision = 0;
  while (r.next()) if (r.no === 3) revision = r.varint(); else r.skip();
  return revision;
}

export function decodeKeyValue(buf: Buffer): KeyValue {
  const r = new PbReader(buf);
  let key: Buffer = Buffer.alloc(0);
  let value = key;
  let createRevision = 0;
  let modRevision = 0;
  let version = 0;
  while (r.next()) {
    switch (r.no) {
      case 1: key = r.bytes(); break;
      case 2: createRevision = r.varint(); break;
      case 3: modRevision = r.varint(); break;
      case 4: version = r.varint(); break;
      case 5: value = r.bytes(); break;
      default: r.skip();
    }
  }
  return { key, value, createRevision, modRevision, version };
}

export function decodeRangeResponse(buf: Buffer): RangeResponse {
  const r = new PbReader(buf);
  let revision = 0;
  const kvs: KeyValue[] = [];
  let more = false;
  let count = 0;
  while (r.next()) {
    switch (r.no) {
      case 1: revision = decodeHeaderRevision(r.bytes()); break;
      case 2: kvs.push(decodeKeyValue(r.bytes())); break;
      case 3: more = r.bool(); break;
      case 4: count = r.varint(); break;
      default: r.skip();
    }
  }
  return { revision, kvs, more, count };
}

function decodeResponseOp(buf: Buffer): ResponseOp {
  const r = new PbReader(buf);
  let op: ResponseOp = {};
  while (r.next()) {
    switch (r.no) {
      case 1: op = { range: decodeRangeResponse(r.bytes()) }; break;
      case 2: r.skip(); op = { put: true }; break;
      case 3: {
        const d = new PbReader(r.bytes());
        let deleted = 0;
        while (d.next()) if (d.no === 2) deleted = d.varint(); else d.skip();
        op = { deleted };
        break;
      }
      default: r.skip();
    }
  }
  return op;
}

export function decodeTxnResponse(buf: Buffer): TxnResponse {
  const r = new PbReader(buf);
  let revision = 0;
  let succeeded = false;
  const responses: ResponseOp[] = [];
  while (r.next()) {
    switch (r.no) {
      case 1: revision = decodeHeaderRevision(r.bytes()); break;
      case 2: succeeded = r.bool(); break;
      case 3: responses.push(decodeResponseOp(r.bytes())); break;
      default: r.skip();
    }
  }
  return { revision, succeeded, responses };
}
