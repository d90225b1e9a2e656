import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError, tooLong } from '../../../validation/field-error.js';
import { isConfigMapKey } from '../../../validation/names.js';
import type { ConfigMap } from '../configmap.js';
import { exampleConfigMap } from '../examples.js';
import { validateConfigMap, validateConfigMapUpdate } from './configmap.js';

test('each config map rule reports Kubernetes\' field path and wording', () => {
  const cases: Array<[string, ConfigMap, string[]]> = [
    ['a valid config map', exampleConfigMap(), []],
    ['a bad key', { ...exampleConfigMap(), data: { 'a b': 'x' } }, [`data[a b]: Invalid value: "a b": ${isConfigMapKey('a b')[0] ?? ''}`]],
    ['a key in both bags', { ...exampleConfigMap(), data: { k: 'x' }, binaryData: { k: 'eA==' } }, [
      'data[k]: Invalid value: "k": duplicate of key present in binaryData',
    ]],
    ['binary data that is not base64', { ...exampleConfigMap(), binaryData: { k: 'not base64!' } }, [
      'binaryData[k]: Invalid value: "<binary data>": illegal base64 data at input byte 3',
    ]],
    ['more than 1 MiB', { ...exampleConfigMap(), data: { big: 'x'.repeat(1024 * 1024 + 1) } }, [formatFieldError(tooLong('', 1024 * 1024))]],
  ];
  for (const [name, cm, want] of cases) assert.deepEqual(validateConfigMap(cm).map(formatFieldError), want, name);
});

test('an immutable config map keeps its data', () => {
  const old: ConfigMap = { ...exampleConfigMap(), immutable: true };
  const changed: ConfigMap = { ...old, data: { 'db.host': 'other' }, immutable: false };
  assert.deepEqual(validateConfigMapUpdate(changed, old).map(formatFieldError), [
    'immutable: Forbidden: field is immutable when `immutable` is set',
    'data: Forbidden: field is immutable when `immutable` is set',
  ]);
  const mutable = exampleConfigMap();
  assert.deepEqual(validateConfigMapUpdate({ ...mutable, data: { a: 'b' } }, mutable), []);
});
