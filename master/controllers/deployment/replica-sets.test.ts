import { test } from 'node:test';
import assert from 'node:assert/strict';
import { equalIgnoreHash, findActiveOrLatest, findNewReplicaSet, findOldReplicaSets } from './replica-sets.js';
import { deployment, replicaSet, template } from './testing.js';

test('compares templates ignoring the hash label, nulls and empty fields', () => {
  const t = template('toolbox:1');
  const fromKubectl = { metadata: { creationTimestamp: null, labels: { app: 'web', 'pod-template-hash': 'abc' } }, spec: { containers: [{ name: 'main', image: 'toolbox:1', resources: {} }] } };
  assert.ok(equalIgnoreHash(t, fromKubectl));
  assert.ok(!equalIgnoreHash(t, template('toolbox:2')));
  assert.ok(!equalIgnoreHash(t, template('toolbox:1', { app: 'web', tier: 'x' })));
});

test('the new ReplicaSet is the oldest with the Deployment\'s template; the rest are old', () => {
  const d = deployment({ template: template('toolbox:1') });
  const a = replicaSet(d, { image: 'toolbox:1', replicas: 1, created: '2026-11-25T05:00:00Z' });
  const twin = { ...replicaSet(d, { image: 'toolbox:1', replicas: 1, created: '2026-11-25T05:30:00Z' }), metadata: { ...a.metadata, uid: 'twin', name: 'web-twin', creationTimestamp: '2026-11-25T05:30:00Z' } };
  const old = replicaSet(d, { image: 'toolbox:0', replicas: 1, created: '2026-11-25T04:00:00Z' });
  assert.equal(findNewReplicaSet(d, [twin, old, a])?.metadata.uid, a.metadata.uid);
  assert.deepEqual(findOldReplicaSets(d, [twin, a, old]).map((rs) => rs.metadata.uid), [old.metadata.uid, 'twin']);
  assert.equal(findNewReplicaSet(deployment({ template: template('toolbox:9') }), [a, old]), undefined);
});

test('finds the one active ReplicaSet, or the latest when none is active', () => {
  const d = deployment();
  const on = replicaSet(d, { image: 'a', replicas: 2 });
  const off = (image: string, created: string) => replicaSet(d, { image, replicas: 0, created });
  assert.equal(findActiveOrLatest(undefined, [on, off('b', '2026-11-25T05:00:00Z')])?.metadata.uid, on.metadata.uid);
  assert.equal(findActiveOrLatest(undefined, [off('b', '2026-11-25T04:00:00Z'), off('c', '2026-11-25T05:00:00Z')])?.metadata.uid, 'rs-c');
  assert.equal(findActiveOrLatest(off('n', '2026-11-25T01:00:00Z'), [off('b', '2026-11-25T05:00:00Z')])?.metadata.uid, 'rs-n');
  assert.equal(findActiveOrLatest(replicaSet(d, { image: 'n', replicas: 1 }), [on]), undefined);
  assert.equal(findActiveOrLatest(undefined, []), undefined);
});
