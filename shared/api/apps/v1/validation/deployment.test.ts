import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../../validation/field-error.js';
import { defaultDeployment } from '../defaults.js';
import type { Deployment, DeploymentSpec } from '../deployment.js';
import { validateDeployment, validateDeploymentUpdate } from './deployment.js';

/** A Deployment as `kubectl create deployment web --image=nginx:1.27 --replicas=3` sends it, then defaulted. */
function deployment(spec: Partial<DeploymentSpec> = {}, tweak: (d: Deployment) => void = () => {}): Deployment {
  const d: Deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
      },
      ...spec,
    },
  };
  tweak(d);
  defaultDeployment(d);
  return d;
}

const problems = (d: Deployment): string[] => validateDeployment(d).map(formatFieldError);

test('a full Deployment, defaulted, is valid', () => {
  assert.deepEqual(problems(deployment({
    minReadySeconds: 5, paused: false,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] },
  }, (d) => { d.spec!.template!.metadata!.labels = { app: 'web', tier: 'front' }; })), []);
  assert.deepEqual(problems(deployment({ strategy: { type: 'Recreate' } })), []);
});

test('each Deployment rule reports its field and Kubernetes message', () => {
  const mismatch = 'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`';
  const cases: { name: string; d: Deployment; want: string[] }[] = [
    { name: 'negative replicas', d: deployment({ replicas: -1 }),
      want: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'] },
    { name: 'no selector', d: deployment({}, (d) => { delete d.spec!.selector; }),
      want: ['spec.selector: Required value', mismatch] },
    { name: 'empty selector', d: deployment({ selector: {} }),
      want: ['spec.selector: Invalid value: {}: empty selector is invalid for deployment'] },
    { name: 'selector not matching', d: deployment({ selector: { matchLabels: { app: 'api' } } }), want: [mismatch] },
    { name: 'malformed selector', d: deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'Is' as never, values: ['web'] }] } }),
      want: ['spec.selector.matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator',
        'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"Is","values":["web"]}]}: invalid label selector'] },
    { name: 'both zero', d: deployment({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } }),
      want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0'] },
    { name: 'over 100%', d: deployment({ strategy: { rollingUpdate: { maxUnavailable: '150%' } } }),
      want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%'] },
    { name: 'not a percent', d: deployment({ strategy: { rollingUpdate: { maxSurge: '25 %' } } }),
      want: ["spec.strategy.rollingUpdate.maxSurge: Invalid value: \"25 %\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"] },
    { name: 'negative surge', d: deployment({ strategy: { rollingUpdate: { maxSurge: -1 } } }),
      want: ['spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0'] },
    { name: 'recreate with rolling update', d: deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
      want: ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"] },
    { name: 'unknown strategy', d: deployment({ strategy: { type: 'BlueGreen' as never } }),
      want: ['spec.strategy: Unsupported value: {"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"'] },
    { name: 'restart never', d: deployment({}, (d) => { d.spec!.template!.spec!.restartPolicy = 'Never'; }),
      want: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'] },
    { name: 'active deadline', d: deployment({}, (d) => { d.spec!.template!.spec!.activeDeadlineSeconds = 30; }),
      want: ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported'] },
    { name: 'negative history', d: deployment({ revisionHistoryLimit: -1 }),
      want: ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0'] },
    { name: 'negative min ready', d: deployment({ minReadySeconds: -1 }),
      want: ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0'] },
    { name: 'deadline before ready', d: deployment({ minReadySeconds: 10, progressDeadlineSeconds: 10 }),
      want: ['spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds'] },
    { name: 'template checked as a pod', d: deployment({}, (d) => { delete d.spec!.template!.spec!.containers[0]!.image; }),
      want: ['spec.template.spec.containers[0].image: Required value'] },
    { name: 'bad name', d: deployment({}, (d) => { d.metadata.name = 'Web'; }),
      want: [`metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`] },
  ];
  for (const c of cases) assert.deepEqual(problems(c.d), c.want, c.name);
});

test('the selector of a Deployment cannot change', () => {
  const old = deployment();
  const changed = deployment({ selector: { matchLabels: { app: 'web', tier: 'front' } } });
  assert.deepEqual(validateDeploymentUpdate(changed, old).map(formatFieldError),
    ['spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"front"}}: field is immutable']);
  assert.deepEqual(validateDeploymentUpdate(deployment({ replicas: 5 }), old), []);
});

test('validation survives a body of the wrong shape', () => {
  const odd = { metadata: { name: 'web', namespace: 'default' }, spec: { strategy: 'fast', template: null } } as unknown as Deployment;
  assert.ok(validateDeployment(odd).length > 0);
  assert.ok(validateDeployment({ metadata: { name: 'web', namespace: 'default' }, spec: 'x' } as unknown as Deployment).length > 0);
});
