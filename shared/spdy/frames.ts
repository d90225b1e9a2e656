// SPDY/3.1 framing (SPDY Protocol Draft 3.1, §2.2): pure encoding and decoding of frames.
// Header blocks are handled here uncompressed; header-codec.ts compresses them with the
// connection's zlib context. Every frame starts with 8 bytes: a control bit, then either
// version (3) and type, or a 31-bit stream id; then 8 bits of flags and a 24-bit length.

export const spdyVersion = 3;

export const FrameType = {
  synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9,
} as const;

export const flagFin = 0x01;
export const flagUnidirectional = 0x02;
export const maxDataLength = 0xffffff;

/** RST_STREAM status codes. */
export const RstStatus = {
  protocolError: 1, invalidStream: 2, refusedStream: 3, unsupportedVersion: 4, cancel: 5, internalError: 6,
  flowControlError: 7, streamInUse: 8, streamAlreadyClosed: 9,
} as const;

/** Header names in lower case; several values of one name are joined with NUL, as on the wire. */
export type SpdyHeaders = ReadonlyMap<string, string>;

/** A frame as cut from the byte stream; header blocks still compressed. */
export type RawFrame =
  | { readonly control: false; readonly streamId: number; readonly flags: number; readonly data: Buffer }
  | { readonly control: true; readonly version: number; readonly type: number; readonly flags: number; readonly data: Buffer };

export type SpdyFrame =
  | { readonly type: 'data'; readonly streamId: number; readonly fin: boolean; readonly data: Buffer }
  | { readonly type: 'synStream'; readonly streamId: number; readonly associatedTo: number; readonly priority: number;
      readonly fin: boolean; readonly unidirectional: boolean; readonly headers: SpdyHeaders }
  | { readonly type: 'synReply'; readonly streamId: number; readonly fin: boolean; readonly headers: SpdyHeaders }
  | { readonly type: 'headers'; readonly streamId: number; readonly fin: boolean; readonly headers: SpdyHeaders }
  | { readonly type: 'rstStream'; readonly streamId: number; readonly status: number }
  | { readonly type: 'settings'; readonly entries: readonly { readonly flags: number; readonly id: number; readonly value: number }[] }
  | { readonly type: 'ping'; readonly id: number }
  | { readonly type: 'goAway'; readonly lastGoodStreamId: number; readonly status: number }
  | { readonly type: 'windowUpdate'; readonly streamId: number; readonly delta: number }
  | { readonly type: 'unknown'; readonly frameType: number };

export class SpdyProtocolError extends Error {
  override readonly name = 'SpdyProtocolError';
  readonly code = 'SpdyProtocolError';
}

const streamIdMask = 0x7fffffff;

/** Cuts whole frames out of a byte stream that arrives in arbitrary pieces. */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): RawFrame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: RawFrame[] = [];
    let at = 0;
    while (this.pending.length - at >= 8) {
      const length = this.pending.readUIntBE(at + 5, 3);
      if (this.pending.length - at < 8 + length) break;
      const first = this.pending.readUInt32BE(at);
      const flags = this.pending[at + 4]!;
      const data = this.pending.subarray(at + 8, at + 8 + length);
      if ((first & 0x80000000) !== 0) {
        out.push({ control: true, version: (first >>> 16) & 0x7fff, type: first & 0xffff, flags, data });
      } else {
        out.push({ control: false, streamId: first & streamIdMask, flags, data });
      }
      at += 8 + length;
    }
    this.pending = Buffer.from(this.pending.subarray(at));
    return out;
  }

  /** Bytes of an incomplete frame still waiting for the rest. */
  get buffered(): number { return this.pending.length; }
}

function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  if (payload.length > maxDataLength) throw new SpdyProtocolError(`frame of ${payload.length} bytes is too long`);
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | spdyVersion, 0);
  head.writeUInt16BE(type, 2);
  head[4] = flags;
  head.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([head, payload]);
}

const u32 = (...values: number[]): Buffer => {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i));
  return b;
};

export function encodeData(streamId: number, data: Buffer, fin: boolean): Buffer {
  if (data.length > maxDataLength) throw new SpdyProtocolError(`data frame of ${data.length} bytes is too long`);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(streamId & streamIdMask, 0);
  head[4] = fin ? flagFin : 0;
  head.writeUIntBE(data.length, 5, 3);
  return Buffer.concat([head, data]);
}

/** A control frame whose header block is already compressed. */
export function encodeSynStream(f: { streamId: number; associatedTo?: number; priority?: number; fin?: boolean; unidirectional?: boolean }, block: Buffer): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt32BE(f.streamId & streamIdMask, 0);
  fixed.writeUInt32BE((f.associatedTo ?? 0) & streamIdMask, 4);
  fixed[8] = ((f.priority ?? 0) & 0x7) << 5;
  fixed[9] = 0;
  const flags = (f.fin === true ? flagFin : 0) | (f.unidirectional === true ? flagUnidirectional : 0);
  return controlFrame(FrameType.synStream, flags, Buffer.concat([fixed, block]));
}

export function encodeSynReply(streamId: number, fin: boolean, block: Buffer): Buffer {
  return controlFrame(FrameType.synReply, fin ? flagFin : 0, Buffer.concat([u32(streamId & streamIdMask), block]));
}

export function encodeHeaders(streamId: number, fin: boolean, block: Buffer): Buffer {
  return controlFrame(FrameType.headers, fin ? flagFin : 0, Buffer.concat([u32(streamId & streamIdMask), block]));
}

export const encodeRstStream = (streamId: number, status: number): Buffer =>
  controlFrame(FrameType.rstStream, 0, u32(streamId & streamIdMask, status));

export const encodePing = (id: number): Buffer => controlFrame(FrameType.ping, 0, u32(id));

export const encodeGoAway = (lastGoodStreamId: number, status: number): Buffer =>
  controlFrame(FrameType.goAway, 0, u32(lastGoodStreamId & streamIdMask, status));

export const encodeWindowUpdate = (streamId: number, delta: number): Buffer =>
  controlFrame(FrameType.windowUpdate, 0, u32(streamId & streamIdMask, delta & streamIdMask));

export function encodeSettings(entries: readonly { flags: number; id: number; value: number }[]): Buffer {
  const b = Buffer.alloc(4 + 8 * entries.length);
  b.writeUInt32BE(entries.length, 0);
  entries.forEach((e, i) => {
    b[4 + 8 * i] = e.flags;
    b.writeUIntBE(e.id, 5 + 8 * i, 3);
    b.writeUInt32BE(e.value >>> 0, 8 + 8 * i);
  });
  return controlFrame(FrameType.settings, 0, b);
}

/** The uncompressed name/value block: a count, then length-prefixed names and values. */
export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const parts: Buffer[] = [u32(headers.size)];
  for (const [name, value] of headers) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(value, 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  const need = (at: number, n: number): void => {
    if (at + n > block.length) throw new SpdyProtocolError('header block is truncated');
  };
  need(0, 4);
  const count = block.readUInt32BE(0);
  let at = 4;
  for (let i = 0; i < count; i++) {
    need(at, 4);
    const nl = block.readUInt32BE(at); at += 4;
    need(at, nl);
    const name = block.subarray(at, at + nl).toString('utf8'); at += nl;
    need(at, 4);
    const vl = block.readUInt32BE(at); at += 4;
    need(at, vl);
    const value = block.subarray(at, at + vl).toString('utf8'); at += vl;
    if (name === '') throw new SpdyProtocolError('header block has an empty name');
    out.set(name.toLowerCase(), out.has(name.toLowerCase()) ? `${out.get(name.toLowerCase())}\0${value}` : value);
  }
  return out;
}

/** Whether a control frame carries a compressed header block after a fixed part of this many bytes. */
export function headerBlockOffset(type: number): number | undefined {
  switch (type) {
    case FrameType.synStream: return 10;
    case FrameType.synReply: case FrameType.headers: return 4;
    default: return undefined;
  }
}

/** Decodes a raw frame; `headers` is the already decompressed block for frames that carry one. */
export function decodeFrame(raw: RawFrame, headers?: SpdyHeaders): SpdyFrame {
  if (!raw.control) return { type: 'data', streamId: raw.streamId, fin: (raw.flags & flagFin) !== 0, data: raw.data };
  if (raw.version !== spdyVersion) throw new SpdyProtocolError(`SPDY version ${raw.version} is not supported`);
  const d = raw.data;
  const fin = (raw.flags & flagFin) !== 0;
  const need = (n: number): void => {
    if (d.length < n) throw new SpdyProtocolError(`control frame of type ${raw.type} is too short (${d.length} bytes)`);
  };
  const h = headers ?? new Map<string, string>();
  switch (raw.type) {
    case FrameType.synStream:
      need(10);
      return {
        type: 'synStream', streamId: d.readUInt32BE(0) & streamIdMask, associatedTo: d.readUInt32BE(4) & streamIdMask,
        priority: d[8]! >> 5, fin, unidirectional: (raw.flags & flagUnidirectional) !== 0, headers: h,
      };
    case FrameType.synReply: need(4); return { type: 'synReply', streamId: d.readUInt32BE(0) & streamIdMask, fin, headers: h };
    case FrameType.headers: need(4); return { type: 'headers', streamId: d.readUInt32BE(0) & streamIdMask, fin, headers: h };
    case FrameType.rstStream: need(8); return { type: 'rstStream', streamId: d.readUInt32BE(0) & streamIdMask, status: d.readUInt32BE(4) };
    case FrameType.settings: {
      need(4);
      const n = d.readUInt32BE(0);
      need(4 + 8 * n);
      const entries = Array.from({ length: n }, (_, i) => ({
        flags: d[4 + 8 * i]!, id: d.readUIntBE(5 + 8 * i, 3), value: d.readUInt32BE(8 + 8 * i),
      }));
      return { type: 'settings', entries };
    }
    case FrameType.ping: need(4); return { type: 'ping', id: d.readUInt32BE(0) };
    case FrameType.goAway: need(8); return { type: 'goAway', lastGoodStreamId: d.readUInt32BE(0) & streamIdMask, status: d.readUInt32BE(4) };
    case FrameType.windowUpdate:
      need(8);
      return { type: 'windowUpdate', streamId: d.readUInt32BE(0) & streamIdMask, delta: d.readUInt32BE(4) & streamIdMask };
    default: return { type: 'unknown', frameType: raw.type };
  }
}
