import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import { columns, rowCells } from './endpointslices.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');
const metadata = { name: 'web-abc12', namespace: 'default', creationTimestamp: '2026-11-25T04:42:54Z' };

test('endpoint slice rows list ports and addresses, three at most', () => {
  assert.deepEqual(columns.map((c) => c.name), ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
  const cases: [string, EndpointSlice, TableCell[]][] = [
    [
      'two ready pods on one port',
      {
        metadata,
        addressType: 'IPv4',
        ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
        endpoints: [{ addresses: ['10.244.1.10'] }, { addresses: ['10.244.1.11'] }],
      },
      ['web-abc12', 'IPv4', '80', '10.244.1.10,10.244.1.11', '60m'],
    ],
    [
      'more than three of each',
      {
        metadata,
        addressType: 'IPv4',
        ports: [{ port: 80 }, { name: 'metrics' }, {}, { port: 9090 }],
        endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3'] }, { addresses: ['10.0.0.4'] }, { addresses: ['10.0.0.5'] }],
      },
      ['web-abc12', 'IPv4', '80,metrics,* + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...', '60m'],
    ],
    ['an empty slice', { metadata, addressType: 'IPv6', endpoints: null }, ['web-abc12', 'IPv6', '<unset>', '<unset>', '60m']],
  ];
  for (const [name, obj, want] of cases) assert.deepEqual(rowCells(obj, now), want, name);
});
