import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../../validation/field-error.js';
import { defaultPod } from '../defaults.js';
import type { Pod, PodSpec } from '../pod.js';
import { validatePodUpdate } from './pod-update.js';

const updatable = 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
  '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function running(): Pod {
  const pod: Pod = {
    metadata: { name: 'web', namespace: 'default', uid: 'u1' },
    spec: {
      containers: [{ name: 'web', image: 'nginx:1.26', ports: [{ containerPort: 80 }] }],
      initContainers: [{ name: 'init', image: 'busybox:1.36' }],
      activeDeadlineSeconds: 600,
      tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
      nodeName: 'node-1',
    },
  };
  defaultPod(pod);
  return pod;
}

type Case = readonly [string, (spec: PodSpec) => void, readonly string[]];

const cases: readonly Case[] = [
  ['a new image', (s) => { s.containers[0]!.image = 'nginx:1.27'; }, []],
  ['a new init image', (s) => { s.initContainers![0]!.image = 'busybox:1.37'; }, []],
  ['a shorter deadline', (s) => { s.activeDeadlineSeconds = 300; }, []],
  ['a longer deadline', (s) => { s.activeDeadlineSeconds = 900; }, [
    'spec.activeDeadlineSeconds: Invalid value: 900: must be less than or equal to previous value',
  ]],
  ['a removed deadline', (s) => { delete s.activeDeadlineSeconds; }, [
    'spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value',
  ]],
  ['an added toleration', (s) => { s.tolerations!.push({ key: 'other', operator: 'Exists' }); }, []],
  ['a changed tolerationSeconds', (s) => { s.tolerations![0]!.tolerationSeconds = 30; }, []],
  ['a changed toleration', (s) => { s.tolerations![0]!.key = 'other'; }, [
    'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
  ]],
  ['an added container', (s) => { s.containers.push({ name: 'b', image: 'x' }); }, [
    'spec.containers: Forbidden: pod updates may not add or remove containers',
  ]],
];

test('a pod update may change only what Kubernetes allows', () => {
  for (const [name, mutate, want] of cases) {
    const old = running();
    const pod = structuredClone(old);
    mutate(pod.spec as PodSpec);
    assert.deepEqual(validatePodUpdate(pod, old).map(formatFieldError), want, name);
  }
});

test('any other change is refused with Kubernetes\' message and a diff', () => {
  const changes: Array<[string, (s: PodSpec) => void, string]> = [
    ['a port', (s) => { s.containers[0]!.ports![0]!.containerPort = 8080; }, '  spec.containers[0].ports[0].containerPort: 80 -> 8080'],
    ['the node', (s) => { s.nodeName = 'node-2'; }, '  spec.nodeName: "node-1" -> "node-2"'],
    ['the grace period', (s) => { s.terminationGracePeriodSeconds = 5; }, '  spec.terminationGracePeriodSeconds: 30 -> 5'],
    ['the restart policy', (s) => { s.restartPolicy = 'Never'; }, '  spec.restartPolicy: "Always" -> "Never"'],
  ];
  for (const [name, mutate, diff] of changes) {
    const old = running();
    const pod = structuredClone(old);
    mutate(pod.spec as PodSpec);
    const errs = validatePodUpdate(pod, old).map(formatFieldError);
    assert.deepEqual(errs, [`spec: Forbidden: ${updatable}\n${diff}`], name);
  }
});

test('a negative grace period may be set to 1', () => {
  const old = running();
  old.spec!.terminationGracePeriodSeconds = -1;
  const pod = structuredClone(old);
  pod.spec!.terminationGracePeriodSeconds = 1;
  assert.deepEqual(validatePodUpdate(pod, old), []);
});

test('the mirror pod annotation may not be added or removed', () => {
  const old = running();
  const pod = structuredClone(old);
  pod.metadata.annotations = { 'kubernetes.io/config.mirror': 'x' };
  assert.deepEqual(validatePodUpdate(pod, old).map(formatFieldError), [
    'metadata.annotations[kubernetes.io/config.mirror]: Forbidden: may not add mirror pod annotation',
  ]);
});
