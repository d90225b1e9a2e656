// The DNS wire format (RFC 1035 §4, SRV RFC 2782, OPT RFC 6891): messages parsed from bytes
// and written back, names compressed on write and followed through pointers on read. Only the
// record types the node-local server answers with have typed data; any other keeps its bytes.

export const RType = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, TXT: 16, AAAA: 28, SRV: 33, OPT: 41, ANY: 255 } as const;
export const RClass = { IN: 1 } as const;
export const Rcode = { NoError: 0, FormErr: 1, ServFail: 2, NXDomain: 3, NotImp: 4, Refused: 5 } as const;

export class DnsFormatError extends Error {
  override readonly name = 'DnsFormatError';
  readonly code = 'DNS_FORMAT';
}

export interface Header {
  readonly id: number;
  readonly qr: boolean;
  readonly opcode: number;
  readonly aa: boolean;
  readonly tc: boolean;
  readonly rd: boolean;
  readonly ra: boolean;
  readonly rcode: number;
}

export interface Question { readonly name: string; readonly type: number; readonly class: number }

export interface SoaData {
  readonly mname: string; readonly rname: string; readonly serial: number; readonly refresh: number;
  readonly retry: number; readonly expire: number; readonly minimum: number;
}
export interface SrvData { readonly priority: number; readonly weight: number; readonly port: number; readonly target: string }

export type RecordData =
  | { readonly kind: 'A' | 'AAAA'; readonly address: string }
  | { readonly kind: 'CNAME' | 'PTR' | 'NS'; readonly target: string }
  | { readonly kind: 'SRV'; readonly srv: SrvData }
  | { readonly kind: 'SOA'; readonly soa: SoaData }
  | { readonly kind: 'raw'; readonly bytes: Uint8Array };

export interface ResourceRecord {
  readonly name: string;
  readonly type: number;
  /** For OPT: the requestor's UDP payload size. */
  readonly class: number;
  /** For OPT: extended rcode, version and flags. */
  readonly ttl: number;
  readonly data: RecordData;
}

export interface Message {
  readonly header: Header;
  readonly questions: readonly Question[];
  readonly answers: readonly ResourceRecord[];
  readonly authorities: readonly ResourceRecord[];
  readonly additionals: readonly ResourceRecord[];
}

// --- reading --------------------------------------------------------------------------------

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  need(n: number): void {
    if (this.pos + n > this.buf.length) throw new DnsFormatError(`message ends at byte ${this.buf.length}, ${n} more needed at ${this.pos}`);
  }
  u8(): number { this.need(1); return this.buf[this.pos++]!; }
  u16(): number { this.need(2); const v = (this.buf[this.pos]! << 8) | this.buf[this.pos + 1]!; this.pos += 2; return v; }
  u32(): number { return this.u16() * 0x10000 + this.u16(); }
  bytes(n: number): Uint8Array { this.need(n); const b = this.buf.slice(this.pos, this.pos + n); this.pos += n; return b; }

  /** A name at the current position, following compression pointers (only backwards, so no loops). */
  name(): string {
    const labels: string[] = [];
    let at = this.pos;
    let jumped = false;
    let length = 0;
    for (;;) {
      if (at >= this.buf.length) throw new DnsFormatError(`name runs past the end of the message at byte ${at}`);
      const len = this.buf[at]!;
      if ((len & 0xc0) === 0xc0) {
        if (at + 1 >= this.buf.length) throw new DnsFormatError('compression pointer cut off');
        const target = ((len & 0x3f) << 8) | this.buf[at + 1]!;
        if (target >= at) throw new DnsFormatError(`compression pointer at byte ${at} points forward to ${target}`);
        if (!jumped) this.pos = at + 2;
        jumped = true;
        at = target;
        continue;
      }
      if ((len & 0xc0) !== 0) throw new DnsFormatError(`unknown label type 0x${len.toString(16)} at byte ${at}`);
      if (len === 0) { if (!jumped) this.pos = at + 1; break; }
      if (at + 1 + len > this.buf.length) throw new DnsFormatError(`label at byte ${at} runs past the end`);
      length += len + 1;
      if (length > 255) throw new DnsFormatError('name longer than 255 bytes');
      labels.push(decodeLabel(this.buf.subarray(at + 1, at + 1 + len)));
      at += 1 + len;
    }
    return labels.join('.');
  }
}

function decodeLabel(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += c === 0x2e || c === 0x5c ? `\\${String.fromCharCode(c)}` : c < 0x21 || c > 0x7e ? `\\${String(c).padStart(3, '0')}` : String.fromCharCode(c);
  return s;
}

function readRecord(r: Reader): ResourceRecord {
  const name = r.name();
  const type = r.u16();
  const cls = r.u16();
  const ttl = r.u32();
  const len = r.u16();
  r.need(len);
  const end = r.pos + len;
  let data: RecordData;
  switch (type) {
    case RType.A:
      if (len !== 4) throw new DnsFormatError(`A record of ${len} bytes`);
      data = { kind: 'A', address: Array.from(r.bytes(4)).join('.') };
      break;
    case RType.AAAA: {
      if (len !== 16) throw new DnsFormatError(`AAAA record of ${len} bytes`);
      const b = r.bytes(16);
      const groups: string[] = [];
      for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
      data = { kind: 'AAAA', address: groups.join(':') };
      break;
    }
    case RType.CNAME: case RType.PTR: case RType.NS:
      data = { kind: type === RType.CNAME ? 'CNAME' : type === RType.PTR ? 'PTR' : 'NS', target: r.name() };
      break;
    case RType.SRV:
      data = { kind: 'SRV', srv: { priority: r.u16(), weight: r.u16(), port: r.u16(), target: r.name() } };
      break;
    case RType.SOA:
      data = { kind: 'SOA', soa: { mname: r.name(), rname: r.name(), serial: r.u32(), refresh: r.u32(), retry: r.u32(), expire: r.u32(), minimum: r.u32() } };
      break;
    default:
      data = { kind: 'raw', bytes: r.bytes(len) };
  }
  if (r.pos !== end) throw new DnsFormatError(`record ${name} type ${type}: data is ${len} bytes but ${r.pos - end + len} were read`);
  return { name, type, class: cls, ttl, data };
}

export function decodeMessage(buf: Uint8Array): Message {
  const r = new Reader(buf);
  const id = r.u16();
  const flags = r.u16();
  const counts = [r.u16(), r.u16(), r.u16(), r.u16()] as const;
  const header: Header = {
    id, qr: (flags & 0x8000) !== 0, opcode: (flags >> 11) & 0xf, aa: (flags & 0x400) !== 0, tc: (flags & 0x200) !== 0,
    rd: (flags & 0x100) !== 0, ra: (flags & 0x80) !== 0, rcode: flags & 0xf,
  };
  const questions: Question[] = [];
  for (let i = 0; i < counts[0]; i++) questions.push({ name: r.name(), type: r.u16(), class: r.u16() });
  const section = (n: number): ResourceRecord[] => Array.from({ length: n }, () => readRecord(r));
  return { header, questions, answers: section(counts[1]), authorities: section(counts[2]), additionals: section(counts[3]) };
}

/** The id and first question of a query, for answering even when the rest does not parse. */
export function peekId(buf: Uint8Array): number | undefined {
  return buf.length >= 2 ? (buf[0]! << 8) | buf[1]! : undefined;
}

// --- writing --------------------------------------------------------------------------------

class Writer {
  private buf = new Uint8Array(512);
  len = 0;
  private readonly names = new Map<string, number>();

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  u8(v: number): void { this.room(1); this.buf[this.len++] = v & 0xff; }
  u16(v: number): void { this.u8(v >> 8); this.u8(v); }
  u32(v: number): void { this.u16(Math.floor(v / 0x10000) & 0xffff); this.u16(v & 0xffff); }
  bytes(b: Uint8Array): void { this.room(b.length); this.buf.set(b, this.len); this.len += b.length; }
  setU16(at: number, v: number): void { this.buf[at] = (v >> 8) & 0xff; this.buf[at + 1] = v & 0xff; }

  /** Writes a name, pointing at an earlier copy of its longest known suffix (unless `compress` is false: SRV targets, RFC 2782). */
  name(name: string, compress = true): void {
    const labels = splitName(name);
    for (let i = 0; i < labels.length; i++) {
      const key = labels.slice(i).join('.').toLowerCase();
      const at = this.names.get(key);
      if (at !== undefined && compress) { this.u16(0xc000 | at); return; }
      if (this.len < 0x4000) this.names.set(key, this.len);
      const b = encodeLabel(labels[i]!);
      this.u8(b.length);
      this.bytes(b);
    }
    this.u8(0);
  }
  done(): Uint8Array { return this.buf.slice(0, this.len); }
}

function splitName(name: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === '\\' && i + 1 < name.length) { cur += c + name[i + 1]!; i++; continue; }
    if (c === '.') { if (cur !== '') out.push(cur); cur = ''; continue; }
    cur += c;
  }
  if (cur !== '') out.push(cur);
  return out;
}

function encodeLabel(label: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (c === 0x5c && /^\d{3}$/.test(label.slice(i + 1, i + 4))) { out.push(Number(label.slice(i + 1, i + 4))); i += 3; continue; }
    if (c === 0x5c && i + 1 < label.length) { out.push(label.charCodeAt(i + 1)); i++; continue; }
    out.push(c);
  }
  if (out.length > 63) throw new DnsFormatError(`label ${JSON.stringify(label)} is longer than 63 bytes`);
  return Uint8Array.from(out);
}

function writeAddress(w: Writer, kind: 'A' | 'AAAA', address: string): void {
  if (kind === 'A') {
    const parts = address.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new DnsFormatError(`${address} is not an IPv4 address`);
    for (const p of parts) w.u8(p);
    return;
  }
  const [head = '', tail] = address.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  if (groups.length !== 8) throw new DnsFormatError(`${address} is not an IPv6 address`);
  for (const g of groups) w.u16(parseInt(g, 16));
}

function writeRecord(w: Writer, rr: ResourceRecord): void {
  w.name(rr.name);
  w.u16(rr.type);
  w.u16(rr.class);
  w.u32(rr.ttl);
  const lenAt = w.len;
  w.u16(0);
  const d = rr.data;
  switch (d.kind) {
    case 'A': case 'AAAA': writeAddress(w, d.kind, d.address); break;
    case 'CNAME': case 'PTR': case 'NS': w.name(d.target); break;
    case 'SRV': w.u16(d.srv.priority); w.u16(d.srv.weight); w.u16(d.srv.port); w.name(d.srv.target, false); break;
    case 'SOA': {
      const s = d.soa;
      w.name(s.mname); w.name(s.rname);
      for (const v of [s.serial, s.refresh, s.retry, s.expire, s.minimum]) w.u32(v);
      break;
    }
    case 'raw': w.bytes(d.bytes); break;
    default: { const never: never = d; throw new Error(`unknown record data ${JSON.stringify(never)}`); }
  }
  w.setU16(lenAt, w.len - lenAt - 2);
}

function flagsOf(h: Header): number {
  return (h.qr ? 0x8000 : 0) | ((h.opcode & 0xf) << 11) | (h.aa ? 0x400 : 0) | (h.tc ? 0x200 : 0)
    | (h.rd ? 0x100 : 0) | (h.ra ? 0x80 : 0) | (h.rcode & 0xf);
}

/**
 * Writes a message. With `maxBytes` (a UDP reply), records that do not fit are dropped from
 * the end, additionals first, and the TC bit is set when an answer or authority record had to go.
 */
export function encodeMessage(m: Message, maxBytes = Infinity): Uint8Array {
  const full = encodeAll(m);
  if (full.length <= maxBytes) return full;
  const opt = m.additionals.filter((r) => r.type === RType.OPT);
  let trimmed: Message = { ...m, additionals: opt };
  if (encodeAll(trimmed).length <= maxBytes) return encodeAll(fitAdditionals(m, opt, maxBytes));
  trimmed = { ...trimmed, header: { ...m.header, tc: true }, authorities: [] };
  let answers = [...m.answers];
  while (answers.length > 0 && encodeAll({ ...trimmed, answers }).length > maxBytes) answers = answers.slice(0, -1);
  const out = encodeAll({ ...trimmed, answers });
  return out.length <= maxBytes ? out : encodeAll({ ...trimmed, answers: [], additionals: [] });
}

function fitAdditionals(m: Message, opt: readonly ResourceRecord[], maxBytes: number): Message {
  const rest = m.additionals.filter((r) => r.type !== RType.OPT);
  let keep = rest.length;
  while (keep > 0 && encodeAll({ ...m, additionals: [...rest.slice(0, keep), ...opt] }).length > maxBytes) keep--;
  return { ...m, additionals: [...rest.slice(0, keep), ...opt] };
}

function encodeAll(m: Message): Uint8Array {
  const w = new Writer();
  w.u16(m.header.id);
  w.u16(flagsOf(m.header));
  for (const n of [m.questions.length, m.answers.length, m.authorities.length, m.additionals.length]) w.u16(n);
  for (const q of m.questions) { w.name(q.name); w.u16(q.type); w.u16(q.class); }
  for (const rr of [...m.answers, ...m.authorities, ...m.additionals]) writeRecord(w, rr);
  return w.done();
}
