// The hand-written etcd codec against protobufjs reading etcd's own .proto files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { decodeRangeResponse, decodeTxnResponse, grpcFrame, rangeFields, txnFields, PbReader } from './etcd-proto.js';

const root = protobuf.loadSync(fileURLToPath(new URL('../../../../node_modules/etcd3/proto/rpc.proto', import.meta.url)));
const type = (name: string) => root.lookupType(`etcdserverpb.${name}`);
const toObject = (name: string, frame: Buffer) => {
  assert.equal(frame[0], 0);
  assert.equal(frame.readUInt32BE(1), frame.length - 5);
  return type(name).toObject(type(name).decode(frame.subarray(5)), { longs: Number, bytes: String, enums: String, oneofs: true });
};
const b64 = (s: string) => Buffer.from(s).toString('base64');

test('a create transaction encodes the absent-key compares with create_revision 0 present', () => {
  const big = 2 ** 40 + 3;
  const got = toObject('TxnRequest', grpcFrame(txnFields({
    compare: [{ key: '/registry/pods/default/a', target: 'create', revision: 0 }, { key: '/k2', target: 'mod', revision: big }],
    success: [{ put: { key: '/registry/pods/default/a', value: '{"x":"é"}' } }, { deleteRange: { key: '/gone' } }],
    failure: [{ range: { key: '/registry/pods/default/a', countOnly: true } }],
  })));
  assert.deepEqual(got, {
    compare: [
      { target: 'Create', key: b64('/registry/pods/default/a'), createRevision: 0, targetUnion: 'createRevision' },
      { target: 'Mod', key: b64('/k2'), modRevision: big, targetUnion: 'modRevision' },
    ],
    success: [
      { requestPut: { key: b64('/registry/pods/default/a'), value: b64('{"x":"é"}') }, request: 'requestPut' },
      { requestDeleteRange: { key: b64('/gone') }, request: 'requestDeleteRange' },
    ],
    failure: [{ requestRange: { key: b64('/registry/pods/default/a'), countOnly: true }, request: 'requestRange' }],
  });
});

test('a range request carries its end, limit, revision and flags', () => {
  const got = toObject('RangeRequest', grpcFrame(rangeFields({
    key: Buffer.from([0x2f, 0x61, 0]), rangeEnd: Buffer.from('/b'), limit: 500, revision: 300, keysOnly: true,
  })));
  assert.deepEqual(got, { key: Buffer.from([0x2f, 0x61, 0]).toString('base64'), rangeEnd: b64('/b'), limit: 500, revision: 300, keysOnly: true });
});

test('responses decode: header revision, key-values, more, count, per-op results', () => {
  const kv = (k: string, v: string, rev: number) => ({ key: Buffer.from(k), value: Buffer.from(v), createRevision: rev - 1, modRevision: rev, version: 2 });
  const header = { clusterId: 123456789, memberId: 987654321, revision: 2 ** 45 + 7, raftTerm: 4 };
  const range = { header, kvs: [kv('/a', '{"a":1}', 41), kv('/b', '', 300)], more: true, count: 17 };
  const rangeBuf = Buffer.from(type('RangeResponse').encode(type('RangeResponse').fromObject(range)).finish());
  assert.deepEqual(decodeRangeResponse(rangeBuf), {
    revision: 2 ** 45 + 7, more: true, count: 17,
    kvs: [{ key: Buffer.from('/a'), value: Buffer.from('{"a":1}'), createRevision: 40, modRevision: 41, version: 2 },
      { key: Buffer.from('/b'), value: Buffer.alloc(0), createRevision: 299, modRevision: 300, version: 2 }],
  });
  const txn = {
    header, succeeded: false,
    responses: [{ responseRange: { header, count: 1 } }, { responsePut: { header } }, { responseDeleteRange: { header, deleted: 3 } }],
  };
  const txnBuf = Buffer.from(type('TxnResponse').encode(type('TxnResponse').fromObject(txn)).finish());
  assert.deepEqual(decodeTxnResponse(txnBuf), {
    revision: 2 ** 45 + 7, succeeded: false,
    responses: [{ range: { revision: 2 ** 45 + 7, kvs: [], more: false, count: 1 } }, { put: true }, { deleted: 3 }],
  });
});

test('varints round-trip at their byte boundaries', () => {
  for (const n of [0, 1, 127, 128, 16383, 16384, 2 ** 31, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER]) {
    const frame = grpcFrame([[4, 'varint', n]]);
    const r = new PbReader(frame, 5);
    assert.ok(r.next());
    assert.equal(r.no, 4);
    assert.equal(r.varint(), n);
    assert.equal(r.next(), false);
  }
  assert.throws(() => grpcFrame([[1, 'varint', -1]]), RangeError);
});
