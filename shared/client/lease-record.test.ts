import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LeaseSpec } from '../api/coordination/v1/lease.js';
import { acquiredSpec, mayAcquire, releasedSpec } from './lease-record.js';

const t0 = Date.parse('2026-11-25T06:00:00.000Z');

test('a lease may be taken when free, released, ours, or not renewed for its duration since we saw it change', () => {
  const cases: { name: string; spec: LeaseSpec; seenAt: number; now: number; want: boolean }[] = [
    { name: 'never held', spec: {}, seenAt: t0, now: t0, want: true },
    { name: 'released', spec: { holderIdentity: '', leaseDurationSeconds: 1 }, seenAt: t0, now: t0, want: true },
    { name: 'ours', spec: { holderIdentity: 'me', leaseDurationSeconds: 15 }, seenAt: t0, now: t0, want: true },
    { name: 'held, fresh', spec: { holderIdentity: 'other', leaseDurationSeconds: 15 }, seenAt: t0, now: t0 + 14_999, want: false },
    { name: 'held, expired', spec: { holderIdentity: 'other', leaseDurationSeconds: 15 }, seenAt: t0, now: t0 + 15_000, want: true },
    { name: 'held, its own duration counts', spec: { holderIdentity: 'other', leaseDurationSeconds: 40 }, seenAt: t0, now: t0 + 20_000, want: false },
    { name: 'held, no duration: ours counts', spec: { holderIdentity: 'other' }, seenAt: t0, now: t0 + 15_000, want: true },
  ];
  for (const c of cases) assert.equal(mayAcquire({ spec: c.spec, at: c.seenAt }, 'me', c.now, 15), c.want, c.name);
});

test('taking a lease sets the holder and times and counts a transition; renewing keeps acquireTime and transitions', () => {
  const now = new Date(t0);
  const later = new Date(t0 + 2_000);
  assert.deepEqual(acquiredSpec(undefined, 'me', 15, now), {
    holderIdentity: 'me', leaseDurationSeconds: 15, acquireTime: '2026-11-25T06:00:00.000000Z',
    renewTime: '2026-11-25T06:00:00.000000Z', leaseTransitions: 0,
  });
  const taken = acquiredSpec({ holderIdentity: 'other', leaseDurationSeconds: 15, acquireTime: 'x', renewTime: 'y', leaseTransitions: 3 }, 'me', 15, now);
  assert.deepEqual(taken, {
    holderIdentity: 'me', leaseDurationSeconds: 15, acquireTime: '2026-11-25T06:00:00.000000Z',
    renewTime: '2026-11-25T06:00:00.000000Z', leaseTransitions: 4,
  });
  assert.deepEqual(acquiredSpec(taken, 'me', 15, later), { ...taken, renewTime: '2026-11-25T06:00:02.000000Z' });
});

test('releasing empties the holder and shortens the lease to one second', () => {
  const spec: LeaseSpec = { holderIdentity: 'me', leaseDurationSeconds: 15, acquireTime: 'a', renewTime: 'r', leaseTransitions: 2 };
  assert.deepEqual(releasedSpec(spec, new Date(t0 + 5_000)), {
    holderIdentity: '', leaseDurationSeconds: 1, acquireTime: '2026-11-25T06:00:05.000000Z',
    renewTime: '2026-11-25T06:00:05.000000Z', leaseTransitions: 2,
  });
});
