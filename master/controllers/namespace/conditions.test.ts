import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deletionConditions, type ContentTotals } from './conditions.js';

const clean: ContentTotals = { remaining: new Map(), finalizers: new Map(), errors: [], estimateSeconds: 0 };
const busy: ContentTotals = {
  remaining: new Map([['pods.', 2], ['deployments.apps', 1]]),
  finalizers: new Map([['foregroundDeletion', 1]]),
  errors: ['unexpected items still remain in namespace: x for gvr: apps/v1, Resource=deployments'],
  estimateSeconds: 30,
};

test('reports every deletion condition False with Kubernetes\' reasons when all went well', () => {
  const { conditions, changed } = deletionConditions([], clean, 'T1');
  assert.ok(changed);
  assert.deepEqual(conditions.map((c) => [c.type, c.status, c.reason, c.message]), [
    ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
    ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
    ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
    ['NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed'],
    ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
  ]);
  assert.ok(conditions.every((c) => c.lastTransitionTime === 'T1'));
});

test('reports what remains, what holds it and what failed, in Kubernetes\' words', () => {
  const { conditions } = deletionConditions([], busy, 'T1');
  const byType = Object.fromEntries(conditions.map((c) => [c.type, c]));
  assert.deepEqual(byType['NamespaceContentRemaining'], {
    type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', lastTransitionTime: 'T1',
    message: 'Some resources are remaining: deployments.apps has 1 resource instances, pods. has 2 resource instances',
  });
  assert.equal(byType['NamespaceFinalizersRemaining']?.message, 'Some content in the namespace has finalizers remaining: foregroundDeletion in 1 resource instances');
  assert.equal(byType['NamespaceFinalizersRemaining']?.reason, 'SomeFinalizersRemain');
  assert.equal(byType['NamespaceDeletionContentFailure']?.message,
    'Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: x for gvr: apps/v1, Resource=deployments');
  assert.equal(byType['NamespaceDeletionContentFailure']?.reason, 'ContentDeletionFailed');
});

test('moves lastTransitionTime only when a status flips, and reports no change when nothing changed', () => {
  const first = deletionConditions([{ type: 'Other', status: 'True' }], busy, 'T1').conditions;
  const same = deletionConditions(first, busy, 'T2');
  assert.equal(same.changed, false);
  const after = deletionConditions(first, clean, 'T3').conditions;
  assert.equal(after.find((c) => c.type === 'NamespaceContentRemaining')?.lastTransitionTime, 'T3');
  assert.equal(after.find((c) => c.type === 'NamespaceDeletionDiscoveryFailure')?.lastTransitionTime, 'T1');
  assert.deepEqual(after[0], { type: 'Other', status: 'True' });
});
