import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultLease } from './defaults.js';
import type { Lease } from './lease.js';

test('defaultLease writes valid times back in UTC, leaves the rest alone and is idempotent', () => {
  const cases: { name: string; spec: Lease['spec']; want: Lease['spec'] }[] = [
    { name: 'offset times', spec: { holderIdentity: 'n1', renewTime: '2026-11-25T08:35:00.000001+02:00' },
      want: { holderIdentity: 'n1', renewTime: '2026-11-25T06:35:00.000001Z' } },
    { name: 'malformed time', spec: { acquireTime: 'yesterday' }, want: { acquireTime: 'yesterday' } },
    { name: 'no spec', spec: undefined, want: undefined },
  ];
  for (const c of cases) {
    const lease: Lease = { metadata: { name: 'l', namespace: 'kube-node-lease' }, ...(c.spec ? { spec: c.spec } : {}) };
    defaultLease(lease);
    assert.deepEqual(lease.spec, c.want, c.name);
    const again = structuredClone(lease);
    defaultLease(again);
    assert.deepEqual(again, lease, `${c.name} (twice)`);
  }
});
