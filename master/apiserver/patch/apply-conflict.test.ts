import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApplyConflictError } from './apply-conflict.js';

test('formats one conflict and many as Kubernetes does', () => {
  const csa = 'conflict with "kubectl-client-side-apply" using apps/v1';
  const cases: { conflicts: { manager: string; field: string; message: string }[]; want: string }[] = [
    {
      conflicts: [{ manager: 'kubectl-client-side-apply', field: '.spec.replicas', message: csa }],
      want: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    },
    {
      conflicts: [
        { manager: 'kubectl-client-side-apply', field: '.spec.replicas', message: csa },
        { manager: 'helm', field: '.data.a', message: 'conflict with "helm"' },
        { manager: 'kubectl-client-side-apply', field: '.spec.paused', message: csa },
      ],
      want:
        'Apply failed with 3 conflicts: conflicts with "helm":\n- .data.a\n' +
        'conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.paused',
    },
  ];
  for (const c of cases) {
    const err = new ApplyConflictError(c.conflicts);
    assert.equal(err.message, c.want);
    assert.equal(err.name, 'ApplyConflictError');
    assert.deepEqual(err.conflicts, c.conflicts);
  }
});
