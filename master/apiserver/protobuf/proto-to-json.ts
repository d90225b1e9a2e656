// Decodes one Kubernetes protobuf message into the JSON Go's encoding/json would write for the
// same Go object: gogo-protobuf writes every value-typed field, so what the JSON omits comes
// from the field options described in proto-root.ts, not from the wire.
import type { Field, IConversionOptions, Type } from 'protobufjs';
import { isRecord } from '../../../shared/api/meta.js';
import { rfc3339 } from '../../../shared/util/time.js';
import { ProtobufDecodeError } from './protobuf-decode-error.js';

/** The fields that were on the wire, int64 as number, bytes as base64 (as Go's JSON writes []byte). */
const presentFieldsOnly: IConversionOptions = { longs: Number, bytes: String, defaults: false };

/** Seconds of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years Go's Time.MarshalJSON accepts. */
const minTimeSeconds = -62167219200;
const maxTimeSeconds = 253402300799;

const omit = Symbol('omit');

interface FieldRules {
  readonly jsonName: string;
  readonly pointer: boolean;
  readonly keep: boolean;
  readonly inline: boolean;
}

/** Decodes `bytes` as `type` and returns its JSON form. */
export function decodeMessageToJson(type: Type, bytes: Uint8Array): Record<string, unknown> {
  const plain = type.toObject(decodeWire(type, bytes), presentFieldsOnly);
  return structToJson(type, plain);
}

function decodeWire(type: Type, bytes: Uint8Array): ReturnType<Type['decode']> {
  try {
    return type.decode(bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ProtobufDecodeError('malformed', `truncated or malformed ${type.name} message: ${why}`, { cause: err });
  }
}

function rulesOf(field: Field): FieldRules {
  const options: Record<string, unknown> = field.options ?? {};
  const jsonName = options['(json)'];
  return {
    jsonName: typeof jsonName === 'string' ? jsonName : field.name,
    pointer: options['(ptr)'] === true,
    keep: options['(keep)'] === true,
    inline: options['(inline)'] === true,
  };
}

function structToJson(type: Type, plain: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    const rules = rulesOf(field);
    const value = plain[field.name];
    if (rules.inline) {
      Object.assign(out, structToJson(messageTypeOf(field), isRecord(value) ? value : {}));
      continue;
    }
    const json = fieldToJson(field, rules, value);
    if (json !== omit) out[rules.jsonName] = json;
  }
  return out;
}

function fieldToJson(field: Field, rules: FieldRules, value: unknown): unknown | typeof omit {
  if (field.map) {
    const record = isRecord(value) ? value : {};
    const keys = Object.keys(record).sort(); // Go writes map keys sorted
    if (keys.length === 0) return rules.keep ? null : omit;
    return Object.fromEntries(keys.map((key) => [key, valueToJson(field, record[key])]));
  }
  if (field.repeated) {
    const items = Array.isArray(value) ? value : [];
    if (items.length === 0) return rules.keep ? null : omit;
    return items.map((item) => valueToJson(field, item));
  }
  if (value === undefined && rules.pointer) return rules.keep ? null : omit;
  const json = valueToJson(field, value ?? zeroOf(field));
  // omitempty drops zero scalars; a Go struct (any message here) is never omitted.
  const omitted = !rules.pointer && !rules.keep && field.resolvedType === null && isZeroScalar(json);
  return omitted ? omit : json;
}

function valueToJson(field: Field, value: unknown): unknown {
  return field.resolvedType === null ? value : messageToJson(messageTypeOf(field), value);
}

function messageTypeOf(field: Field): Type {
  const type = field.resolvedType;
  if (type === null || !('fieldsArray' in type)) {
    throw new ProtobufDecodeError('malformed', `field ${field.fullName} is not a message`);
  }
  return type;
}

function messageToJson(type: Type, value: unknown): unknown {
  const plain = isRecord(value) ? value : {};
  switch (type.fullName) {
    case '.meta.Time': return timeToJson(plain);
    case '.meta.FieldsV1': return fieldsV1ToJson(plain);
    case '.intstr.IntOrString': return intOrStringToJson(plain);
    case '.resource.Quantity': return quantityToJson(plain);
    default: return structToJson(type, plain);
  }
}

/** metav1.Time: an empty message is the zero time (JSON null); nanoseconds are dropped. */
function timeToJson(plain: Record<string, unknown>): string | null {
  if (Object.keys(plain).length === 0) return null;
  const seconds = numberOr(plain['seconds'], 0);
  if (seconds < minTimeSeconds || seconds > maxTimeSeconds) {
    throw new ProtobufDecodeError('malformed', `time ${seconds}s since the epoch is outside the years 0 to 9999`);
  }
  return rfc3339(new Date(seconds * 1000));
}

/** metav1.FieldsV1: its bytes are JSON, written as is. */
function fieldsV1ToJson(plain: Record<string, unknown>): unknown {
  const raw = plain['Raw'];
  if (typeof raw !== 'string') return null;
  const text = Buffer.from(raw, 'base64').toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ProtobufDecodeError('malformed', 'managedFields fieldsV1 is not valid JSON', { cause: err });
  }
}

/** intstr.IntOrString: type 0 is the number intVal, type 1 the string strVal. */
function intOrStringToJson(plain: Record<string, unknown>): number | string {
  const kind = numberOr(plain['type'], 0);
  if (kind === 0) return numberOr(plain['intVal'], 0);
  if (kind === 1) return typeof plain['strVal'] === 'string' ? plain['strVal'] : '';
  throw new ProtobufDecodeError('malformed', `IntOrString has an impossible type ${kind}`);
}

/** resource.Quantity: the sender's Go code already wrote its canonical string. */
function quantityToJson(plain: Record<string, unknown>): string {
  const text = plain['string'];
  return typeof text === 'string' ? text : '0';
}

function zeroOf(field: Field): unknown {
  if (field.resolvedType !== null) return {};
  switch (field.type) {
    case 'string': case 'bytes': return '';
    case 'bool': return false;
    default: return 0;
  }
}

function isZeroScalar(value: unknown): boolean {
  return value === '' || value === 0 || value === false;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
