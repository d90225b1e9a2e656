import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolume } from '../../../shared/api/core/v1/persistentvolume.js';
import { columns, rowCells } from './persistentvolumes.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');
const metadata = { name: 'pv-data', creationTimestamp: '2026-11-25T04:42:54Z' };

test('persistent volume columns are the real server\'s', () => {
  assert.deepEqual(
    columns.map((c) => [c.name, c.priority]),
    [
      ['Name', 0],
      ['Capacity', 0],
      ['Access Modes', 0],
      ['Reclaim Policy', 0],
      ['Status', 0],
      ['Claim', 0],
      ['StorageClass', 0],
      ['VolumeAttributesClass', 0],
      ['Reason', 0],
      ['Age', 0],
      ['VolumeMode', 1],
    ],
  );
});

test('persistent volume rows show capacity, modes, binding and class', () => {
  const cases: [string, PersistentVolume, TableCell[]][] = [
    [
      'a bound host-path volume',
      {
        metadata,
        spec: {
          capacity: { storage: '10Gi' },
          accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'],
          persistentVolumeReclaimPolicy: 'Retain',
          claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' },
          storageClassName: 'manual',
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Bound' },
      },
      ['pv-data', '10Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/data', 'manual', '<unset>', '', '60m', 'Filesystem'],
    ],
    [
      'a failed volume being deleted, class from the beta annotation',
      {
        metadata: {
          ...metadata,
          deletionTimestamp: '2026-11-25T05:42:00Z',
          annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' },
        },
        spec: { capacity: { storage: '1536Mi' }, accessModes: ['ReadOnlyMany', 'ReadWriteOncePod'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'fast', volumeAttributesClassName: 'gold' },
        status: { phase: 'Failed', reason: 'RecyclerFailed' },
      },
      ['pv-data', '1536Mi', 'ROX,RWOP', 'Delete', 'Terminating', '', 'slow', 'gold', 'RecyclerFailed', '60m', '<unset>'],
    ],
    [
      'a volume with nothing filled in',
      { metadata, spec: {} },
      ['pv-data', '0', '', '', '', '', '', '<unset>', '', '60m', '<unset>'],
    ],
  ];
  for (const [name, obj, want] of cases) assert.deepEqual(rowCells(obj, now), want, name);
});
