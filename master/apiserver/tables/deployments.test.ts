import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import { columns, rowCells } from './deployments.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');

function deployment(fields: Partial<Deployment>): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', namespace: 'default', creationTimestamp: '2026-11-25T04:42:54Z' },
    ...fields,
  };
}

test('deployment columns are the real server\'s', () => {
  assert.deepEqual(
    columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Up-to-date', 'string', 0],
      ['Available', 'string', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
  );
});

test('deployment rows show ready/desired, counts, containers and selector', () => {
  const cases: [string, Deployment, TableCell[]][] = [
    [
      'a rolling deployment with two of three ready',
      deployment({
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'nginx' } },
          template: {
            metadata: { labels: { app: 'nginx' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'busybox:1.36' }] },
          },
        },
        status: { replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2 },
      }),
      ['nginx', '2/3', 1, 2, '60m', 'nginx,log', 'nginx:1.27,busybox:1.36', 'app=nginx'],
    ],
    [
      'a fresh deployment with no status and an expression selector',
      deployment({
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] },
          template: { spec: { containers: [{ name: 'web', image: 'web:1' }] } },
        },
      }),
      ['nginx', '0/2', 0, 0, '60m', 'web', 'web:1', 'app=web,tier in (be,fe)'],
    ],
    [
      'a deployment scaled to zero with an empty selector',
      deployment({ spec: { replicas: 0, selector: {}, template: { spec: { containers: [] } } }, status: {} }),
      ['nginx', '0/0', 0, 0, '60m', '', '', ''],
    ],
    [
      'a deployment with an invalid selector',
      deployment({ spec: { replicas: 1, selector: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] } } }),
      ['nginx', '0/1', 0, 0, '60m', '', '', '<invalid>'],
    ],
  ];
  for (const [name, obj, want] of cases) {
    assert.deepEqual(rowCells(obj, now), want, name);
  }
});
