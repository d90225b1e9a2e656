import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HorizontalPodAutoscaler } from '../v2/hpa.js';
import { hpaV1ToV2, hpaV2ToV1, metricSpecsAnnotation } from './conversion.js';
import type { HorizontalPodAutoscalerV1 } from './hpa.js';

const ref = { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' };
const cpu = (u: number) => ({ type: 'Resource' as const, resource: { name: 'cpu', target: { type: 'Utilization' as const, averageUtilization: u } } });

/** What `kubectl autoscale deploy web --max=3 --cpu-percent=50` sends as autoscaling/v1. */
const kubectlAutoscale: HorizontalPodAutoscalerV1 = {
  kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v1',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: null },
  spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50 },
  status: { currentReplicas: 0, desiredReplicas: 0 },
};

test('a v1 CPU target becomes a v2 Resource cpu Utilization metric', () => {
  assert.deepEqual(hpaV1ToV2(kubectlAutoscale), {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: null },
    spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 3, metrics: [cpu(50)] },
    status: { desiredReplicas: 0, currentMetrics: null },
  });
});

test('a v1 HPA without a target gets the 80% CPU metric v1 always implied', () => {
  const { targetCPUUtilizationPercentage: _, ...spec } = kubectlAutoscale.spec!;
  assert.deepEqual(hpaV1ToV2({ ...kubectlAutoscale, spec }).spec?.metrics, [cpu(80)]);
});

const full: HorizontalPodAutoscaler = {
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default', annotations: { team: 'a' } },
  spec: {
    scaleTargetRef: ref, minReplicas: 2, maxReplicas: 10,
    metrics: [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } },
      { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '1k' } } },
      { type: 'External', external: { metric: { name: 'queue', selector: { matchLabels: { q: 'jobs' } } },
        target: { type: 'Value', value: '30' } } },
      { type: 'Object', object: { describedObject: { kind: 'Ingress', name: 'main', apiVersion: 'networking.k8s.io/v1' },
        metric: { name: 'hits' }, target: { type: 'AverageValue', value: '0', averageValue: '10' } } },
      cpu(60),
    ],
    behavior: { scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] } },
  },
  status: {
    observedGeneration: 3, lastScaleTime: '2026-11-25T06:00:00Z', currentReplicas: 2, desiredReplicas: 3,
    currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 75, averageValue: '150m' } } }],
    conditions: [{ type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', lastTransitionTime: '2026-11-25T06:00:00Z' }],
  },
};

test('v2 to v1 keeps the CPU target in the spec and everything else in annotations', () => {
  const v1 = hpaV2ToV1(full);
  assert.deepEqual(v1.spec, { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 60 });
  assert.deepEqual(v1.status, { observedGeneration: 3, lastScaleTime: '2026-11-25T06:00:00Z', currentReplicas: 2,
    desiredReplicas: 3, currentCPUUtilizationPercentage: 75 });
  const annotations = v1.metadata.annotations ?? {};
  assert.deepEqual(Object.keys(annotations).sort(), [
    'autoscaling.alpha.kubernetes.io/behavior', 'autoscaling.alpha.kubernetes.io/conditions',
    'autoscaling.alpha.kubernetes.io/current-metrics', 'autoscaling.alpha.kubernetes.io/metrics', 'team']);
  assert.deepEqual(JSON.parse(annotations[metricSpecsAnnotation] ?? '')[0],
    { type: 'Resource', resource: { name: 'memory', targetAverageValue: '500Mi' } });
});

test('v2 to v1 and back gives the same object', () => {
  assert.deepEqual(hpaV1ToV2(hpaV2ToV1(full)), full);
  const v1 = hpaV2ToV1(hpaV1ToV2(kubectlAutoscale));
  assert.deepEqual(v1, { ...kubectlAutoscale, apiVersion: 'autoscaling/v1' });
});

test('stale round-trip annotations on the stored form are replaced, broken ones are kept', () => {
  const stale = structuredClone(full);
  stale.metadata.annotations = { [metricSpecsAnnotation]: '[]', team: 'a' };
  stale.spec!.metrics = [cpu(60)];
  stale.spec!.behavior = undefined;
  stale.status = { desiredReplicas: 0, currentMetrics: null };
  assert.deepEqual(hpaV2ToV1(stale).metadata.annotations, { team: 'a' });
  const broken = { ...kubectlAutoscale, metadata: { name: 'web', annotations: { [metricSpecsAnnotation]: '{not json' } } };
  assert.deepEqual(hpaV1ToV2(broken).metadata.annotations, { [metricSpecsAnnotation]: '{not json' });
});
