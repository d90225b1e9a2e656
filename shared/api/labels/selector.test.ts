import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SelectorError, labelSelectorToString, parseLabelSelector, selectorFromLabelSelector, selectorFromSet,
} from './selector.js';
import type { LabelSelector } from '../meta.js';

const labelValueRule = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', " +
  "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', " +
  "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const nameRule = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
  "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
  "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

const throwsSelectorError = (fn: () => unknown, message: string, label: string): void => {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof SelectorError, label);
    assert.equal(err.message, message, label);
    return true;
  });
};

test('parses selectors and prints them back the way Kubernetes does', () => {
  const cases: [string, string][] = [
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'], ['', ''], ['x!=a,y=b', 'x!=a,y=b'],
    ['x=', 'x='], ['x= ', 'x='], ['x=,z= ', 'x=,z='], ['x= ,z= ', 'x=,z='],
    ['!x', '!x'], ['x', 'x'], ['x>1', 'x>1'], ['x>1,z<5', 'x>1,z<5'], ['x==a', 'x=a'],
    ['  app = web ,  tier in ( a , b ) ', 'app=web,tier in (a,b)'],
    ['tier notin (b,a,b)', 'tier notin (a,b)'], ['x in (a,,b)', 'x in (,a,b)'], ['x in ()', 'x in ()'],
    ['x in (,)', 'x in ()'], ['x in (a,)', 'x in (,a)'], ['x in (a,,)', 'x in (,a)'],
    ['x=a,a=x', 'a=x,x=a'], ['in=notin', 'in=notin'], ['in in (in)', 'in in (in)'],
    ['!example.com/canary,example.com/app=web', 'example.com/app=web,!example.com/canary'],
    ['x\tin\n(a)\r', 'x in (a)'], ['app  ,  !canary', 'app,!canary'],
  ];
  for (const [input, want] of cases) {
    assert.equal(parseLabelSelector(input).toString(), want, JSON.stringify(input));
  }
});

test('exposes the parsed requirements sorted by key', () => {
  const sel = parseLabelSelector('b=1,!a,c in (y,x),d notin (z),e,f!=g');
  assert.deepEqual(sel.requirements, [
    { key: 'a', operator: '!', values: [] },
    { key: 'b', operator: '=', values: ['1'] },
    { key: 'c', operator: 'in', values: ['x', 'y'] },
    { key: 'd', operator: 'notin', values: ['z'] },
    { key: 'e', operator: 'exists', values: [] },
    { key: 'f', operator: '!=', values: ['g'] },
  ]);
});

test('rejects malformed selectors with Kubernetes parse errors', () => {
  const cases: [string, string][] = [
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    [',', "found ',', expected: !, identifier, or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
    ['a,,b', "found ',', expected: identifier after ','"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['x in (a,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['x (a)', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['x=(a)', "unable to parse requirement: found '(', expected: identifier"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['x<a', "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ['a/b/c', `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${nameRule} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ['-x=a', `unable to parse requirement: <nil>: Invalid value: "-x": name part ${nameRule}`],
    ['x=a$', `unable to parse requirement: values[0][x]: Invalid value: "a$": ${labelValueRule}`],
    ['x in (b$,a$)', `unable to parse requirement: [values[0][x]: Invalid value: "a$": ${labelValueRule}, values[1][x]: Invalid value: "b$": ${labelValueRule}]`],
  ];
  for (const [input, message] of cases) throwsSelectorError(() => parseLabelSelector(input), message, input);
});

test('matches label sets as Kubernetes does', () => {
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['', { x: 'y' }, true], ['', undefined, true],
    ['x=y', { x: 'y' }, true], ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true], ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true], ['!x', { y: 'z' }, true], ['!x', undefined, true],
    ['x>1', { x: '2' }, true], ['x<1', { x: '0' }, true], ['x>5', { x: '10' }, true], ['x<10', { x: '9' }, true],
    ['x=z', {}, false], ['x=y', { x: 'z' }, false], ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false], ['x', { y: 'z' }, false], ['x', undefined, false],
    ['!x', { x: 'z' }, false], ['x>1', { x: '0' }, false], ['x<1', { x: '2' }, false],
    ['x>1', { x: 'abc' }, false], ['x>1', {}, false],
    ['x in (a,b)', { x: 'b' }, true], ['x in (a,b)', { x: 'c' }, false], ['x in (a)', {}, false],
    ['x notin (a)', {}, true], ['x notin (a)', { x: 'a' }, false], ['x notin (a)', { x: 'b' }, true],
    ['x=', { x: '' }, true], ['x=', {}, false], ['x!=', {}, true], ['x in ()', { x: '' }, true],
    ['constructor', {}, false], ['!toString', {}, true],
  ];
  for (const [input, labels, want] of cases) {
    assert.equal(parseLabelSelector(input).matches(labels), want, `${input} on ${JSON.stringify(labels)}`);
  }
});

test('treats a missing LabelSelector as nothing and an empty one as everything', () => {
  for (const ls of [undefined, null]) {
    const sel = selectorFromLabelSelector(ls);
    assert.equal(sel.matches({ app: 'web' }), false);
    assert.equal(sel.matches(undefined), false);
    assert.equal(sel.isEmpty(), false);
    assert.equal(sel.toString(), '');
  }
  const all = selectorFromLabelSelector({});
  assert.equal(all.matches({ app: 'web' }), true);
  assert.equal(all.matches(undefined), true);
  assert.equal(all.isEmpty(), true);
  assert.equal(selectorFromLabelSelector({ matchLabels: {}, matchExpressions: [] }).isEmpty(), true);
});

test('converts a LabelSelector and matches with it', () => {
  const ls: LabelSelector = {
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['fe', 'be'] },
      { key: 'env', operator: 'NotIn', values: ['dev'] },
      { key: 'team', operator: 'Exists' },
      { key: 'canary', operator: 'DoesNotExist' },
    ],
  };
  const sel = selectorFromLabelSelector(ls);
  const cases: [Record<string, string>, boolean][] = [
    [{ app: 'web', tier: 'fe', team: 'a' }, true],
    [{ app: 'web', tier: 'be', team: 'a', env: 'prod' }, true],
    [{ app: 'web', tier: 'fe', team: 'a', env: 'dev' }, false],
    [{ app: 'web', tier: 'fe', team: 'a', canary: 'true' }, false],
    [{ app: 'web', tier: 'fe' }, false],
    [{ app: 'db', tier: 'fe', team: 'a' }, false],
    [{ app: 'web', tier: 'mid', team: 'a' }, false],
  ];
  for (const [labels, want] of cases) assert.equal(sel.matches(labels), want, JSON.stringify(labels));
});

test('prints a LabelSelector as Kubernetes prints Scale status.selector', () => {
  const cases: [LabelSelector, string][] = [
    [{ matchLabels: { app: 'nginx' } }, 'app=nginx'],
    [{ matchLabels: { tier: 'fe', app: 'nginx' } }, 'app=nginx,tier=fe'],
    [{ matchLabels: { app: 'nginx' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] },
      'app=nginx,tier in (a,b)'],
    [{ matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['1'] }, { key: 'y', operator: 'Exists' },
      { key: 'w', operator: 'DoesNotExist' }] }, '!w,x notin (1),y'],
    [{}, ''],
  ];
  for (const [ls, want] of cases) assert.equal(labelSelectorToString(ls), want, want);
});

test('rejects invalid LabelSelectors with Kubernetes messages', () => {
  const cases: [LabelSelector, string][] = [
    [{ matchExpressions: [{ key: 'x', operator: 'Foo' as 'In' }] }, '"Foo" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'x', operator: 'In' }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'x', operator: 'Exists', values: ['a'] }] },
      'values: Invalid value: []string{"a"}: values set must be empty for exists and does not exist'],
    [{ matchLabels: { 'a b': 'x' } }, `key: Invalid value: "a b": name part ${nameRule}`],
    [{ matchLabels: { app: 'a b' } }, `values[0][app]: Invalid value: "a b": ${labelValueRule}`],
  ];
  for (const [ls, message] of cases) {
    throwsSelectorError(() => selectorFromLabelSelector(ls), message, message);
  }
});

test('builds a selector from a label set without validating it', () => {
  const sel = selectorFromSet({ b: '2', a: '1' });
  assert.equal(sel.toString(), 'a=1,b=2');
  assert.equal(sel.matches({ a: '1', b: '2', c: '3' }), true);
  assert.equal(sel.matches({ a: '1' }), false);
  assert.equal(selectorFromSet({}).isEmpty(), true);
  assert.equal(selectorFromSet({}).matches({ any: 'thing' }), true);
  assert.equal(selectorFromSet({ 'bad key': 'v' }).matches({ 'bad key': 'v' }), true);
});
