import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { parseUpstream, resolvConfNameservers, UpstreamForwarder } from './forward.js';
import { decodeMessage, encodeMessage, Rcode, RClass, RType } from './wire.js';

const log = { debug: () => {} };
const query = (id: number): Uint8Array => encodeMessage({
  header: { id, qr: false, opcode: 0, aa: false, tc: false, rd: true, ra: false, rcode: 0 },
  questions: [{ name: 'outside.example', type: RType.A, class: RClass.IN }], answers: [], authorities: [], additionals: [],
});

describe('forwarding upstream (UDP on loopback)', () => {
  let upstream: Socket;
  let port = 0;

  before(async () => {
    upstream = createSocket('udp4');
    upstream.on('message', (msg, rinfo) => {
      const q = decodeMessage(new Uint8Array(msg));
      upstream.send(encodeMessage({
        header: { ...q.header, qr: true, ra: true, rcode: Rcode.NoError }, questions: q.questions,
        answers: [{ name: q.questions[0]!.name, type: RType.A, class: RClass.IN, ttl: 30, data: { kind: 'A', address: '192.0.2.10' } }],
        authorities: [], additionals: [],
      }), rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => upstream.bind(0, '127.0.0.1', resolve));
    port = (upstream.address() as AddressInfo).port;
  });
  after(() => upstream.close());

  test('returns the upstream\'s reply to the query', async () => {
    const f = new UpstreamForwarder({ upstreams: [{ host: '127.0.0.1', port }], timeoutMs: 1000, log });
    const reply = decodeMessage((await f.forward(query(77), 'udp', new AbortController().signal))!);
    assert.equal(reply.header.id, 77);
    assert.deepEqual(reply.answers.map((r) => r.data), [{ kind: 'A', address: '192.0.2.10' }]);
  });

  test('a dead upstream is skipped for the next one; a TCP client falls back to UDP', async () => {
    const dead = createSocket('udp4');
    await new Promise<void>((resolve) => dead.bind(0, '127.0.0.1', resolve));
    const deadPort = (dead.address() as AddressInfo).port;             // bound, never answers: a timeout
    const f = new UpstreamForwarder({ upstreams: [{ host: '127.0.0.1', port: deadPort }, { host: '127.0.0.1', port }], timeoutMs: 200, log });
    const reply = await f.forward(query(78), 'tcp', new AbortController().signal);
    dead.close();
    assert.equal(decodeMessage(reply!).header.id, 78);
  });

  test('undefined when no upstream answers in time', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    const f = new UpstreamForwarder({ upstreams: [{ host: '127.0.0.1', port: (silent.address() as AddressInfo).port }], timeoutMs: 100, log });
    assert.equal(await f.forward(query(79), 'udp', new AbortController().signal), undefined);
    silent.close();
  });
});

describe('upstream flags', () => {
  test('IP or IP:port; nameservers from a resolv.conf', () => {
    assert.deepEqual(parseUpstream('10.0.0.2'), { host: '10.0.0.2', port: 53 });
    assert.deepEqual(parseUpstream('10.0.0.2:5353'), { host: '10.0.0.2', port: 5353 });
    assert.throws(() => parseUpstream('dns.example'));
    assert.deepEqual(resolvConfNameservers('# x\nnameserver 10.0.0.2\nnameserver fd00::1\nsearch a b\nnameserver 10.0.0.3\n'), ['10.0.0.2', '10.0.0.3']);
  });
});
