import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Endpoints } from '../../../shared/api/core/v1/endpoints.js';
import { columns, rowCells } from './endpoints.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');
const metadata = { name: 'web', namespace: 'default', creationTimestamp: '2026-11-25T04:42:54Z' };

test('endpoints rows show up to three ready ip:port pairs', () => {
  assert.deepEqual(columns.map((c) => c.name), ['Name', 'Endpoints', 'Age']);
  const cases: [string, Endpoints, TableCell[]][] = [
    ['no subsets', { metadata }, ['web', '<none>', '60m']],
    [
      'two ready pods, one not ready',
      {
        metadata,
        subsets: [
          {
            addresses: [{ ip: '10.244.1.10' }, { ip: '10.244.1.11' }],
            notReadyAddresses: [{ ip: '10.244.1.12' }],
            ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
          },
        ],
      },
      ['web', '10.244.1.10:80,10.244.1.11:80', '60m'],
    ],
    [
      'two ports and three pods',
      {
        metadata,
        subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }], ports: [{ port: 80 }, { port: 443 }] }],
      },
      ['web', '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 3 more...', '60m'],
    ],
    [
      'a headless service without ports, over IPv6',
      { metadata, subsets: [{ addresses: [{ ip: 'fd00::1' }] }, { addresses: [{ ip: 'fd00::2' }], ports: [{ port: 8080 }] }] },
      ['web', 'fd00::1,[fd00::2]:8080', '60m'],
    ],
    ['only not-ready addresses', { metadata, subsets: [{ notReadyAddresses: [{ ip: '10.0.0.9' }], ports: [{ port: 80 }] }] }, ['web', '', '60m']],
  ];
  for (const [name, obj, want] of cases) assert.deepEqual(rowCells(obj, now), want, name);
});
