// GET /containerLogs/{namespace}/{pod}/{container}: the container's log from the runtime,
// with kubectl's options (follow, tailLines, sinceSeconds, sinceTime, timestamps, previous,
// limitBytes). Errors are plain text with 400/404, as the kubelet answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { LogOptions, StreamingRuntime } from '../runtime/streaming.js';
import { ServerRequestError, logContainer, podNotFound, podUid, type PodSource } from './pod-source.js';

export interface LogQuery {
  readonly follow: boolean;
  readonly previous: boolean;
  readonly timestamps: boolean;
  readonly tailLines?: number;
  readonly limitBytes?: number;
  readonly since?: Date;
}

const bool = (q: URLSearchParams, k: string): boolean => q.get(k) === 'true' || q.get(k) === '1';

function int(q: URLSearchParams, k: string, min: number): number | undefined {
  const v = q.get(k);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v) || Number(v) < min) throw new ServerRequestError(400, `${k}: invalid value ${JSON.stringify(v)}`);
  return Number(v);
}

export function parseLogQuery(q: URLSearchParams, now: Date): LogQuery {
  const sinceSeconds = int(q, 'sinceSeconds', 1);
  const sinceTime = q.get('sinceTime');
  if (sinceSeconds !== undefined && sinceTime !== null) throw new ServerRequestError(400, 'at most one of sinceTime or sinceSeconds may be specified');
  let since: Date | undefined;
  if (sinceSeconds !== undefined) since = new Date(now.getTime() - sinceSeconds * 1000);
  if (sinceTime !== null) {
    const ms = Date.parse(sinceTime);
    if (Number.isNaN(ms)) throw new ServerRequestError(400, `sinceTime: invalid value ${JSON.stringify(sinceTime)}`);
    since = new Date(ms);
  }
  const tailLines = int(q, 'tailLines', 0);
  const limitBytes = int(q, 'limitBytes', 1);
  return {
    follow: bool(q, 'follow'), previous: bool(q, 'previous'), timestamps: bool(q, 'timestamps'),
    ...(tailLines !== undefined ? { tailLines } : {}), ...(limitBytes !== undefined ? { limitBytes } : {}),
    ...(since !== undefined ? { since } : {}),
  };
}

export interface LogDeps {
  readonly pods: PodSource;
  readonly runtime: StreamingRuntime;
  readonly waitingReason: (uid: string, container: string) => string | undefined;
  readonly log: Logger;
}

export async function serveContainerLogs(d: LogDeps, req: IncomingMessage, res: ServerResponse,
  path: { namespace: string; pod: string; container: string }, query: URLSearchParams): Promise<void> {
  const q = parseLogQuery(query, new Date());
  const pod = d.pods.pod(path.namespace, path.pod);
  if (pod === undefined) throw podNotFound(path.pod);
  const ctl = new AbortController();
  const state = await d.pods.state(podUid(pod), ctl.signal);
  const c = logContainer(pod, state, path.container, q.previous, d.waitingReason(podUid(pod), path.container));
  const opts: LogOptions = {
    follow: q.follow && !q.previous && c.state === 'running', timestamps: q.timestamps,
    ...(q.tailLines !== undefined ? { tailLines: q.tailLines } : {}), ...(q.since !== undefined ? { since: q.since } : {}),
  };
  const stream = await d.runtime.logs(c.id, opts, ctl.signal);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  let left = q.limitBytes ?? Number.POSITIVE_INFINITY;
  const stop = (): void => { ctl.abort(); stream.destroy(); };
  req.socket.once('close', stop);
  await new Promise<void>((resolve) => {
    stream.on('data', (b: Buffer) => {
      const part = b.length > left ? b.subarray(0, left) : b;
      left -= part.length;
      if (part.length > 0) res.write(part);
      if (left <= 0) { stop(); resolve(); }
    });
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', (err) => { d.log.debug({ err, pod: `${path.namespace}/${path.pod}` }, 'Log stream failed'); resolve(); });
  });
  req.socket.off('close', stop);
  res.end();
}
