// The node-local DNS server: UDP and TCP on one address (169.254.20.10:53 on the sink device).
// Each query is decoded, answered from the cluster (answer.ts) or forwarded upstream, and the
// reply written back; UDP replies are cut to the client's size (512 bytes, or its EDNS0 size)
// with the TC bit, after which the client asks again over TCP.
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import { answer, type ClusterView, type ZoneSettings } from './answer.js';
import type { Forwarder } from './forward.js';
import { decodeMessage, DnsFormatError, encodeMessage, peekId, Rcode, RType, type Message, type ResourceRecord } from './wire.js';

export interface DnsLog {
  readonly debug: (fields: object, message: string) => void;
  readonly info: (fields: object, message: string) => void;
  readonly warn: (fields: object, message: string) => void;
}

export interface QueryDeps {
  readonly view: ClusterView;
  readonly zone: ZoneSettings;
  readonly forwarder: Forwarder;
  readonly log: DnsLog;
}

const ednsPayload = 1232;

const errorReply = (id: number, rcode: number, query?: Message): Uint8Array => encodeMessage({
  header: { id, qr: true, opcode: query?.header.opcode ?? 0, aa: false, tc: false, rd: query?.header.rd ?? false, ra: true, rcode },
  questions: query?.questions ?? [], answers: [], authorities: [], additionals: [],
});

/** The reply to one query's bytes, or undefined when nothing should be sent (not a query, or no id). */
export async function handleQuery(buf: Uint8Array, transport: 'udp' | 'tcp', deps: QueryDeps, signal: AbortSignal): Promise<Uint8Array | undefined> {
  let q: Message;
  try {
    q = decodeMessage(buf);
  } catch (err) {
    const id = peekId(buf);
    if (!(err instanceof DnsFormatError) || id === undefined || buf.length < 12) return undefined;
    return errorReply(id, Rcode.FormErr);
  }
  if (q.header.qr) return undefined;
  if (q.header.opcode !== 0) return errorReply(q.header.id, Rcode.NotImp, q);
  const question = q.questions[0];
  if (question === undefined || q.questions.length !== 1) return errorReply(q.header.id, Rcode.FormErr, q);
  const a = answer(question, deps.view, deps.zone);
  if (a.kind === 'forward') {
    const reply = await deps.forwarder.forward(buf, transport, signal);
    if (reply === undefined) deps.log.debug({ name: question.name, type: question.type }, 'Forwarded DNS query failed');
    return reply ?? errorReply(q.header.id, Rcode.ServFail, q);
  }
  const opt = q.additionals.find((r) => r.type === RType.OPT);
  const optReply: ResourceRecord[] = opt === undefined ? [] : [{ name: '', type: RType.OPT, class: ednsPayload, ttl: 0, data: { kind: 'raw', bytes: new Uint8Array(0) } }];
  const limit = transport === 'tcp' ? 65535 : Math.max(512, Math.min(opt?.class ?? 512, ednsPayload));
  return encodeMessage({
    header: { id: q.header.id, qr: true, opcode: 0, aa: true, tc: false, rd: q.header.rd, ra: true, rcode: a.rcode },
    questions: [question], answers: a.answers, authorities: a.authorities, additionals: [...a.additionals, ...optReply],
  }, limit);
}

export interface DnsServerOptions extends QueryDeps {
  readonly address: string;
  readonly port: number;
}

export class DnsServer {
  private udp: Socket | undefined;
  private tcp: Server | undefined;
  private readonly conns = new Set<TcpSocket>();

  constructor(private readonly o: DnsServerOptions) {}

  /** Binds both sockets; resolves once they listen. */
  async listen(signal: AbortSignal): Promise<void> {
    const o = this.o;
    const udp = createSocket({ type: 'udp4', reuseAddr: true });
    this.udp = udp;
    udp.on('message', (msg, rinfo) => {
      handleQuery(new Uint8Array(msg), 'udp', o, signal).then((reply) => {
        if (reply !== undefined && !signal.aborted) udp.send(reply, rinfo.port, rinfo.address);
      }, (err: unknown) => o.log.warn({ err, client: rinfo.address }, 'DNS query failed'));
    });
    await new Promise<void>((resolve, reject) => { udp.once('error', reject); udp.bind(o.port, o.address, () => { udp.off('error', reject); resolve(); }); });
    udp.on('error', (err) => o.log.warn({ err }, 'DNS UDP socket failed'));
    const tcp = createServer((c) => this.serveTcp(c, signal));
    this.tcp = tcp;
    await new Promise<void>((resolve, reject) => { tcp.once('error', reject); tcp.listen(o.port, o.address, () => { tcp.off('error', reject); resolve(); }); });
    tcp.on('error', (err) => o.log.warn({ err }, 'DNS TCP server failed'));
    o.log.info({ address: o.address, port: o.port }, 'DNS server listening');
  }

  /** Serves until `signal` aborts, then closes both sockets. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.udp === undefined) await this.listen(signal);
    await new Promise<void>((resolve) => { if (signal.aborted) resolve(); else signal.addEventListener('abort', () => resolve(), { once: true }); });
    this.udp?.close();
    for (const c of this.conns) c.destroy();
    await new Promise<void>((resolve) => { if (this.tcp === undefined) resolve(); else this.tcp.close(() => resolve()); });
  }

  private serveTcp(c: TcpSocket, signal: AbortSignal): void {
    this.conns.add(c);
    c.setTimeout(10_000, () => c.destroy());
    c.on('close', () => this.conns.delete(c));
    c.on('error', () => c.destroy());
    let pending = Buffer.alloc(0);
    c.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const msg = new Uint8Array(pending.subarray(2, 2 + pending.readUInt16BE(0)));
        pending = pending.subarray(2 + msg.length);
        handleQuery(msg, 'tcp', this.o, signal).then((reply) => {
          if (reply === undefined || c.destroyed) return;
          const len = Buffer.alloc(2);
          len.writeUInt16BE(reply.length);
          c.write(Buffer.concat([len, reply]));
        }, (err: unknown) => this.o.log.warn({ err }, 'DNS query failed'));
      }
    });
  }
}
