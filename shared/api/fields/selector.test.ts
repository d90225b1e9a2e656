import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SelectorError, escapeFieldValue, parseFieldSelector } from './selector.js';

test('parses field selectors and prints them back with escapes', () => {
  const cases: [string, string][] = [
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'], ['', ''], ['x!=a,y=b', 'x!=a,y=b'],
    ['x=a||y\\=b', 'x=a||y\\=b'], ['x=a\\=\\=b', 'x=a\\=\\=b'], ['x==a', 'x=a'],
    ['x=a,a=x', 'a=x,x=a'], ['involvedObject.namespace=', 'involvedObject.namespace='],
    ['k=\\,,k2=v2', 'k2=v2,k=\\,'], ['k=\\\\,k2=v2', 'k2=v2,k=\\\\'], ['a=a,', 'a=a'], [',a=a', 'a=a'],
    ['=', ''], ['=,x=1', 'x=1'], ['=v', '=v'], ['함=수,목=록', '목=록,함=수'],
  ];
  for (const [input, want] of cases) {
    assert.equal(parseFieldSelector(input).toString(), want, JSON.stringify(input));
  }
});

test('exposes requirements with unescaped values', () => {
  const sel = parseFieldSelector('spec.nodeName=,metadata.name==a\\,b,status.phase!=Running');
  assert.deepEqual(sel.requirements, [
    { field: 'metadata.name', operator: '=', value: 'a,b' },
    { field: 'spec.nodeName', operator: '=', value: '' },
    { field: 'status.phase', operator: '!=', value: 'Running' },
  ]);
  assert.deepEqual(sel.fieldNames(), ['metadata.name', 'spec.nodeName', 'status.phase']);
});

test('keeps spaces around terms, as Kubernetes does', () => {
  assert.deepEqual(parseFieldSelector('a = b').requirements, [{ field: 'a ', operator: '=', value: ' b' }]);
});

test('rejects malformed field selectors with Kubernetes messages', () => {
  const cases: [string, string][] = [
    ['x=a||y=b', 'invalid field selector: unescaped character in value: 61'],
    ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x', "invalid selector: 'x'; can't understand 'x'"],
    ['k=\\', 'invalid field selector: invalid escape sequence: \\'],
    ['k=\\a', 'invalid field selector: invalid escape sequence: \\a'],
    ['k=\\\\\\', 'invalid field selector: invalid escape sequence: \\'],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => parseFieldSelector(input), (err: unknown) =>
      err instanceof SelectorError && err.message === message, JSON.stringify(input));
  }
});

test('matches fields, a missing field counting as empty', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['', { a: 'b' }, true],
    ['metadata.name=web', { 'metadata.name': 'web' }, true],
    ['metadata.name=web', { 'metadata.name': 'db' }, false],
    ['metadata.name!=web', { 'metadata.name': 'db' }, true],
    ['metadata.name!=web', {}, true],
    ['involvedObject.namespace=', {}, true],
    ['involvedObject.namespace=', { 'involvedObject.namespace': '' }, true],
    ['involvedObject.namespace=', { 'involvedObject.namespace': 'default' }, false],
    ['spec.nodeName!=', { 'spec.nodeName': 'n1' }, true],
    ['spec.nodeName!=', {}, false],
    ['a=x\\,y', { a: 'x,y' }, true],
    ['a=1,b=2', { a: '1', b: '2' }, true],
    ['a=1,b=2', { a: '1', b: '3' }, false],
    ['constructor=', {}, true],
  ];
  for (const [input, fields, want] of cases) {
    assert.equal(parseFieldSelector(input).matches(fields), want, `${input} on ${JSON.stringify(fields)}`);
  }
});

test('answers the exact value a selector requires of a field', () => {
  const cases: [string, string, string | undefined][] = [
    ['metadata.name=web', 'metadata.name', 'web'],
    ['metadata.name==web', 'metadata.name', 'web'],
    ['metadata.name!=web', 'metadata.name', undefined],
    ['metadata.name!=x,metadata.name=y', 'metadata.name', 'y'],
    ['spec.nodeName=', 'spec.nodeName', ''],
    ['a=1', 'b', undefined],
    ['', 'a', undefined],
  ];
  for (const [input, field, want] of cases) {
    assert.equal(parseFieldSelector(input).exactMatch(field), want, `${input} ${field}`);
  }
});

test('reports emptiness', () => {
  assert.equal(parseFieldSelector('').isEmpty(), true);
  assert.equal(parseFieldSelector(',').isEmpty(), true);
  assert.equal(parseFieldSelector('a=').isEmpty(), false);
});

test('escapes backslashes, commas and equals signs in values', () => {
  const cases: [string, string][] = [['', ''], ['a', 'a'], ['=', '\\='], [',', '\\,'], ['\\', '\\\\'], ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\']];
  for (const [raw, escaped] of cases) {
    assert.equal(escapeFieldValue(raw), escaped);
    assert.equal(parseFieldSelector(`f=${escaped}`).exactMatch('f'), raw);
  }
});
