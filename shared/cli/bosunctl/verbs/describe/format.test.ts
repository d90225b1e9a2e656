import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotationLines, eventLines, humanDuration, labelLines, tolerationLines } from './format.js';

test('writes ages as kubectl\'s HumanDuration', () => {
  const cases: [number, string][] = [[-5, '<invalid>'], [-1, '0s'], [0, '0s'], [59, '59s'], [119, '119s'], [120, '2m'], [301, '5m1s'], [600, '10m'],
    [3 * 3600 - 1, '179m'], [3 * 3600, '3h'], [3 * 3600 + 60, '3h1m'], [8 * 3600, '8h'], [47 * 3600, '47h'], [49 * 3600, '2d1h'],
    [8 * 86400, '8d'], [800 * 86400, '2y70d']];
  for (const [s, want] of cases) assert.equal(humanDuration(s * 1000), want, `${s}s`);
});

test('lists labels, annotations and tolerations one per line, as describe does', () => {
  assert.deepEqual(labelLines('Labels', { b: '2', a: '1' }), ['Labels:\ta=1', '\tb=2']);
  assert.deepEqual(labelLines('  Labels', {}), ['  Labels:\t<none>']);
  assert.deepEqual(annotationLines('Annotations', { 'kubectl.kubernetes.io/last-applied-configuration': '{}', x: 'y' }), ['Annotations:\tx: y']);
  assert.deepEqual(tolerationLines('Tolerations', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { operator: 'Exists' }]),
    ['Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s', '\top=Exists']);
});

test('prints events oldest first with repeat counts', () => {
  const now = Date.parse('2026-01-01T00:10:00Z');
  assert.deepEqual(eventLines([], now), ['Events:\t<none>']);
  assert.deepEqual(eventLines([
    { type: 'Warning', reason: 'BackOff', message: 'Back-off ', count: 4, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:09:00Z', source: { component: 'kubelet' } },
    { type: 'Normal', reason: 'Scheduled', message: 'ok', firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:00Z', reportingComponent: 'default-scheduler' },
  ], now), ['Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------',
    '  Normal\tScheduled\t10m\tdefault-scheduler\tok', '  Warning\tBackOff\t60s (x4 over 10m)\tkubelet\tBack-off']);
});
