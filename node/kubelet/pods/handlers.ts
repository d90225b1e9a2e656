// Lifecycle hooks and probe actions, run from the kubelet (which lives in the node's network
// namespace, so it reaches pod IPs directly): exec in the container, HTTP GET, TCP connect,
// sleep. A handler fails by throwing; its message is what Kubernetes' events say.
import { request } from 'node:http';
import { connect } from 'node:net';
import type { Container, HTTPGetAction, LifecycleHandler, ProbeHandler, TCPSocketAction } from '../../../shared/api/core/v1/container.js';
import type { ContainerRuntime } from '../runtime/runtime.js';

export interface HandlerTarget {
  readonly runtime: ContainerRuntime;
  readonly containerId: string;
  /** Where httpGet and tcpSocket go unless they name a host. */
  readonly podIP: string;
}

/** A named port of the container, or a number. */
export function resolvePort(port: number | string, c: Container): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const p = c.ports?.find((x) => x.name === port);
  if (p === undefined) throw new Error(`couldn't find port ${JSON.stringify(port)} in container ${c.name}`);
  return p.containerPort;
}

export async function runHandler(h: LifecycleHandler | ProbeHandler, c: Container, t: HandlerTarget, timeoutMs: number, signal: AbortSignal): Promise<string> {
  if (h.exec !== undefined) {
    const r = await t.runtime.exec(t.containerId, h.exec.command ?? [], timeoutMs, signal);
    if (r.exitCode !== 0) throw new Error(`command ${JSON.stringify((h.exec.command ?? []).join(' '))} exited with ${r.exitCode}: ${r.output.trim()}`);
    return r.output;
  }
  if (h.httpGet !== undefined) return httpGet(h.httpGet, c, t, timeoutMs, signal);
  if (h.tcpSocket !== undefined) return tcpConnect(h.tcpSocket, c, t, timeoutMs);
  if ('sleep' in h && h.sleep !== undefined) {
    await new Promise((r) => setTimeout(r, Math.min(h.sleep!.seconds * 1000, timeoutMs)));
    return '';
  }
  throw new Error('the handler names no action');
}

function httpGet(a: HTTPGetAction, c: Container, t: HandlerTarget, timeoutMs: number, signal: AbortSignal): Promise<string> {
  if ((a.scheme ?? 'HTTP') !== 'HTTP') return Promise.reject(new Error('HTTPS probes are not supported yet'));
  const port = resolvePort(a.port, c);
  const host = a.host !== undefined && a.host !== '' ? a.host : t.podIP;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.32', Accept: '*/*' };
    for (const h of a.httpHeaders ?? []) headers[h.name] = h.value;
    const req = request({ host, port, path: a.path ?? '/', method: 'GET', headers, timeout: timeoutMs, signal }, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => { if (body.length < 10_240) body += b.toString(); });
      res.on('end', () => {
        const code = res.statusCode ?? 0;
        if (code >= 200 && code < 400) resolve(body);
        else reject(new Error(`HTTP probe failed with statuscode: ${code}`));
      });
    });
    req.on('timeout', () => req.destroy(new Error(`Get "http://${host}:${port}${a.path ?? '/'}": context deadline exceeded`)));
    req.on('error', (err) => reject(new Error(`Get "http://${host}:${port}${a.path ?? '/'}": ${err.message}`)));
    req.end();
  });
}

function tcpConnect(a: TCPSocketAction, c: Container, t: HandlerTarget, timeoutMs: number): Promise<string> {
  const port = resolvePort(a.port, c);
  const host = a.host !== undefined && a.host !== '' ? a.host : t.podIP;
  return new Promise((resolve, reject) => {
    const sock = connect({ host, port, timeout: timeoutMs }, () => { sock.destroy(); resolve(''); });
    sock.on('timeout', () => { sock.destroy(); reject(new Error(`dial tcp ${host}:${port}: i/o timeout`)); });
    sock.on('error', (err) => reject(new Error(`dial tcp ${host}:${port}: ${err.message}`)));
  });
}
