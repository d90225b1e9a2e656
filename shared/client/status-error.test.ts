import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusErrorFromResponse, statusErrorFromStatus } from './status-error.js';

test('a Status body keeps its reason, message and details', () => {
  const body = JSON.stringify({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 409, reason: 'Conflict',
    message: 'Operation cannot be fulfilled on configmaps "a": the object has been modified',
    details: { name: 'a', kind: 'configmaps' },
  });
  const err = statusErrorFromResponse(409, body);
  assert.equal(err.code, 409);
  assert.equal(err.reason, 'Conflict');
  assert.equal(err.message, 'Operation cannot be fulfilled on configmaps "a": the object has been modified');
  assert.deepEqual(err.details, { name: 'a', kind: 'configmaps' });
});

test('a body that is not a Status gets the reason and message client-go gives its HTTP code', () => {
  const cases: { code: number; text: string; reason: string; message: string }[] = [
    { code: 404, text: '404 page not found', reason: 'NotFound', message: 'the server could not find the requested resource' },
    { code: 409, text: '', reason: 'Conflict', message: 'the server reported a conflict' },
    { code: 410, text: '', reason: 'Gone', message: 'the server responded with the status code 410 but did not return more information' },
    { code: 422, text: 'x', reason: 'Invalid', message: 'the server rejected our request due to an error in our request' },
    { code: 429, text: '', reason: 'TooManyRequests', message: 'the server has received too many requests and has asked us to try again later' },
    { code: 403, text: 'go away', reason: 'Forbidden', message: 'go away' },
    { code: 502, text: 'bad gateway', reason: 'InternalError', message: 'an error on the server ("bad gateway") has prevented the request from succeeding' },
    { code: 503, text: '', reason: 'ServiceUnavailable', message: 'the server is currently unable to handle the request' },
    { code: 418, text: '', reason: 'BadRequest', message: 'the server responded with the status code 418 but did not return more information' },
  ];
  for (const c of cases) {
    const err = statusErrorFromResponse(c.code, c.text);
    assert.equal(err.reason, c.reason, String(c.code));
    assert.equal(err.code, c.code, String(c.code));
    assert.equal(err.message, c.message, String(c.code));
  }
});

test('a Status with a reason Bosun does not know falls back to the reason of its code', () => {
  const err = statusErrorFromStatus({ kind: 'Status', code: 504, reason: 'ServerTimeout', message: 'slow' });
  assert.equal(err?.reason, 'Timeout');
  assert.equal(err?.message, 'slow');
  assert.equal(statusErrorFromStatus({ kind: 'Pod' }), undefined);
});

test('Retry-After of a bare answer lands in details', () => {
  assert.deepEqual(statusErrorFromResponse(429, 'slow down', 3).details, { retryAfterSeconds: 3 });
});
