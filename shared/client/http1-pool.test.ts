import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Http1Pool, StaleConnectionError } from './http1-pool.js';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const close = (server: Server): Promise<void> => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });

test('requests reuse one keep-alive connection and carry method, path, headers and body', async () => {
  const sockets = new Set<Socket>();
  const seen: string[] = [];
  const server = createServer((req, res) => {
    sockets.add(req.socket);
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${req.headers['content-type'] ?? '-'} ${req.headers['host']} ${body}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });   // no length: node chunks it
      res.end(JSON.stringify({ n: seen.length }));
    });
  });
  const port = await listen(server);
  const pool = new Http1Pool('127.0.0.1', port);
  const body = Buffer.from('{"a":1}');
  for (let i = 1; i <= 3; i++) {
    const res = await pool.request({ method: 'POST', path: '/x?y=1', headers: { 'Content-Type': 'application/json', 'Content-Length': body.length }, body }).response;
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body.toString()), { n: i });
  }
  assert.equal(sockets.size, 1);
  assert.deepEqual(seen, Array(3).fill(`POST /x?y=1 application/json 127.0.0.1:${port} {"a":1}`));
  pool.destroy();
  await close(server);
});

test('a connection the server closed while idle is not reused; one reset as it is reused fails as stale', async () => {
  let n = 0;
  const server = createServer((req, res) => {
    n++;
    if (n === 2) { req.socket.destroy(); return; }
    res.writeHead(200, { 'Content-Length': '2' });
    res.end('ok');
  });
  const port = await listen(server);
  const pool = new Http1Pool('127.0.0.1', port);
  assert.equal((await pool.request({ method: 'GET', path: '/', headers: {} }).response).status, 200);
  await assert.rejects(pool.request({ method: 'GET', path: '/', headers: {} }).response, StaleConnectionError);
  assert.equal((await pool.request({ method: 'GET', path: '/', headers: {} }).response).status, 200);
  pool.destroy();
  await close(server);
});

test('destroying an exchange ends it with the given error; a refused connection fails plainly', async () => {
  const server = createServer(() => { /* never answers */ });
  const port = await listen(server);
  const pool = new Http1Pool('127.0.0.1', port);
  const x = pool.request({ method: 'GET', path: '/', headers: {} });
  setTimeout(() => x.destroy(new Error('gave up')), 20);
  await assert.rejects(x.response, /gave up/);
  pool.destroy();
  await close(server);
  await assert.rejects(new Http1Pool('127.0.0.1', port).request({ method: 'GET', path: '/', headers: {} }).response, /ECONNREFUSED/);
});

test('unescaped paths and header values with line breaks are refused before sending', () => {
  const pool = new Http1Pool('127.0.0.1', 1);
  assert.throws(() => pool.request({ method: 'GET', path: '/a b', headers: {} }), /unescaped/);
  assert.throws(() => pool.request({ method: 'GET', path: '/', headers: { 'User-Agent': 'x\r\nEvil: 1' } }), /line break/);
  pool.destroy();
});
