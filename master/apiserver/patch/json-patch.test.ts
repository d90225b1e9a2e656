import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyJsonPatch, PatchError } from './json-patch.js';

test('applies the examples of RFC 6902 appendix A that succeed', () => {
  const cases: { name: string; doc: unknown; ops: unknown; want: unknown }[] = [
    { name: 'A.1 adding an object member', doc: { foo: 'bar' }, ops: [{ op: 'add', path: '/baz', value: 'qux' }], want: { baz: 'qux', foo: 'bar' } },
    { name: 'A.2 adding an array element', doc: { foo: ['bar', 'baz'] }, ops: [{ op: 'add', path: '/foo/1', value: 'qux' }], want: { foo: ['bar', 'qux', 'baz'] } },
    { name: 'A.3 removing an object member', doc: { baz: 'qux', foo: 'bar' }, ops: [{ op: 'remove', path: '/baz' }], want: { foo: 'bar' } },
    { name: 'A.4 removing an array element', doc: { foo: ['bar', 'qux', 'baz'] }, ops: [{ op: 'remove', path: '/foo/1' }], want: { foo: ['bar', 'baz'] } },
    { name: 'A.5 replacing a value', doc: { baz: 'qux', foo: 'bar' }, ops: [{ op: 'replace', path: '/baz', value: 'boo' }], want: { baz: 'boo', foo: 'bar' } },
    {
      name: 'A.6 moving a value',
      doc: { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      ops: [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      want: { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    },
    { name: 'A.7 moving an array element', doc: { foo: ['all', 'grass', 'cows', 'eat'] }, ops: [{ op: 'move', from: '/foo/1', path: '/foo/3' }], want: { foo: ['all', 'cows', 'eat', 'grass'] } },
    {
      name: 'A.8 testing a value: success',
      doc: { baz: 'qux', foo: ['a', 2, 'c'] },
      ops: [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }],
      want: { baz: 'qux', foo: ['a', 2, 'c'] },
    },
    { name: 'A.10 adding a nested member object', doc: { foo: 'bar' }, ops: [{ op: 'add', path: '/child', value: { grandchild: {} } }], want: { foo: 'bar', child: { grandchild: {} } } },
    { name: 'A.11 ignoring unrecognized elements', doc: { foo: 'bar' }, ops: [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], want: { foo: 'bar', baz: 'qux' } },
    { name: 'A.14 ~ escape ordering', doc: { '/': 9, '~1': 10 }, ops: [{ op: 'test', path: '/~01', value: 10 }], want: { '/': 9, '~1': 10 } },
    { name: 'A.16 adding an array value', doc: { foo: ['bar'] }, ops: [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], want: { foo: ['bar', ['abc', 'def']] } },
    { name: 'adding to the whole document', doc: { a: 1 }, ops: [{ op: 'add', path: '', value: [1] }], want: [1] },
    { name: 'escaped slash', doc: { metadata: { labels: { 'app.kubernetes.io/name': 'a' } } }, ops: [{ op: 'replace', path: '/metadata/labels/app.kubernetes.io~1name', value: 'b' }], want: { metadata: { labels: { 'app.kubernetes.io/name': 'b' } } } },
    { name: 'copy', doc: { a: { b: [1] } }, ops: [{ op: 'copy', from: '/a', path: '/c' }], want: { a: { b: [1] }, c: { b: [1] } } },
    { name: 'test compares objects regardless of key order', doc: { a: { x: 1, y: 2 } }, ops: [{ op: 'test', path: '/a', value: { y: 2, x: 1 } }], want: { a: { x: 1, y: 2 } } },
    { name: 'adding null', doc: {}, ops: [{ op: 'add', path: '/a', value: null }], want: { a: null } },
  ];
  for (const c of cases) assert.deepEqual(applyJsonPatch(c.doc, c.ops), c.want, c.name);
});

test('rejects the failing examples of RFC 6902 and malformed operations, naming the operation', () => {
  const cases: { name: string; doc: unknown; ops: unknown; message: string }[] = [
    { name: 'A.9 testing a value: error', doc: { baz: 'qux' }, ops: [{ op: 'test', path: '/baz', value: 'bar' }], message: 'the JSON patch operation 0 ("test" /baz): test failed: the value is "qux", not "bar"' },
    { name: 'A.12 adding to a nonexistent target', doc: { foo: 'bar' }, ops: [{ op: 'add', path: '/baz/bat', value: 'qux' }], message: 'the JSON patch operation 0 ("add" /baz/bat): path not found: /baz does not exist' },
    { name: 'A.15 comparing strings and numbers', doc: { '/': 9, '~1': 10 }, ops: [{ op: 'test', path: '/~01', value: '10' }], message: 'the JSON patch operation 0 ("test" /~01): test failed: the value is 10, not "10"' },
    { name: 'replace of a missing field', doc: { spec: {} }, ops: [{ op: 'test', path: '/spec', value: {} }, { op: 'replace', path: '/spec/foo', value: 1 }], message: 'the JSON patch operation 1 ("replace" /spec/foo): path not found: /spec/foo does not exist' },
    { name: 'remove of a missing field', doc: { a: 1 }, ops: [{ op: 'remove', path: '/b' }], message: 'the JSON patch operation 0 ("remove" /b): path not found: /b does not exist' },
    { name: 'array index past the end', doc: { a: [1] }, ops: [{ op: 'add', path: '/a/2', value: 3 }], message: 'the JSON patch operation 0 ("add" /a/2): index 2 is out of range: the array has 1 items' },
    { name: 'array index with a leading zero', doc: { a: [1, 2] }, ops: [{ op: 'replace', path: '/a/01', value: 3 }], message: 'the JSON patch operation 0 ("replace" /a/01): path not found: /a/01 does not exist' },
    { name: 'move into a child', doc: { a: { b: {} } }, ops: [{ op: 'move', from: '/a', path: '/a/b/c' }], message: 'the JSON patch operation 0 ("move" /a/b/c): cannot move a value into one of its own children' },
    { name: 'unknown op', doc: {}, ops: [{ op: 'merge', path: '/a' }], message: 'the JSON patch operation 0 ("merge" /a): unknown operation; supported are add, remove, replace, move, copy and test' },
    { name: 'missing value', doc: {}, ops: [{ op: 'add', path: '/a' }], message: 'the JSON patch operation 0 ("add" /a): "value" is required' },
    { name: 'missing from', doc: { a: 1 }, ops: [{ op: 'copy', path: '/b' }], message: 'the JSON patch operation 0 ("copy" /b): "from" must be a string' },
    { name: 'missing op', doc: {}, ops: [{ path: '/a' }], message: 'the JSON patch operation 0: "op" must be a string' },
    { name: 'missing path', doc: {}, ops: [{ op: 'add', value: 1 }], message: 'the JSON patch operation 0 ("add"): "path" must be a string' },
    { name: 'pointer without a leading slash', doc: {}, ops: [{ op: 'add', path: 'a', value: 1 }], message: 'the JSON patch operation 0 ("add" a): the JSON pointer "a" must start with "/"' },
    { name: 'bad escape', doc: {}, ops: [{ op: 'add', path: '/a~2', value: 1 }], message: 'the JSON patch operation 0 ("add" /a~2): the JSON pointer "/a~2" has an invalid escape (only ~0 and ~1 are allowed)' },
    { name: 'not an array', doc: {}, ops: { op: 'add', path: '/a', value: 1 }, message: 'a JSON patch must be a JSON array of operations' },
    { name: 'operation not an object', doc: {}, ops: ['add'], message: 'the JSON patch operation 0: must be a JSON object, not "add"' },
  ];
  for (const c of cases) {
    assert.throws(() => applyJsonPatch(c.doc, c.ops), (err: unknown) => {
      assert.ok(err instanceof PatchError, c.name);
      assert.equal(err.message, c.message, c.name);
      return true;
    });
  }
});

test('applies the body kubectl rollout undo sends', () => {
  const deployment = {
    metadata: { name: 'nginx', annotations: { 'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'x' } },
    spec: { replicas: 2, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } },
  };
  const template = {
    metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }], restartPolicy: 'Always' },
  };
  const ops = [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '2' } },
  ];
  assert.deepEqual(applyJsonPatch(deployment, ops), {
    metadata: { name: 'nginx', annotations: { 'deployment.kubernetes.io/revision': '2' } },
    spec: { replicas: 2, template },
  });
});

test('applies nothing when a later operation fails and never changes its inputs', () => {
  const doc = { a: [1, 2], b: { c: 1 } };
  const ops = [{ op: 'add', path: '/a/-', value: 3 }, { op: 'remove', path: '/b/c' }, { op: 'test', path: '/a/0', value: 9 }];
  assert.throws(() => applyJsonPatch(doc, ops), PatchError);
  assert.deepEqual(doc, { a: [1, 2], b: { c: 1 } });
  const result = applyJsonPatch(doc, ops.slice(0, 2)) as { a: number[] };
  assert.deepEqual(result, { a: [1, 2, 3], b: {} });
  assert.deepEqual(doc, { a: [1, 2], b: { c: 1 } });
  const value = { x: [1] };
  const added = applyJsonPatch({}, [{ op: 'add', path: '/v', value }]) as { v: { x: number[] } };
  added.v.x.push(2);
  assert.deepEqual(value, { x: [1] });
});
