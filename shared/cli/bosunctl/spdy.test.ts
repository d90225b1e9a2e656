import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { controlFrame, dataFrame, headerBlock, SpdyClient, storedBlocks } from './spdy.js';

test('writes SYN_STREAM frames whose header blocks a zlib peer inflates', () => {
  const sent: Buffer[] = [];
  const c = new SpdyClient((b) => sent.push(b));
  const a = c.open({ streamType: 'error', port: '80', requestID: '0' }, { onData: () => {}, onEnd: () => {} });
  const b = c.open({ streamType: 'data', port: '80', requestID: '0' }, { onData: () => {}, onEnd: () => {} });
  assert.deepEqual([a, b], [1, 3]);
  const first = sent[0]!;
  assert.deepEqual([...first.subarray(0, 4)], [0x80, 0x03, 0x00, 0x01]);
  assert.equal(first.readUInt32BE(8), 1);
  // The zlib stream: header with the dictionary id, then stored blocks.
  const z = first.subarray(18);
  assert.deepEqual([...z.subarray(0, 6)], [0x78, 0xbb, 0xe3, 0xc6, 0xa7, 0xc2]);
  const second = sent[1]!.subarray(18);
  const raw = Buffer.concat([z.subarray(6), second]);
  // A raw inflate of the blocks yields both header blocks back to back.
  assert.deepEqual(inflateRawSync(Buffer.concat([raw, Buffer.from([0x03, 0x00])])),
    Buffer.concat([headerBlock({ streamtype: 'error', port: '80', requestid: '0' }), headerBlock({ streamtype: 'data', port: '80', requestid: '0' })]));
});

test('routes DATA to its stream, ends it on FIN or RST_STREAM, and answers PING', () => {
  const sent: Buffer[] = [];
  const c = new SpdyClient((b) => sent.push(b));
  const got: string[] = [];
  const id = c.open({ a: 'b' }, { onData: (d) => got.push(d.toString()), onEnd: (r) => got.push(`end:${r ?? ''}`) });
  const ping = controlFrame(6, 0, Buffer.from([0, 0, 0, 2]));
  const bytes = Buffer.concat([dataFrame(id, 0, Buffer.from('hel')), dataFrame(id, 0, Buffer.from('lo')), ping, dataFrame(id, 1, Buffer.alloc(0))]);
  c.receive(bytes.subarray(0, 5));
  c.receive(bytes.subarray(5, 20));
  c.receive(bytes.subarray(20));
  assert.deepEqual(got, ['hel', 'lo', 'end:']);
  assert.deepEqual(sent.at(-1), ping);
  const other = c.open({}, { onData: () => {}, onEnd: (r) => got.push(`reset:${r}`) });
  const rst = Buffer.alloc(8); rst.writeUInt32BE(other, 0); rst.writeUInt32BE(5, 4);
  c.receive(controlFrame(3, 0, rst));
  assert.equal(got.at(-1), 'reset:5');
});

test('splits large payloads into stored blocks of at most 65535 bytes', () => {
  const big = Buffer.alloc(70000, 7);
  const blocks = storedBlocks(big);
  assert.equal(blocks.length, 70000 + 10);
  assert.equal(blocks.readUInt16LE(1), 65535);
});
