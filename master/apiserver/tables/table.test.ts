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

const lease: ApiObject = {
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
    objects: [lease, { metadata: { name: 'unstamped' } }],
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
