import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Lease } from '../../../shared/api/coordination/v1/lease.js';
import { columns, rowCells } from './leases.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');

test('lease rows show the holder, empty when nobody holds it', () => {
  assert.deepEqual(columns.map((c) => c.name), ['Name', 'Holder', 'Age']);
  const cases: [Lease, TableCell[]][] = [
    [
      {
        metadata: { name: 'node-1', namespace: 'kube-node-lease', creationTimestamp: '2026-11-23T05:42:54Z' },
        spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-11-25T05:42:50.123456Z' },
      },
      ['node-1', 'node-1', '2d'],
    ],
    [{ metadata: { name: 'kube-scheduler', creationTimestamp: '2026-11-25T05:40:54Z' }, spec: {} }, ['kube-scheduler', '', '2m']],
  ];
  for (const [obj, want] of cases) assert.deepEqual(rowCells(obj, now), want);
});
