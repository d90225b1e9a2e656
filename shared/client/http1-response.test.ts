import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Http1ProtocolError, Http1ResponseReader, type Http1Response } from './http1-response.js';

interface Case {
  readonly name: string;
  readonly wire: string;
  readonly want: { status: number; body: string; close: boolean; header?: [string, string] };
  readonly bodyless?: boolean;
}

const cases: Case[] = [
  {
    name: 'a body framed by Content-Length',
    wire: 'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"kind":""}',
    want: { status: 201, body: '{"kind":""}', close: false, header: ['content-type', 'application/json'] },
  },
  {
    name: 'a chunked body with a chunk extension and trailers',
    wire: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n',
    want: { status: 200, body: 'hello world', close: false },
  },
  {
    name: 'an informational answer before the real one is skipped',
    wire: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 409 Conflict\r\ncontent-length: 2\r\nRetry-After: 3\r\n\r\n{}',
    want: { status: 409, body: '{}', close: false, header: ['retry-after', '3'] },
  },
  {
    name: 'Connection: close ends the connection after the answer',
    wire: 'HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
    want: { status: 500, body: '', close: true },
  },
  {
    name: 'HTTP/1.0 without keep-alive closes',
    wire: 'HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx',
    want: { status: 200, body: 'x', close: true },
  },
  {
    name: 'a 204 has no body whatever the headers say',
    wire: 'HTTP/1.1 204 No Content\r\n\r\n',
    want: { status: 204, body: '', close: false },
  },
  {
    name: 'the answer to HEAD has no body',
    wire: 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n',
    want: { status: 200, body: '', close: false },
    bodyless: true,
  },
];

const check = (c: Case, res: Http1Response | undefined): void => {
  assert.ok(res !== undefined, `${c.name}: no response`);
  assert.equal(res.status, c.want.status, c.name);
  assert.equal(res.body.toString('utf8'), c.want.body, c.name);
  assert.equal(res.close, c.want.close, c.name);
  if (c.want.header !== undefined) assert.equal(res.headers.get(c.want.header[0]), c.want.header[1], c.name);
};

test('reads each kind of response whole, however the bytes are split into packets', () => {
  for (const c of cases) {
    const wire = Buffer.from(c.wire, 'latin1');
    check(c, new Http1ResponseReader(c.bodyless).push(wire));
    for (let cut = 1; cut < wire.length; cut++) {
      const r = new Http1ResponseReader(c.bodyless);
      assert.equal(r.push(wire.subarray(0, cut)), undefined, `${c.name}: complete after ${cut} of ${wire.length} bytes`);
      check(c, r.push(wire.subarray(cut)));
    }
    const r = new Http1ResponseReader(c.bodyless);
    let res: Http1Response | undefined;
    for (let i = 0; i < wire.length; i++) res = r.push(wire.subarray(i, i + 1));
    check(c, res);
  }
});

test('a body without length or chunks ends with the connection', () => {
  const r = new Http1ResponseReader();
  assert.equal(r.push(Buffer.from('HTTP/1.1 200 OK\r\n\r\npart one, ')), undefined);
  assert.equal(r.push(Buffer.from('part two')), undefined);
  const res = r.end();
  assert.equal(res?.body.toString(), 'part one, part two');
  assert.equal(res?.close, true);
});

test('a connection that ends inside a framed body gives no response, and says whether anything came', () => {
  const r = new Http1ResponseReader();
  assert.equal(r.started, false);
  r.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
  assert.equal(r.started, true);
  assert.equal(r.end(), undefined);
});

test('garbage, bad lengths and bytes after the answer are protocol errors', () => {
  const bad = [
    'SMTP ready\r\n\r\n',
    'HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n',
    'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxy',
  ];
  for (const wire of bad) assert.throws(() => new Http1ResponseReader().push(Buffer.from(wire)), Http1ProtocolError, wire);
});
