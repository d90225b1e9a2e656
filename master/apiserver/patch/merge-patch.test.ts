import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMergePatch } from './merge-patch.js';

test('applies every example of RFC 7386 appendix A', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [target, patch, want] of cases) {
    assert.deepEqual(applyMergePatch(target, patch), want, `${JSON.stringify(target)} + ${JSON.stringify(patch)}`);
  }
});

test('applies the bodies kubectl label, annotate and scale send', () => {
  const pod = { metadata: { name: 'toolbox', labels: { app: 'tools', tier: 'frontend' } }, spec: { replicas: 1 } };
  assert.deepEqual(applyMergePatch(pod, { metadata: { labels: { tier: 'backend' } } }), {
    metadata: { name: 'toolbox', labels: { app: 'tools', tier: 'backend' } },
    spec: { replicas: 1 },
  });
  assert.deepEqual(applyMergePatch(pod, { metadata: { labels: { tier: null } } }), {
    metadata: { name: 'toolbox', labels: { app: 'tools' } },
    spec: { replicas: 1 },
  });
  assert.deepEqual(applyMergePatch(pod, { spec: { replicas: 3 } }), { ...pod, spec: { replicas: 3 } });
});

test('leaves both inputs unchanged and shares nothing with the result', () => {
  const target = { a: { b: [1, 2] }, c: 1 };
  const patch = { a: { d: { e: 1 } }, c: null };
  const result = applyMergePatch(target, patch) as { a: { b: number[]; d: { e: number } } };
  assert.deepEqual(target, { a: { b: [1, 2] }, c: 1 });
  assert.deepEqual(patch, { a: { d: { e: 1 } }, c: null });
  result.a.b.push(3);
  result.a.d.e = 2;
  assert.deepEqual(target.a.b, [1, 2]);
  assert.deepEqual(patch.a.d, { e: 1 });
});

test('treats a "__proto__" key as an ordinary field', () => {
  const patch: unknown = JSON.parse('{"metadata":{"__proto__":{"polluted":true}}}');
  const result = applyMergePatch({ metadata: {} }, patch) as { metadata: Record<string, unknown> };
  assert.equal(Object.getPrototypeOf(result.metadata), Object.prototype);
  assert.deepEqual(Object.keys(result.metadata), ['__proto__']);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});
