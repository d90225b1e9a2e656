// Secrets (pkg/apis/core/validation: ValidateSecret, ValidateSecretUpdate). stringData has
// already been merged into data by the defaults, as Kubernetes' conversion does.
import { type FieldError, forbidden, invalid, required, tooLong } from '../../../validation/field-error.js';
import { isConfigMapKey, isDNS1123Subdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../../validation/names.js';
import { deepEqual } from '../../../../util/deep-equal.js';
import type { Secret } from '../secret.js';
import { base64Error } from './base64.js';
import { maxDataSize } from './configmap.js';
import { messages, recordOf, stringMapOf, textOf } from './values.js';

const redacted = '<secret contents redacted>';

/** The decoded data, key by key; undecodable values are reported and left out. */
function decodedData(secret: Secret, errs: FieldError[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [key, value] of Object.entries(stringMapOf(secret.data, 'data', errs))) {
    const bad = base64Error(value);
    if (bad !== undefined) errs.push(invalid(`data[${key}]`, redacted, bad));
    else out.set(key, Buffer.from(value, 'base64'));
  }
  return out;
}

function jsonError(bytes: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? undefined : 'json: cannot unmarshal into Go value of type map[string]interface {}';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The keys each well-known secret type must carry. */
function validateTypeData(secret: Secret, data: ReadonlyMap<string, Buffer>): FieldError[] {
  const need = (key: string): FieldError[] => (data.has(key) ? [] : [required(`data[${key}]`)]);
  const json = (key: string): FieldError[] => {
    const bytes = data.get(key);
    if (bytes === undefined) return [required(`data[${key}]`)];
    const bad = jsonError(bytes);
    return bad === undefined ? [] : [invalid(`data[${key}]`, redacted, bad)];
  };
  switch (secret.type) {
    case 'kubernetes.io/service-account-token': {
      const annotations = recordOf<Record<string, unknown>>(secret.metadata.annotations) ?? {};
      const key = 'kubernetes.io/service-account.name';
      return textOf(annotations[key]) === '' ? [required(`metadata.annotations[${key}]`)] : [];
    }
    case 'kubernetes.io/dockercfg': return json('.dockercfg');
    case 'kubernetes.io/dockerconfigjson': return json('.dockerconfigjson');
    case 'kubernetes.io/basic-auth':
      return data.has('username') || data.has('password') ? [] : [...need('username'), ...need('password')];
    case 'kubernetes.io/ssh-auth':
      return (data.get('ssh-privatekey')?.length ?? 0) === 0 ? [required('data[ssh-privatekey]')] : [];
    case 'kubernetes.io/tls': return [...need('tls.crt'), ...need('tls.key')];
    default: return [];
  }
}

export function validateSecret(secret: Secret): FieldError[] {
  const errs = validateObjectMeta(secret.metadata, { namespaced: true, nameValidator: isDNS1123Subdomain });
  const data = decodedData(secret, errs);
  let size = 0;
  for (const key of Object.keys(recordOf<object>(secret.data) ?? {})) errs.push(...messages(isConfigMapKey, key, `data[${key}]`));
  for (const bytes of data.values()) size += bytes.length;
  if (size > maxDataSize) errs.push(tooLong('data', maxDataSize));
  errs.push(...validateTypeData(secret, data));
  return errs;
}

/** type never changes; an immutable Secret keeps its data and its immutability. */
export function validateSecretUpdate(secret: Secret, old: Secret): FieldError[] {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata);
  if ((secret.type ?? '') !== (old.type ?? '')) errs.push(invalid('type', secret.type ?? '', 'field is immutable'));
  if (old.immutable === true) {
    const why = 'field is immutable when `immutable` is set';
    if (secret.immutable !== true) errs.push(forbidden('immutable', why));
    if (!deepEqual(secret.data ?? {}, old.data ?? {})) errs.push(forbidden('data', why));
  }
  return errs;
}
