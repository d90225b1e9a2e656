import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from './lexer.js';

test('splits selector text into tokens, longest operator first', () => {
  const cases: [string, string[]][] = [
    ['', ['end:']],
    ['x=a', ['identifier:x', 'equals:=', 'identifier:a', 'end:']],
    ['x==a', ['identifier:x', 'doubleEquals:==', 'identifier:a', 'end:']],
    ['x===a', ['identifier:x', 'doubleEquals:==', 'equals:=', 'identifier:a', 'end:']],
    ['x!=a', ['identifier:x', 'notEquals:!=', 'identifier:a', 'end:']],
    ['!x', ['doesNotExist:!', 'identifier:x', 'end:']],
    ['x>=1', ['identifier:x', 'greaterThan:>', 'equals:=', 'identifier:1', 'end:']],
    [' x  in(a ,b)\t', ['identifier:x', 'in:in', 'openPar:(', 'identifier:a', 'comma:,', 'identifier:b', 'closedPar:)', 'end:']],
    ['x notin ()', ['identifier:x', 'notin:notin', 'openPar:(', 'closedPar:)', 'end:']],
    ['inx=a|b', ['identifier:inx', 'equals:=', 'identifier:a|b', 'end:']],
  ];
  for (const [input, want] of cases) {
    assert.deepEqual(tokenize(input).map((t) => `${t.kind}:${t.literal}`), want, JSON.stringify(input));
  }
});
