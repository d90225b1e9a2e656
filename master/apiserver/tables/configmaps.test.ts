import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigMap } from '../../../shared/api/core/v1/configmap.js';
import { columns, rowCells } from './configmaps.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');
const metadata = { name: 'settings', namespace: 'default', creationTimestamp: '2026-11-25T04:42:54Z' };

test('config map rows count data and binaryData keys together', () => {
  assert.deepEqual(columns.map((c) => c.name), ['Name', 'Data', 'Age']);
  const cases: [ConfigMap, TableCell[]][] = [
    [{ metadata, data: { 'app.conf': 'x', mode: 'fast' }, binaryData: { logo: 'iVBORw0=' } }, ['settings', 3, '60m']],
    [{ metadata: { ...metadata, name: 'kube-root-ca.crt' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----' } }, ['kube-root-ca.crt', 1, '60m']],
    [{ metadata }, ['settings', 0, '60m']],
  ];
  for (const [obj, want] of cases) assert.deepEqual(rowCells(obj, now), want);
});
