import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Duplex, PassThrough } from 'node:stream';
import pino from 'pino';
import { SpdySession, type SpdyStream } from './session.js';

/** Two Duplexes joined back to back, as a socket pair. */
function pipePair(): [Duplex, Duplex] {
  const aToB = new PassThrough();
  const bToA = new PassThrough();
  const a = Duplex.from({ readable: bToA, writable: aToB });
  const b = Duplex.from({ readable: aToB, writable: bToA });
  return [a, b];
}

const log = pino({ level: 'silent' });
/** Reads to the peer's FIN without destroying the stream (its writable side stays usable). */
const readAll = (s: SpdyStream): Promise<string> => new Promise((resolve, reject) => {
  let t = '';
  s.on('data', (c: Buffer) => { t += c.toString(); });
  s.once('end', () => resolve(t));
  s.once('error', reject);
});

test('a client stream is answered, carries data both ways and closes with FIN on each side', async () => {
  const [a, b] = pipePair();
  const client = new SpdySession({ transport: a, isServer: false, log });
  const server = new SpdySession({ transport: b, isServer: true, log });
  server.on('stream', (s) => {
    assert.equal(s.header('streamType'), 'data');
    void (async () => { const text = await readAll(s); s.end(`echo:${text}`); })();
  });
  const s = await client.openStream(new Map([['streamtype', 'data'], ['port', '80']]));
  assert.equal((await s.reply).size, 0, 'an empty SYN_REPLY');
  s.end('hello '.repeat(20_000));
  const back = await readAll(s);
  assert.equal(back, `echo:${'hello '.repeat(20_000)}`);
  const clientClosed = new Promise((r) => client.once('close', () => r(undefined)));
  await server.close();
  await clientClosed;
  assert.ok(client.isClosed);
});

test('many streams interleave and keep their own bytes; header compression state carries across frames', async () => {
  const [a, b] = pipePair();
  const client = new SpdySession({ transport: a, isServer: false, log });
  const server = new SpdySession({ transport: b, isServer: true, log });
  server.on('stream', (s) => { void readAll(s).then((t) => s.end(`${s.header('requestid')}:${t}`)); });
  const results = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
    const s = await client.openStream(new Map([['streamtype', 'data'], ['requestid', String(i)]]));
    s.write(`x${i}`);
    s.end(`y${i}`);
    return readAll(s);
  }));
  assert.deepEqual(results, Array.from({ length: 20 }, (_, i) => `${i}:x${i}y${i}`));
  await client.close();
});

test('a reset stream is destroyed on the other side', async () => {
  const [a, b] = pipePair();
  const client = new SpdySession({ transport: a, isServer: false, log });
  const server = new SpdySession({ transport: b, isServer: true, log });
  const got = new Promise<SpdyStream>((r) => server.once('stream', r));
  const s = await client.openStream(new Map([['streamtype', 'error']]));
  const remote = await got;
  const closed = new Promise((r) => remote.once('close', r));
  s.destroy();
  await closed;
  assert.ok(remote.destroyed);
  await client.close();
});
