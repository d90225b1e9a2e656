import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalMicroTime } from './micro-time.js';

test('canonicalMicroTime keeps a UTC time with six fraction digits and moves offsets to UTC', () => {
  const cases: [string, string | undefined][] = [
    ['2026-11-25T06:35:00.123456Z', '2026-11-25T06:35:00.123456Z'],
    ['2026-11-25T08:35:00.000001+02:00', '2026-11-25T06:35:00.000001Z'],
    ['2026-12-31T23:30:00.500000-01:00', '2027-01-01T00:30:00.500000Z'],
    ['2026-11-25T06:35:00Z', undefined],                 // Kubernetes wants the fraction
    ['2026-11-25T06:35:00.123Z', undefined],
    ['2026-11-25T06:35:00.1234567Z', undefined],
    ['2026-02-30T06:35:00.000000Z', undefined],
    ['2026-11-25T24:00:00.000000Z', undefined],
    ['2026-11-25 06:35:00.000000Z', undefined],
    ['', undefined],
  ];
  for (const [input, want] of cases) assert.equal(canonicalMicroTime(input), want, input);
});
