import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Secret } from '../../../shared/api/core/v1/secret.js';
import { columns, rowCells } from './secrets.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');
const metadata = { name: 'db', namespace: 'default', creationTimestamp: '2026-11-25T04:42:54Z' };

test('secret rows show the type and the number of keys', () => {
  assert.deepEqual(columns.map((c) => c.name), ['Name', 'Type', 'Data', 'Age']);
  const cases: [Secret, TableCell[]][] = [
    [{ metadata, type: 'Opaque', data: { user: 'YWRtaW4=', password: 'czNjcjN0' } }, ['db', 'Opaque', 2, '60m']],
    [{ metadata: { ...metadata, name: 'tls' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' } }, ['tls', 'kubernetes.io/tls', 2, '60m']],
    [{ metadata, type: 'Opaque' }, ['db', 'Opaque', 0, '60m']],
  ];
  for (const [obj, want] of cases) assert.deepEqual(rowCells(obj, now), want);
});
