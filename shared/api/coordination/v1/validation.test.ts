import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../validation/field-error.js';
import type { Lease, LeaseSpec } from './lease.js';
import { validateLease, validateLeaseUpdate } from './validation.js';

const lease = (spec: LeaseSpec, name = 'node-1'): Lease =>
  ({ metadata: { name, namespace: 'kube-node-lease' }, spec });

const problems = (l: Lease): string[] => validateLease(l).map(formatFieldError);

test('a lease as the kubelet writes it is valid', () => {
  assert.deepEqual(problems(lease({
    holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-11-25T06:35:00.123456Z',
    acquireTime: '2026-11-25T06:00:00.000000Z', leaseTransitions: 0,
  })), []);
  assert.deepEqual(problems(lease({ strategy: 'OldestEmulationVersion', preferredHolder: 'a' })), []);
  assert.deepEqual(problems(lease({ strategy: 'example.com/mine' })), []);
});

test('each lease rule reports its field and Kubernetes message', () => {
  const cases: { name: string; lease: Lease; want: string[] }[] = [
    { name: 'zero duration', lease: lease({ leaseDurationSeconds: 0 }),
      want: ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'] },
    { name: 'negative transitions', lease: lease({ leaseTransitions: -1 }),
      want: ['spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0'] },
    { name: 'unknown strategy', lease: lease({ strategy: 'Newest' }),
      want: ['spec.strategy.strategy: Unsupported value: "Newest": supported values: "OldestEmulationVersion"'] },
    { name: 'preferred holder alone', lease: lease({ preferredHolder: 'node-2' }),
      want: ['spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined'] },
    { name: 'renew time without microseconds', lease: lease({ renewTime: '2026-11-25T06:35:00Z' }),
      want: ['spec.renewTime: Invalid value: "2026-11-25T06:35:00Z": must be a time in RFC 3339 form with six fraction digits (e.g. "2006-01-02T15:04:05.000000Z")'] },
    { name: 'bad name', lease: lease({}, 'Node_1'),
      want: [`metadata.name: Invalid value: "Node_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`] },
  ];
  for (const c of cases) assert.deepEqual(problems(c.lease), c.want, c.name);
});

test('a lease update may not rename it', () => {
  const errs = validateLeaseUpdate(lease({}, 'b'), lease({}, 'a')).map(formatFieldError);
  assert.deepEqual(errs, ['metadata.name: Invalid value: "b": field is immutable']);
});
