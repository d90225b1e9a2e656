import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isStatusError } from '../api/errors.js';
import type { ApiObject } from '../api/meta.js';
import { RestClient } from './rest-client.js';
import type { TimerClock } from './timers.js';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** An HTTP server on loopback that answers with `handler` and records every request. */
async function serve(handler: Handler): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, seen,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const json = (res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** Fires timers at once and records the waits asked for. */
const instantClock = (waits: number[]): TimerClock => ({
  now: () => new Date(),
  setTimer: (ms, fn) => { waits.push(ms); setImmediate(fn); return () => {}; },
});

const configMaps = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const deployments = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true };
const never = new AbortController().signal;
const cm = (name: string, rv = '1'): ApiObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: rv } });

test('each verb sends the method, path, query, content type and body Kubernetes expects', async () => {
  const s = await serve((req, res, body) => {
    if (req.url?.includes('/scale')) { json(res, 200, { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'web' }, spec: { replicas: 3 } }); return; }
    if (req.method === 'DELETE' || req.url?.endsWith('/binding')) { json(res, 200, { kind: 'Status', status: 'Success', code: 200 }); return; }
    if (req.method === 'GET' && !req.url?.startsWith('/api/v1/namespaces/default/configmaps/')) { json(res, 200, { kind: 'ConfigMapList', metadata: { resourceVersion: '9' }, items: [cm('a')] }); return; }
    json(res, 200, body !== '' && req.method !== 'PATCH' ? JSON.parse(body) : cm('a'));
  });
  const client = new RestClient({ server: s.url, userAgent: 'bosun-test/1' });
  const cms = client.resource<ApiObject>(configMaps);
  await cms.get('default', 'a', never);
  const list = await cms.list('', { labelSelector: 'app=web', limit: 10 }, never);
  assert.deepEqual(list, { items: [cm('a')], metadata: { resourceVersion: '9' } });
  await cms.create('default', cm('b'), { dryRun: true, fieldManager: 'me' }, never);
  await cms.update(cm('a', '5'), never);
  await cms.updateStatus(cm('a', '5'), never);
  await cms.patch('default', 'a', 'merge', { data: { x: '1' } }, {}, never);
  await cms.patch('default', 'a', 'apply', { data: { x: '1' } }, { fieldManager: 'bosun', force: true }, never);
  await cms.patch('default', 'a', 'json', [{ op: 'remove', path: '/data/x' }], { subresource: 'status' }, never);
  await cms.delete('default', 'a', { propagationPolicy: 'Foreground' }, never);
  const deps = client.resource<ApiObject>(deployments);
  assert.equal((await deps.getScale('default', 'web', never)).spec.replicas, 3);
  await deps.updateScale('default', 'web', { metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 5 } }, never);
  await client.resource<ApiObject>({ group: '', version: 'v1', resource: 'pods', namespaced: true }).bind('default', 'web-0', 'node-1', never);
  client.close();
  await s.close();
  const row = (x: Seen): string => `${x.method} ${x.url} ${x.headers['content-type'] ?? '-'}`;
  assert.deepEqual(s.seen.map(row), [
    'GET /api/v1/namespaces/default/configmaps/a -',
    'GET /api/v1/configmaps?labelSelector=app%3Dweb&limit=10 -',
    'POST /api/v1/namespaces/default/configmaps?dryRun=All&fieldManager=me application/json',
    'PUT /api/v1/namespaces/default/configmaps/a application/json',
    'PUT /api/v1/namespaces/default/configmaps/a/status application/json',
    'PATCH /api/v1/namespaces/default/configmaps/a application/merge-patch+json',
    'PATCH /api/v1/namespaces/default/configmaps/a?fieldManager=bosun&force=true application/apply-patch+yaml',
    'PATCH /api/v1/namespaces/default/configmaps/a/status application/json-patch+json',
    'DELETE /api/v1/namespaces/default/configmaps/a application/json',
    'GET /apis/apps/v1/namespaces/default/deployments/web/scale -',
    'PUT /apis/apps/v1/namespaces/default/deployments/web/scale application/json',
    'POST /api/v1/namespaces/default/pods/web-0/binding application/json',
  ]);
  assert.equal(s.seen[0]?.headers['user-agent'], 'bosun-test/1');
  assert.equal(s.seen[0]?.headers['accept'], 'application/json');
  assert.deepEqual(JSON.parse(s.seen[8]?.body ?? ''), { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' });
  assert.deepEqual(JSON.parse(s.seen[10]?.body ?? ''), { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 5 } });
  assert.deepEqual(JSON.parse(s.seen[11]?.body ?? ''), { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web-0', namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } });
});

test('listAll follows continue tokens and returns every item with the last page\'s metadata', async () => {
  const s = await serve((req, res) => {
    const token = new URL(req.url ?? '', 'http://x').searchParams.get('continue');
    if (token === null) json(res, 200, { metadata: { resourceVersion: '7', continue: 'p2', remainingItemCount: 1 }, items: [cm('a')] });
    else json(res, 200, { metadata: { resourceVersion: '7' }, items: [cm('b')] });
  });
  const client = new RestClient({ server: s.url });
  const all = await client.resource<ApiObject>(configMaps).listAll('default', { limit: 1 }, never);
  assert.deepEqual(all, { items: [cm('a'), cm('b')], metadata: { resourceVersion: '7' } });
  assert.deepEqual(s.seen.map((x) => x.url), ['/api/v1/namespaces/default/configmaps?limit=1', '/api/v1/namespaces/default/configmaps?limit=1&continue=p2']);
  client.close();
  await s.close();
});

test('an error answer becomes a StatusError from its Status body, or from its HTTP code', async () => {
  const s = await serve((req, res) => {
    if (req.url?.endsWith('/a')) json(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 404, reason: 'NotFound', message: 'configmaps "a" not found', details: { name: 'a', kind: 'configmaps' } });
    else { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('404 page not found'); }
  });
  const client = new RestClient({ server: s.url });
  const cms = client.resource<ApiObject>(configMaps);
  await assert.rejects(cms.get('default', 'a', never), (e: unknown) => isStatusError(e, 'NotFound') && e.message === 'configmaps "a" not found' && e.details.name === 'a');
  await assert.rejects(cms.get('default', 'b', never), (e: unknown) => isStatusError(e, 'NotFound') && e.message === 'the server could not find the requested resource');
  client.close();
  await s.close();
});

test('429 and 5xx answers with Retry-After are retried after the wait, a bounded number of times', async () => {
  let calls = 0;
  const s = await serve((_req, res) => {
    calls++;
    if (calls === 1) json(res, 429, { kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down', details: { retryAfterSeconds: 2 } }, { 'Retry-After': '2' });
    else if (calls === 2) json(res, 503, { kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'starting' }, { 'Retry-After': '1' });
    else if (calls === 3) json(res, 200, cm('a'));
    else json(res, 500, { kind: 'Status', code: 500, reason: 'InternalError', message: 'always' }, { 'Retry-After': '1' });
  });
  const waits: number[] = [];
  const client = new RestClient({ server: s.url, clock: instantClock(waits), maxRetries: 3, timeoutMs: 0 });
  const cms = client.resource<ApiObject>(configMaps);
  assert.equal((await cms.get('default', 'a', never)).metadata.name, 'a');
  assert.deepEqual(waits, [2000, 1000]);
  await assert.rejects(cms.get('default', 'a', never), (e: unknown) => isStatusError(e, 'InternalError') && e.message === 'always');
  assert.equal(calls, 3 + 4, 'one try and three retries');
  client.close();
  await s.close();
});

test('a 500 without Retry-After and a 409 are not retried', async () => {
  let calls = 0;
  const s = await serve((req, res) => {
    calls++;
    if (req.method === 'PUT') json(res, 409, { kind: 'Status', code: 409, reason: 'Conflict', message: 'stale' }, { 'Retry-After': '1' });
    else json(res, 500, { kind: 'Status', code: 500, reason: 'InternalError', message: 'broken' });
  });
  const client = new RestClient({ server: s.url, clock: instantClock([]), timeoutMs: 0 });
  const cms = client.resource<ApiObject>(configMaps);
  await assert.rejects(cms.get('default', 'a', never), (e: unknown) => isStatusError(e, 'InternalError'));
  await assert.rejects(cms.update(cm('a'), never), (e: unknown) => isStatusError(e, 'Conflict'));
  assert.equal(calls, 2);
  client.close();
  await s.close();
});

test('a request that gets no answer in timeoutMs fails, and an aborted one stops at once', async () => {
  const s = await serve(() => { /* never answers */ });
  const client = new RestClient({ server: s.url, timeoutMs: 50 });
  await assert.rejects(client.resource<ApiObject>(configMaps).get('default', 'a', never), /no answer within 50 ms/);
  const patient = new RestClient({ server: s.url, timeoutMs: 0 });
  const ac = new AbortController();
  const pending = patient.resource<ApiObject>(configMaps).get('default', 'a', ac.signal);
  setTimeout(() => ac.abort(), 20);
  await assert.rejects(pending, (e: unknown) => e instanceof Error && e.name === 'AbortError');
  client.close();
  patient.close();
  await s.close();
});

test('a watch yields typed events from the chunked stream, surfaces an in-stream ERROR and ends quietly on abort', async () => {
  const s = await serve((req, res) => {
    const rv = new URL(req.url ?? '', 'http://x').searchParams.get('resourceVersion');
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    if (rv === '1') {
      res.write(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' } })}\n`);
      res.end();
      return;
    }
    res.write(`${JSON.stringify({ type: 'ADDED', object: cm('a', '6') })}\n{"type":"MODI`);
    setTimeout(() => res.write(`FIED","object":${JSON.stringify(cm('a', '7'))}}\n${JSON.stringify({ type: 'BOOKMARK', object: { kind: 'ConfigMap', metadata: { resourceVersion: '8' } } })}\n`), 10);
  });
  const client = new RestClient({ server: s.url });
  const cms = client.resource<ApiObject>(configMaps);
  const ac = new AbortController();
  const got: string[] = [];
  for await (const ev of cms.watch('default', { resourceVersion: '5', allowWatchBookmarks: true }, ac.signal)) {
    got.push(ev.type === 'BOOKMARK' ? `BOOKMARK ${ev.resourceVersion}` : `${ev.type} ${ev.object.metadata.resourceVersion}`);
    if (got.length === 3) ac.abort();
  }
  assert.deepEqual(got, ['ADDED 6', 'MODIFIED 7', 'BOOKMARK 8']);
  assert.equal(s.seen[0]?.url, '/api/v1/namespaces/default/configmaps?resourceVersion=5&allowWatchBookmarks=true&watch=true');
  const expiredWatch = async (): Promise<void> => { for await (const _ of cms.watch('default', { resourceVersion: '1' }, never)) { /* none */ } };
  await assert.rejects(expiredWatch(), (e: unknown) => isStatusError(e, 'Expired') && e.code === 410);
  client.close();
  await s.close();
});

test('a watch refused with an HTTP error throws it as a StatusError', async () => {
  const s = await serve((_req, res) => json(res, 410, { kind: 'Status', code: 410, reason: 'Gone', message: 'gone' }));
  const client = new RestClient({ server: s.url });
  const watching = async (): Promise<void> => { for await (const _ of client.resource<ApiObject>(configMaps).watch('', {}, never)) { /* none */ } };
  await assert.rejects(watching(), (e: unknown) => isStatusError(e, 'Gone'));
  client.close();
  await s.close();
});

test('a keep-alive connection the server dropped as it was reused is replaced once, transparently', async () => {
  const served = new WeakMap<object, number>();
  let dropped = 0;
  const s = await serve((req, res) => {
    const n = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, n);
    if (n === 2) { dropped++; req.socket.destroy(); return; }   // the second request on one connection
    json(res, 200, cm('a'));
  });
  const client = new RestClient({ server: s.url });
  const cms = client.resource<ApiObject>(configMaps);
  await cms.get('default', 'a', never);
  assert.equal((await cms.get('default', 'a', never)).metadata.name, 'a');
  assert.equal(dropped, 1);
  assert.equal(s.seen.length, 3);
  client.close();
  await s.close();
});
