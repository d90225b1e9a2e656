import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProtobufObject, ProtobufDecodeError } from './decode.js';
import type { ProtobufDecodeProblem } from './decode.js';
import { autoscaleV2Body, kubectlBodies } from './kubectl-bodies.testdata.js';

const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));

for (const body of [...kubectlBodies, autoscaleV2Body]) {
  test(`decodes the body of \`${body.command}\` into the JSON kubectl 1.31 sends`, () => {
    const decoded = decodeProtobufObject(bytes(body.protobufHex));
    assert.equal(JSON.stringify(decoded.object), body.json);
    const expected: unknown = JSON.parse(body.json);
    assert.deepEqual(decoded.object, expected);
    assert.equal(decoded.apiVersion, decoded.object.apiVersion);
    assert.equal(decoded.kind, decoded.object.kind);
  });
}

const namespaceHex = kubectlBodies[0]!.protobufHex;
const configMapHex = kubectlBodies.find((b) => b.command.includes('configmap'))!.protobufHex;

const rejected: ReadonlyArray<{ name: string; hex: string; problem: ProtobufDecodeProblem; message: RegExp }> = [
  { name: 'an empty body', hex: '', problem: 'bad-magic', message: /does not start with the Kubernetes protobuf prefix/ },
  { name: 'a JSON body', hex: Buffer.from('{"kind":"Namespace"}').toString('hex'), problem: 'bad-magic', message: /prefix "k8s\\x00"/ },
  { name: 'the magic alone', hex: '6b387300', problem: 'malformed', message: /does not name an apiVersion and kind/ },
  { name: 'a body cut inside the envelope', hex: namespaceHex.slice(0, 30), problem: 'malformed', message: /truncated or malformed runtime.Unknown envelope/ },
  { name: 'a body whose object bytes are cut short', hex: cutRaw(configMapHex), problem: 'malformed', message: /truncated or malformed ConfigMap message/ },
  { name: 'a kind Bosun does not decode', hex: envelopeHex('batch/v1', 'Job'), problem: 'unsupported', message: /apiVersion "batch\/v1", kind "Job"/ },
  { name: 'a gzip content encoding', hex: envelopeHex('v1', 'ConfigMap', 'gzip'), problem: 'unsupported', message: /content encoding "gzip"/ },
];

for (const c of rejected) {
  test(`rejects ${c.name} with a ProtobufDecodeError`, () => {
    assert.throws(() => decodeProtobufObject(bytes(c.hex)), (err: unknown) => {
      assert.ok(err instanceof ProtobufDecodeError);
      assert.equal(err.problem, c.problem);
      assert.match(err.message, c.message);
      return true;
    });
  });
}

test('ignores fields the schema does not know, in the envelope and in the object', () => {
  const raw = Buffer.concat([
    Buffer.from('0a040a026331', 'hex'), // metadata { name: "c1" }
    Buffer.from('980607', 'hex'), // field 99, varint 7: not in ConfigMap
  ]);
  const unknownEnvelopeField = Buffer.from('4a0378797a', 'hex'); // field 9, "xyz"
  const body = envelopeBody('v1', 'ConfigMap', { raw, trailing: unknownEnvelopeField });
  const decoded = decodeProtobufObject(new Uint8Array(body));
  assert.deepEqual(decoded.object, { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c1', creationTimestamp: null } });
});

function envelopeHex(apiVersion: string, kind: string, contentEncoding = ''): string {
  return envelopeBody(apiVersion, kind, { contentEncoding }).toString('hex');
}

/** "k8s\0" and a runtime.Unknown naming apiVersion/kind around `raw` (short fields only). */
function envelopeBody(apiVersion: string, kind: string,
  { raw = Buffer.alloc(0), contentEncoding = '', trailing = Buffer.alloc(0) }: { raw?: Buffer; contentEncoding?: string; trailing?: Buffer }): Buffer {
  const field = (tag: number, value: Buffer): Buffer => Buffer.concat([Buffer.from([tag, value.length]), value]);
  const typeMeta = Buffer.concat([field(0x0a, Buffer.from(apiVersion)), field(0x12, Buffer.from(kind))]);
  return Buffer.concat([
    Buffer.from('6b387300', 'hex'), field(0x0a, typeMeta), field(0x12, raw),
    field(0x1a, Buffer.from(contentEncoding)), field(0x22, Buffer.alloc(0)), trailing,
  ]);
}

/** The body with its raw object bytes ending one byte early (the envelope's length adjusted). */
function cutRaw(hex: string): string {
  const body = Buffer.from(hex, 'hex');
  const rawTag = 4 + 2 + body[5]!; // after the magic and typeMeta's tag, length and bytes
  const rawLength = body[rawTag + 1]!;
  const raw = body.subarray(rawTag + 2, rawTag + 2 + rawLength - 1);
  return Buffer.concat([body.subarray(0, rawTag), Buffer.from([0x12, raw.length]), raw]).toString('hex');
}
