import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldSet, fieldsOf, fromFieldsV1, pathString, removeAt, toFieldsV1, valueAt } from './field-set.js';
import { patchSchemaFor } from './patch-meta.js';

const podSchema = patchSchemaFor({ group: '', kind: 'Pod' });
const pod = {
  metadata: { labels: { app: 'web' }, finalizers: ['a', 'b'], annotations: {} },
  spec: {
    nodeSelector: { disk: 'ssd' },
    tolerations: [{ key: 'x' }],
    containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], args: ['-v'], resources: {} }],
  },
};

test('lists the owned paths of an object: leaves, keyed items, set items and atomic values', () => {
  const paths = [...fieldsOf(pod, podSchema)].map(pathString).sort();
  assert.deepEqual(paths, [
    '.metadata.annotations',
    '.metadata.finalizers[="a"]',
    '.metadata.finalizers[="b"]',
    '.metadata.labels.app',
    '.spec.containers[name="web"]',
    '.spec.containers[name="web"].args',
    '.spec.containers[name="web"].image',
    '.spec.containers[name="web"].name',
    '.spec.containers[name="web"].ports[containerPort=80]',
    '.spec.containers[name="web"].ports[containerPort=80].containerPort',
    '.spec.containers[name="web"].resources',
    '.spec.nodeSelector',
    '.spec.tolerations',
  ]);
});

test('writes and reads FieldsV1 as Kubernetes does', () => {
  const set = fieldsOf(pod, podSchema);
  const v1 = toFieldsV1(set);
  assert.deepEqual(v1, {
    'f:metadata': { 'f:annotations': {}, 'f:finalizers': { 'v:"a"': {}, 'v:"b"': {} }, 'f:labels': { 'f:app': {} } },
    'f:spec': {
      'f:containers': {
        'k:{"name":"web"}': {
          '.': {},
          'f:args': {},
          'f:image': {},
          'f:name': {},
          'f:ports': { 'k:{"containerPort":80}': { '.': {}, 'f:containerPort': {} } },
          'f:resources': {},
        },
      },
      'f:nodeSelector': {},
      'f:tolerations': {},
    },
  });
  assert.deepEqual(Object.keys((v1['f:spec'] as Record<string, Record<string, Record<string, unknown>>>)['f:containers']!['k:{"name":"web"}']!)[0], '.');
  assert.ok(fromFieldsV1(v1).equals(set));
  assert.equal(fromFieldsV1('junk').size, 0);
});

test('finds and removes values by path', () => {
  const containers = ['f:spec', 'f:containers'];
  assert.deepEqual(valueAt(pod, [...containers, 'k:{"name":"web"}', 'f:image']), { value: 'nginx' });
  assert.equal(valueAt(pod, [...containers, 'k:{"name":"db"}']), undefined);
  assert.deepEqual(valueAt(pod, ['f:metadata', 'f:finalizers', 'v:"b"']), { value: 'b' });
  assert.deepEqual(valueAt(pod, ['f:spec', 'f:tolerations', 'i:0', 'f:key']), { value: 'x' });
  const copy = structuredClone(pod);
  removeAt(copy, ['f:metadata', 'f:finalizers', 'v:"a"']);
  removeAt(copy, [...containers, 'k:{"name":"web"}', 'f:ports', 'k:{"containerPort":80}']);
  removeAt(copy, ['f:metadata', 'f:labels', 'f:app']);
  removeAt(copy, ['f:nothing', 'f:here']);
  assert.deepEqual(copy.metadata, { labels: {}, finalizers: ['b'], annotations: {} });
  assert.deepEqual(copy.spec.containers[0]?.ports, []);
});

test('combines sets and answers for subtrees', () => {
  const a = new FieldSet([['f:a'], ['f:b', 'f:c']]);
  const b = new FieldSet([['f:b', 'f:c'], ['f:d']]);
  assert.equal(a.union(b).size, 3);
  assert.deepEqual([...a.difference(b)], [['f:a']]);
  assert.equal(a.hasWithin(['f:b']), true);
  assert.equal(a.hasWithin(['f:d']), false);
  assert.deepEqual([...a.union(b).without([['f:b']])], [['f:a'], ['f:d']]);
});
