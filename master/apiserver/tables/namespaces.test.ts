import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Namespace } from '../../../shared/api/core/v1/namespace.js';
import { columns, rowCells } from './namespaces.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');

test('namespace rows show the phase', () => {
  assert.deepEqual(columns.map((c) => c.name), ['Name', 'Status', 'Age']);
  const cases: [Namespace, TableCell[]][] = [
    [{ metadata: { name: 'default', creationTimestamp: '2026-11-05T05:42:54Z' }, status: { phase: 'Active' } }, ['default', 'Active', '20d']],
    [
      { metadata: { name: 'old', creationTimestamp: '2026-11-25T05:40:54Z', deletionTimestamp: '2026-11-25T05:42:00Z' }, status: { phase: 'Terminating' } },
      ['old', 'Terminating', '2m'],
    ],
    [{ metadata: { name: 'new' } }, ['new', '', '<unknown>']],
  ];
  for (const [obj, want] of cases) assert.deepEqual(rowCells(obj, now), want);
});
