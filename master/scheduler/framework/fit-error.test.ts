import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DefaultPreemption } from '../plugins/default-preemption.js';
import { CycleState } from './cycle-state.js';
import { fitErrorMessage } from './fit-error.js';
import type { Diagnosis } from './plugin.js';
import { unresolvable, unschedulable, type Status } from './status.js';

const diagnosis = (statuses: Record<string, Status>): Diagnosis =>
  ({ numAllNodes: Object.keys(statuses).length, nodeStatuses: new Map(Object.entries(statuses)), preFilterMessage: '' });

test('counts each reason over nodes and sorts them, as Kubernetes words it', () => {
  const d = diagnosis({
    a: unschedulable('Insufficient cpu'),
    b: unschedulable('Insufficient cpu'),
    c: unresolvable('node(s) had untolerated taint {k: v}'),
  });
  assert.equal(fitErrorMessage(d), '0/3 nodes are available: 1 node(s) had untolerated taint {k: v}, 2 Insufficient cpu.');
});

test('a node with several reasons counts in each', () => {
  const d = diagnosis({ a: unschedulable('Insufficient cpu', 'Insufficient memory'), b: unschedulable('Insufficient cpu') });
  assert.equal(fitErrorMessage(d), '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.');
});

test('the preemption sentence follows, as DefaultPreemption words it', () => {
  const d = diagnosis({ a: unschedulable('Insufficient cpu'), b: unschedulable('Insufficient cpu'), c: unresolvable('node(s) had untolerated taint {k: v}') });
  const post = new DefaultPreemption().postFilter(new CycleState(), { metadata: {} }, d)?.message ?? '';
  assert.equal(fitErrorMessage(d, post), '0/3 nodes are available: 1 node(s) had untolerated taint {k: v}, 2 Insufficient cpu. ' +
    'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.');
});

test('no nodes at all', () => {
  assert.equal(fitErrorMessage({ numAllNodes: 0, nodeStatuses: new Map(), preFilterMessage: '' }), '0/0 nodes are available:');
});
