import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HorizontalPodAutoscalerV1 } from '../../../shared/api/autoscaling/v1/hpa.js';
import type { HorizontalPodAutoscaler } from '../../../shared/api/autoscaling/v2/hpa.js';
import { columns, rowCells } from './horizontalpodautoscalers.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');
const metadata = { name: 'web', namespace: 'default', creationTimestamp: '2026-11-25T04:42:54Z' };
const scaleTargetRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

test('hpa columns are the real server\'s', () => {
  assert.deepEqual(columns.map((c) => c.name), ['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']);
});

test('hpa rows show each metric as current/target', () => {
  const cases: [string, HorizontalPodAutoscaler | HorizontalPodAutoscalerV1, TableCell[]][] = [
    [
      'a CPU utilization target with a current value',
      {
        metadata,
        spec: {
          scaleTargetRef,
          minReplicas: 1,
          maxReplicas: 10,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
        },
        status: {
          currentReplicas: 3,
          desiredReplicas: 3,
          currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 42, averageValue: '120m' } } }],
        },
      },
      ['web', 'Deployment/web', 'cpu: 42%/80%', '1', 10, 3, '60m'],
    ],
    [
      'no metrics read yet, and more metrics than fit',
      {
        metadata,
        spec: {
          scaleTargetRef,
          maxReplicas: 5,
          metrics: [
            { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
            { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1.5Gi' } } },
            { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } },
          ],
        },
        status: { desiredReplicas: 0 },
      },
      ['web', 'Deployment/web', 'cpu: <unknown>/50%, memory: <unknown>/1536Mi + 1 more...', '<unset>', 5, 0, '60m'],
    ],
    [
      'pods, object and external metrics',
      {
        metadata,
        spec: {
          scaleTargetRef,
          minReplicas: 2,
          maxReplicas: 4,
          metrics: [
            { type: 'Object', object: { describedObject: { kind: 'Ingress', name: 'main' }, metric: { name: 'rps' }, target: { type: 'Value', value: '10k' } } },
            { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } },
          ],
        },
        status: {
          currentReplicas: 2,
          desiredReplicas: 2,
          currentMetrics: [
            { type: 'Object', object: { describedObject: { kind: 'Ingress', name: 'main' }, metric: { name: 'rps' }, current: { value: '2500' } } },
            { type: 'External', external: { metric: { name: 'queue' }, current: { averageValue: '12' } } },
          ],
        },
      },
      ['web', 'Deployment/web', '2500/10k, 12/30 (avg)', '2', 4, 2, '60m'],
    ],
    [
      'an autoscaling/v1 object',
      {
        metadata,
        spec: { scaleTargetRef, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 70 },
        status: { currentReplicas: 1, desiredReplicas: 1, currentCPUUtilizationPercentage: 15 },
      },
      ['web', 'Deployment/web', 'cpu: 15%/70%', '1', 3, 1, '60m'],
    ],
    [
      'no metrics at all',
      { metadata, spec: { scaleTargetRef, maxReplicas: 3 } },
      ['web', 'Deployment/web', '<none>', '<unset>', 3, 0, '60m'],
    ],
  ];
  for (const [name, obj, want] of cases) {
    assert.deepEqual(rowCells(obj, now), want, name);
  }
});
