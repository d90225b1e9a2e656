// RestClient's keep-alive pool against a real node:http server that closes idle connections
// after 60 ms, with requests sent 40–80 ms apart: connections are reused and closed by the
// server over and over, answers come whole, chunked in two parts and 70 kB long. Every request
// must get its own answer and none may hang. Loopback only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RestClient } from './rest-client.js';

test('over connections the server keeps closing when idle, every request gets its own answer, at once', { timeout: 60_000 }, async () => {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => {
      const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n'));
      const out = JSON.stringify({ n, echo: body.length, pad: 'x'.repeat(n % 7 === 0 ? 70_000 : 10) });
      if (n % 5 !== 0) { res.end(out); return; }
      res.writeHead(200, { 'content-type': 'application/json' });     // chunked, in two parts
      res.write(out.slice(0, 5));
      setTimeout(() => res.end(out.slice(5)), 2);
    });
  });
  server.keepAliveTimeout = 60;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new RestClient({ server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 5000 });
  const signal = new AbortController().signal;
  const failures: string[] = [];
  let slowest = 0;
  try {
    await Promise.all(Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < 80; i++) {
        await new Promise((resolve) => setTimeout(resolve, 40 + Math.random() * 40));
        const n = w * 1000 + i;
        const started = performance.now();
        try {
          const post = i % 2 === 1;
          const r = await client.request({ method: post ? 'POST' : 'GET', path: '/x', query: { n }, ...(post ? { body: { s: 'y'.repeat(i * 10) } } : {}), signal }) as { n: number };
          if (r.n !== n) failures.push(`request ${n} got the answer of ${r.n}`);
        } catch (err) {
          failures.push(`request ${n}: ${(err as Error).message}`);
        }
        slowest = Math.max(slowest, performance.now() - started);
      }
    }));
  } finally {
    client.close();
    server.close();
  }
  assert.deepEqual(failures, []);
  assert.ok(slowest < 2000, `the slowest request took ${slowest.toFixed(0)} ms`);
});
