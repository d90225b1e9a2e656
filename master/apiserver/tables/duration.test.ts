import assert from 'node:assert/strict';
import { test } from 'node:test';
import { humanDuration, shortHumanDuration, since } from './duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

test('humanDuration matches apimachinery at every boundary', () => {
  const cases: [number, string][] = [
    [-2 * s, '<invalid>'],
    [-1999, '0s'],
    [-1 * s, '0s'],
    [0, '0s'],
    [999, '0s'],
    [5 * s, '5s'],
    [90 * s, '90s'],
    [119 * s + 999, '119s'],
    [2 * m, '2m'],
    [2 * m + 1 * s, '2m1s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 59 * s, '10m'],
    [60 * m, '60m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 30 * m, '3h30m'],
    [7 * h + 59 * m + 59 * s, '7h59m'],
    [8 * h, '8h'],
    [47 * h + 59 * m, '47h'],
    [48 * h, '2d'],
    [2 * d + 5 * h, '2d5h'],
    [7 * d + 23 * h + 59 * m, '7d23h'],
    [8 * d, '8d'],
    [8 * d + 23 * h, '8d'],
    [2 * y - 1 * s, '729d'],
    [2 * y, '2y'],
    [2 * y + 10 * d, '2y10d'],
    [8 * y - 1 * s, '7y364d'],
    [8 * y, '8y'],
    [20 * y + 100 * d, '20y'],
  ];
  for (const [ms, want] of cases) {
    assert.equal(humanDuration(ms), want, `${ms} ms`);
  }
});

test('shortHumanDuration keeps a single unit', () => {
  const cases: [number, string][] = [
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [59 * s, '59s'],
    [60 * s, '1m'],
    [59 * m + 59 * s, '59m'],
    [60 * m, '1h'],
    [23 * h + 59 * m, '23h'],
    [24 * h, '1d'],
    [364 * d + 23 * h, '364d'],
    [365 * d, '1y'],
    [3 * y + 200 * d, '3y'],
  ];
  for (const [ms, want] of cases) {
    assert.equal(shortHumanDuration(ms), want, `${ms} ms`);
  }
});

test('since reads RFC 3339 timestamps and prints <unknown> for missing ones', () => {
  const now = new Date('2026-11-25T05:42:54Z');
  const cases: [string | null | undefined, string][] = [
    ['2026-11-25T04:42:54Z', '60m'],
    ['2026-11-25T05:42:50Z', '4s'],
    ['2026-11-20T05:42:54Z', '5d'],
    ['2026-11-25T05:42:53.500000Z', '0s'],
    ['2026-11-25T05:43:10Z', '<invalid>'],
    [undefined, '<unknown>'],
    [null, '<unknown>'],
    ['', '<unknown>'],
    ['0001-01-01T00:00:00Z', '<unknown>'],
    ['yesterday', '<unknown>'],
  ];
  for (const [ts, want] of cases) {
    assert.equal(since(ts, now), want, String(ts));
  }
});
