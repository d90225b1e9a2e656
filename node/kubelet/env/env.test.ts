import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container } from '../../../shared/api/core/v1/container.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import { containerEnv, EnvError, expandAll, type EnvSources } from './env.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

const pod = (c: Container, links?: boolean): Pod => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop', uid: 'u-1', labels: { app: 'web', tier: 'fe' }, annotations: { note: 'a "b"' } },
  spec: { containers: [c], nodeName: 'node-1', serviceAccountName: 'default', ...(links === false ? { enableServiceLinks: false } : {}) },
});

const svc = (name: string, ip: string, ports: Service['spec'] extends infer S ? S extends { ports?: infer P } ? P : never : never): Service =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec: { clusterIP: ip, ports } });

const sources: EnvSources = {
  configMap: (n) => (n === 'cfg' ? { metadata: { name: 'cfg' }, data: { LEVEL: 'debug', MODE: 'fast' } } : undefined),
  secret: (n) => (n === 'creds' ? { metadata: { name: 'creds' }, data: { PASSWORD: b64('s3cret') } } : undefined),
  services: [
    svc('redis-master', '10.96.0.20', [{ port: 6379, protocol: 'TCP' }]),
    svc('web', '10.96.0.30', [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }]),
    svc('headless', 'None', [{ port: 80 }]),
  ],
  podIP: '10.244.1.5', hostIP: '10.10.0.11', nodeAllocatable: { cpu: '2', memory: '4Gi' },
};

test('sets the service variables of the book, then envFrom, then env with $(VAR) expansion', () => {
  const c: Container = {
    name: 'main', image: 'x',
    envFrom: [{ configMapRef: { name: 'cfg' } }, { prefix: 'DB_', secretRef: { name: 'creds' } }],
    env: [
      { name: 'URL', value: 'redis://$(REDIS_MASTER_SERVICE_HOST):$(REDIS_MASTER_SERVICE_PORT)/$(MISSING)' },
      { name: 'LEVEL', value: 'info' },
      { name: 'NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'TIER', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'PW', valueFrom: { secretKeyRef: { name: 'creds', key: 'PASSWORD' } } },
      { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'MODE' } } },
    ],
  };
  const env = containerEnv(pod(c), c, sources);
  assert.equal(env.get('REDIS_MASTER_SERVICE_HOST'), '10.96.0.20');
  assert.equal(env.get('REDIS_MASTER_SERVICE_PORT'), '6379');
  assert.equal(env.get('REDIS_MASTER_PORT'), 'tcp://10.96.0.20:6379');
  assert.equal(env.get('REDIS_MASTER_PORT_6379_TCP_ADDR'), '10.96.0.20');
  assert.equal(env.get('WEB_SERVICE_PORT_HTTP'), '80');
  assert.equal(env.get('WEB_PORT_53_UDP'), 'udp://10.96.0.30:53');
  assert.equal(env.has('HEADLESS_SERVICE_HOST'), false);
  assert.equal(env.get('URL'), 'redis://10.96.0.20:6379/$(MISSING)');
  assert.equal(env.get('LEVEL'), 'info', 'env overrides envFrom');
  assert.equal(env.get('DB_PASSWORD'), 's3cret');
  assert.deepEqual([env.get('NAME'), env.get('TIER'), env.get('NODE'), env.get('IP'), env.get('PW'), env.get('MODE')],
    ['web-1', 'fe', 'node-1', '10.244.1.5', 's3cret', 'fast']);
  assert.deepEqual(expandAll(['echo', '$(NAME)', '$$(NAME)'], env), ['echo', 'web-1', '$(NAME)']);
});

test('enableServiceLinks false leaves the service variables out', () => {
  const c: Container = { name: 'main', image: 'x' };
  assert.equal(containerEnv(pod(c, false), c, sources).size, 0);
});

test('a missing required ConfigMap, Secret or key is an error naming it; optional ones are skipped', () => {
  const cases: [Container['env'], RegExp][] = [
    [[{ name: 'A', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }], /configmap "nope" not found/],
    [[{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }], /couldn't find key k in ConfigMap shop\/cfg/],
    [[{ name: 'A', valueFrom: { secretKeyRef: { name: 'nope', key: 'k' } } }], /secret "nope" not found/],
  ];
  for (const [env, want] of cases) {
    const c: Container = { name: 'main', image: 'x', env };
    assert.throws(() => containerEnv(pod(c), c, sources), (err: unknown) => err instanceof EnvError && want.test(err.message));
  }
  const c: Container = { name: 'main', image: 'x', envFrom: [{ configMapRef: { name: 'nope', optional: true } }], env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'nope', key: 'k', optional: true } } }] };
  assert.equal(containerEnv(pod(c, false), c, sources).has('A'), false);
});

test('resource fields are rounded up in the divisor, and limits default to the node allocatable', () => {
  const c: Container = {
    name: 'main', image: 'x', resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } },
    env: [
      { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
      { name: 'CPU_REQ_M', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
      { name: 'MEM_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
    ],
  };
  const env = containerEnv(pod(c, false), c, sources);
  assert.deepEqual([env.get('CPU_LIMIT'), env.get('CPU_REQ_M'), env.get('MEM_MI')], ['1', '250', '128']);
  const bare: Container = { name: 'main', image: 'x', env: [{ name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Gi' } } }] };
  assert.equal(containerEnv(pod(bare, false), bare, sources).get('MEM'), '4');
});
