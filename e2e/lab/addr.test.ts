import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contains, formatCidr, isLoopback, nthIp, overlaps, parseCidr, pickSubnet } from './addr.js';

test('parses CIDRs down to their network address', () => {
  assert.equal(formatCidr(parseCidr('172.31.250.77/24')), '172.31.250.0/24');
  assert.equal(formatCidr(parseCidr('10.96.0.0/12')), '10.96.0.0/12');
  assert.equal(formatCidr(parseCidr('192.0.2.9')), '192.0.2.9/32');
  assert.throws(() => parseCidr('10.0.0.0/33'));
  assert.throws(() => parseCidr('10.0.0.256/8'));
});

test('tells containment and overlap', () => {
  const cases: Array<[string, string, boolean]> = [
    ['10.96.0.0/12', '10.100.0.0/16', true],
    ['10.96.0.0/12', '10.112.0.0/16', false],
    ['172.31.250.0/24', '172.16.0.0/12', true],
    ['172.31.250.0/24', '172.31.251.0/24', false],
    ['0.0.0.0/0', '192.0.2.0/24', true],
  ];
  for (const [a, b, want] of cases) assert.equal(overlaps(parseCidr(a), parseCidr(b)), want, `${a} ${b}`);
  assert.ok(contains(parseCidr('172.31.250.0/24'), '172.31.250.1'));
  assert.ok(!contains(parseCidr('172.31.250.0/24'), '172.31.251.1'));
  assert.equal(nthIp(parseCidr('172.31.250.0/24'), 101), '172.31.250.101');
  assert.throws(() => nthIp(parseCidr('172.31.250.0/24'), 255));
  assert.ok(isLoopback('127.0.0.1') && isLoopback('::1') && !isLoopback('172.31.250.1'));
});

test('picks the first subnet that no route and no other lab uses', () => {
  const cands = ['172.31.250.0/24', '172.31.251.0/24', '172.31.252.0/24'];
  assert.equal(pickSubnet(cands, ['default', '192.0.2.0/24'], []), '172.31.250.0/24');
  assert.equal(pickSubnet(cands, ['172.31.250.0/24'], ['172.31.251.0/24']), '172.31.252.0/24');
  assert.equal(pickSubnet(cands, ['172.16.0.0/12'], []), undefined);
});
