import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import { applyReplicaSetTemplate, clearRollbackTo, rollbackTo } from './rollback.js';
import { deployment, replicaSet } from './testing.js';

test('reads the legacy rollback request from the annotation or spec.rollbackTo, and clears both', () => {
  const byAnnotation = deployment({}, { metadata: { name: 'web', annotations: { 'deprecated.deployment.rollback.to': '3' } } });
  assert.equal(rollbackTo(byAnnotation), 3);
  assert.equal(rollbackTo(deployment({}, { metadata: { name: 'web', annotations: { 'deprecated.deployment.rollback.to': 'x' } } })), undefined);
  const bySpec = deployment({ rollbackTo: { revision: 0 } } as Partial<NonNullable<Deployment['spec']>>);
  assert.equal(rollbackTo(bySpec), 0);
  assert.equal(rollbackTo(deployment()), undefined);
  clearRollbackTo(byAnnotation);
  clearRollbackTo(bySpec);
  assert.equal(rollbackTo(byAnnotation), undefined);
  assert.equal(rollbackTo(bySpec), undefined);
  assert.ok(!('rollbackTo' in (bySpec.spec ?? {})));
});

test('takes the ReplicaSet\'s template without the hash label and its annotations, keeping the Deployment\'s bookkeeping', () => {
  const d = deployment({}, { metadata: { name: 'web', annotations: { 'deployment.kubernetes.io/revision': '4', 'kubernetes.io/change-cause': 'now' } } });
  const rs = replicaSet(d, { image: 'toolbox:0', replicas: 0, revision: 2, annotations: { 'kubernetes.io/change-cause': 'then', 'deployment.kubernetes.io/desired-replicas': '10' } });
  applyReplicaSetTemplate(d, rs);
  assert.deepEqual(d.spec?.template, { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'toolbox:0' }] } });
  assert.deepEqual(d.metadata.annotations, { 'deployment.kubernetes.io/revision': '4', 'kubernetes.io/change-cause': 'then' });
});
