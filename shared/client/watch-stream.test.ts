import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../api/errors.js';
import type { ApiObject } from '../api/meta.js';
import { decodeApiObject } from './resource-client.js';
import { watchEvents, type TypedWatchEvent } from './watch-stream.js';

async function collect(chunks: string[]): Promise<TypedWatchEvent<ApiObject>[]> {
  const out: TypedWatchEvent<ApiObject>[] = [];
  for await (const ev of watchEvents((async function* () { yield* chunks; })(), decodeApiObject)) out.push(ev);
  return out;
}

const cm = (name: string, rv: string): ApiObject => ({ kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: rv } });

test('frames split across chunks, joined in one chunk, or unterminated at the end are all read', async () => {
  const a = JSON.stringify({ type: 'ADDED', object: cm('a', '5') });
  const b = JSON.stringify({ type: 'MODIFIED', object: cm('a', '6') });
  const c = JSON.stringify({ type: 'DELETED', object: cm('a', '7') });
  const got = await collect([a.slice(0, 10), `${a.slice(10)}\n${b}\n\n`, c]);
  assert.deepEqual(got, [
    { type: 'ADDED', object: cm('a', '5') },
    { type: 'MODIFIED', object: cm('a', '6') },
    { type: 'DELETED', object: cm('a', '7') },
  ]);
});

test('a bookmark yields only its resourceVersion', async () => {
  const got = await collect([`${JSON.stringify({ type: 'BOOKMARK', object: { kind: 'ConfigMap', metadata: { resourceVersion: '42' } } })}\n`]);
  assert.deepEqual(got, [{ type: 'BOOKMARK', resourceVersion: '42' }]);
});

test('an in-stream ERROR ends the stream with its Status as a StatusError', async () => {
  const error = { type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 410, reason: 'Expired', message: 'too old resource version: 3 (9)' } };
  await assert.rejects(collect([`${JSON.stringify({ type: 'ADDED', object: cm('a', '5') })}\n${JSON.stringify(error)}\n`]),
    (err: unknown) => isStatusError(err, 'Expired') && err.code === 410 && err.message === 'too old resource version: 3 (9)');
});

test('malformed frames fail the stream instead of being dropped', async () => {
  for (const bad of ['{not json', '[1]', '{"type":"WHAT","object":{}}', '{"type":"ADDED","object":{"kind":"x"}}', '{"type":"BOOKMARK","object":{}}']) {
    await assert.rejects(collect([`${bad}\n`]), (err: unknown) => isStatusError(err) || err instanceof Error, bad);
  }
});
