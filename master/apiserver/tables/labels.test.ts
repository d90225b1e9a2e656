import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LabelSelector } from '../../../shared/api/meta.js';
import { formatLabels, formatLabelSelector, labelSelectorString } from './labels.js';

test('formatLabels sorts keys and prints <none> for no labels', () => {
  const cases: [Record<string, string> | undefined, string][] = [
    [{ tier: 'web', app: 'nginx' }, 'app=nginx,tier=web'],
    [{ 'node-role.kubernetes.io/control-plane': '' }, 'node-role.kubernetes.io/control-plane='],
    [{}, '<none>'],
    [undefined, '<none>'],
  ];
  for (const [labels, want] of cases) assert.equal(formatLabels(labels), want);
});

test('label selectors print requirements sorted by key, values sorted', () => {
  const cases: [LabelSelector | undefined, string | undefined, string][] = [
    [undefined, '', '<none>'],
    [{}, '', '<none>'],
    [{ matchLabels: { app: 'nginx' } }, 'app=nginx', 'app=nginx'],
    [
      {
        matchLabels: { tier: 'web', app: 'nginx' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'canary'] },
          { key: 'zone', operator: 'NotIn', values: ['b'] },
          { key: 'beta', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      },
      'app=nginx,beta,env in (canary,prod),!legacy,tier=web,zone notin (b)',
      'app=nginx,beta,env in (canary,prod),!legacy,tier=web,zone notin (b)',
    ],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: [] }] }, undefined, '<error>'],
    [{ matchExpressions: [{ key: 'env', operator: 'Exists', values: ['x'] }] }, undefined, '<error>'],
  ];
  for (const [sel, want, formatted] of cases) {
    assert.equal(labelSelectorString(sel), want, JSON.stringify(sel));
    assert.equal(formatLabelSelector(sel), formatted, JSON.stringify(sel));
  }
});
