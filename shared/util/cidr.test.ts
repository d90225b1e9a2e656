import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inRange, nthAddress, parseCidr } from './cidr.js';

test('parses a service range and knows its usable addresses', () => {
  const r = parseCidr('10.96.0.0/12');
  assert.equal(r.size, 1 << 20);
  assert.equal(nthAddress(r, 1), '10.96.0.1');
  assert.equal(nthAddress(r, 10), '10.96.0.10');
  assert.ok(inRange(r, '10.111.255.254'));
  assert.ok(!inRange(r, '10.112.0.1'));
  assert.ok(!inRange(r, '10.96.0.0'));
  assert.ok(!inRange(r, 'nonsense'));
});

test('refuses a malformed range', () => {
  assert.throws(() => parseCidr('10.96.0.0'), /invalid IPv4 CIDR/);
  assert.throws(() => parseCidr('300.1.1.1/12'), /invalid IPv4 CIDR/);
});
