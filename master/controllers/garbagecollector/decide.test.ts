import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiObject, OwnerReference } from '../../../shared/api/meta.js';
import { decideAction, type ClassifiedRef, type GcAction, type OwnerState } from './decide.js';

const ref = (uid: string, block = false): OwnerReference =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', name: uid, uid, ...(block ? { blockOwnerDeletion: true } : {}) });
const c = (uid: string, state: OwnerState, block = false): ClassifiedRef => ({ ref: ref(uid, block), state });
const plain: ApiObject = { metadata: { name: 'x', uid: 'x' } };
const withFinalizer = (f: string): ApiObject => ({ metadata: { name: 'x', uid: 'x', finalizers: [f] } });
const none = { hasDependents: false, dependentDeletingDependents: false };

test('decides from the owners\' states as Kubernetes does', () => {
  const cases: [string, ApiObject, ClassifiedRef[], typeof none, GcAction][] = [
    ['no owners', plain, [], none, { type: 'keep' }],
    ['an owner exists', plain, [c('a', 'solid')], none, { type: 'keep' }],
    ['an owner exists, another is gone', plain, [c('a', 'solid'), c('b', 'dangling')], none, { type: 'removeOwnerRefs', uids: ['b'] }],
    ['an owner exists, another waits in the foreground', plain, [c('a', 'waiting'), c('b', 'solid')], none, { type: 'removeOwnerRefs', uids: ['a'] }],
    ['an owner cannot be checked', plain, [c('a', 'unresolvable'), c('b', 'dangling')], none, { type: 'keep' }],
    ['every owner is gone', plain, [c('a', 'dangling'), c('b', 'dangling')], none, { type: 'delete', policy: 'Background', unblockFirst: false }],
    ['gone, with an orphan finalizer', withFinalizer('orphan'), [c('a', 'dangling')], none, { type: 'delete', policy: 'Orphan', unblockFirst: false }],
    ['gone, with a foreground finalizer', withFinalizer('foregroundDeletion'), [c('a', 'dangling')], none, { type: 'delete', policy: 'Foreground', unblockFirst: false }],
    ['the owner waits, the reference blocks', plain, [c('a', 'waiting', true)], none, { type: 'delete', policy: 'Foreground', unblockFirst: false }],
    ['the owner waits, the reference does not block', plain, [c('a', 'waiting')], none, { type: 'delete', policy: 'Background', unblockFirst: false }],
    ['the owner waits and the object owns others', plain, [c('a', 'waiting')], { hasDependents: true, dependentDeletingDependents: false },
      { type: 'delete', policy: 'Foreground', unblockFirst: false }],
    ['a cycle of foreground deletions', plain, [c('a', 'waiting', true)], { hasDependents: true, dependentDeletingDependents: true },
      { type: 'delete', policy: 'Foreground', unblockFirst: true }],
  ];
  for (const [what, o, refs, facts, want] of cases) assert.deepEqual(decideAction(o, refs, facts), want, what);
});
