// Forwarding to the upstream resolvers: the client's query bytes go to each upstream in
// turn (UDP for UDP clients, TCP then UDP for TCP clients), each with a timeout, and the first reply
// comes back unchanged. Every UDP attempt uses its own socket, so ids of different clients
// never meet on one port.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { isIP } from 'node:net';

export interface Upstream { readonly host: string; readonly port: number }

export interface Forwarder {
  /** The upstream's reply, or undefined when every upstream failed or timed out. */
  forward(query: Uint8Array, transport: 'udp' | 'tcp', signal: AbortSignal): Promise<Uint8Array | undefined>;
}

export interface ForwarderLog { readonly debug: (fields: object, message: string) => void }

/** `10.0.0.2`, `10.0.0.2:5353`; the nameservers of a resolv.conf text. */
export function parseUpstream(spec: string): Upstream {
  const m = /^(\d+\.\d+\.\d+\.\d+)(?::(\d+))?$/.exec(spec.trim());
  if (m === null || isIP(m[1]!) !== 4) throw new Error(`upstream DNS ${JSON.stringify(spec)} is not IPv4[:port]`);
  const port = m[2] === undefined ? 53 : Number(m[2]);
  if (!(port > 0 && port < 65536)) throw new Error(`upstream DNS ${JSON.stringify(spec)} has a bad port`);
  return { host: m[1]!, port };
}

export function resolvConfNameservers(text: string): string[] {
  return text.split('\n').map((l) => l.trim().split(/\s+/)).filter((w) => w[0] === 'nameserver' && w[1] !== undefined && isIP(w[1]) === 4).map((w) => w[1]!);
}

export class UpstreamForwarder implements Forwarder {
  constructor(private readonly o: { readonly upstreams: readonly Upstream[]; readonly timeoutMs: number; readonly log: ForwarderLog }) {}

  async forward(query: Uint8Array, transport: 'udp' | 'tcp', signal: AbortSignal): Promise<Uint8Array | undefined> {
    for (const u of this.o.upstreams) {
      if (signal.aborted) return undefined;
      // a TCP client's query goes over TCP, and over UDP when the upstream takes no TCP
      for (const via of transport === 'tcp' ? ['tcp', 'udp'] as const : ['udp'] as const) {
        try {
          return await (via === 'udp' ? udpExchange(u, query, this.o.timeoutMs, signal) : tcpExchange(u, query, this.o.timeoutMs, signal));
        } catch (err) {
          this.o.log.debug({ err, upstream: `${u.host}:${u.port}`, transport: via }, 'Upstream DNS query failed');
        }
      }
    }
    return undefined;
  }
}

function udpExchange(u: Upstream, query: Uint8Array, timeoutMs: number, signal: AbortSignal): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const sock = createSocket('udp4');
    const finish = (err: Error | undefined, reply?: Uint8Array): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      sock.close();
      if (err !== undefined) reject(err); else resolve(reply!);
    };
    const onAbort = (): void => finish(new Error('aborted'));
    const timer = setTimeout(() => finish(new Error(`no reply in ${timeoutMs} ms`)), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    sock.on('error', (err) => finish(err));
    sock.on('message', (msg, rinfo) => {
      // only the upstream's answer to this very query (same id) ends the exchange
      if (rinfo.address !== u.host || rinfo.port !== u.port || msg.length < 2 || msg[0] !== query[0] || msg[1] !== query[1]) return;
      finish(undefined, new Uint8Array(msg));
    });
    sock.send(query, u.port, u.host, (err) => { if (err) finish(err); });
  });
}

function tcpExchange(u: Upstream, query: Uint8Array, timeoutMs: number, signal: AbortSignal): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: u.host, port: u.port });
    let got = Buffer.alloc(0);
    const finish = (err: Error | undefined, reply?: Uint8Array): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      sock.destroy();
      if (err !== undefined) reject(err); else resolve(reply!);
    };
    const onAbort = (): void => finish(new Error('aborted'));
    const timer = setTimeout(() => finish(new Error(`no reply in ${timeoutMs} ms`)), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    sock.on('error', (err) => finish(err));
    sock.on('connect', () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(query.length);
      sock.write(Buffer.concat([len, query]));
    });
    sock.on('data', (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= 2 && got.length >= 2 + got.readUInt16BE(0)) finish(undefined, new Uint8Array(got.subarray(2, 2 + got.readUInt16BE(0))));
    });
    sock.on('end', () => finish(new Error('connection closed before a full reply')));
  });
}
