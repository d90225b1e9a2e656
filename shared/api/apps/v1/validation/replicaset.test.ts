import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../../validation/field-error.js';
import { defaultReplicaSet } from '../defaults.js';
import type { ReplicaSet, ReplicaSetSpec } from '../replicaset.js';
import { replicaSetStrategy } from '../strategies.js';
import { validateReplicaSet, validateReplicaSetUpdate } from './replicaset.js';

function replicaSet(spec: Partial<ReplicaSetSpec> = {}): ReplicaSet {
  const rs: ReplicaSet = {
    metadata: { name: 'web-7c8b9d6f5', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '7c8b9d6f5' } },
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': '7c8b9d6f5' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
      },
      ...spec,
    },
  };
  defaultReplicaSet(rs);
  return rs;
}

const problems = (rs: ReplicaSet): string[] => validateReplicaSet(rs).map(formatFieldError);

test('a ReplicaSet as the Deployment controller writes it is valid', () => {
  assert.deepEqual(problems(replicaSet({ minReadySeconds: 5 })), []);
});

test('each ReplicaSet rule reports its field and Kubernetes message', () => {
  const cases: { name: string; rs: ReplicaSet; want: string[] }[] = [
    { name: 'negative replicas', rs: replicaSet({ replicas: -2 }),
      want: ['spec.replicas: Invalid value: -2: must be greater than or equal to 0'] },
    { name: 'negative min ready', rs: replicaSet({ minReadySeconds: -1 }),
      want: ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0'] },
    { name: 'empty selector', rs: replicaSet({ selector: { matchLabels: {} } }),
      want: ['spec.selector: Invalid value: {"matchLabels":{}}: empty selector is invalid for deployment'] },
    { name: 'selector not matching', rs: replicaSet({ selector: { matchLabels: { app: 'api' } } }),
      want: ['spec.template.metadata.labels: Invalid value: {"app":"web","pod-template-hash":"7c8b9d6f5"}: `selector` does not match template `labels`'] },
  ];
  for (const c of cases) assert.deepEqual(problems(c.rs), c.want, c.name);
});

test('the selector of a ReplicaSet cannot change', () => {
  const errs = validateReplicaSetUpdate(replicaSet({ selector: { matchLabels: { app: 'web' } } }), replicaSet());
  assert.deepEqual(errs.map(formatFieldError), ['spec.selector: Invalid value: {"matchLabels":{"app":"web"}}: field is immutable']);
});

test('a ReplicaSet can be selected by status.replicas and starts with a zero count', () => {
  const rs = replicaSet();
  replicaSetStrategy.prepareForCreate?.(rs);
  assert.deepEqual(rs.status, { replicas: 0 });
  assert.deepEqual(replicaSetStrategy.selectableFields?.(rs), { 'status.replicas': '0' });
  rs.status = { replicas: 2, readyReplicas: 2 };
  assert.deepEqual(replicaSetStrategy.selectableFields?.(rs), { 'status.replicas': '2' });
});
