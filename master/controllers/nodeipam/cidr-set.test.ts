import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CidrSet, parseIpv4Cidr } from './cidr-set.js';

test('hands out the /24s of a /16 in order, each once', () => {
  const s = new CidrSet('10.244.0.0/16', 24);
  assert.equal(s.capacity, 256);
  const got = Array.from({ length: 256 }, () => s.allocateNext());
  assert.deepEqual(got.slice(0, 3), ['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
  assert.equal(got[255], '10.244.255.0/24');
  assert.equal(new Set(got).size, 256);
  assert.equal(s.allocateNext(), undefined);                     // full
});

test('a freed subnet comes back only after going round, or once the range is full', () => {
  const s = new CidrSet('10.0.0.0/22', 24);
  assert.deepEqual([s.allocateNext(), s.allocateNext()], ['10.0.0.0/24', '10.0.1.0/24']);
  s.release('10.0.0.0/24');
  assert.deepEqual([s.allocateNext(), s.allocateNext()], ['10.0.2.0/24', '10.0.3.0/24']);
  assert.equal(s.allocateNext(), '10.0.0.0/24');
  assert.equal(s.allocateNext(), undefined);
  s.release('10.0.2.0/24');
  assert.equal(s.allocateNext(), '10.0.2.0/24');
});

test('occupying what nodes already have rebuilds the set after a restart', () => {
  const s = new CidrSet('10.244.0.0/16', 24);
  assert.equal(s.occupy('10.244.0.0/24'), 'occupied');
  assert.equal(s.occupy('10.244.2.0/24'), 'occupied');
  assert.equal(s.allocateNext(), '10.244.1.0/24');
  assert.equal(s.allocateNext(), '10.244.3.0/24');
  assert.equal(s.allocated, 4);
});

test('occupy says when a CIDR is taken, outside the range or not a CIDR', () => {
  const s = new CidrSet('10.244.0.0/16', 24);
  assert.equal(s.occupy('10.244.7.0/24'), 'occupied');
  assert.equal(s.occupy('10.244.7.0/24'), 'alreadyOccupied');
  assert.equal(s.occupy('10.245.0.0/24'), 'outOfRange');
  assert.equal(s.occupy('10.0.0.0/8'), 'outOfRange');
  assert.equal(s.occupy('fd00::/64'), 'invalid');
  assert.equal(s.occupy('10.244.8.0/23'), 'occupied');            // wider: both /24s it covers
  assert.equal(s.occupy('10.244.9.0/24'), 'alreadyOccupied');
  s.release('10.244.8.0/23');
  assert.equal(s.occupy('10.244.9.0/24'), 'occupied');
});

test('refuses a cluster CIDR that is not IPv4 or a mask that does not fit', () => {
  assert.throws(() => new CidrSet('fd00::/48', 64), /not an IPv4 CIDR/);
  assert.throws(() => new CidrSet('10.244.0.0/16', 12), /does not fit/);
  assert.throws(() => new CidrSet('10.0.0.0/8', 30), /more than 2\^16/);
  assert.deepEqual(parseIpv4Cidr('10.244.3.7/24'), { base: (10 * 256 ** 3) + (244 * 256 ** 2) + 3 * 256, bits: 24 });
});
