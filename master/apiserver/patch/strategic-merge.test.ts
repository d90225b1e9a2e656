import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyStrategicMergePatch, PatchError } from './strategic-merge.js';

const deploymentKind = { group: 'apps', kind: 'Deployment' };
const podKind = { group: '', kind: 'Pod' };

const liveDeployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' }, annotations: { 'deployment.kubernetes.io/revision': '2' } },
  spec: {
    replicas: 2,
    paused: true,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', resources: {} },
          { name: 'sidecar', image: 'busybox:1.37', args: ['sleep', 'inf'] },
        ],
        restartPolicy: 'Always',
      },
    },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
  },
  status: { replicas: 2 },
});

test('applies kubectl set image to one container and keeps the others', () => {
  const patch = JSON.parse(
    '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.28","name":"nginx"}]}}}}',
  ) as unknown;
  const want = liveDeployment();
  want.spec.template.spec.containers[0]!.image = 'nginx:1.28';
  assert.deepEqual(applyStrategicMergePatch(liveDeployment(), patch, deploymentKind), want);
});

test('applies kubectl set image to a pod in the order $setElementOrder gives', () => {
  const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'sidecar', image: 'a' }, { name: 'main', image: 'b' }] } };
  const patch = { spec: { '$setElementOrder/containers': [{ name: 'main' }, { name: 'sidecar' }], containers: [{ image: 'busybox:1.37', name: 'main' }] } };
  assert.deepEqual(applyStrategicMergePatch(pod, patch, podKind), {
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'main', image: 'busybox:1.37' }, { name: 'sidecar', image: 'a' }] },
  });
});

test('applies kubectl rollout pause, resume and restart', () => {
  const paused = applyStrategicMergePatch({ spec: { replicas: 1 } }, { spec: { paused: true } }, deploymentKind);
  assert.deepEqual(paused, { spec: { replicas: 1, paused: true } });
  const resumed = applyStrategicMergePatch(liveDeployment(), JSON.parse('{"spec":{"paused":null}}'), deploymentKind);
  const want = liveDeployment() as { spec: Record<string, unknown> };
  delete want.spec['paused'];
  assert.deepEqual(resumed, want);
  const restart = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-25T05:44:25Z' } } } } };
  const restarted = applyStrategicMergePatch(liveDeployment(), restart, deploymentKind) as ReturnType<typeof liveDeployment>;
  assert.deepEqual(restarted.spec.template.metadata, {
    labels: { app: 'nginx' },
    annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-25T05:44:25Z' },
  });
  assert.deepEqual(restarted.spec.template.spec, liveDeployment().spec.template.spec);
});

test('applies the client-side apply patch that removes one of two containers', () => {
  const patch = {
    metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } },
    spec: {
      replicas: 3,
      template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ $patch: 'delete', name: 'sidecar' }] } },
    },
  };
  const got = applyStrategicMergePatch(liveDeployment(), patch, deploymentKind) as ReturnType<typeof liveDeployment>;
  assert.equal(got.spec.replicas, 3);
  assert.deepEqual(got.spec.template.spec.containers, [liveDeployment().spec.template.spec.containers[0]]);
  assert.deepEqual(got.metadata.annotations, {
    'deployment.kubernetes.io/revision': '2',
    'kubectl.kubernetes.io/last-applied-configuration': '{}\n',
  });
});

test('merges env by name, ports by containerPort and service ports by port', () => {
  const pod = {
    spec: {
      containers: [
        { name: 'app', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80, name: 'http' }] },
      ],
    },
  };
  const patch = {
    spec: {
      containers: [
        {
          name: 'app',
          env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }, { name: 'A', $patch: 'delete' }],
          ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443 }],
        },
      ],
    },
  };
  assert.deepEqual(applyStrategicMergePatch(pod, patch, podKind), {
    spec: {
      containers: [
        {
          name: 'app',
          env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }],
          ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }, { containerPort: 443 }],
        },
      ],
    },
  });
  const service = { spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }, { port: 81, targetPort: 8081 }] } };
  const servicePatch = { spec: { '$setElementOrder/ports': [{ port: 80 }, { port: 81 }], ports: [{ port: 80, targetPort: 9090 }] } };
  assert.deepEqual(applyStrategicMergePatch(service, servicePatch, { group: '', kind: 'Service' }), {
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 9090 }, { port: 81, targetPort: 8081 }] },
  });
});

test('merges metadata lists of every kind: ownerReferences by uid and finalizers as a set', () => {
  const cm = { metadata: { finalizers: ['a', 'b'], ownerReferences: [{ uid: '1', name: 'x' }] }, data: { k: 'v' } };
  const patch = {
    metadata: {
      finalizers: ['c', 'a'],
      '$deleteFromPrimitiveList/finalizers': ['b'],
      ownerReferences: [{ uid: '2', name: 'y' }, { uid: '1', controller: true }],
    },
  };
  assert.deepEqual(applyStrategicMergePatch(cm, patch, { group: '', kind: 'ConfigMap' }), {
    metadata: { finalizers: ['c', 'a'], ownerReferences: [{ uid: '2', name: 'y' }, { uid: '1', name: 'x', controller: true }] },
    data: { k: 'v' },
  });
});

test('merges status conditions by type and node addresses by type', () => {
  const node = { status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'MemoryPressure', status: 'False' }], addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] } };
  const patch = { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }], addresses: [{ type: 'Hostname', address: 'n1' }] } };
  assert.deepEqual(applyStrategicMergePatch(node, patch, { group: '', kind: 'Node' }), {
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }, { type: 'MemoryPressure', status: 'False' }],
      addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '10.0.0.1' }],
    },
  });
});

test('orders merged lists as Kubernetes does', () => {
  const names = (list: string[]) => list.map((name) => ({ name }));
  const cases: { name: string; live: string[]; order: string[]; patch: string[]; want: string[] }[] = [
    { name: 'new item named first', live: ['1', '2'], order: ['3', '1', '2'], patch: ['3'], want: ['3', '1', '2'] },
    { name: 'new items in between', live: ['1', '2'], order: ['1', '4', '2', '3'], patch: ['4', '3'], want: ['1', '4', '2', '3'] },
    { name: 'server-only item last', live: ['1', '3', '4', '2', '9'], order: ['4', '2', '3', '1'], patch: [], want: ['4', '2', '3', '1', '9'] },
    { name: 'server-only item kept in place', live: ['1', '2', '9', '3', '4'], order: ['2', '1', '4', '3'], patch: [], want: ['2', '1', '9', '4', '3'] },
    { name: 'server-only run kept together', live: ['1', '2', '7', '9', '8', '3', '4'], order: ['2', '1', '4', '3'], patch: [], want: ['2', '1', '7', '9', '8', '4', '3'] },
  ];
  for (const c of cases) {
    const patch = { spec: { '$setElementOrder/containers': names(c.order), ...(c.patch.length > 0 ? { containers: names(c.patch) } : {}) } };
    const got = applyStrategicMergePatch({ spec: { containers: names(c.live) } }, patch, podKind) as { spec: { containers: { name: string }[] } };
    assert.deepEqual(got.spec.containers.map((x) => x.name), c.want, c.name);
  }
  const ints = applyStrategicMergePatch(
    { metadata: { finalizers: ['1', '4', '2'] } },
    { metadata: { '$setElementOrder/finalizers': ['3', '1', '2'], finalizers: ['3'] } },
    podKind,
  );
  assert.deepEqual(ints, { metadata: { finalizers: ['3', '1', '4', '2'] } });
  const deleted = applyStrategicMergePatch(
    { metadata: { finalizers: ['1', '2', '3'] } },
    { metadata: { '$setElementOrder/finalizers': ['2', '1'], '$deleteFromPrimitiveList/finalizers': ['3'] } },
    podKind,
  );
  assert.deepEqual(deleted, { metadata: { finalizers: ['2', '1'] } });
});

test('applies $patch replace and delete in maps and lists', () => {
  const cases: { name: string; live: unknown; patch: unknown; want: unknown }[] = [
    { name: 'replace a map', live: { spec: { nodeSelector: { a: '1', b: '2' } } }, patch: { spec: { nodeSelector: { $patch: 'replace', c: '3' } } }, want: { spec: { nodeSelector: { c: '3' } } } },
    { name: 'delete a map', live: { spec: { nodeSelector: { a: '1' }, x: 1 } }, patch: { spec: { nodeSelector: { $patch: 'delete' } } }, want: { spec: { nodeSelector: {}, x: 1 } } },
    { name: 'merge a map', live: { spec: { nodeSelector: { a: '1' } } }, patch: { spec: { nodeSelector: { $patch: 'merge', b: '2' } } }, want: { spec: { nodeSelector: { a: '1', b: '2' } } } },
    { name: 'replace the whole object', live: { a: 1, b: 2 }, patch: { $patch: 'replace', c: 3 }, want: { c: 3 } },
    {
      name: 'replace a merging list',
      live: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b' }] } },
      patch: { spec: { containers: [{ name: 'c' }, { $patch: 'replace' }] } },
      want: { spec: { containers: [{ name: 'c' }] } },
    },
    {
      name: 'empty a merging list',
      live: { spec: { containers: [{ name: 'a' }] } },
      patch: { spec: { containers: [{ $patch: 'replace' }] } },
      want: { spec: { containers: [] } },
    },
    {
      name: 'delete an item that is not there',
      live: { spec: { containers: [{ name: 'a' }] } },
      patch: { spec: { containers: [{ name: 'z', $patch: 'delete' }] } },
      want: { spec: { containers: [{ name: 'a' }] } },
    },
    {
      name: 'a new list drops its directives and nulls',
      live: { spec: {} },
      patch: { spec: { containers: [{ name: 'a', image: null }, { name: 'b', $patch: 'delete' }], tolerations: [{ key: 't', value: null }] } },
      want: { spec: { containers: [{ name: 'a' }], tolerations: [{ key: 't' }] } },
    },
  ];
  for (const c of cases) assert.deepEqual(applyStrategicMergePatch(c.live, c.patch, podKind), c.want, c.name);
});

test('clears the keys $retainKeys omits, as kubectl does for a Deployment strategy', () => {
  const patch = { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } };
  const got = applyStrategicMergePatch(liveDeployment(), patch, deploymentKind) as ReturnType<typeof liveDeployment>;
  assert.deepEqual(got.spec.strategy, { type: 'Recreate' });
  const volumes = {
    spec: { volumes: [{ name: 'data', emptyDir: {} }] },
  };
  const volumePatch = { spec: { volumes: [{ name: 'data', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/srv' } }] } };
  assert.deepEqual(applyStrategicMergePatch(volumes, volumePatch, podKind), { spec: { volumes: [{ name: 'data', hostPath: { path: '/srv' } }] } });
});

test('replaces lists without a merge strategy and every list of an unknown kind', () => {
  const pod = { spec: { tolerations: [{ key: 'a' }], containers: [{ name: 'a', args: ['x', 'y'] }] } };
  const patch = { spec: { tolerations: [{ key: 'b' }], containers: [{ name: 'a', args: ['z'] }] } };
  assert.deepEqual(applyStrategicMergePatch(pod, patch, podKind), { spec: { tolerations: [{ key: 'b' }], containers: [{ name: 'a', args: ['z'] }] } });
  const widget = { spec: { items: [{ name: 'a' }], labels: { x: '1' } } };
  assert.deepEqual(
    applyStrategicMergePatch(widget, { spec: { items: [{ name: 'b' }], labels: { y: '2' } } }, { group: 'example.com', kind: 'Widget' }),
    { spec: { items: [{ name: 'b' }], labels: { x: '1', y: '2' } } },
  );
});

test('changes neither input', () => {
  const live = liveDeployment();
  const patch = { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }], containers: [{ name: 'nginx', image: 'x' }, { name: 'sidecar', $patch: 'delete' }] } } } };
  const patchCopy = structuredClone(patch);
  const got = applyStrategicMergePatch(live, patch, deploymentKind) as ReturnType<typeof liveDeployment>;
  assert.deepEqual(live, liveDeployment());
  assert.deepEqual(patch, patchCopy);
  got.spec.template.metadata.labels.app = 'changed';
  assert.equal(live.spec.template.metadata.labels.app, 'nginx');
});

test('rejects malformed directives with a message naming the place', () => {
  const cases: { name: string; patch: unknown; message: string }[] = [
    { name: 'not an object', patch: [1], message: 'a strategic merge patch must be a JSON object, not [1]' },
    { name: 'unknown $patch', patch: { spec: { $patch: 'zap' } }, message: 'the strategic merge patch at spec: unknown $patch directive "zap"' },
    { name: 'unknown $patch in a list', patch: { spec: { containers: [{ name: 'a', $patch: 'zap' }] } }, message: 'the strategic merge patch at spec.containers: unknown $patch directive "zap"' },
    { name: 'missing merge key', patch: { spec: { containers: [{ image: 'x' }] } }, message: 'the strategic merge patch at spec.containers: the item {"image":"x"} does not contain the merge key "name"' },
    { name: 'delete without merge key', patch: { spec: { containers: [{ $patch: 'delete' }] } }, message: 'the strategic merge patch at spec.containers: the item {"$patch":"delete"} does not contain the merge key "name"' },
    { name: 'setElementOrder without a field', patch: { spec: { $setElementOrder: [] } }, message: 'the strategic merge patch at spec: malformed directive "$setElementOrder": expected "$setElementOrder/<field>"' },
    { name: 'setElementOrder not a list', patch: { spec: { '$setElementOrder/containers': {} } }, message: 'the strategic merge patch at spec.containers: $setElementOrder/containers must be a list' },
    {
      name: 'setElementOrder missing an item',
      patch: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'b' }] } },
      message: `the strategic merge patch at spec.containers: the list's items are not all in $setElementOrder, or not in its order (first out of place: {"name":"b"})`,
    },
    { name: 'deleteFromPrimitiveList without a field', patch: { metadata: { $deleteFromPrimitiveList: ['a'] } }, message: 'the strategic merge patch at metadata: malformed directive "$deleteFromPrimitiveList": expected "$deleteFromPrimitiveList/<field>"' },
    { name: 'deleteFromPrimitiveList not a list', patch: { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } }, message: 'the strategic merge patch at metadata.finalizers: $deleteFromPrimitiveList/finalizers must be a list' },
    { name: 'retainKeys not a list', patch: { spec: { $retainKeys: 'a' } }, message: 'the strategic merge patch at spec: $retainKeys must be a list of field names' },
    { name: 'retainKeys not naming a set key', patch: { spec: { $retainKeys: ['a'], b: 1 } }, message: 'the strategic merge patch at spec: the patch sets "b", which its $retainKeys list does not name' },
    { name: 'mixed list', patch: { spec: { containers: [{ name: 'a' }, 'b'] } }, message: 'the strategic merge patch at spec.containers: the list mixes objects and other values' },
  ];
  const pod = { spec: { containers: [{ name: 'a' }] }, metadata: { finalizers: ['x'] } };
  for (const c of cases) {
    assert.throws(() => applyStrategicMergePatch(pod, c.patch, podKind), (err: unknown) => {
      assert.ok(err instanceof PatchError, c.name);
      assert.equal(err.message, c.message, c.name);
      return true;
    });
  }
});
