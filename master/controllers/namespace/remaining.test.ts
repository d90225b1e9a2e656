import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiObject } from '../../../shared/api/meta.js';
import { podGraceEstimate, remainingOf } from './remaining.js';

const now = new Date('2026-11-25T06:00:00Z');
const pods = { group: '', version: 'v1', resource: 'pods', namespaced: true };
const configmaps = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const pod = (deletionTimestamp?: string, phase?: string, grace?: number): ApiObject => ({
  metadata: { name: 'p', ...(deletionTimestamp !== undefined ? { deletionTimestamp } : {}) },
  spec: grace !== undefined ? { terminationGracePeriodSeconds: grace } : {}, status: phase !== undefined ? { phase } : {},
});

test('estimates the time left of pods in their grace period', () => {
  const cases: [string, ApiObject[], number][] = [
    ['none', [], 0],
    ['20 s left', [pod('2026-11-25T06:00:20Z')], 20],
    ['the slowest counts', [pod('2026-11-25T06:00:05Z'), pod('2026-11-25T06:00:30Z')], 30],
    ['past due', [pod('2026-11-25T05:59:00Z')], 0],
    ['terminal pods have none', [pod('2026-11-25T06:00:20Z', 'Succeeded')], 0],
    ['not yet deleted: its grace period', [pod(undefined, 'Running', 45)], 45],
  ];
  for (const [what, items, want] of cases) assert.equal(podGraceEstimate(items, now), want, what);
});

test('tells expected remains from unexpected ones', () => {
  const held: ApiObject = { metadata: { name: 'c', finalizers: ['foregroundDeletion', 'example.com/x'] } };
  const cases: [string, Parameters<typeof remainingOf>[0], ApiObject[], { count: number; estimateSeconds: number; unexpected: boolean }][] = [
    ['nothing left', configmaps, [], { count: 0, estimateSeconds: 0, unexpected: false }],
    ['pods in their grace period', pods, [pod('2026-11-25T06:00:10Z')], { count: 1, estimateSeconds: 10, unexpected: false }],
    ['objects held by finalizers', configmaps, [held], { count: 1, estimateSeconds: 15, unexpected: false }],
    ['objects left for no reason', configmaps, [{ metadata: { name: 'c' } }], { count: 1, estimateSeconds: 0, unexpected: true }],
    ['pods past their grace period', pods, [pod('2026-11-25T05:59:00Z')], { count: 1, estimateSeconds: 0, unexpected: true }],
  ];
  for (const [what, r, items, want] of cases) {
    const got = remainingOf(r, items, now);
    assert.deepEqual({ count: got.count, estimateSeconds: got.estimateSeconds, unexpected: got.unexpected }, want, what);
  }
  assert.deepEqual([...remainingOf(configmaps, [held, held], now).finalizers], [['foregroundDeletion', 2], ['example.com/x', 2]]);
});
