import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloneObject } from './clone.js';

test('copies JSON values deeply, sharing nothing', () => {
  const v = JSON.parse('{"a":{"b":[1,{"c":"d"},null,true]},"e":"","n":-0.5,"__proto__":{"x":1}}') as Record<string, unknown>;
  const c = cloneObject(v);
  assert.deepEqual(c, v);
  assert.notEqual(c['a'], v['a']);
  assert.notEqual((c['a'] as { b: unknown[] }).b[1], (v['a'] as { b: unknown[] }).b[1]);
  assert.equal(Object.getPrototypeOf(c), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(c, '__proto__')?.value, { x: 1 });
  (c['a'] as { b: unknown[] }).b.push(5);
  assert.equal((v['a'] as { b: unknown[] }).b.length, 4);
});

test('leaves values that are not plain JSON to structuredClone', () => {
  const d = new Date(5);
  const c = cloneObject({ d, m: new Map([[1, 2]]) });
  assert.ok(c.d instanceof Date && c.d !== d && c.d.getTime() === 5);
  assert.deepEqual([...c.m], [[1, 2]]);
  assert.equal(cloneObject(undefined), undefined);
  assert.equal(cloneObject('s'), 's');
});
