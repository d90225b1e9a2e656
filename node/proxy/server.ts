// /healthz and /metrics on the node IP. Healthy once a sync succeeded and the last success
// is younger than twice the sync period (kube-proxy's healthz answers the same way).
import { createServer, type Server } from 'node:http';
import type { ClientLog } from '../../shared/client/client-log.js';
import type { MetricsRegistry } from '../../shared/util/metrics.js';

export interface HealthState {
  /** ms since epoch of the last successful sync; undefined before the first. */
  lastSuccess(): number | undefined;
  now(): number;
  readonly staleAfterMs: number;
}

export function healthBody(h: HealthState): { code: number; body: string } {
  const last = h.lastSuccess();
  const now = h.now();
  const ok = last !== undefined && now - last <= h.staleAfterMs;
  return { code: ok ? 200 : 503, body: JSON.stringify({ lastUpdated: last === undefined ? '' : new Date(last).toISOString(), currentTime: new Date(now).toISOString() }) };
}

export async function serve(opts: { host: string; port: number; health: HealthState; metrics: MetricsRegistry; log: ClientLog }, signal: AbortSignal): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' || path === '/livez') {
      const h = healthBody(opts.health);
      res.writeHead(h.code, { 'content-type': 'application/json' }).end(h.body);
    } else if (path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(opts.metrics.text());
    } else res.writeHead(404).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => { server.off('error', reject); resolve(); });
  });
  signal.addEventListener('abort', () => server.close(), { once: true });
  opts.log.info({ address: `${opts.host}:${opts.port}` }, 'Serving healthz and metrics');
  return server;
}
