import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDeployment, defaultReplicaSet } from './defaults.js';
import type { Deployment, DeploymentSpec } from './deployment.js';
import type { ReplicaSet } from './replicaset.js';

const template = () => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });

test('defaultDeployment fills what Kubernetes fills, keeps what is given, and twice changes nothing more', () => {
  const cases: { name: string; spec: DeploymentSpec | undefined; want: Partial<DeploymentSpec> }[] = [
    { name: 'bare', spec: { template: template() },
      want: { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } } },
    { name: 'no spec at all', spec: undefined,
      want: { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } } },
    { name: 'given values', spec: { template: template(), replicas: 0, revisionHistoryLimit: 0, progressDeadlineSeconds: 60,
      strategy: { rollingUpdate: { maxSurge: 1 } } },
      want: { replicas: 0, revisionHistoryLimit: 0, progressDeadlineSeconds: 60,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } } } },
    { name: 'recreate', spec: { template: template(), strategy: { type: 'Recreate' } },
      want: { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: 'Recreate' } } },
  ];
  for (const c of cases) {
    const d: Deployment = { metadata: { name: 'web' }, ...(c.spec ? { spec: structuredClone(c.spec) } : {}) };
    defaultDeployment(d);
    const { template: tpl, ...rest } = d.spec ?? {};
    assert.deepEqual(rest, c.want, c.name);
    assert.equal(tpl?.spec?.restartPolicy, 'Always', `${c.name}: the template is defaulted as a pod's`);
    const again = structuredClone(d);
    defaultDeployment(again);
    assert.deepEqual(again, d, `${c.name} (twice)`);
  }
});

test('defaultReplicaSet sets one replica and defaults the template, idempotently', () => {
  const cases: { name: string; rs: ReplicaSet; replicas: number }[] = [
    { name: 'bare', rs: { metadata: { name: 'web' }, spec: { template: template() } }, replicas: 1 },
    { name: 'scaled to zero', rs: { metadata: { name: 'web' }, spec: { replicas: 0, template: template() } }, replicas: 0 },
  ];
  for (const c of cases) {
    defaultReplicaSet(c.rs);
    assert.equal(c.rs.spec?.replicas, c.replicas, c.name);
    assert.equal(c.rs.spec?.template?.spec?.restartPolicy, 'Always', c.name);
    const again = structuredClone(c.rs);
    defaultReplicaSet(again);
    assert.deepEqual(again, c.rs, `${c.name} (twice)`);
  }
});

test('defaults leave a field of the wrong type for validation to report', () => {
  const d = { metadata: { name: 'web' }, spec: { strategy: 'fast', template: template() } } as unknown as Deployment;
  defaultDeployment(d);
  assert.equal((d.spec as Record<string, unknown>).strategy, 'fast');
  const odd = { metadata: { name: 'web' }, spec: 'x' } as unknown as Deployment;
  defaultDeployment(odd);
  assert.equal(odd.spec, 'x');
});
