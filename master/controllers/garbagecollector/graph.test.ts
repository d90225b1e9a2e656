import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DependencyGraph, refersTo } from './graph.js';
import { obj, ownerRef, res } from './testing.js';

const rs = obj('replicasets', { name: 'web', uid: 'rs-1' });
const pod = (name: string, extra: Parameters<typeof ownerRef>[1] = {}, ns = 'default') =>
  obj('pods', { name, namespace: ns, uid: `pod-${name}`, ownerReferences: [ownerRef(rs, extra)] });
const deleting = (o: ReturnType<typeof obj>, finalizer: string) =>
  ({ ...o, metadata: { ...o.metadata, deletionTimestamp: '2026-11-25T06:00:00Z', finalizers: [finalizer] } });

test('an owner reference names an owner only with its uid, group, kind and name, from a namespace that sees it', () => {
  const owner = { uid: 'rs-1', resource: res('replicasets'), object: rs };
  const node = { uid: 'n-1', resource: res('nodes'), object: obj('nodes', { name: 'n1', uid: 'n-1' }) };
  const cases: [string, ReturnType<typeof obj>, Parameters<typeof ownerRef>[1], typeof owner, boolean][] = [
    ['same namespace', pod('a'), {}, owner, true],
    ['other namespace', pod('a', {}, 'other'), {}, owner, false],
    ['wrong kind', pod('a', { kind: 'Deployment' }), {}, owner, false],
    ['wrong group', pod('a', { apiVersion: 'v1' }), {}, owner, false],
    ['wrong name', pod('a', { name: 'api' }), {}, owner, false],
    ['cluster-scoped owner from any namespace', obj('pods', { name: 'p', namespace: 'x', ownerReferences: [ownerRef(node.object)] }), {}, node, true],
  ];
  for (const [what, dep, , o, want] of cases) {
    assert.equal(refersTo(dep, dep.metadata.ownerReferences![0]!, o), want, what);
  }
});

test('a new object with owners is queued; an unchanged one is not', () => {
  const g = new DependencyGraph();
  assert.deepEqual(g.observe(res('replicasets'), rs), []);
  assert.deepEqual(g.observe(res('pods'), pod('a')), ['pod-a']);
  assert.deepEqual(g.observe(res('pods'), { ...pod('a'), status: { phase: 'Running' } }), []);
  assert.deepEqual(g.observe(res('pods'), pod('a', { blockOwnerDeletion: true })), ['pod-a']);
});

test('removing an owner queues its dependents, including ones in other namespaces that name its uid', () => {
  const g = new DependencyGraph();
  g.observe(res('replicasets'), rs);
  g.observe(res('pods'), pod('a'));
  g.observe(res('pods'), pod('b', {}, 'other'));
  assert.deepEqual(g.dependentsOf(g.node('rs-1')!).map((n) => n.uid), ['pod-a']);
  assert.deepEqual(g.remove(rs).sort(), ['pod-a', 'pod-b']);
  assert.equal(g.node('rs-1'), undefined);
  assert.deepEqual(g.remove(rs), []);
});

test('an owner entering foreground deletion is queued with its dependents; blocking ones hold it', () => {
  const g = new DependencyGraph();
  g.observe(res('replicasets'), rs);
  g.observe(res('pods'), pod('a', { blockOwnerDeletion: true }));
  g.observe(res('pods'), pod('b'));
  assert.deepEqual(g.observe(res('replicasets'), deleting(rs, 'foregroundDeletion')).sort(), ['pod-a', 'pod-b', 'rs-1']);
  assert.deepEqual(g.blockingDependentsOf(g.node('rs-1')!).map((n) => n.uid), ['pod-a']);
  // Seen again unchanged: nothing new.
  assert.deepEqual(g.observe(res('replicasets'), deleting(rs, 'foregroundDeletion')), []);
});

test('a blocking dependent that goes, or stops blocking, queues its owner waiting in the foreground', () => {
  const g = new DependencyGraph();
  g.observe(res('replicasets'), deleting(rs, 'foregroundDeletion'));
  g.observe(res('pods'), pod('a', { blockOwnerDeletion: true }));
  g.observe(res('pods'), pod('b', { blockOwnerDeletion: true }));
  assert.deepEqual(g.remove(pod('a')), ['rs-1']);
  assert.deepEqual(g.observe(res('pods'), pod('b', { blockOwnerDeletion: false })).sort(), ['pod-b', 'rs-1']);
  assert.deepEqual(g.blockingDependentsOf(g.node('rs-1')!), []);
});

test('an owner entering orphan deletion is queued', () => {
  const g = new DependencyGraph();
  g.observe(res('replicasets'), rs);
  assert.deepEqual(g.observe(res('replicasets'), deleting(rs, 'orphan')), ['rs-1']);
});

test('a dependent that drops a reference is no longer a dependent of that owner', () => {
  const g = new DependencyGraph();
  g.observe(res('replicasets'), rs);
  g.observe(res('pods'), pod('a'));
  const released = obj('pods', { name: 'a', uid: 'pod-a' });
  assert.deepEqual(g.observe(res('pods'), released), []);
  assert.deepEqual(g.dependentsOf(g.node('rs-1')!), []);
  assert.deepEqual(g.remove(rs), []);
});
