import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiObject } from '../../../shared/api/meta.js';
import { buildTable, type IncludeObject, type TableRow } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');

const configMap: ApiObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'settings',
    namespace: 'default',
    uid: '3f8201c1-4668-4c2d-92b3-7404462371e0',
    resourceVersion: '1009',
    creationTimestamp: '2026-11-25T04:42:54Z',
    labels: { app: 'web' },
  },
  data: { a: '1' },
};

const widget: ApiObject = {
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w1', namespace: 'default', creationTimestamp: '2026-11-25T04:42:54.123456Z' },
};

test('rows carry metadata, the whole object, or nothing, as includeObject asks', () => {
  const cases: [IncludeObject, TableRow['object']][] = [
    ['Metadata', { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: configMap.metadata }],
    ['Object', configMap],
    ['None', undefined],
  ];
  for (const [includeObject, want] of cases) {
    const table = buildTable({
      resource: { group: '', resource: 'configmaps', kind: 'ConfigMap' },
      objects: [configMap],
      includeObject,
      listMeta: { resourceVersion: '1021' },
      now,
    });
    const row = table.rows[0];
    assert.ok(row);
    assert.deepEqual(row.object, want, includeObject);
    assert.equal('object' in row, want !== undefined, `${includeObject}: object key present`);
  }
});

test('the table carries the list metadata and omits what is empty', () => {
  const base = {
    resource: { group: '', resource: 'configmaps', kind: 'ConfigMap' },
    objects: [],
    includeObject: 'Metadata' as const,
    now,
  };
  assert.deepEqual(buildTable({ ...base, listMeta: { resourceVersion: '1021', continue: 'abc', remainingItemCount: 3 } }).metadata, {
    resourceVersion: '1021',
    continue: 'abc',
    remainingItemCount: 3,
  });
  assert.deepEqual(buildTable({ ...base, listMeta: { resourceVersion: '', continue: '' } }).metadata, {});
  assert.deepEqual(buildTable({ ...base, listMeta: {} }).rows, []);
});

test('watch events after the first carry no column definitions', () => {
  const opts = {
    resource: { group: '', resource: 'configmaps', kind: 'ConfigMap' },
    objects: [configMap],
    includeObject: 'Metadata' as const,
    listMeta: { resourceVersion: '1022' },
    now,
  };
  assert.equal(buildTable(opts).columnDefinitions.length, 3);
  const later = buildTable({ ...opts, withColumns: false });
  assert.deepEqual(later.columnDefinitions, []);
  assert.deepEqual(later.rows[0]?.cells, ['settings', 1, '60m']);
});

test('a resource without a printer gets Name and Created At', () => {
  const table = buildTable({
    resource: { group: 'example.com', resource: 'widgets', kind: 'Widget' },
    objects: [widget, { metadata: { name: 'unstamped' } }],
    includeObject: 'None',
    listMeta: { resourceVersion: '7' },
    now,
  });
  assert.deepEqual(
    table.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority]),
    [
      ['Name', 'string', 'name', 0],
      ['Created At', 'date', '', 0],
    ],
  );
  assert.deepEqual(
    table.rows.map((r) => r.cells),
    [
      ['w1', '2026-11-25T04:42:54Z'],
      ['unstamped', '0001-01-01T00:00:00Z'],
    ],
  );
});

test('the Table serialises with kind, apiVersion and every column field', () => {
  const table = buildTable({
    resource: { group: 'apps', resource: 'deployments', kind: 'Deployment' },
    objects: [],
    includeObject: 'Metadata',
    listMeta: { resourceVersion: '5' },
    now,
  });
  const wire = JSON.parse(JSON.stringify(table)) as Record<string, unknown>;
  assert.equal(wire['kind'], 'Table');
  assert.equal(wire['apiVersion'], 'meta.k8s.io/v1');
  assert.deepEqual(Object.keys((wire['columnDefinitions'] as object[])[0] ?? {}), ['name', 'type', 'format', 'description', 'priority']);
});

test('a pod list renders as the real server sends it to kubectl get pods', () => {
  const pod: ApiObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'nginx-7c8b9d6f5-q7m4z',
      namespace: 'default',
      labels: { app: 'nginx', 'pod-template-hash': '7c8b9d6f5' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nginx-7c8b9d6f5', uid: '84a288a6-3454-4958-a4a1-a9e9a7d28d01', controller: true, blockOwnerDeletion: true },
      ],
      uid: '90e6d1d1-8f5a-4ea7-b59a-019d72568390',
      creationTimestamp: '2026-11-25T04:42:54Z',
      resourceVersion: '1009',
    },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], nodeName: 'node-1' },
    status: {
      phase: 'Running',
      podIP: '10.244.1.11',
      podIPs: [{ ip: '10.244.1.11' }],
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, image: 'nginx:1.27', imageID: '', state: { running: { startedAt: '2026-11-25T04:46:19Z' } } }],
    },
  };
  const table = buildTable({
    resource: { group: '', resource: 'pods', kind: 'Pod' },
    objects: [pod],
    includeObject: 'Metadata',
    listMeta: { resourceVersion: '1021' },
    now,
  });
  assert.deepEqual(table.metadata, { resourceVersion: '1021' });
  assert.deepEqual(
    table.columnDefinitions.map((c) => [c.name, c.priority]),
    [
      ['Name', 0],
      ['Ready', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', 0],
      ['IP', 1],
      ['Node', 1],
      ['Nominated Node', 1],
      ['Readiness Gates', 1],
    ],
  );
  assert.deepEqual(table.rows, [
    {
      cells: ['nginx-7c8b9d6f5-q7m4z', '1/1', 'Running', '0', '60m', '10.244.1.11', 'node-1', '<none>', '<none>'],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata },
    },
  ]);
});

test('finished pods carry their Completed condition on the row', () => {
  const table = buildTable({
    resource: { group: '', resource: 'pods', kind: 'Pod' },
    objects: [{ metadata: { name: 'job-x', creationTimestamp: '2026-11-25T04:42:54Z' }, spec: { containers: [] }, status: { phase: 'Succeeded' } }],
    includeObject: 'None',
    listMeta: {},
    now,
  });
  assert.deepEqual(table.rows[0]?.conditions, [
    { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
  ]);
});
