import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PodIPs, PodIPsExhaustedError } from './pod-ips.js';

test('gives the lower half of the podCIDR after the gateway, round-robin', () => {
  const ips = new PodIPs('10.244.3.0/24');
  assert.equal(ips.gateway, '10.244.3.1');
  assert.equal(ips.prefixLength, 24);
  assert.equal(ips.dockerRange, '10.244.3.128/25');
  assert.equal(ips.allocate(0), '10.244.3.2');
  assert.equal(ips.allocate(0), '10.244.3.3');
  ips.release('10.244.3.2');
  // Not reused at once: the next address after the last one given.
  assert.equal(ips.allocate(0), '10.244.3.4');
});

test('runs out with a clear error, and wraps around to freed addresses', () => {
  const ips = new PodIPs('10.1.0.0/28');          // offsets 2..7 for pods
  const got = Array.from({ length: 6 }, () => ips.allocate(0));
  assert.deepEqual(got, ['10.1.0.2', '10.1.0.3', '10.1.0.4', '10.1.0.5', '10.1.0.6', '10.1.0.7']);
  assert.throws(() => ips.allocate(0), (err: unknown) => err instanceof PodIPsExhaustedError && /no free pod IP left in 10\.1\.0\.0\/28/.test(err.message));
  ips.release('10.1.0.4');
  assert.equal(ips.allocate(0), '10.1.0.4');
});

test('observe: live sandboxes hold their addresses; one given out stays taken while its create may run', () => {
  const ips = new PodIPs('10.244.0.0/24', 1000);
  ips.observe(['10.244.0.2', '10.244.0.9', '10.99.0.1'], 0);     // after a restart; one of another range ignored
  assert.equal(ips.inUse, 2);
  const fresh = ips.allocate(0);
  assert.equal(fresh, '10.244.0.3');
  // A list begun before the create ended does not show it: still taken.
  ips.observe(['10.244.0.2', '10.244.0.9'], 500);
  assert.equal(ips.inUse, 3);
  // Seen on its sandbox, then the sandbox is gone: free at the next observe.
  ips.observe(['10.244.0.2', '10.244.0.9', fresh], 600);
  ips.observe(['10.244.0.9'], 700);
  assert.equal(ips.inUse, 1);
  // Given out but never seen: free once its grace has passed.
  const lost = ips.allocate(800);
  ips.observe(['10.244.0.9'], 1700);
  assert.equal(ips.inUse, 2);
  ips.observe(['10.244.0.9'], 1800);
  assert.equal(ips.inUse, 1, `${lost} is free again`);
});

test('a bad podCIDR is refused', () => {
  assert.throws(() => new PodIPs('10.244.0.0'), /invalid IPv4 CIDR "10\.244\.0\.0"/);
});
