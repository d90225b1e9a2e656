import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import type { ReplicationController } from '../../../shared/api/core/v1/replicationcontroller.js';
import { columns, replicationControllerColumns, replicationControllerRowCells, rowCells } from './replicasets.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');

test('replica set columns are the real server\'s', () => {
  assert.deepEqual(
    columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Desired', 'integer', 0],
      ['Current', 'integer', 0],
      ['Ready', 'integer', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
  );
});

test('replica set rows show desired, current and ready counts', () => {
  const base = { apiVersion: 'apps/v1', kind: 'ReplicaSet' };
  const cases: [string, ReplicaSet, TableCell[]][] = [
    [
      'a replica set owned by a deployment',
      {
        ...base,
        metadata: { name: 'nginx-7c8b9d6f5', namespace: 'default', creationTimestamp: '2026-11-25T04:42:54Z' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '7c8b9d6f5' } },
          template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
        },
        status: { replicas: 2, readyReplicas: 1 },
      },
      ['nginx-7c8b9d6f5', 2, 2, 1, '60m', 'nginx', 'nginx:1.27', 'app=nginx,pod-template-hash=7c8b9d6f5'],
    ],
    [
      'a replica set without status or selector',
      {
        ...base,
        metadata: { name: 'bare', creationTimestamp: '2026-11-25T05:42:49Z' },
        spec: { replicas: 0 },
      },
      ['bare', 0, 0, 0, '5s', '', '', '<none>'],
    ],
  ];
  for (const [name, obj, want] of cases) {
    assert.deepEqual(rowCells(obj, now), want, name);
  }
});

test('replication controllers print the same columns with a map selector', () => {
  assert.deepEqual(replicationControllerColumns.map((c) => c.name), columns.map((c) => c.name));
  const cases: [string, ReplicationController, TableCell[]][] = [
    [
      'a running controller',
      {
        metadata: { name: 'frontend', namespace: 'default', creationTimestamp: '2026-11-25T04:42:54Z' },
        spec: {
          replicas: 3,
          selector: { app: 'frontend', tier: 'web' },
          template: { spec: { containers: [{ name: 'php', image: 'php:8' }, { name: 'redis', image: 'redis:7' }] } },
        },
        status: { replicas: 3, readyReplicas: 2 },
      },
      ['frontend', 3, 3, 2, '60m', 'php,redis', 'php:8,redis:7', 'app=frontend,tier=web'],
    ],
    [
      'a controller without a template',
      { metadata: { name: 'empty', creationTimestamp: '2026-11-25T04:42:54Z' }, spec: { replicas: 0 } },
      ['empty', 0, 0, 0, '60m', '', '', '<none>'],
    ],
  ];
  for (const [name, obj, want] of cases) {
    assert.deepEqual(replicationControllerRowCells(obj, now), want, name);
  }
});
