import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AbsentOwnerCache } from './absent-owners.js';

const ref = (uid: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid });

test('remembers absent owners by coordinates, namespace and uid, dropping the least recently used', () => {
  const c = new AbsentOwnerCache(2);
  c.add(ref('1'), 'default');
  assert.ok(c.has(ref('1'), 'default'));
  assert.ok(!c.has(ref('1'), 'other'));
  assert.ok(!c.has({ ...ref('1'), apiVersion: 'v1' }, 'default'));
  c.add(ref('2'), 'default');
  assert.ok(c.has(ref('1'), 'default'));       // 1 is now the most recent
  c.add(ref('3'), 'default');
  assert.equal(c.size, 2);
  assert.ok(c.has(ref('1'), 'default'));
  assert.ok(!c.has(ref('2'), 'default'));
});
