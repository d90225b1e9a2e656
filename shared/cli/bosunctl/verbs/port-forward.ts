// bosunctl port-forward (POD | TYPE/NAME) [LOCAL:]REMOTE…: listens on loopback and carries each
// accepted connection to the pod through pods/portforward, as kubectl 1.31+ does: one
// WebSocket (subprotocol SPDY/3.1+portforward.k8s.io) whose binary messages are a SPDY/3.1
// session (the kubelet's own SPDY session, shared/spdy, as the client end); per connection an
// error stream and a data stream naming the port and a request id.
import { createServer, type Server, type Socket } from 'node:net';
import { finished } from 'node:stream';
import { pino } from 'pino';
import { createWebSocketStream, type WebSocket } from 'ws';
import { SpdySession, type SpdyStream } from '../../../spdy/session.js';
import { isRecord, type ApiObject } from '../../../api/meta.js';
import type { FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { pathOf } from '../discovery.js';
import { CliError } from '../errors.js';
import { getObject } from '../objects.js';
import { podFor } from './pod-target.js';

export const portForwardFlags: readonly FlagDef[] = [
  { long: 'address', kind: 'strings', default: 'localhost' },
  { long: 'pod-running-timeout', kind: 'string', default: '1m0s' },
];

interface Mapping { readonly local: number; readonly remote: number; readonly shown: string }

/** "8080", "8080:80", ":80" (a free local port); a Service's port is translated to its target port. */
export function parsePorts(specs: readonly string[]): { local: number; remote: string }[] {
  return specs.map((s) => {
    const [a, b] = s.includes(':') ? s.split(':', 2) as [string, string] : [s, s];
    const local = a === '' ? 0 : Number(a);
    if (!Number.isInteger(local) || local < 0 || local > 65535) throw new CliError(`Invalid port: ${s}`);
    if (b === '') throw new CliError(`Invalid port: ${s}`);
    return { local, remote: b };
  });
}

function containerPort(pod: ApiObject, port: string): number {
  if (/^\d+$/.test(port)) return Number(port);
  const spec = isRecord(pod['spec']) ? pod['spec'] : {};
  for (const c of (Array.isArray(spec['containers']) ? spec['containers'] : []).filter(isRecord)) {
    for (const p of (Array.isArray(c['ports']) ? c['ports'] : []).filter(isRecord)) {
      if (p['name'] === port && typeof p['containerPort'] === 'number') return p['containerPort'];
    }
  }
  throw new CliError(`Pod '${pod.metadata.name ?? ''}' does not have a named port '${port}'`);
}

export async function portForward(cli: Cli): Promise<number> {
  const [target, ...specs] = cli.args.positionals;
  if (target === undefined || specs.length === 0) throw new CliError('TYPE/NAME and list of ports are required for port-forward');
  const pod = await podFor(cli, target);
  const phase = isRecord(pod['status']) ? pod['status']['phase'] : undefined;
  if (phase !== 'Running') throw new CliError(`unable to forward port because pod is not running. Current status=${String(phase)}`);
  let ports = parsePorts(specs);
  if (target.startsWith('svc/') || target.startsWith('service/') || target.startsWith('services/')) {
    const d = await cli.discovery();
    const svc = await getObject(cli, d.resolve('services'), cli.namespace, target.slice(target.indexOf('/') + 1));
    const sp = isRecord(svc['spec']) && Array.isArray(svc['spec']['ports']) ? svc['spec']['ports'].filter(isRecord) : [];
    ports = ports.map((p) => {
      const m = sp.find((x) => String(x['port']) === p.remote || x['name'] === p.remote);
      if (m === undefined) throw new CliError(`Service ${svc.metadata.name ?? ''} does not have a service port ${p.remote}`);
      return { local: p.local === Number(p.remote) ? Number(m['port']) : p.local, remote: String(m['targetPort'] ?? m['port']) };
    });
  }
  const pods = (await cli.discovery()).resolve('pods');
  const ws = await cli.api.websocket(pathOf(pods, pod.metadata.namespace ?? cli.namespace, pod.metadata.name ?? '', 'portforward'), {}, ['SPDY/3.1+portforward.k8s.io']);
  const spdy = new SpdySession({ transport: createWebSocketStream(ws), isServer: false, log: pino({ level: 'silent' }) });
  const addresses = cli.args.strs('address').map((a) => (a === 'localhost' ? '127.0.0.1' : a));
  const mappings: Mapping[] = ports.map((p) => ({ local: p.local, remote: containerPort(pod, p.remote), shown: p.remote }));
  const servers: Server[] = [];
  let requestId = 0;
  for (const m of mappings) {
    for (const address of addresses) {
      const server = createServer((sock) => {
        cli.out(`Handling connection for ${(server.address() as { port: number }).port}\n`);
        carry(cli, spdy, sock, m.remote, String(requestId++));
      });
      await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(m.local, address, () => resolve()); });
      const bound = (server.address() as { port: number }).port;
      cli.out(`Forwarding from ${address}:${bound} -> ${m.remote}\n`);
      servers.push(server);
    }
  }
  return waitForEnd(cli, ws, spdy, servers);
}

function waitForEnd(cli: Cli, ws: WebSocket, spdy: SpdySession, servers: readonly Server[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const stop = (): void => { for (const s of servers) s.close(); void spdy.close(); };
    cli.io.signal.addEventListener('abort', () => { stop(); ws.close(1000); resolve(0); }, { once: true });
    ws.once('close', () => { stop(); if (!cli.io.signal.aborted) reject(new CliError('lost connection to pod')); });
    ws.once('error', () => { /* close follows */ });
  });
}

/** One local connection: an error stream (we send nothing on it) and a data stream both ways. */
function carry(cli: Cli, spdy: SpdySession, sock: Socket, port: number, requestID: string): void {
  const headers = (streamType: string): Map<string, string> => new Map([['streamtype', streamType], ['port', String(port)], ['requestid', requestID]]);
  const opened = (async (): Promise<void> => {
    const errors = await spdy.openStream(headers('error'), true);
    let errorText = '';
    errors.on('data', (d: Buffer) => { errorText += d.toString('utf8'); });
    errors.once('end', () => {
      if (errorText !== '') cli.err(`error: an error occurred forwarding ${sock.localPort ?? ''} -> ${port}: ${errorText}\n`);
      errors.destroy();
    });
    errors.on('error', () => {});
    const data: SpdyStream = await spdy.openStream(headers('data'));
    sock.pipe(data);
    data.pipe(sock);
    sock.once('error', () => data.destroy(new Error('the local connection failed')));
    data.on('error', () => sock.destroy());
    finished(data, () => { if (!data.destroyed) data.destroy(); });
  })();
  opened.catch(() => sock.destroy());
}
