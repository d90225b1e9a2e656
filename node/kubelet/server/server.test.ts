// The kubelet server on loopback with a scripted runtime: the WebSocket v5 and SPDY/3.1 exec
// protocols end to end, and the plain-text refusals kubectl prints after "unable to upgrade
// connection:". (Docker and kubectl are in the lab e2e, e2e/kubelet/streams.test.ts.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { PassThrough, type Duplex } from 'node:stream';
import pino from 'pino';
import WebSocket from 'ws';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { PodRuntimeState } from '../pods/pod-state.js';
import type { RuntimeContainer } from '../runtime/runtime.js';
import type { ExecOptions, StreamSession, StreamingRuntime, TerminalSize } from '../runtime/streaming.js';
import { KubeletServer } from './server.js';
import { SpdySession, type SpdyStream } from '../../../shared/spdy/session.js';

const log = pino({ level: process.env['TEST_LOG'] ?? 'silent' });
const pod = { metadata: { name: 'p', namespace: 'default', uid: 'u1' }, spec: { containers: [{ name: 'main' }, { name: 'gone' }] } } as unknown as Pod;
const running: RuntimeContainer = {
  id: 'c1', state: 'running', image: 'i', imageId: 'sha256:x', createdAt: new Date(), oomKilled: false,
  identity: { podUid: 'u1', podName: 'p', podNamespace: 'default', kind: 'app', containerName: 'main', restartCount: 0, specHash: '', gracePeriodSeconds: 30 },
};
const state: PodRuntimeState = { uid: 'u1', sandboxes: [], containers: new Map([['main', [running]]]) };
const resizes: TerminalSize[] = [];

/** "upper": stdin upper-cased to stdout, "err" on stderr, exit with the last argument. */
function scripted(opts: ExecOptions): StreamSession {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const done = new Promise<number>((resolve) => {
    let text = '';
    stdin.on('data', (b: Buffer) => { text += b.toString(); });
    stdin.once('end', () => {
      stdout.end(text.toUpperCase());
      stderr.end('err\n');
      resolve(Number(opts.command[opts.command.length - 1]));
    });
  });
  return { stdin, stdout, stderr, done, resize: async (s) => { resizes.push(s); }, close: () => stdin.destroy() };
}

const runtime: StreamingRuntime = {
  logs: async () => { throw new Error('not scripted'); },
  execSession: async (_id, opts) => scripted(opts),
  attach: async () => { throw new Error('not scripted'); },
  usage: async () => ({ time: new Date(), cpuUsageNanoSeconds: 0, memoryUsageBytes: 0, memoryWorkingSetBytes: 0 }),
};

let port = 0;
const ctl = new AbortController();
let served: Promise<void>;

before(async () => {
  const server = new KubeletServer({
    address: '127.0.0.1', port: 0, nodeName: 'n1', runtime, log, waitingReason: () => undefined,
    pods: { pod: (ns, name) => (ns === 'default' && name === 'p' ? pod : undefined), pods: () => [pod], state: async () => state, states: async () => new Map([['u1', state]]) },
  });
  served = server.run(ctl.signal);
  port = await server.listening;
});
after(async () => { ctl.abort(); await served; });

const execQuery = 'command=upper&command=3&stdin=true&stdout=true&stderr=true';

test('exec over WebSocket v5: stdin up to the close signal, output on 1 and 2, the exit code on 3, then a normal close', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/exec/default/p/main?${execQuery}`, ['v5.channel.k8s.io']);
  const got: string[] = [];
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('message', (data: Buffer) => got.push(`${data[0]}:${data.subarray(1).toString()}`));
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  assert.equal(ws.protocol, 'v5.channel.k8s.io');
  ws.send(Buffer.from([4, ...Buffer.from('{"Width":100,"Height":30}\n')]));
  ws.send(Buffer.from([0, ...Buffer.from('hello ')]));
  ws.send(Buffer.from([0, ...Buffer.from('world')]));
  ws.send(Buffer.from([255, 0]));
  assert.equal(await closed, 1000);
  const status = got.find((g) => g.startsWith('3:'));
  assert.deepEqual(got.filter((g) => !g.startsWith('3:')).sort(), ['1:HELLO WORLD', '2:err\n']);
  assert.deepEqual(JSON.parse(status!.slice(2)).details, { causes: [{ reason: 'ExitCode', message: '3' }] });
  assert.deepEqual(resizes.at(-1), { width: 100, height: 30 });
});

async function upgradeSpdy(path: string, protocols: string): Promise<{ socket: Duplex; head: string }> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocols}\r\n\r\n`);
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.pause();
      const rest = buf.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      resolve({ socket, head: buf.subarray(0, end).toString() });
    };
    socket.on('data', onData);
  });
}

const readAll = (s: SpdyStream): Promise<string> => new Promise((resolve) => {
  let t = '';
  s.on('data', (b: Buffer) => { t += b.toString(); });
  s.once('end', () => resolve(t));
});

test('exec over SPDY/3.1 with v4: one stream per channel, the Status on the error stream', async () => {
  const { socket, head } = await upgradeSpdy(`/exec/default/p/main?${execQuery}`, 'v4.channel.k8s.io, v3.channel.k8s.io');
  assert.match(head, /^HTTP\/1\.1 101 /);
  assert.match(head, /X-Stream-Protocol-Version: v4\.channel\.k8s\.io/);
  const client = new SpdySession({ transport: socket, isServer: false, log });
  socket.resume();
  const closed = new Promise<void>((r) => client.once('close', () => r()));
  const open = (t: string): Promise<SpdyStream> => client.openStream(new Map([['streamtype', t]]));
  const error = await open('error');
  error.end();
  const stdin = await open('stdin');
  const stdout = await open('stdout');
  stdout.end();
  const stderr = await open('stderr');
  stderr.end();
  stdin.end('over spdy');
  const [out, err, status] = await Promise.all([readAll(stdout), readAll(stderr), readAll(error)]);
  assert.equal(out, 'OVER SPDY');
  assert.equal(err, 'err\n');
  assert.equal(JSON.parse(status).reason, 'NonZeroExitCode');
  await closed;
});

test('refusals are plain-text HTTP answers before any upgrade', async () => {
  const { head: notRunning } = await upgradeSpdy(`/exec/default/p/gone?${execQuery}`, 'v4.channel.k8s.io');
  assert.match(notRunning, /^HTTP\/1\.1 500 /);
  assert.match(notRunning, /Connection: close/);
  const { head: noPod, socket } = await upgradeSpdy(`/exec/default/ghost/main?${execQuery}`, 'v4.channel.k8s.io');
  assert.match(noPod, /^HTTP\/1\.1 404 /);
  socket.destroy();
  const { head: noProtocol } = await upgradeSpdy(`/exec/default/p/main?${execQuery}`, 'channel.k8s.io');
  assert.match(noProtocol, /^HTTP\/1\.1 403 /);
  const plain = await fetch(`http://127.0.0.1:${port}/exec/default/p/gone?${execQuery}`);
  assert.equal(plain.status, 400);
  assert.equal(await plain.text(), 'Upgrade request required');
  const ws = new WebSocket(`ws://127.0.0.1:${port}/exec/default/p/gone?${execQuery}`, ['v5.channel.k8s.io']);
  const status = await new Promise<number | undefined>((resolve) => {
    ws.once('unexpected-response', (_req, res) => { let body = ''; res.on('data', (b: Buffer) => { body += b.toString(); }); res.on('end', () => { assert.equal(body, 'container not found ("gone")'); resolve(res.statusCode); }); });
    ws.once('open', () => resolve(101));
    ws.once('error', () => {});
  });
  assert.equal(status, 500);
});
