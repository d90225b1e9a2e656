import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError, tooLong } from '../../../validation/field-error.js';
import { defaultSecret } from '../defaults.js';
import { exampleSecret } from '../examples.js';
import type { Secret } from '../secret.js';
import { base64Error } from './base64.js';
import { validateSecret, validateSecretUpdate } from './secret.js';

function secret(mutate: (s: Secret) => void): Secret {
  const s = exampleSecret();
  mutate(s);
  defaultSecret(s);
  return s;
}

test('base64 is checked as Go decodes it', () => {
  const cases: Array<[string, string | undefined]> = [
    ['', undefined], ['aGVsbG8=', undefined], ['aGVs\nbG8=', undefined], ['YQ==', undefined],
    ['abc', 'illegal base64 data at input byte 0'], ['aGVsbG8', 'illegal base64 data at input byte 4'],
    ['ab!d', 'illegal base64 data at input byte 2'], ['a===', 'illegal base64 data at input byte 1'],
    ['YQ==YQ==', 'illegal base64 data at input byte 4'],
  ];
  for (const [input, want] of cases) assert.equal(base64Error(input), want, JSON.stringify(input));
});

test('each secret rule reports Kubernetes\' field path and wording', () => {
  const cases: Array<[string, Secret, string[]]> = [
    ['a valid secret', secret(() => undefined), []],
    ['data that is not base64', secret((s) => { s.data = { k: 'abc' }; }), [
      'data[k]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 0',
    ]],
    ['more than 1 MiB', secret((s) => { s.data = { k: Buffer.alloc(1024 * 1024 + 1).toString('base64') }; }), [
      formatFieldError(tooLong('data', 1024 * 1024)),
    ]],
    ['a TLS secret without its keys', secret((s) => { s.type = 'kubernetes.io/tls'; }), [
      'data[tls.crt]: Required value', 'data[tls.key]: Required value',
    ]],
    ['a docker config that is not JSON', secret((s) => { s.type = 'kubernetes.io/dockerconfigjson'; s.data = { '.dockerconfigjson': 'bm9wZQ==' }; }), [
      `data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": ${jsonMessage('nope')}`,
    ]],
    ['a token secret without its account', secret((s) => { s.type = 'kubernetes.io/service-account-token'; }), [
      'metadata.annotations[kubernetes.io/service-account.name]: Required value',
    ]],
  ];
  for (const [name, s, want] of cases) assert.deepEqual(validateSecret(s).map(formatFieldError), want, name);
});

function jsonMessage(text: string): string {
  try { JSON.parse(text); return ''; } catch (err) { return (err as Error).message; }
}

test('a secret\'s type is fixed and an immutable one keeps its data', () => {
  const old = secret((s) => { s.immutable = true; });
  const changed = structuredClone(old);
  changed.type = 'kubernetes.io/basic-auth';
  changed.data = { username: 'YQ==' };
  assert.deepEqual(validateSecretUpdate(changed, old).map(formatFieldError), [
    'type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
    'data: Forbidden: field is immutable when `immutable` is set',
  ]);
});
