// pods/exec, pods/attach and pods/portforward: upgrade requests (WebSocket, or SPDY/3.1)
// checked here — pod, container, node — then passed byte for byte to the pod's kubelet, whose
// answer (101 and the streams, or a refusal) goes back unchanged. A refusal made here is a
// Status kubectl prints, e.g. `Error from server (BadRequest): container x is not valid for pod y`.
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { StatusError, badRequest } from '../../../shared/api/errors.js';
import type { ResourceRequest } from '../http/request-info.js';
import { toStatusError } from '../http/respond.js';
import type { Handlers } from './context.js';
import { getPod, kubeletOf, validContainer } from './pod-location.js';

export type StreamSubresource = 'exec' | 'attach' | 'portforward';
export const streamSubresources: ReadonlySet<string> = new Set<StreamSubresource>(['exec', 'attach', 'portforward']);

export const isPodStream = (ri: ResourceRequest): boolean =>
  ri.group === '' && ri.resource === 'pods' && ri.name !== '' && streamSubresources.has(ri.subresource);

/** Without an Upgrade header there is nothing to stream. */
export const upgradeRequired = (): StatusError => badRequest('Upgrade request required');

const reasonText: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error' };

function refuse(socket: Duplex, err: StatusError): void {
  const body = JSON.stringify(err.toStatus());
  socket.end(`HTTP/1.1 ${err.code} ${reasonText[err.code] ?? 'Error'}\r\nContent-Type: application/json\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** The kubelet path and query for the request. */
async function kubeletTarget(h: Handlers, ri: ResourceRequest, query: URLSearchParams): Promise<{ host: string; port: number; path: string }> {
  const pod = await getPod(h, ri.namespace, ri.name);
  const ns = encodeURIComponent(ri.namespace);
  const name = encodeURIComponent(ri.name);
  let path: string;
  if (ri.subresource === 'portforward') {
    path = `/portForward/${ns}/${name}`;
  } else {
    const container = validContainer(pod, query.get('container') ?? '');
    const q = new URLSearchParams(query);
    q.delete('container');
    path = `/${ri.subresource}/${ns}/${name}/${encodeURIComponent(container)}${q.size > 0 ? `?${q}` : ''}`;
  }
  const kubelet = await kubeletOf(h, pod);
  if (kubelet === undefined) throw badRequest(`pod ${ri.name} does not have a host assigned`);
  return { ...kubelet, path };
}

function requestHead(req: IncomingMessage, host: string, port: number, path: string): string {
  const lines = [`${req.method ?? 'GET'} ${path} HTTP/1.1`, `Host: ${host}:${port}`];
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (lower === 'host' || lower === 'authorization' || lower === 'content-length') continue;
    lines.push(`${name}: ${raw[i + 1]!}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export async function handlePodStreamUpgrade(h: Handlers, req: IncomingMessage, socket: Duplex, head: Buffer,
  ri: ResourceRequest, query: URLSearchParams, log: Logger): Promise<void> {
  socket.on('error', () => socket.destroy());
  let target: { host: string; port: number; path: string };
  try {
    if (req.method !== 'GET' && req.method !== 'POST') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    target = await kubeletTarget(h, ri, query);
  } catch (err) {
    const se = toStatusError(err);
    if (se.code >= 500) log.error({ err, pod: `${ri.namespace}/${ri.name}`, subresource: ri.subresource }, 'Stream request failed');
    refuse(socket, se);
    return;
  }
  const upstream = connect({ host: target.host, port: target.port });
  upstream.once('connect', () => {
    upstream.write(requestHead(req, target.host, target.port, target.path));
    if (head.length > 0) upstream.write(head);
    socket.pipe(upstream);
    upstream.pipe(socket);
  });
  upstream.once('error', (err) => {
    if (upstream.bytesRead === 0 && !socket.destroyed) {
      refuse(socket, new StatusError(500, 'InternalError', `error dialing backend: dial tcp ${target.host}:${target.port}: ${err.message}`));
    } else socket.destroy();
  });
  upstream.once('close', () => { if (!socket.destroyed) socket.end(); });
  socket.once('close', () => upstream.destroy());
}
