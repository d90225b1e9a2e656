// The client side of SPDY/3.1 that port-forward needs, over any byte transport (here the
// binary messages of a WebSocket tunnel, as kubectl 1.31+ does): SYN_STREAM with a header
// block, DATA with FIN, PING echoed, RST_STREAM and GOAWAY ending streams. Header blocks are
// sent as zlib "stored" blocks primed with the SPDY/3 dictionary's id, which every SPDY peer
// inflates; the peer's own header blocks (SYN_REPLY) are not needed and not inflated. Flow
// control windows are not enforced by Kubernetes' peers, so no WINDOW_UPDATE is sent.

/** Adler-32 of the SPDY/3 header dictionary (SPDY Protocol Draft 3, §2.6.10.1). */
const dictionaryId = 0xe3c6a7c2;
const version = 3;
const enum ControlType { SynStream = 1, SynReply = 2, RstStream = 3, Settings = 4, Ping = 6, GoAway = 7, Headers = 8, WindowUpdate = 9 }
const flagFin = 0x01;

export interface SpdyStreamHandlers {
  onData(data: Buffer): void;
  /** The peer finished (FIN) or reset (`reset` set) the stream. */
  onEnd(reset?: number): void;
}

/** One header block, uncompressed: count, then length-prefixed names and values. */
export function headerBlock(headers: Readonly<Record<string, string>>): Buffer {
  const parts: Buffer[] = [u32(Object.keys(headers).length)];
  for (const [k, v] of Object.entries(headers)) {
    const name = Buffer.from(k.toLowerCase(), 'utf8');
    const value = Buffer.from(v, 'utf8');
    parts.push(u32(name.length), name, u32(value.length), value);
  }
  return Buffer.concat(parts);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** Deflate "stored" blocks of `data` (non-final, byte aligned: each one ends a block the peer can inflate at once). */
export function storedBlocks(data: Buffer): Buffer {
  const out: Buffer[] = [];
  for (let at = 0; at === 0 || at < data.length; at += 65535) {
    const chunk = data.subarray(at, at + 65535);
    const head = Buffer.alloc(5);
    head[0] = 0x00;                      // BFINAL=0, BTYPE=00
    head.writeUInt16LE(chunk.length, 1);
    head.writeUInt16LE(~chunk.length & 0xffff, 3);
    out.push(head, chunk);
  }
  return Buffer.concat(out);
}

export function controlFrame(type: number, flags: number, body: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8000 | version, 0);
  h.writeUInt16BE(type, 2);
  h.writeUInt32BE(body.length, 4);
  h[4] = flags;
  return Buffer.concat([h, body]);
}

export function dataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(streamId & 0x7fffffff, 0);
  h.writeUInt32BE(data.length, 4);
  h[4] = flags;
  return Buffer.concat([h, data]);
}

export class SpdyClient {
  private nextId = 1;
  private headerStreamStarted = false;
  private pending: Buffer = Buffer.alloc(0);
  private readonly streams = new Map<number, SpdyStreamHandlers>();
  private closed = false;

  constructor(private readonly send: (bytes: Buffer) => void) {}

  /** Opens a stream with `headers`; returns its id. */
  open(headers: Readonly<Record<string, string>>, handlers: SpdyStreamHandlers): number {
    if (this.closed) throw new Error('the SPDY session is closed');
    const id = this.nextId;
    this.nextId += 2;
    let block = storedBlocks(headerBlock(headers));
    if (!this.headerStreamStarted) {
      const zhead = Buffer.alloc(6);
      zhead[0] = 0x78;
      zhead[1] = 0xbb;                   // FDICT set; (0x78bb % 31) === 0
      zhead.writeUInt32BE(dictionaryId, 2);
      block = Buffer.concat([zhead, block]);
      this.headerStreamStarted = true;
    }
    const body = Buffer.concat([u32(id), u32(0), Buffer.from([0, 0]), block]);
    this.streams.set(id, handlers);
    this.send(controlFrame(ControlType.SynStream, 0, body));
    return id;
  }

  write(id: number, data: Buffer): void {
    for (let at = 0; at < data.length; at += 0xffff) this.send(dataFrame(id, 0, data.subarray(at, at + 0xffff)));
  }

  /** Half-closes our side of the stream. */
  end(id: number): void {
    this.send(dataFrame(id, flagFin, Buffer.alloc(0)));
  }

  reset(id: number): void {
    this.streams.delete(id);
    this.send(controlFrame(ControlType.RstStream, 0, Buffer.concat([u32(id), u32(5)])));   // CANCEL
  }

  /** Feeds bytes from the transport; handlers run as whole frames arrive. */
  receive(bytes: Buffer): void {
    this.pending = this.pending.length === 0 ? bytes : Buffer.concat([this.pending, bytes]);
    while (this.pending.length >= 8) {
      const length = this.pending.readUInt32BE(4) & 0xffffff;
      if (this.pending.length < 8 + length) return;
      const frame = this.pending.subarray(0, 8 + length);
      this.pending = this.pending.subarray(8 + length);
      this.frame(frame);
    }
  }

  private frame(f: Buffer): void {
    const flags = f[4]!;
    const body = f.subarray(8);
    if ((f[0]! & 0x80) === 0) {
      const id = f.readUInt32BE(0) & 0x7fffffff;
      const s = this.streams.get(id);
      if (s === undefined) return;
      if (body.length > 0) s.onData(body);
      if ((flags & flagFin) !== 0) { this.streams.delete(id); s.onEnd(); }
      return;
    }
    const type = f.readUInt16BE(2);
    switch (type) {
      case ControlType.Ping: this.send(f); return;
      case ControlType.RstStream: {
        const id = body.readUInt32BE(0) & 0x7fffffff;
        const s = this.streams.get(id);
        this.streams.delete(id);
        s?.onEnd(body.readUInt32BE(4));
        return;
      }
      case ControlType.SynReply: case ControlType.Headers: {
        if ((flags & flagFin) === 0) return;
        const id = body.readUInt32BE(0) & 0x7fffffff;
        const s = this.streams.get(id);
        this.streams.delete(id);
        s?.onEnd();
        return;
      }
      case ControlType.GoAway: this.shutdown(); return;
      default: return;   // SETTINGS, WINDOW_UPDATE, server pushes: nothing to do
    }
  }

  /** The transport is gone: every stream ends. */
  shutdown(): void {
    this.closed = true;
    for (const s of this.streams.values()) s.onEnd(0);
    this.streams.clear();
  }
}
