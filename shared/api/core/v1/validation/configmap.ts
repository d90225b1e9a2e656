// ConfigMaps (pkg/apis/core/validation: ValidateConfigMap, ValidateConfigMapUpdate).
import { type FieldError, forbidden, invalid, tooLong } from '../../../validation/field-error.js';
import { isConfigMapKey, isDNS1123Subdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../../validation/names.js';
import { deepEqual } from '../../../../util/deep-equal.js';
import type { ConfigMap } from '../configmap.js';
import { base64Error, base64Length } from './base64.js';
import { messages, stringMapOf } from './values.js';

/** MaxSecretSize: the data of a ConfigMap or Secret together. */
export const maxDataSize = 1024 * 1024;

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, { namespaced: true, nameValidator: isDNS1123Subdomain });
  const data = stringMapOf(cm.data, 'data', errs);
  const binary = stringMapOf(cm.binaryData, 'binaryData', errs);
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    errs.push(...messages(isConfigMapKey, key, `data[${key}]`));
    if (key in binary) errs.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    size += Buffer.byteLength(value, 'utf8');
  }
  for (const [key, value] of Object.entries(binary)) {
    errs.push(...messages(isConfigMapKey, key, `binaryData[${key}]`));
    const bad = base64Error(value);
    if (bad !== undefined) errs.push(invalid(`binaryData[${key}]`, '<binary data>', bad));
    else size += base64Length(value);
  }
  if (size > maxDataSize) errs.push(tooLong('', maxDataSize));
  return errs;
}

/** An immutable ConfigMap keeps its data, its binaryData and its immutability. */
export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata);
  if (old.immutable === true) {
    const why = 'field is immutable when `immutable` is set';
    if (cm.immutable !== true) errs.push(forbidden('immutable', why));
    if (!deepEqual(cm.data ?? {}, old.data ?? {})) errs.push(forbidden('data', why));
    if (!deepEqual(cm.binaryData ?? {}, old.binaryData ?? {})) errs.push(forbidden('binaryData', why));
  }
  return errs;
}
