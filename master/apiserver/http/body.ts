// Request bodies: size limit, content type, and decoding (JSON, YAML, protobuf) into an
// object; every failure is a Status that says what is wrong.
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { badRequest, tooLarge, unsupportedMediaType } from '../../../shared/api/errors.js';
import { isRecord, type ApiObject } from '../../../shared/api/meta.js';
import { decodeProtobufObject, ProtobufDecodeError } from '../protobuf/decode.js';

/** kube-apiserver's limit on a request body. */
export const maxBodyBytes = 3 * 1024 * 1024;

export const objectMediaTypes: readonly string[] = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
export const patchMediaTypes: readonly string[] = [
  'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml',
];

/** The media type without parameters, lower case; '' when absent. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

export function readBody(req: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  // Plain stream events: an async iterator per request costs more than the read itself.
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (b: Buffer): void => {
      size += b.length;
      if (size <= limit) { chunks.push(b); return; }
      req.off('data', onData);
      req.resume();
      reject(tooLarge(limit));
    };
    let ended = false;
    req.on('data', onData);
    req.once('end', () => { ended = true; resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)); });
    req.once('error', reject);
    // Closed before its end: the client went away mid-body.
    req.once('close', () => { if (!ended) reject(new Error('the request body was cut off: the connection closed')); });
  });
}

function lineCol(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `line ${line}, column ${col}`;
}

export function parseJson(buf: Buffer): unknown {
  const text = buf.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const where = pos !== null ? ` (${lineCol(text, Number(pos[1]))})` : '';
    throw badRequest(`the request body is not valid JSON: ${msg}${where}`);
  }
}

export function parseYamlBody(buf: Buffer): unknown {
  try {
    return parseYaml(buf.toString('utf8'), { maxAliasCount: 100 });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const at = err.linePos?.[0];
      throw badRequest(`the request body is not valid YAML: ${err.message.split('\n')[0]}${at ? ` (line ${at.line}, column ${at.col})` : ''}`);
    }
    throw badRequest(`the request body is not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Metadata of the wrong JSON types would break everything after; Kubernetes' decoder refuses it too. */
function checkMetadataTypes(meta: Record<string, unknown>): void {
  const wrong = (field: string, want: string, v: unknown): never => {
    throw badRequest(`metadata.${field}: must be ${want}, not ${typeName(v)}`);
  };
  for (const f of ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'selfLink']) {
    const v = meta[f];
    if (v !== undefined && v !== null && typeof v !== 'string') wrong(f, 'a string', v);
  }
  for (const f of ['generation', 'deletionGracePeriodSeconds']) {
    const v = meta[f];
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isInteger(v))) wrong(f, 'an integer', v);
  }
  for (const f of ['labels', 'annotations']) {
    const v = meta[f];
    if (v === undefined || v === null) continue;
    if (!isRecord(v)) wrong(f, 'an object of strings', v);
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) if (typeof val !== 'string') wrong(`${f}.${k}`, 'a string', val);
  }
  const fin = meta['finalizers'];
  if (fin !== undefined && fin !== null) {
    if (!Array.isArray(fin)) wrong('finalizers', 'an array of strings', fin);
    (fin as unknown[]).forEach((x, i) => { if (typeof x !== 'string') wrong(`finalizers[${i}]`, 'a string', x); });
  }
  const owners = meta['ownerReferences'];
  if (owners !== undefined && owners !== null) {
    if (!Array.isArray(owners)) wrong('ownerReferences', 'an array of objects', owners);
    (owners as unknown[]).forEach((x, i) => { if (!isRecord(x)) wrong(`ownerReferences[${i}]`, 'an object', x); });
  }
  const mf = meta['managedFields'];
  if (mf !== undefined && mf !== null && !Array.isArray(mf)) wrong('managedFields', 'an array', mf);
}

function asObject(v: unknown): ApiObject {
  if (!isRecord(v)) throw badRequest('the request body must be a single object (a JSON or YAML mapping)');
  const meta = v['metadata'];
  if (meta !== undefined && meta !== null && !isRecord(meta)) throw badRequest('metadata must be an object');
  if (isRecord(meta)) checkMetadataTypes(meta);
  for (const f of ['apiVersion', 'kind']) {
    if (v[f] !== undefined && typeof v[f] !== 'string') throw badRequest(`${f}: must be a string, not ${typeName(v[f])}`);
  }
  const obj = v as ApiObject;
  if (meta === undefined || meta === null) obj.metadata = {};
  return obj;
}

/** An object body of a POST or PUT. */
export function decodeObjectBody(buf: Buffer, contentType: string | undefined): ApiObject {
  const mt = mediaType(contentType);
  if (buf.length === 0) throw badRequest('the request body is empty: an object is required');
  switch (mt) {
    case '': case 'application/json': return asObject(parseJson(buf));
    case 'application/yaml': case 'application/x-yaml': case 'text/yaml': return asObject(parseYamlBody(buf));
    case 'application/vnd.kubernetes.protobuf':
      try {
        return decodeProtobufObject(new Uint8Array(buf)).object;
      } catch (err) {
        if (err instanceof ProtobufDecodeError) throw badRequest(`the protobuf request body could not be decoded: ${err.message}`);
        throw err;
      }
    default: throw unsupportedMediaType(mt, objectMediaTypes);
  }
}

/** Any JSON/YAML body (DeleteOptions, Eviction, patches). */
export function decodeJsonOrYaml(buf: Buffer, contentType: string | undefined): unknown {
  const mt = mediaType(contentType);
  if (mt === 'application/yaml' || mt === 'application/apply-patch+yaml') return parseYamlBody(buf);
  return parseJson(buf);
}
