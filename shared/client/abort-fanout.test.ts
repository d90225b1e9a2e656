import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AbortFanout } from './abort-fanout.js';

test('each callback still registered runs once when its signal aborts, and only its own signal', () => {
  const fan = new AbortFanout();
  const a = new AbortController();
  const b = new AbortController();
  const ran: string[] = [];
  fan.add(a.signal, () => ran.push('a1'));
  const drop = fan.add(a.signal, () => ran.push('a2'));
  fan.add(b.signal, () => ran.push('b1'));
  drop();
  a.abort();
  a.abort();
  assert.deepEqual(ran, ['a1']);
  b.abort();
  assert.deepEqual(ran, ['a1', 'b1']);
});
