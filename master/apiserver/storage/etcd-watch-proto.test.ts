// The hand-written Watch codec against protobufjs reading etcd's own .proto files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { grpcFrame } from './etcd-proto.js';
import { decodeWatchResponse, GrpcFrameReader, watchCreateFields } from './etcd-watch-proto.js';

const root = protobuf.loadSync(fileURLToPath(new URL('../../../../node_modules/etcd3/proto/rpc.proto', import.meta.url)));
const type = (name: string) => root.lookupType(`etcdserverpb.${name}`);
const b64 = (s: string) => Buffer.from(s).toString('base64');

test('a watch create request carries the key, range end and start revision', () => {
  const frame = grpcFrame(watchCreateFields({ key: Buffer.from('/registry/pods/'), rangeEnd: Buffer.from('/registry/pods0'), startRevision: 2 ** 40 + 1 }));
  const got = type('WatchRequest').toObject(type('WatchRequest').decode(frame.subarray(5)), { longs: Number, bytes: String, oneofs: true });
  assert.deepEqual(got, {
    createRequest: { key: b64('/registry/pods/'), rangeEnd: b64('/registry/pods0'), startRevision: 2 ** 40 + 1 },
    requestUnion: 'createRequest',
  });
});

test('watch responses decode: created, events in order with their type and key-value, cancel with compaction', () => {
  const header = { clusterId: 1, memberId: 2, revision: 2 ** 41 + 5, raftTerm: 3 };
  const kv = (k: string, v: string, rev: number) => ({ key: Buffer.from(k), value: Buffer.from(v), createRevision: 7, modRevision: rev, version: 1 });
  const enc = (o: object) => Buffer.from(type('WatchResponse').encode(type('WatchResponse').fromObject(o)).finish());
  assert.deepEqual(decodeWatchResponse(enc({ header, watchId: 0, created: true })),
    { revision: 2 ** 41 + 5, created: true, canceled: false, compactRevision: 0, cancelReason: '', events: [] });
  const evs = decodeWatchResponse(enc({ header, watchId: 3, events: [{ type: 0, kv: kv('/a', '{"a":1}', 10) }, { type: 1, kv: kv('/b', '', 11) }] }));
  assert.deepEqual(evs.events, [
    { type: 'put', kv: { key: Buffer.from('/a'), value: Buffer.from('{"a":1}'), createRevision: 7, modRevision: 10, version: 1 } },
    { type: 'delete', kv: { key: Buffer.from('/b'), value: Buffer.alloc(0), createRevision: 7, modRevision: 11, version: 1 } },
  ]);
  const canceled = decodeWatchResponse(enc({ header, canceled: true, compactRevision: 99, cancelReason: 'compacted' }));
  assert.equal(canceled.canceled, true);
  assert.equal(canceled.compactRevision, 99);
  assert.equal(canceled.cancelReason, 'compacted');
});

test('gRPC messages split across and packed into chunks come out whole and in order', () => {
  const a = grpcFrame([[1, 'bytes', Buffer.from('first')]]);
  const b = grpcFrame([[1, 'bytes', Buffer.from('second message')]]);
  const wire = Buffer.concat([a, b]);
  for (let cut = 0; cut <= wire.length; cut++) {
    const r = new GrpcFrameReader();
    const out = [...r.push(wire.subarray(0, cut)), ...r.push(wire.subarray(cut))];
    assert.deepEqual(out, [a.subarray(5), b.subarray(5)], `cut at ${cut}`);
  }
});
