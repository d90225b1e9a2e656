import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiObject } from '../../meta.js';
import type { KindStrategy } from '../../resource.js';
import { formatFieldError } from '../../validation/field-error.js';
import * as examples from './examples.js';
import * as strategies from './strategies.js';

const kinds: Array<[string, KindStrategy, () => ApiObject]> = [
  ['Pod', strategies.podStrategy, examples.examplePod],
  ['Service', strategies.serviceStrategy, examples.exampleService],
  ['Node', strategies.nodeStrategy, examples.exampleNode],
  ['ReplicationController', strategies.replicationControllerStrategy, examples.exampleReplicationController],
  ['Namespace', strategies.namespaceStrategy, examples.exampleNamespace],
  ['ConfigMap', strategies.configMapStrategy, examples.exampleConfigMap],
  ['Secret', strategies.secretStrategy, examples.exampleSecret],
  ['ServiceAccount', strategies.serviceAccountStrategy, examples.exampleServiceAccount],
  ['Endpoints', strategies.endpointsStrategy, examples.exampleEndpoints],
  ['Event', strategies.eventStrategy, examples.exampleEvent],
  ['PersistentVolume', strategies.persistentVolumeStrategy, examples.examplePersistentVolume],
  ['PersistentVolumeClaim', strategies.persistentVolumeClaimStrategy, examples.examplePersistentVolumeClaim],
];

/** What the apiserver does on create: prepare, default, validate. */
function create(strategy: KindStrategy, obj: ApiObject): string[] {
  strategy.prepareForCreate?.(obj);
  strategy.defaults(obj);
  return strategy.validate(obj).map(formatFieldError);
}

test('a valid full object of every kind is created, defaulted idempotently and updated unchanged', () => {
  for (const [kind, strategy, make] of kinds) {
    const obj = make();
    assert.deepEqual(create(strategy, obj), [], kind);
    const once = structuredClone(obj);
    strategy.defaults(obj);
    assert.deepEqual(obj, once, `${kind} defaults are idempotent`);
    const next = structuredClone(obj);
    assert.deepEqual([...strategy.validate(next), ...(strategy.validateUpdate?.(next, obj) ?? [])], [], `${kind} update`);
  }
});

test('create resets what clients may not set', () => {
  const pod = examples.examplePod();
  pod.status = { phase: 'Running', podIP: '10.0.0.1' };
  strategies.podStrategy.prepareForCreate?.(pod);
  assert.deepEqual(pod.status, { phase: 'Pending', qosClass: 'Burstable' });

  const guaranteed: ApiObject = {
    metadata: { name: 'g' },
    spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' } } }] },
  };
  strategies.podStrategy.prepareForCreate?.(guaranteed);
  assert.equal((guaranteed['status'] as { qosClass: string }).qosClass, 'Guaranteed');

  const svc = examples.exampleService();
  svc.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } };
  strategies.serviceStrategy.prepareForCreate?.(svc);
  assert.deepEqual(svc.status, { loadBalancer: {} });

  const ns = examples.exampleNamespace();
  ns.spec = { finalizers: ['example.com/cleanup'] };
  strategies.namespaceStrategy.prepareForCreate?.(ns);
  assert.deepEqual(ns.spec, { finalizers: ['example.com/cleanup', 'kubernetes'] });
  assert.deepEqual(ns.status, { phase: 'Active' });

  const rc = examples.exampleReplicationController();
  rc.status = { replicas: 7 };
  strategies.replicationControllerStrategy.prepareForCreate?.(rc);
  assert.deepEqual(rc.status, { replicas: 0 });

  const node = examples.exampleNode();
  const status = structuredClone(node.status);
  strategies.nodeStrategy.prepareForCreate?.(node);
  assert.deepEqual(node.status, status, 'a kubelet registers its node with status');

  for (const [strategy, make] of [
    [strategies.persistentVolumeStrategy, examples.examplePersistentVolume],
    [strategies.persistentVolumeClaimStrategy, examples.examplePersistentVolumeClaim],
  ] as const) {
    const obj: ApiObject = make();
    obj['status'] = { phase: 'Bound' };
    strategy.prepareForCreate?.(obj);
    assert.deepEqual(obj['status'], { phase: 'Pending' });
  }
});

test('selectable fields name what Kubernetes lets a field selector name', () => {
  const pod = examples.examplePod();
  create(strategies.podStrategy, pod);
  pod.spec!.nodeName = 'node-1';
  pod.status = { ...pod.status, podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], nominatedNodeName: '' };
  assert.deepEqual(strategies.podStrategy.selectableFields?.(pod), {
    'spec.nodeName': 'node-1', 'spec.restartPolicy': 'Always', 'spec.schedulerName': 'default-scheduler',
    'spec.serviceAccountName': 'web', 'spec.hostNetwork': 'false', 'status.phase': 'Pending',
    'status.podIP': '10.244.1.5', 'status.nominatedNodeName': '',
  });
  assert.deepEqual(strategies.eventStrategy.selectableFields?.(examples.exampleEvent()), {
    'involvedObject.kind': 'Pod', 'involvedObject.namespace': 'default', 'involvedObject.name': 'web-0',
    'involvedObject.uid': 'u-1', 'involvedObject.apiVersion': 'v1', 'involvedObject.resourceVersion': '',
    'involvedObject.fieldPath': 'spec.containers{web}', reason: 'Pulled', reportingComponent: '', source: 'kubelet', type: 'Normal',
  });
  const secret = examples.exampleSecret();
  strategies.secretStrategy.defaults(secret);
  assert.deepEqual(strategies.secretStrategy.selectableFields?.(secret), { type: 'Opaque' });
  const ns = examples.exampleNamespace();
  create(strategies.namespaceStrategy, ns);
  assert.deepEqual(strategies.namespaceStrategy.selectableFields?.(ns), { 'status.phase': 'Active', name: 'team-a' });
  const node = examples.exampleNode();
  node.spec = { unschedulable: true };
  assert.deepEqual(strategies.nodeStrategy.selectableFields?.(node), { 'spec.unschedulable': 'true' });
  const rc = examples.exampleReplicationController();
  create(strategies.replicationControllerStrategy, rc);
  assert.deepEqual(strategies.replicationControllerStrategy.selectableFields?.(rc), { 'status.replicas': '0' });
});

test('no strategy throws on objects of the wrong shape', () => {
  const shapes: unknown[] = [
    { spec: null, status: null, data: null },
    { spec: 'x', status: 3, data: [1], subsets: 'x', involvedObject: null, target: 5 },
    { spec: { containers: [null, 'x', { ports: 'x', env: [null], resources: 'x', volumeMounts: [3] }], volumes: 'x', template: 'x', ports: [null] } },
    { spec: { template: { metadata: null, spec: { containers: [{ livenessProbe: { httpGet: null, exec: 'x' } }] } }, selector: 'x', capacity: 'x', taints: [null] } },
    { spec: { resources: null, accessModes: 'x', clusterIPs: 'x', ipFamilies: 'x', sessionAffinityConfig: 'x', podCIDRs: [1] } },
  ];
  for (const [kind, strategy] of kinds) {
    for (const shape of shapes) {
      const obj = { metadata: { name: 'x', namespace: 'default' }, ...(shape as object) } as ApiObject;
      assert.doesNotThrow(() => {
        strategy.prepareForCreate?.(obj);
        strategy.defaults(obj);
        strategy.validate(obj);
        strategy.validateUpdate?.(obj, structuredClone(obj));
        strategy.selectableFields?.(obj);
      }, `${kind} with ${JSON.stringify(shape)}`);
    }
  }
});
