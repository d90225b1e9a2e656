import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../../validation/field-error.js';
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, MetricSpec } from '../hpa.js';
import { validateHorizontalPodAutoscaler } from './hpa.js';

const cpu = (u: number): MetricSpec => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: u } } });

const hpa = (spec: Partial<HorizontalPodAutoscalerSpec>): HorizontalPodAutoscaler => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5,
    metrics: [cpu(50)], ...spec },
});

const problems = (h: HorizontalPodAutoscaler): string[] => validateHorizontalPodAutoscaler(h).map(formatFieldError);

test('an HPA with every kind of metric and a behavior is valid', () => {
  assert.deepEqual(problems(hpa({
    metrics: [
      cpu(50),
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } },
      { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } },
      { type: 'Pods', pods: { metric: { name: 'packets-per-second' }, target: { type: 'AverageValue', averageValue: '1k' } } },
      { type: 'Object', object: { describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' },
        metric: { name: 'requests-per-second' }, target: { type: 'Value', value: '10k' } } },
      { type: 'External', external: { metric: { name: 'queue_messages', selector: { matchLabels: { queue: 'jobs' } } },
        target: { type: 'AverageValue', averageValue: 30 } } },
    ],
    behavior: { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
  })), []);
});

test('each HPA spec rule reports its field and Kubernetes message', () => {
  const cases: { name: string; spec: Partial<HorizontalPodAutoscalerSpec>; want: string[] }[] = [
    { name: 'zero minimum', spec: { minReplicas: 0 },
      want: ['spec.minReplicas: Invalid value: 0: must be greater than or equal to 1'] },
    { name: 'zero maximum', spec: { maxReplicas: 0 },
      want: ['spec.maxReplicas: Invalid value: 0: must be greater than 0',
        'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`'] },
    { name: 'maximum under minimum', spec: { minReplicas: 3, maxReplicas: 2 },
      want: ['spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`'] },
    { name: 'no target', spec: { scaleTargetRef: { kind: '', name: '' } },
      want: ['spec.scaleTargetRef.kind: Required value', 'spec.scaleTargetRef.name: Required value'] },
    { name: 'target name with a slash', spec: { scaleTargetRef: { kind: 'Deployment', name: 'a/b' } },
      want: ['spec.scaleTargetRef.name: Invalid value: "a/b": may not contain \'/\''] },
  ];
  for (const c of cases) assert.deepEqual(problems(hpa(c.spec)), c.want, c.name);
});

test('each metric rule reports its field and Kubernetes message', () => {
  const cases: { name: string; metric: unknown; want: string[] }[] = [
    { name: 'zero utilization', metric: cpu(0),
      want: ['spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0'] },
    { name: 'no resource target', metric: { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } },
      want: ['spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization'] },
    { name: 'both resource targets', metric: { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50, averageValue: '100m' } } },
      want: ['spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization'] },
    { name: 'negative value', metric: { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '-1' } } },
      want: ['spec.metrics[0].resource.target.averageValue: Invalid value: "-1": must be positive'] },
    { name: 'unknown target type', metric: { type: 'Resource', resource: { name: 'cpu', target: { type: 'Percent', averageUtilization: 5 } } },
      want: ['spec.metrics[0].resource.target.type: Invalid value: "Percent": must be either Utilization, Value, or AverageValue'] },
    { name: 'source missing', metric: { type: 'Pods' },
      want: ['spec.metrics[0].pods: Required value: must populate information for the given metric source'] },
    { name: 'two sources', metric: { ...cpu(50), pods: { metric: { name: 'x' }, target: { type: 'AverageValue', averageValue: '1' } } },
      want: ['spec.metrics[0].pods: Forbidden: must populate the given metric source only'] },
    { name: 'unknown type, reported twice as Kubernetes does', metric: { ...cpu(50), type: 'Custom' },
      want: [
        'spec.metrics[0].type: Unsupported value: "Custom": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
        'spec.metrics[0].type: Unsupported value: "Custom": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
      ] },
    { name: 'pods without average', metric: { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'Value', value: '1' } } },
      want: ['spec.metrics[0].pods.target.averageValue: Required value: must specify a positive target averageValue'] },
    { name: 'external with both', metric: { type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value', value: '1', averageValue: '1' } } },
      want: ['spec.metrics[0].external.target.value: Forbidden: may not set both a target value for metric and a per-pod target'] },
    { name: 'object without name', metric: { type: 'Object', object: { describedObject: { kind: 'Ingress', name: 'i' }, metric: { name: '' }, target: { type: 'Value', value: '1' } } },
      want: ['spec.metrics[0].object.metric.name: Required value: must specify a metric name'] },
    { name: 'container resource without container', metric: { type: 'ContainerResource', containerResource: { name: 'cpu', container: '', target: { type: 'Utilization', averageUtilization: 5 } } },
      want: ['spec.metrics[0].containerResource.container: Required value: must specify a container'] },
    { name: 'container resource not standard', metric: { type: 'ContainerResource', containerResource: { name: 'gpu', container: 'app', target: { type: 'Utilization', averageUtilization: 5 } } },
      want: ['spec.metrics[0].containerResource.name: Invalid value: "gpu": must be a standard resource for containers'] },
  ];
  for (const c of cases) assert.deepEqual(problems(hpa({ metrics: [c.metric as MetricSpec] })), c.want, c.name);
});

test('each behavior rule reports its field and Kubernetes message', () => {
  const cases: { name: string; rules: unknown; want: string[] }[] = [
    { name: 'no policies', rules: { selectPolicy: 'Max' },
      want: ['spec.behavior.scaleUp.policies: Required value: must specify at least one Policy'] },
    { name: 'long window', rules: { stabilizationWindowSeconds: 3601, policies: [{ type: 'Pods', value: 1, periodSeconds: 1 }] },
      want: ['spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600'] },
    { name: 'bad select policy', rules: { selectPolicy: 'Avg', policies: [{ type: 'Pods', value: 1, periodSeconds: 1 }] },
      want: ['spec.behavior.scaleUp.selectPolicy: Unsupported value: "Avg": supported values: "Disabled", "Max", "Min"'] },
    { name: 'bad policy', rules: { policies: [{ type: 'Replicas', value: 0, periodSeconds: 1801 }] },
      want: ['spec.behavior.scaleUp.policies[0].type: Unsupported value: "Replicas": supported values: "Percent", "Pods"',
        'spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
        'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800'] },
  ];
  for (const c of cases) {
    assert.deepEqual(problems(hpa({ behavior: { scaleUp: c.rules as never } })), c.want, c.name);
  }
});
