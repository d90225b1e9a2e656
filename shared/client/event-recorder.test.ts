import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Event } from '../api/core/v1/event.js';
import { FakeClock } from './fake-clock.js';
import { recordingLog } from './test-log.js';
import { EventRecorder, EventSpamFilter, buildEvent } from './event-recorder.js';

const signal = new AbortController().signal;
const gvk = { group: 'apps', version: 'v1', kind: 'ReplicaSet' };
const target = (name: string) => ({ object: { metadata: { name, namespace: 'shop', uid: `uid-${name}` } }, gvk });

test('names and fills an event as client-go does', () => {
  const e = buildEvent(target('web'), 'Normal', 'SuccessfulCreate', 'Created pod: web-abcde', 'replicaset-controller', new Date('2026-11-25T06:00:00Z'));
  assert.match(e.metadata.name ?? '', /^web\.[0-9a-f]+$/);
  assert.deepEqual(e.involvedObject, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', namespace: 'shop', uid: 'uid-web' });
  assert.equal(e.firstTimestamp, '2026-11-25T06:00:00Z');
  assert.equal(e.count, 1);
});

test('lets 25 events per object through, then one per five minutes, and objects apart', async () => {
  const clock = new FakeClock();
  const spam = new EventSpamFilter(clock);
  const passed = Array.from({ length: 30 }, () => spam.allow(target('web'))).filter((x) => x).length;
  assert.equal(passed, 25);
  assert.equal(spam.allow(target('db')), true);
  await clock.advance(299_000);
  assert.equal(spam.allow(target('web')), false);
  await clock.advance(1_000);
  assert.equal(spam.allow(target('web')), true);
  assert.equal(spam.allow(target('web')), false);
});

test('the recorder writes what the filter lets through and survives a failing sink', async () => {
  const clock = new FakeClock();
  const written: Event[] = [];
  let fail = false;
  const log = recordingLog();
  const rec = new EventRecorder({
    sink: { createEvent: async (e) => { if (fail) throw new Error('apiserver down'); written.push(e); } },
    component: 'replicaset-controller', clock, log,
  });
  for (let i = 0; i < 40; i++) rec.record(target('web'), 'Normal', 'SuccessfulCreate', `Created pod: web-${i}`, signal);
  await rec.flush();
  assert.equal(written.length, 25);
  assert.equal(written[0]!.message, 'Created pod: web-0');
  fail = true;
  rec.record(target('other'), 'Warning', 'FailedCreate', 'Error creating: no', signal);
  await rec.flush();
  assert.equal(log.lines.filter((l) => l.level === 'warn').length, 1);
});
