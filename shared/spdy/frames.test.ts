import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FrameReader, decodeFrame, decodeHeaderBlock, encodeData, encodeGoAway, encodeHeaderBlock, encodePing, encodeRstStream,
  encodeSettings, encodeSynReply, encodeSynStream, encodeWindowUpdate, headerBlockOffset, type SpdyFrame,
} from './frames.js';
import { HeaderCompressor, HeaderDecompressor } from './header-codec.js';

const decodeAll = async (bytes: Buffer, inflate = new HeaderDecompressor()): Promise<SpdyFrame[]> => {
  const out: SpdyFrame[] = [];
  for (const raw of new FrameReader().push(bytes)) {
    const off = raw.control ? headerBlockOffset(raw.type) : undefined;
    const headers = off !== undefined ? decodeHeaderBlock(await inflate.decompress(raw.data.subarray(off))) : undefined;
    out.push(decodeFrame(raw, headers));
  }
  return out;
};

test('a SYN_STREAM written by kubectl 1.32 (from the wire trace) decodes to its port-forward headers', async () => {
  const bytes = Buffer.from('80030001' + '0000003d' + '00000001' + '00000000' + '0000'
    + '78f9e3c6a7c202253a703a2b294a4dcc851625aca9a0808614cb45a024cc6461c0c0c0c0590489c44c50e2663400000000ffff', 'hex');
  const [f] = await decodeAll(bytes);
  assert.equal(f?.type, 'synStream');
  if (f?.type !== 'synStream') return;
  assert.equal(f.streamId, 1);
  assert.deepEqual(Object.fromEntries(f.headers), { port: '80', requestid: '0', streamtype: 'error' });
});

test('every control frame and data frame survives encode then decode', async () => {
  const deflate = new HeaderCompressor();
  const block = async (h: Record<string, string>): Promise<Buffer> => deflate.compress(encodeHeaderBlock(new Map(Object.entries(h))));
  const bytes = Buffer.concat([
    encodeSynStream({ streamId: 3, associatedTo: 1, priority: 5, fin: true }, await block({ streamtype: 'stdout', port: '8080' })),
    encodeSynReply(3, false, await block({})),
    encodeData(3, Buffer.from('hello'), false),
    encodeData(3, Buffer.alloc(0), true),
    encodeRstStream(5, 5),
    encodeSettings([{ flags: 1, id: 7, value: 65536 }]),
    encodePing(7),
    encodeGoAway(9, 0),
    encodeWindowUpdate(3, 1000),
    encodeSynStream({ streamId: 5 }, await block({ streamtype: 'error', requestid: '1' })),
  ]);
  const frames = await decodeAll(bytes);
  const plain = frames.map((f) => ('headers' in f ? { ...f, headers: Object.fromEntries(f.headers) } : f));
  assert.deepEqual(plain, [
    { type: 'synStream', streamId: 3, associatedTo: 1, priority: 5, fin: true, unidirectional: false, headers: { streamtype: 'stdout', port: '8080' } },
    { type: 'synReply', streamId: 3, fin: false, headers: {} },
    { type: 'data', streamId: 3, fin: false, data: Buffer.from('hello') },
    { type: 'data', streamId: 3, fin: true, data: Buffer.alloc(0) },
    { type: 'rstStream', streamId: 5, status: 5 },
    { type: 'settings', entries: [{ flags: 1, id: 7, value: 65536 }] },
    { type: 'ping', id: 7 },
    { type: 'goAway', lastGoodStreamId: 9, status: 0 },
    { type: 'windowUpdate', streamId: 3, delta: 1000 },
    { type: 'synStream', streamId: 5, associatedTo: 0, priority: 0, fin: false, unidirectional: false, headers: { streamtype: 'error', requestid: '1' } },
  ]);
  deflate.close();
});

test('the frame reader reassembles frames fed one byte at a time', () => {
  const bytes = Buffer.concat([encodeData(1, Buffer.from('abc'), false), encodePing(1), encodeData(1, Buffer.alloc(0), true)]);
  const r = new FrameReader();
  const got = [];
  for (const b of bytes) got.push(...r.push(Buffer.from([b])));
  assert.equal(got.length, 3);
  assert.equal(r.buffered, 0);
  assert.deepEqual(got.map((f) => (f.control ? `c${f.type}` : `d${f.streamId}:${f.data.toString()}:${f.flags}`)), ['d1:abc:0', 'c6', 'd1::1']);
});

test('header blocks keep several values of a name NUL-joined and lower-case the names', () => {
  const block = encodeHeaderBlock(new Map([['StreamType', 'data'], ['x', 'a\0b']]));
  assert.deepEqual(Object.fromEntries(decodeHeaderBlock(block)), { streamtype: 'data', x: 'a\0b' });
  assert.throws(() => decodeHeaderBlock(block.subarray(0, block.length - 1)), /truncated/);
});
