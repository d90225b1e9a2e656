import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderMergedList } from './list-order.js';

test('puts named items in patch order and keeps server-only items where the live list had them', () => {
  const same = (v: unknown) => v;
  const cases: { name: string; merged: string[]; patch: string[]; live: string[]; want: string[] }[] = [
    { name: 'patch order wins', merged: ['a', 'b'], patch: ['b', 'a'], live: ['a', 'b'], want: ['b', 'a'] },
    { name: 'a new item goes before server-only ones', merged: ['a', 'b', 'c'], patch: ['c'], live: ['a', 'b'], want: ['c', 'a', 'b'] },
    { name: 'a server-only item stays before a later named one', merged: ['a', 'x', 'b'], patch: ['a', 'b'], live: ['a', 'x', 'b'], want: ['a', 'x', 'b'] },
    { name: 'server-only items at the end stay there', merged: ['b', 'a', 'z'], patch: ['a', 'b'], live: ['b', 'a', 'z'], want: ['a', 'b', 'z'] },
    { name: 'nothing named', merged: ['a', 'b'], patch: [], live: ['a', 'b'], want: ['a', 'b'] },
  ];
  for (const c of cases) assert.deepEqual(orderMergedList(c.merged, c.patch, c.live, same), c.want, c.name);
});

test('identifies objects by their merge key', () => {
  const byName = (v: unknown) => (v as { name: string }).name;
  const merged = [{ name: 'a', x: 1 }, { name: 'b' }];
  assert.deepEqual(orderMergedList(merged, [{ name: 'b' }, { name: 'a' }], [{ name: 'a' }, { name: 'b' }], byName), [{ name: 'b' }, { name: 'a', x: 1 }]);
});
