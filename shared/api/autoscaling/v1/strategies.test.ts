import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../validation/field-error.js';
import type { HorizontalPodAutoscalerV1 } from './hpa.js';
import { horizontalPodAutoscalerV1Strategy as strategy } from './strategies.js';

const hpa = (spec: Partial<NonNullable<HorizontalPodAutoscalerV1['spec']>>): HorizontalPodAutoscalerV1 => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, ...spec },
});

test('the v1 strategy defaults minReplicas only, idempotently', () => {
  const obj = hpa({});
  strategy.defaults(obj);
  assert.deepEqual(obj.spec, { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, minReplicas: 1 });
  const again = structuredClone(obj);
  strategy.defaults(again);
  assert.deepEqual(again, obj);
});

test('the v1 strategy validates the v2 form, naming v2 fields as Kubernetes does', () => {
  const cases: { name: string; obj: HorizontalPodAutoscalerV1; want: string[] }[] = [
    { name: 'valid', obj: hpa({ minReplicas: 1, targetCPUUtilizationPercentage: 50 }), want: [] },
    { name: 'zero CPU target', obj: hpa({ minReplicas: 1, targetCPUUtilizationPercentage: 0 }),
      want: ['spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0'] },
    { name: 'max under min', obj: hpa({ minReplicas: 4 }),
      want: ['spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`'] },
  ];
  for (const c of cases) assert.deepEqual(strategy.validate(c.obj).map(formatFieldError), c.want, c.name);
});
