// A SPDY/3.1 connection over any byte stream (a TCP socket after an HTTP upgrade, or a
// WebSocket carrying SPDY bytes). Either end may open streams; each stream is a Duplex whose
// readable side ends at the peer's FIN and whose end() sends ours. Incoming streams are
// answered with an empty SYN_REPLY before they are handed out, as Kubernetes' server does.
// Frames go out in order through one queue (header compression is asynchronous). Flow
// control windows are not enforced: Kubernetes' peer (spdystream) sends no WINDOW_UPDATE.
import { EventEmitter } from 'node:events';
import { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import {
  FrameReader, RstStatus, SpdyProtocolError, decodeFrame, decodeHeaderBlock, encodeData, encodeGoAway, encodeHeaderBlock,
  encodePing, encodeRstStream, encodeSynReply, encodeSynStream, headerBlockOffset, type RawFrame, type SpdyFrame, type SpdyHeaders,
} from './frames.js';
import { HeaderCompressor, HeaderDecompressor } from './header-codec.js';

const maxChunk = 32 * 1024;

export class SpdyStream extends Duplex {
  /** Resolves when the peer has answered a stream we opened. */
  readonly reply: Promise<SpdyHeaders>;
  private resolveReply: (h: SpdyHeaders) => void = () => {};
  remoteClosed = false;

  constructor(private readonly session: SpdySession, readonly id: number, readonly headers: SpdyHeaders) {
    super({ allowHalfOpen: true });
    this.reply = new Promise((resolve) => { this.resolveReply = resolve; });
  }

  /** A header value, or '' when absent. */
  header(name: string): string { return this.headers.get(name.toLowerCase()) ?? ''; }

  override _read(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.session.sendData(this.id, chunk, false).then(() => cb(), cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.session.sendData(this.id, Buffer.alloc(0), true).then(() => cb(), cb);
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.session.forget(this.id, err !== null || !this.writableFinished || !this.remoteClosed);
    cb(err);
  }

  /** Called by the session. */
  receive(data: Buffer, fin: boolean): void {
    if (data.length > 0) this.push(data);
    if (fin && !this.remoteClosed) { this.remoteClosed = true; this.push(null); }
  }

  gotReply(headers: SpdyHeaders): void { this.resolveReply(headers); }
}

export interface SpdySessionOptions {
  readonly transport: Duplex;
  /** Servers open even-numbered streams, clients odd ones. */
  readonly isServer: boolean;
  readonly log: Logger;
}

export interface SpdySessionEvents {
  stream: [SpdyStream];
  close: [];
}

export class SpdySession extends EventEmitter<SpdySessionEvents> {
  private readonly transport: Duplex;
  private readonly isServer: boolean;
  private readonly log: Logger;
  private readonly reader = new FrameReader();
  private readonly compressor = new HeaderCompressor();
  private readonly decompressor = new HeaderDecompressor();
  private readonly streams = new Map<number, SpdyStream>();
  private nextId: number;
  private lastRemoteId = 0;
  private out: Promise<void> = Promise.resolve();
  private inbound: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(o: SpdySessionOptions) {
    super();
    this.transport = o.transport;
    this.isServer = o.isServer;
    this.log = o.log;
    this.nextId = o.isServer ? 2 : 1;
    this.transport.on('data', (chunk: Buffer) => this.onBytes(chunk));
    // Frames already received are handled (in order, header blocks inflate asynchronously) first.
    const afterInbound = (): void => { this.inbound = this.inbound.then(() => this.shutdown()); };
    this.transport.on('end', afterInbound);
    this.transport.on('close', afterInbound);
    this.transport.on('error', (err: Error) => { this.log.debug({ err }, 'SPDY transport failed'); afterInbound(); });
  }

  get isClosed(): boolean { return this.closed; }

  /** Opens a stream to the peer. */
  async openStream(headers: SpdyHeaders, fin = false): Promise<SpdyStream> {
    const id = this.nextId;
    this.nextId += 2;
    const s = new SpdyStream(this, id, headers);
    this.streams.set(id, s);
    await this.enqueue(async () => encodeSynStream({ streamId: id, fin }, await this.compressor.compress(encodeHeaderBlock(headers))));
    return s;
  }

  sendData(id: number, data: Buffer, fin: boolean): Promise<void> {
    if (this.closed) return Promise.reject(new SpdyProtocolError('the SPDY connection is closed'));
    const frames: Buffer[] = [];
    for (let at = 0; at < data.length; at += maxChunk) frames.push(encodeData(id, data.subarray(at, at + maxChunk), fin && at + maxChunk >= data.length));
    if (frames.length === 0) frames.push(encodeData(id, data, fin));
    return this.enqueue(async () => Buffer.concat(frames));
  }

  reset(id: number, status: number = RstStatus.cancel): void {
    void this.enqueue(async () => encodeRstStream(id, status)).catch(() => {});
  }

  /** Sends GOAWAY, lets queued frames out, and ends the transport. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.enqueue(async () => encodeGoAway(this.lastRemoteId, 0)).catch(() => {});
    await this.out.catch(() => {});
    this.transport.end();
    this.shutdown();
  }

  forget(id: number, reset: boolean): void {
    if (!this.streams.has(id)) return;
    this.streams.delete(id);
    if (reset && !this.closed) this.reset(id);
  }

  private enqueue(make: () => Promise<Buffer>): Promise<void> {
    const next = this.out.then(async () => {
      if (this.closed) throw new SpdyProtocolError('the SPDY connection is closed');
      const bytes = await make();
      if (!this.transport.write(bytes)) {
        await new Promise<void>((resolve) => {
          const done = (): void => { this.transport.off('drain', done); this.transport.off('close', done); resolve(); };
          this.transport.on('drain', done);
          this.transport.on('close', done);
        });
      }
    });
    this.out = next.catch(() => {});
    return next;
  }

  private onBytes(chunk: Buffer): void {
    let frames: RawFrame[];
    try {
      frames = this.reader.push(chunk);
    } catch (err) {
      this.fail(err);
      return;
    }
    for (const raw of frames) {
      this.inbound = this.inbound.then(() => this.handleRaw(raw)).catch((err: unknown) => this.fail(err));
    }
  }

  private async handleRaw(raw: RawFrame): Promise<void> {
    if (this.closed) return;
    let headers: SpdyHeaders | undefined;
    if (raw.control) {
      const offset = headerBlockOffset(raw.type);
      if (offset !== undefined && raw.data.length >= offset) {
        headers = decodeHeaderBlock(await this.decompressor.decompress(raw.data.subarray(offset)));
      }
    }
    this.handle(decodeFrame(raw, headers));
  }

  private handle(f: SpdyFrame): void {
    switch (f.type) {
      case 'synStream': {
        if (this.streams.has(f.streamId)) { this.reset(f.streamId, RstStatus.streamInUse); return; }
        this.lastRemoteId = Math.max(this.lastRemoteId, f.streamId);
        const s = new SpdyStream(this, f.streamId, f.headers);
        this.streams.set(f.streamId, s);
        void this.enqueue(async () => encodeSynReply(f.streamId, false, await this.compressor.compress(encodeHeaderBlock(new Map()))))
          .catch(() => {});
        if (f.fin || f.unidirectional) s.receive(Buffer.alloc(0), true);
        this.emit('stream', s);
        return;
      }
      case 'synReply': this.streams.get(f.streamId)?.gotReply(f.headers); return;
      case 'headers': if (f.fin) this.streams.get(f.streamId)?.receive(Buffer.alloc(0), true); return;
      case 'data': {
        const s = this.streams.get(f.streamId);
        if (s === undefined) { if (f.data.length > 0 || !f.fin) this.reset(f.streamId, RstStatus.invalidStream); return; }
        s.receive(f.data, f.fin);
        return;
      }
      case 'rstStream': {
        const s = this.streams.get(f.streamId);
        this.streams.delete(f.streamId);
        s?.destroy();
        return;
      }
      case 'ping':
        // Pings the peer started are echoed; ours (server ids even) would be answers.
        if ((f.id % 2 === 1) === this.isServer) void this.enqueue(async () => encodePing(f.id)).catch(() => {});
        return;
      case 'goAway': this.shutdown(); return;
      case 'settings': case 'windowUpdate': case 'unknown': return;
    }
  }

  private fail(err: unknown): void {
    this.log.warn({ err }, 'SPDY connection failed');
    void this.enqueue(async () => encodeGoAway(this.lastRemoteId, 1)).catch(() => {});
    this.transport.end();
    this.shutdown();
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams.values()) {
      s.receive(Buffer.alloc(0), true);
      s.destroy();
    }
    this.streams.clear();
    this.compressor.close();
    this.decompressor.close();
    this.emit('close');
  }
}
