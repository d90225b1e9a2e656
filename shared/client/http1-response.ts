// Reads one HTTP/1.1 response from the bytes of a connection, fed in as they come: the status
// line and headers, then a body framed by Content-Length, by chunks, or by the end of the
// connection. Pure (no sockets), so every way a response can be cut into packets is testable.

export interface Http1Response {
  readonly status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
  /** The server will close the connection after this response (or it is HTTP/1.0). */
  readonly close: boolean;
}

export class Http1ProtocolError extends Error {
  override readonly name = 'Http1ProtocolError';
}

/** Longest status line plus headers accepted (Node's default --max-http-header-size). */
const maxHeadBytes = 16 * 1024;

type Framing =
  | { readonly kind: 'length'; readonly remaining: number }
  | { readonly kind: 'chunked' }
  | { readonly kind: 'untilClose' };

export class Http1ResponseReader {
  private pending: Buffer = Buffer.alloc(0);
  private head: { status: number; headers: Map<string, string>; close: boolean } | undefined;
  private framing: Framing | undefined;
  private readonly body: Buffer[] = [];
  /** Inside a chunked body: bytes left of the current chunk (-1: a size line comes next). */
  private chunkLeft = -1;
  private inTrailers = false;

  /** `bodyless`: the request was HEAD, so no body follows whatever the headers say. */
  constructor(private readonly bodyless = false) {}

  /** Feeds bytes; returns the response once it is complete (extra bytes are an error). */
  push(data: Buffer): Http1Response | undefined {
    this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
    if (this.head === undefined && !this.readHead()) return undefined;
    const done = this.readBody();
    if (done && this.pending.length > 0) throw new Http1ProtocolError('the server sent bytes after the response');
    return done ? this.response() : undefined;
  }

  /** The connection ended: the response if its body was framed by the end, else undefined. */
  end(): Http1Response | undefined {
    if (this.head === undefined || this.framing?.kind !== 'untilClose') return undefined;
    return this.response();
  }

  /** True once any byte of an answer has come. */
  get started(): boolean {
    return this.head !== undefined || this.pending.length > 0;
  }

  private response(): Http1Response {
    const h = this.head!;
    const body = this.body.length === 1 ? this.body[0]! : Buffer.concat(this.body);
    return { status: h.status, headers: h.headers, body, close: h.close || this.framing?.kind === 'untilClose' };
  }

  /** Status line and headers; informational (1xx) answers are skipped. */
  private readHead(): boolean {
    for (;;) {
      const end = this.pending.indexOf('\r\n\r\n', 0, 'latin1');
      if (end < 0) {
        if (this.pending.length > maxHeadBytes) throw new Http1ProtocolError('the response headers are too long');
        return false;
      }
      const lines = this.pending.toString('latin1', 0, end).split('\r\n');
      this.pending = this.pending.subarray(end + 4);
      const m = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0]!);
      if (m === null) throw new Http1ProtocolError(`not an HTTP/1.x status line: ${JSON.stringify(lines[0]!.slice(0, 100))}`);
      const status = Number(m[2]);
      if (status >= 100 && status < 200) continue;
      const headers = new Map<string, string>();
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i]!;
        const colon = line.indexOf(':');
        if (colon <= 0) throw new Http1ProtocolError(`a malformed header line: ${JSON.stringify(line.slice(0, 100))}`);
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        const seen = headers.get(name);
        headers.set(name, seen === undefined ? value : `${seen}, ${value}`);
      }
      const conn = (headers.get('connection') ?? '').toLowerCase();
      const close = m[1] === '0' ? !/\bkeep-alive\b/.test(conn) : /\bclose\b/.test(conn);
      this.head = { status, headers, close };
      this.framing = this.framingOf(status, headers);
      return true;
    }
  }

  private framingOf(status: number, headers: ReadonlyMap<string, string>): Framing {
    if (this.bodyless || status === 204 || status === 304) return { kind: 'length', remaining: 0 };
    const te = headers.get('transfer-encoding');
    if (te !== undefined && /\bchunked\s*$/i.test(te)) return { kind: 'chunked' };
    const cl = headers.get('content-length');
    if (cl !== undefined) {
      if (!/^\d+$/.test(cl)) throw new Http1ProtocolError(`a bad Content-Length: ${JSON.stringify(cl)}`);
      return { kind: 'length', remaining: Number(cl) };
    }
    return { kind: 'untilClose' };
  }

  /** True when the body is complete. */
  private readBody(): boolean {
    const f = this.framing!;
    switch (f.kind) {
      case 'untilClose':
        if (this.pending.length > 0) { this.body.push(this.pending); this.pending = Buffer.alloc(0); }
        return false;
      case 'length': {
        const take = Math.min(f.remaining, this.pending.length);
        if (take > 0) this.body.push(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.framing = { kind: 'length', remaining: f.remaining - take };
        return f.remaining - take === 0;
      }
      case 'chunked':
        return this.readChunks();
      default: { const never: never = f; throw new Error(`unknown framing ${JSON.stringify(never)}`); }
    }
  }

  private readChunks(): boolean {
    for (;;) {
      if (this.inTrailers) {
        const eol = this.pending.indexOf('\r\n', 0, 'latin1');
        if (eol < 0) return false;
        this.pending = this.pending.subarray(eol + 2);
        if (eol === 0) return true;                          // the empty line after the trailers
        continue;
      }
      if (this.chunkLeft < 0) {
        const eol = this.pending.indexOf('\r\n', 0, 'latin1');
        if (eol < 0) {
          if (this.pending.length > 1024) throw new Http1ProtocolError('a chunk size line is too long');
          return false;
        }
        const size = /^([0-9a-fA-F]+)/.exec(this.pending.toString('latin1', 0, eol));
        if (size === null) throw new Http1ProtocolError('a malformed chunk size');
        this.pending = this.pending.subarray(eol + 2);
        const n = parseInt(size[1]!, 16);
        if (n === 0) { this.inTrailers = true; continue; }
        this.chunkLeft = n + 2;                              // the data and its CRLF
      }
      if (this.pending.length === 0) return false;
      const take = Math.min(this.chunkLeft, this.pending.length);
      const data = this.chunkLeft - 2;                       // bytes of data still to come
      if (data > 0) this.body.push(this.pending.subarray(0, Math.min(take, data)));
      this.pending = this.pending.subarray(take);
      this.chunkLeft -= take;
      if (this.chunkLeft > 0) return false;
      this.chunkLeft = -1;
    }
  }
}
