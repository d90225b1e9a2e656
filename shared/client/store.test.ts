import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiObject } from '../api/meta.js';
import { keyOf, splitKey } from './object-key.js';
import { Store, deletedObject, isTombstone, type Indexers } from './store.js';

interface Pod extends ApiObject { spec?: { nodeName?: string } }

const pod = (ns: string, name: string, opts: { node?: string; owner?: string; rv?: string } = {}): Pod => ({
  metadata: {
    name, namespace: ns, resourceVersion: opts.rv ?? '1',
    ...(opts.owner !== undefined ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: opts.owner }] } : {}),
  },
  ...(opts.node !== undefined ? { spec: { nodeName: opts.node } } : {}),
});

const indexers: Indexers<Pod> = {
  byNodeName: (p) => (p.spec?.nodeName !== undefined ? [p.spec.nodeName] : []),
  byOwnerUid: (p) => p.metadata.ownerReferences?.map((r) => r.uid) ?? [],
};

const names = (objs: readonly Pod[]): string[] => objs.map(keyOf).sort();

test('keys are namespace/name, or name for cluster-scoped objects, and split back', () => {
  const cases: [Pick<ApiObject, 'metadata'>, string][] = [
    [{ metadata: { name: 'web', namespace: 'default' } }, 'default/web'],
    [{ metadata: { name: 'node-1' } }, 'node-1'],
    [{ metadata: { name: 'node-1', namespace: '' } }, 'node-1'],
  ];
  for (const [obj, key] of cases) assert.equal(keyOf(obj), key);
  assert.deepEqual(splitKey('default/web'), { namespace: 'default', name: 'web' });
  assert.deepEqual(splitKey('node-1'), { namespace: '', name: 'node-1' });
});

test('indexes find objects by namespace and by the caller\'s index functions, and follow updates', () => {
  const s = new Store<Pod>({ indexers });
  s.replace([pod('a', 'p1', { node: 'n1', owner: 'u1' }), pod('a', 'p2', { node: 'n2', owner: 'u1' }), pod('b', 'p3', { node: 'n1' })]);
  assert.deepEqual(names(s.byIndex('namespace', 'a')), ['a/p1', 'a/p2']);
  assert.deepEqual(names(s.byIndex('byNodeName', 'n1')), ['a/p1', 'b/p3']);
  assert.deepEqual(names(s.byIndex('byOwnerUid', 'u1')), ['a/p1', 'a/p2']);
  s.apply('MODIFIED', pod('a', 'p1', { node: 'n2', owner: 'u1', rv: '2' }));
  assert.deepEqual(names(s.byIndex('byNodeName', 'n1')), ['b/p3']);
  assert.deepEqual(names(s.byIndex('byNodeName', 'n2')), ['a/p1', 'a/p2']);
  s.apply('DELETED', pod('a', 'p2', { node: 'n2', owner: 'u1', rv: '3' }));
  assert.deepEqual(names(s.byIndex('byOwnerUid', 'u1')), ['a/p1']);
  assert.deepEqual(s.byIndex('byNodeName', 'n9'), []);
  assert.throws(() => s.byIndex('byColour', 'red'), /no index named "byColour"/);
});

test('watch events become adds, updates with the old object, and deletes; the delete of an unknown object changes nothing', () => {
  const s = new Store<Pod>();
  assert.equal(s.hasSynced(), false);
  const v1 = pod('a', 'p', { rv: '1' });
  const v2 = pod('a', 'p', { rv: '2' });
  assert.deepEqual(s.apply('ADDED', v1), { type: 'added', object: v1 });
  assert.deepEqual(s.apply('ADDED', v2), { type: 'updated', old: v1, object: v2 }, 'an ADDED for a known object is an update');
  assert.equal(s.get('a/p'), v2);
  assert.deepEqual(s.apply('DELETED', v2), { type: 'deleted', object: v2 });
  assert.equal(s.apply('DELETED', v2), undefined);
  assert.deepEqual(s.apply('MODIFIED', v1), { type: 'added', object: v1 }, 'a MODIFIED for an unknown object is an add');
});

test('a relist is swapped in whole: new objects are adds, kept ones updates, vanished ones tombstones', () => {
  const s = new Store<Pod>({ indexers });
  const kept = pod('a', 'kept', { node: 'n1' });
  const gone = pod('a', 'gone', { node: 'n1' });
  s.replace([kept, gone]);
  assert.equal(s.hasSynced(), true);
  const kept2 = pod('a', 'kept', { node: 'n1', rv: '9' });
  const fresh = pod('a', 'fresh');
  const changes = s.replace([kept2, fresh]);
  assert.deepEqual(changes, [
    { type: 'updated', old: kept, object: kept2 },
    { type: 'added', object: fresh },
    { type: 'deleted', object: { kind: 'tombstone', key: 'a/gone', last: gone } },
  ]);
  assert.deepEqual(names(s.list()), ['a/fresh', 'a/kept']);
  assert.deepEqual(names(s.byIndex('byNodeName', 'n1')), ['a/kept']);
  const deleted = changes[2]!;
  assert.ok(deleted.type === 'deleted' && isTombstone(deleted.object));
  assert.equal(deleted.type === 'deleted' ? deletedObject(deleted.object) : undefined, gone);
  assert.equal(isTombstone(kept), false);
});
