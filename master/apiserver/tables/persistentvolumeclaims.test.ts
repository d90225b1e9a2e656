import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolumeClaim } from '../../../shared/api/core/v1/persistentvolumeclaim.js';
import { columns, rowCells } from './persistentvolumeclaims.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');
const metadata = { name: 'data', namespace: 'default', creationTimestamp: '2026-11-25T04:42:54Z' };

test('persistent volume claim columns are the real server\'s', () => {
  assert.deepEqual(
    columns.map((c) => [c.name, c.priority]),
    [
      ['Name', 0],
      ['Status', 0],
      ['Volume', 0],
      ['Capacity', 0],
      ['Access Modes', 0],
      ['StorageClass', 0],
      ['VolumeAttributesClass', 0],
      ['Age', 0],
      ['VolumeMode', 1],
    ],
  );
});

test('persistent volume claim rows show capacity and modes only once bound', () => {
  const cases: [string, PersistentVolumeClaim, TableCell[]][] = [
    [
      'a bound claim',
      {
        metadata,
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, volumeName: 'pv-data', storageClassName: 'manual', volumeMode: 'Filesystem' },
        status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } },
      },
      ['data', 'Bound', 'pv-data', '10Gi', 'RWO', 'manual', '<unset>', '60m', 'Filesystem'],
    ],
    [
      'a pending claim',
      { metadata, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'standard' }, status: { phase: 'Pending' } },
      ['data', 'Pending', '', '', '', 'standard', '<unset>', '60m', '<unset>'],
    ],
    [
      'a claim being deleted, class from the beta annotation',
      {
        metadata: { ...metadata, deletionTimestamp: '2026-11-25T05:42:00Z', annotations: { 'volume.beta.kubernetes.io/storage-class': '' } },
        spec: { volumeName: 'pv-data', storageClassName: 'manual', volumeAttributesClassName: 'gold' },
        status: { phase: 'Bound' },
      },
      ['data', 'Terminating', 'pv-data', '0', '', '', 'gold', '60m', '<unset>'],
    ],
  ];
  for (const [name, obj, want] of cases) assert.deepEqual(rowCells(obj, now), want, name);
});
