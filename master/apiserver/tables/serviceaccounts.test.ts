import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServiceAccount } from '../../../shared/api/core/v1/serviceaccount.js';
import { columns, rowCells } from './serviceaccounts.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');
const metadata = { name: 'default', namespace: 'default', creationTimestamp: '2026-11-25T04:42:54Z' };

test('service account rows count the listed secrets', () => {
  assert.deepEqual(columns.map((c) => c.name), ['Name', 'Secrets', 'Age']);
  const cases: [ServiceAccount, TableCell[]][] = [
    [{ metadata }, ['default', 0, '60m']],
    [{ metadata: { ...metadata, name: 'builder' }, secrets: [{ name: 'builder-token' }, { name: 'registry' }] }, ['builder', 2, '60m']],
  ];
  for (const [obj, want] of cases) assert.deepEqual(rowCells(obj, now), want);
});
