import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Namespace } from '../../../shared/api/core/v1/namespace.js';
import { StatusError } from '../../../shared/api/errors.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { FakeClock } from '../../../shared/client/fake-clock.js';
import type { ResourceCoordinates } from '../../../shared/client/resource-path.js';
import { Store } from '../../../shared/client/store.js';
import { recordingLog } from '../../../shared/client/test-log.js';
import type { NamespaceApi } from './api.js';
import { namespacedResources } from './resources.js';
import { syncNamespace, type NamespaceDeps } from './sync.js';

const signal = new AbortController().signal;
const clock = new FakeClock(new Date('2026-11-25T06:00:00Z'));

/** An API over in-memory content: deletecollection removes what has no grace period or finalizer. */
class FakeNamespaceApi implements NamespaceApi {
  readonly calls: string[] = [];
  readonly statuses: Namespace[] = [];
  readonly finalized: Namespace[] = [];
  readonly content = new Map<string, ApiObject[]>();
  failList: string | undefined;

  async list(r: ResourceCoordinates, namespace: string): Promise<ApiObject[]> {
    if (this.failList === r.resource) throw new StatusError(500, 'InternalError', `listing ${r.resource} failed`);
    return (this.content.get(r.resource) ?? []).filter((o) => o.metadata.namespace === namespace);
  }

  async deleteCollection(r: ResourceCoordinates, namespace: string): Promise<void> {
    this.calls.push(`deletecollection ${r.resource} ${namespace}`);
    const kept = (this.content.get(r.resource) ?? []).flatMap((o): ApiObject[] => {
      if (o.metadata.namespace !== namespace) return [o];
      if (r.resource === 'pods' && (o.spec as { nodeName?: string }).nodeName !== undefined) {
        return [{ ...o, metadata: { ...o.metadata, deletionTimestamp: '2026-11-25T06:00:30Z', deletionGracePeriodSeconds: 30 } }];
      }
      if ((o.metadata.finalizers ?? []).length > 0) return [{ ...o, metadata: { ...o.metadata, deletionTimestamp: '2026-11-25T06:00:00Z' } }];
      return [];
    });
    this.content.set(r.resource, kept);
  }

  async updateStatus(ns: Namespace): Promise<void> {
    this.statuses.push(ns);
  }

  async finalize(ns: Namespace): Promise<void> {
    this.finalized.push(ns);
  }
}

function setup(ns: Namespace): { deps: NamespaceDeps; api: FakeNamespaceApi } {
  const store = new Store<Namespace>();
  store.replace([ns]);
  const api = new FakeNamespaceApi();
  return { api, deps: { namespaces: store, resources: namespacedResources(), api, clock, log: recordingLog() } };
}

const terminating = (extra: Partial<Namespace['metadata']> = {}): Namespace => ({
  apiVersion: 'v1', kind: 'Namespace',
  metadata: { name: 'x', uid: 'ns-1', resourceVersion: '5', deletionTimestamp: '2026-11-25T06:00:00Z', ...extra },
  spec: { finalizers: ['kubernetes'] }, status: { phase: 'Terminating' },
});
const item = (name: string, extra: object = {}): ApiObject => ({ metadata: { name, namespace: 'x' }, ...extra });

test('deletes the content of a terminating namespace, then finalizes it', async () => {
  const { deps, api } = setup(terminating());
  api.content.set('configmaps', [item('a'), item('b'), { metadata: { name: 'c', namespace: 'elsewhere' } }]);
  api.content.set('services', [item('s')]);
  const result = await syncNamespace(deps, 'x', signal);
  assert.deepEqual(result, { type: 'done' });
  assert.deepEqual(api.calls, ['deletecollection services x', 'deletecollection configmaps x']);
  assert.equal(api.content.get('configmaps')?.length, 1);
  assert.equal(api.finalized.length, 1);
  assert.deepEqual(api.finalized[0]?.spec, { finalizers: [] });
  const status = api.statuses.at(-1)?.status;
  assert.equal(status?.phase, 'Terminating');
  assert.ok(status?.conditions?.every((c) => c.status === 'False'));
});

test('waits for pods in their grace period, reporting them, without deleting them again', async () => {
  const { deps, api } = setup(terminating());
  api.content.set('pods', [item('p', { spec: { nodeName: 'n1' } })]);
  const first = await syncNamespace(deps, 'x', signal);
  assert.deepEqual(first, { type: 'contentRemaining', estimateSeconds: 30 });
  assert.equal(api.finalized.length, 0);
  const remaining = api.statuses.at(-1)?.status?.conditions?.find((c) => c.type === 'NamespaceContentRemaining');
  assert.equal(remaining?.message, 'Some resources are remaining: pods. has 1 resource instances');
  await syncNamespace(deps, 'x', signal);
  assert.deepEqual(api.calls, ['deletecollection pods x']);
});

test('fails the pass, saying why, when content is left for no reason', async () => {
  const { deps, api } = setup(terminating());
  api.deleteCollection = async () => {};                  // deletes nothing
  api.content.set('configmaps', [item('a')]);
  await assert.rejects(syncNamespace(deps, 'x', signal),
    /Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: x for gvr: \/v1, Resource=configmaps/);
  const failure = api.statuses.at(-1)?.status?.conditions?.find((c) => c.type === 'NamespaceDeletionContentFailure');
  assert.equal(failure?.status, 'True');
  assert.equal(api.finalized.length, 0);
});

test('reports a resource that could not be listed and goes on with the others', async () => {
  const { deps, api } = setup(terminating());
  api.failList = 'secrets';
  api.content.set('configmaps', [item('a')]);
  await assert.rejects(syncNamespace(deps, 'x', signal), /listing secrets failed/);
  assert.deepEqual(api.calls, ['deletecollection configmaps x']);
});

test('waits for objects held by finalizers', async () => {
  const { deps, api } = setup(terminating());
  api.content.set('configmaps', [item('a', { metadata: { name: 'a', namespace: 'x', finalizers: ['foregroundDeletion'] } })]);
  assert.deepEqual(await syncNamespace(deps, 'x', signal), { type: 'contentRemaining', estimateSeconds: 15 });
  const held = api.statuses.at(-1)?.status?.conditions?.find((c) => c.type === 'NamespaceFinalizersRemaining');
  assert.equal(held?.message, 'Some content in the namespace has finalizers remaining: foregroundDeletion in 1 resource instances');
});

test('leaves alone a namespace not being deleted, or already finalized', async () => {
  for (const ns of [{ ...terminating(), metadata: { name: 'x' } }, { ...terminating(), spec: { finalizers: [] } }]) {
    const { deps, api } = setup(ns);
    api.content.set('configmaps', [item('a')]);
    assert.deepEqual(await syncNamespace(deps, 'x', signal), { type: 'done' });
    assert.deepEqual(api.calls, []);
    assert.deepEqual(api.statuses, []);
  }
});

test('a status write that conflicts does not stop the namespace from being finalized', async () => {
  const { deps, api } = setup(terminating());
  api.updateStatus = async () => { throw new StatusError(409, 'Conflict', 'the object has been modified'); };
  assert.deepEqual(await syncNamespace(deps, 'x', signal), { type: 'done' });
  assert.equal(api.finalized.length, 1);
});

test('deletes events last', () => {
  assert.deepEqual(namespacedResources().at(-1), { group: '', version: 'v1', resource: 'events', namespaced: true });
});
