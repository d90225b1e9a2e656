import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import type { Event } from '../../../shared/api/core/v1/event.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { ReplicationController } from '../../../shared/api/core/v1/replicationcontroller.js';
import { StatusError } from '../../../shared/api/errors.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { FakeClock } from '../../../shared/client/fake-clock.js';
import { ownerUidIndex } from '../../../shared/client/informer-factory.js';
import { Store } from '../../../shared/client/store.js';
import { recordingLog } from '../../../shared/client/test-log.js';
import { EventRecorder } from '../../../shared/client/event-recorder.js';
import { ControllerExpectations } from '../common/expectations.js';
import type { ReplicaApi } from './api.js';
import { replicaSetKind, replicationControllerKind, type ReplicaKind, type ReplicaStatus } from './kind.js';
import { syncReplicas, type ReplicaDeps } from './sync.js';

const signal = new AbortController().signal;

/** Records every write; creates get names and uids as the apiserver would give them. */
class RecordingApi implements ReplicaApi {
  readonly created: Pod[] = [];
  readonly deleted: string[] = [];
  readonly patches: { name: string; body: unknown }[] = [];
  readonly statuses: ReplicaStatus[] = [];
  failCreatesAfter = Infinity;
  private seq = 0;

  async createPod(namespace: string, pod: Pod): Promise<Pod> {
    if (this.created.length >= this.failCreatesAfter) throw new StatusError(403, 'Forbidden', 'pods "x" is forbidden: exceeded quota');
    const n = this.seq++;
    const made = { ...pod, metadata: { ...pod.metadata, namespace, name: `${pod.metadata.generateName ?? ''}${n}`, uid: `made-${n}` } };
    this.created.push(made);
    return made;
  }

  async deletePod(_namespace: string, name: string): Promise<void> {
    this.deleted.push(name);
  }

  async patchPod(_namespace: string, name: string, body: unknown): Promise<void> {
    this.patches.push({ name, body });
  }

  async updateStatus(owner: ApiObject): Promise<void> {
    this.statuses.push((owner as unknown as { status: ReplicaStatus }).status);
  }

  owner: ApiObject | undefined;

  async getOwner(): Promise<ApiObject> {
    if (this.owner === undefined) throw new StatusError(404, 'NotFound', 'not found');
    return this.owner;
  }
}

function rs(replicas: number, labels: Record<string, string> = { app: 'web' }): ReplicaSet {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'shop', uid: 'rs-uid', generation: 2, resourceVersion: '10' },
    spec: {
      replicas, selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'bosun/toolbox:1' }] } },
    },
    status: { replicas: 0 },
  };
}

interface PodOpts { owner?: string; node?: string; ready?: boolean; labels?: Record<string, string>; created?: string }
function pod(name: string, o: PodOpts = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: 'shop', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' }, resourceVersion: '1',
      creationTimestamp: o.created ?? '2026-11-25T05:00:00Z',
      ...(o.owner !== undefined ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: o.owner, controller: true }] } : {}),
    },
    spec: { containers: [{ name: 'main', image: 'bosun/toolbox:1' }], ...(o.node !== undefined ? { nodeName: o.node } : {}) },
    status: {
      phase: o.node !== undefined ? 'Running' : 'Pending',
      conditions: [{ type: 'Ready', status: o.ready === true ? 'True' : 'False', lastTransitionTime: '2026-11-25T05:00:00Z' }],
    },
  };
}

function setup(kind: ReplicaKind, owner: ApiObject, pods: Pod[] = [], burst?: number) {
  const clock = new FakeClock(new Date('2026-11-25T06:00:00Z'));
  const indexers = { [ownerUidIndex]: (o: ApiObject) => (o.metadata.ownerReferences ?? []).map((r) => r.uid) };
  const owners = new Store<ApiObject>({ indexers });
  owners.replace([owner]);
  const podStore = new Store<Pod>({ indexers });
  podStore.replace(pods);
  const api = new RecordingApi();
  api.owner = owner;
  const events: Event[] = [];
  const log = recordingLog();
  const recorder = new EventRecorder({ sink: { createEvent: async (e) => { events.push(e); } }, component: kind.component, clock, log });
  const expectations = new ControllerExpectations({ clock });
  const deps: ReplicaDeps = {
    kind, owners, pods: podStore, api, expectations, events: recorder, clock, log,
    ...(burst !== undefined ? { burst } : {}),
  };
  return { deps, api, events, recorder, expectations, podStore, clock };
}

test('creates the missing pods from the template with a controller reference, and expects them', async () => {
  const t = setup(replicaSetKind, rs(3), [pod('a', { owner: 'rs-uid', node: 'n1', ready: true })]);
  await syncReplicas(t.deps, 'shop/web', signal);
  assert.equal(t.api.created.length, 2);
  for (const p of t.api.created) {
    assert.equal(p.metadata.generateName, 'web-');
    assert.deepEqual(p.metadata.labels, { app: 'web' });
    assert.deepEqual(p.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }]);
  }
  assert.deepEqual(t.expectations.pending('shop/web'), { creations: 2, deletions: [] });
  assert.deepEqual(t.api.statuses, [{ replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 2 }]);
  await t.recorder.flush();
  assert.deepEqual(t.events.map((e) => e.reason), ['SuccessfulCreate', 'SuccessfulCreate']);
  assert.match(t.events[0]!.message ?? '', /^Created pod: web-\d$/);
});

test('creates nothing more while the cache has not shown the pods it already made', async () => {
  const t = setup(replicaSetKind, rs(3));
  await syncReplicas(t.deps, 'shop/web', signal);
  assert.equal(t.api.created.length, 3);
  await syncReplicas(t.deps, 'shop/web', signal);           // the cache still shows none
  assert.equal(t.api.created.length, 3);
  for (let i = 0; i < 3; i++) t.expectations.creationObserved('shop/web');
  await syncReplicas(t.deps, 'shop/web', signal);           // satisfied, but the cache still shows none
  assert.equal(t.api.created.length, 6);
});

test('a lost event cannot wedge the key: expectations expire after five minutes', async () => {
  const t = setup(replicaSetKind, rs(1));
  await syncReplicas(t.deps, 'shop/web', signal);
  await t.clock.advance(5 * 60_000 + 1);
  await syncReplicas(t.deps, 'shop/web', signal);
  assert.equal(t.api.created.length, 2);
});

test('deletes the least valuable pods first: unscheduled, then not ready, then newest', async () => {
  const pods = [
    pod('old-ready', { owner: 'rs-uid', node: 'n1', ready: true, created: '2026-11-25T01:00:00Z' }),
    pod('new-ready', { owner: 'rs-uid', node: 'n2', ready: true, created: '2026-11-25T03:00:00Z' }),
    pod('unready', { owner: 'rs-uid', node: 'n1', ready: false }),
    pod('unscheduled', { owner: 'rs-uid' }),
  ];
  const t = setup(replicaSetKind, rs(2), pods);
  await syncReplicas(t.deps, 'shop/web', signal);
  assert.deepEqual(t.api.deleted.sort(), ['unready', 'unscheduled']);
  assert.deepEqual([...t.expectations.pending('shop/web')?.deletions ?? []].sort(), ['uid-unready', 'uid-unscheduled']);
  const t2 = setup(replicaSetKind, rs(1), pods.slice(0, 2));
  await syncReplicas(t2.deps, 'shop/web', signal);
  assert.deepEqual(t2.api.deleted, ['new-ready']);
});

test('adopts a matching orphan and releases a pod whose labels stopped matching', async () => {
  const t = setup(replicaSetKind, rs(2), [
    pod('orphan', { node: 'n1', ready: true }),
    pod('stray', { owner: 'rs-uid', node: 'n1', ready: true, labels: { app: 'other' } }),
    pod('not-mine', { owner: 'someone-else', node: 'n1', ready: true }),
    pod('unrelated', { node: 'n1', labels: { app: 'db' } }),
  ]);
  await syncReplicas(t.deps, 'shop/web', signal);
  assert.deepEqual(t.api.patches.map((p) => p.name).sort(), ['orphan', 'stray']);
  const adopt = t.api.patches.find((p) => p.name === 'orphan')!.body as { metadata: { ownerReferences: { uid: string }[]; uid: string } };
  assert.equal(adopt.metadata.ownerReferences[0]!.uid, 'rs-uid');
  assert.equal(adopt.metadata.uid, 'uid-orphan');
  const release = t.api.patches.find((p) => p.name === 'stray')!.body;
  assert.deepEqual(release, { metadata: { ownerReferences: [{ $patch: 'delete', uid: 'rs-uid' }], uid: 'uid-stray' } });
  assert.equal(t.api.created.length, 1);                   // the adopted orphan counts; one more is made
});

test('a failed create stops the batch, records FailedCreate, sets ReplicaFailure and lowers the expectations', async () => {
  const t = setup(replicaSetKind, rs(10));
  t.api.failCreatesAfter = 3;
  await assert.rejects(syncReplicas(t.deps, 'shop/web', signal), /exceeded quota/);
  // Slow start: batches of 1, 2, 4 — the batch of 4 fails after the first three creates.
  assert.equal(t.api.created.length, 3);
  assert.deepEqual(t.expectations.pending('shop/web'), { creations: 3, deletions: [] });
  const status = t.api.statuses.at(-1)!;
  assert.equal(status.conditions?.[0]?.type, 'ReplicaFailure');
  assert.equal(status.conditions?.[0]?.reason, 'FailedCreate');
  await t.recorder.flush();
  assert.ok(t.events.some((e) => e.reason === 'FailedCreate' && /exceeded quota/.test(e.message ?? '')));
});

test('makes at most burst pods in one sync', async () => {
  const t = setup(replicaSetKind, rs(50), [], 20);
  await syncReplicas(t.deps, 'shop/web', signal);
  assert.equal(t.api.created.length, 20);
});

test('a ReplicationController selects by its template labels when it has no selector', async () => {
  const rc: ReplicationController = {
    apiVersion: 'v1', kind: 'ReplicationController',
    metadata: { name: 'web', namespace: 'shop', uid: 'rc-uid', generation: 1 },
    spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'bosun/toolbox:1' }] } } },
  };
  const t = setup(replicationControllerKind, rc, [pod('orphan', { node: 'n1', ready: true })]);
  await syncReplicas(t.deps, 'shop/web', signal);
  assert.equal(t.api.patches.length, 1);
  const created = t.api.created[0]!;
  assert.equal(created.metadata.ownerReferences?.[0]?.kind, 'ReplicationController');
  assert.equal(created.metadata.ownerReferences?.[0]?.apiVersion, 'v1');
});

test('does nothing for a deleted owner, and a terminating owner makes no pods but still writes status', async () => {
  const t = setup(replicaSetKind, rs(3));
  t.deps.expectations.expectCreations('shop/gone', 2);
  await syncReplicas(t.deps, 'shop/gone', signal);
  assert.equal(t.expectations.pending('shop/gone'), undefined);
  const owner = rs(3);
  owner.metadata.deletionTimestamp = '2026-11-25T06:00:00Z';
  const t2 = setup(replicaSetKind, owner);
  await syncReplicas(t2.deps, 'shop/web', signal);
  assert.equal(t2.api.created.length, 0);
  assert.equal(t2.api.statuses.length, 1);
});

test('asks to look again when a ready pod becomes available by time alone', async () => {
  const owner = rs(1);
  owner.spec!.minReadySeconds = 30;
  const p = pod('a', { owner: 'rs-uid', node: 'n1', ready: true });
  p.status!.conditions![0]!.lastTransitionTime = '2026-11-25T05:59:50Z';
  const t = setup(replicaSetKind, owner, [p]);
  const result = await syncReplicas(t.deps, 'shop/web', signal);
  assert.deepEqual(result, { type: 'recheckAfter', ms: 20_001 });
  assert.equal(t.api.statuses[0]?.availableReplicas, 0);
});
