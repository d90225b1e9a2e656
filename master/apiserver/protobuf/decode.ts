// Decodes a `Content-Type: application/vnd.kubernetes.protobuf` request body into the object
// kubectl would have sent as JSON: "k8s\0", then a runtime.Unknown envelope whose typeMeta
// names the kind and whose raw bytes are the object's own message.
import type { ApiObject, ObjectMeta } from '../../../shared/api/meta.js';
import { isRecord } from '../../../shared/api/meta.js';
import { envelopeType, objectMessageType } from './proto-root.js';
import { decodeMessageToJson } from './proto-to-json.js';
import { ProtobufDecodeError } from './protobuf-decode-error.js';

export { ProtobufDecodeError } from './protobuf-decode-error.js';
export type { ProtobufDecodeProblem } from './protobuf-decode-error.js';

export interface DecodedProtobufObject {
  apiVersion: string;
  kind: string;
  object: ApiObject;
}

const magic = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"
const protobufMediaType = 'application/vnd.kubernetes.protobuf';

export function decodeProtobufObject(body: Uint8Array): DecodedProtobufObject {
  if (body.length < magic.length || magic.some((byte, i) => body[i] !== byte)) {
    throw new ProtobufDecodeError('bad-magic', 'the body does not start with the Kubernetes protobuf prefix "k8s\\x00"');
  }
  const envelope = decodeEnvelope(body.subarray(magic.length));
  const type = objectMessageType(envelope.apiVersion, envelope.kind);
  if (type === undefined) {
    throw new ProtobufDecodeError('unsupported',
      `Bosun does not decode protobuf for apiVersion "${envelope.apiVersion}", kind "${envelope.kind}"; send it as JSON`);
  }
  const fields = decodeMessageToJson(type, envelope.raw);
  const metadata = fields['metadata'];
  if (!isRecord(metadata)) throw new ProtobufDecodeError('malformed', `${envelope.kind} has no metadata`);
  const object: ApiObject = { kind: envelope.kind, apiVersion: envelope.apiVersion, ...fields, metadata: metadata as ObjectMeta };
  return { apiVersion: envelope.apiVersion, kind: envelope.kind, object };
}

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
}

function decodeEnvelope(bytes: Uint8Array): Envelope {
  let plain: Record<string, unknown>;
  try {
    plain = envelopeType.toObject(envelopeType.decode(bytes), { defaults: false });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ProtobufDecodeError('malformed', `truncated or malformed runtime.Unknown envelope: ${why}`, { cause: err });
  }
  const typeMeta = isRecord(plain['typeMeta']) ? plain['typeMeta'] : {};
  const apiVersion = stringOr(typeMeta['apiVersion']);
  const kind = stringOr(typeMeta['kind']);
  if (apiVersion === '' || kind === '') {
    throw new ProtobufDecodeError('malformed', 'the runtime.Unknown envelope does not name an apiVersion and kind');
  }
  const encoding = stringOr(plain['contentEncoding']);
  if (encoding !== '') {
    throw new ProtobufDecodeError('unsupported', `content encoding "${encoding}" of ${apiVersion}, kind ${kind} is not supported`);
  }
  const contentType = stringOr(plain['contentType']);
  if (contentType !== '' && contentType !== protobufMediaType) {
    throw new ProtobufDecodeError('unsupported', `embedded content type "${contentType}" of ${apiVersion}, kind ${kind} is not supported`);
  }
  const raw = plain['raw'];
  return { apiVersion, kind, raw: raw instanceof Uint8Array ? raw : new Uint8Array() };
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
