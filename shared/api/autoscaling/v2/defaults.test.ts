import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultHorizontalPodAutoscaler } from './defaults.js';
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec } from './hpa.js';

const cpu80 = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };
const ref = { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' };

test('defaultHorizontalPodAutoscaler fills what Kubernetes fills, and twice changes nothing more', () => {
  const cases: { name: string; spec: Partial<HorizontalPodAutoscalerSpec>; want: unknown }[] = [
    { name: 'bare', spec: { scaleTargetRef: ref, maxReplicas: 5 },
      want: { scaleTargetRef: ref, maxReplicas: 5, minReplicas: 1, metrics: [cpu80] } },
    { name: 'given metric and minimum',
      spec: { scaleTargetRef: ref, maxReplicas: 5, minReplicas: 2,
        metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }] },
      want: { scaleTargetRef: ref, maxReplicas: 5, minReplicas: 2,
        metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }] } },
    { name: 'empty metrics list', spec: { scaleTargetRef: ref, maxReplicas: 5, metrics: [] },
      want: { scaleTargetRef: ref, maxReplicas: 5, minReplicas: 1, metrics: [cpu80] } },
    { name: 'partial behavior', spec: { scaleTargetRef: ref, maxReplicas: 5, metrics: [cpu80 as never],
      behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } },
      want: { scaleTargetRef: ref, maxReplicas: 5, minReplicas: 1, metrics: [cpu80], behavior: {
        scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
        scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [
          { type: 'Percent', value: 100, periodSeconds: 15 }] } } } },
  ];
  for (const c of cases) {
    const hpa: HorizontalPodAutoscaler = { metadata: { name: 'web' }, spec: structuredClone(c.spec) as HorizontalPodAutoscalerSpec };
    defaultHorizontalPodAutoscaler(hpa);
    assert.deepEqual(hpa.spec, c.want, c.name);
    const again = structuredClone(hpa);
    defaultHorizontalPodAutoscaler(again);
    assert.deepEqual(again, hpa, `${c.name} (twice)`);
  }
});
