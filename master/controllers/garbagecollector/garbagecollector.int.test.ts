// The garbage collector against a real apiserver and etcd: background, foreground and orphan
// cascades through the API and through the real `kubectl delete --cascade=…`, graceful pod
// deletion finished by the fake kubelet, and a dependent whose owner reference names a uid
// that is not its owner's.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestCluster } from '../../../e2e/apiserver/cluster.js';
import { startControllers, type ControllerHarness } from '../../../e2e/support/controller-harness.js';
import { waitFor } from '../../../e2e/support/process.js';
import { isStatusError } from '../../../shared/api/errors.js';
import type { ApiObject, OwnerReference } from '../../../shared/api/meta.js';
import type { ResourceClient } from '../../../shared/client/resource-client.js';
import { RestClient } from '../../../shared/client/rest-client.js';
import { createGarbageCollector } from './index.js';

const signal = new AbortController().signal;
const ns = 'default';

describe('garbage collector on a real apiserver', () => {
  let cluster: TestCluster;
  let client: RestClient;
  let configMaps: ResourceClient<ApiObject>;
  let pods: ResourceClient<ApiObject>;
  let replicaSets: ResourceClient<ApiObject>;

  let h: ControllerHarness;

  before(async () => {
    h = await startControllers((ctx) => [createGarbageCollector(ctx, { workers: 4 })], { nodes: ['node-1'], bind: true });
    ({ cluster, client } = h);
    configMaps = client.resource({ group: '', version: 'v1', resource: 'configmaps', namespaced: true });
    pods = client.resource({ group: '', version: 'v1', resource: 'pods', namespaced: true });
    replicaSets = client.resource({ group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true });
  });

  after(async () => {
    await h?.stop();
  });

  const ref = (owner: ApiObject, extra: Partial<OwnerReference> = {}): OwnerReference => ({
    apiVersion: owner.apiVersion ?? '', kind: owner.kind ?? '', name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', ...extra,
  });
  const configMap = (name: string, owners: OwnerReference[] = [], finalizers: string[] = []): Promise<ApiObject> =>
    configMaps.create(ns, {
      apiVersion: 'v1', kind: 'ConfigMap', data: { k: 'v' },
      metadata: { name, ...(owners.length > 0 ? { ownerReferences: owners } : {}), ...(finalizers.length > 0 ? { finalizers } : {}) },
    }, {}, signal);
  const gone = (c: ResourceClient<ApiObject>, name: string) => waitFor(`${c.ref.resource} ${name} to be gone`, async () => {
    try {
      await c.get(ns, name, signal);
      return undefined;
    } catch (err) {
      if (isStatusError(err, 'NotFound')) return true;
      throw err;
    }
  });

  test('a ConfigMap owned by another goes when its owner is deleted in the background', async () => {
    const owner = await configMap('bg-owner');
    await configMap('bg-dep', [ref(owner)]);
    await configMaps.delete(ns, 'bg-owner', {}, signal);
    await gone(configMaps, 'bg-dep');
  });

  test('foreground: the owner stays, being deleted, until its blocking dependent is gone, then goes', async () => {
    const owner = await configMap('fg-owner');
    await configMap('fg-dep', [ref(owner, { blockOwnerDeletion: true })], ['example.com/hold']);
    await configMaps.delete(ns, 'fg-owner', { propagationPolicy: 'Foreground' }, signal);
    // The collector deletes the dependent, which our own finalizer holds.
    const dep = await waitFor('the dependent to be deleted', async () => {
      const d = await configMaps.get(ns, 'fg-dep', signal);
      return d.metadata.deletionTimestamp !== undefined && !(d.metadata.finalizers ?? []).includes('foregroundDeletion') ? d : undefined;
    });
    const held = await configMaps.get(ns, 'fg-owner', signal);
    assert.ok(held.metadata.deletionTimestamp !== undefined);
    assert.deepEqual(held.metadata.finalizers, ['foregroundDeletion']);
    await configMaps.patch(ns, 'fg-dep', 'merge', { metadata: { resourceVersion: dep.metadata.resourceVersion, finalizers: null } }, {}, signal);
    await gone(configMaps, 'fg-dep');
    await gone(configMaps, 'fg-owner');
  });

  test('orphan: the dependents stay without their reference to the owner, and the owner goes', async () => {
    const owner = await configMap('or-owner');
    const keep = await configMap('or-keep');
    await configMap('or-dep-1', [ref(owner)]);
    await configMap('or-dep-2', [ref(owner), ref(keep)]);
    await configMaps.delete(ns, 'or-owner', { propagationPolicy: 'Orphan' }, signal);
    await gone(configMaps, 'or-owner');
    assert.equal((await configMaps.get(ns, 'or-dep-1', signal)).metadata.ownerReferences, undefined);
    assert.deepEqual((await configMaps.get(ns, 'or-dep-2', signal)).metadata.ownerReferences?.map((r) => r.name), ['or-keep']);
  });

  test('kubectl delete --cascade=foreground returns once the owner and its pods are gone', async () => {
    const rs = await replicaSets.create(ns, {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' },
      spec: {
        replicas: 2, selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'toolbox' }] } },
      },
    }, {}, signal);
    for (const name of ['web-a', 'web-b']) {
      await pods.create(ns, {
        apiVersion: 'v1', kind: 'Pod',
        metadata: { name, labels: { app: 'web' }, ownerReferences: [ref(rs, { controller: true, blockOwnerDeletion: true })] },
        spec: { containers: [{ name: 'c', image: 'toolbox' }] },
      }, {}, signal);
    }
    await waitFor('pods to run', async () => {
      const list = await pods.list(ns, { labelSelector: 'app=web' }, signal);
      return list.items.every((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running') ? true : undefined;
    });
    await cluster.kubectl.ok(['delete', 'rs', 'web', '--cascade=foreground'], { timeoutMs: 30_000 });
    await assert.rejects(replicaSets.get(ns, 'web', signal), (err) => isStatusError(err, 'NotFound'));
    assert.deepEqual((await pods.list(ns, { labelSelector: 'app=web' }, signal)).items, []);
  });

  test('kubectl delete --cascade=orphan returns and leaves the dependents', async () => {
    const owner = await configMap('ko-owner');
    await configMap('ko-dep', [ref(owner)]);
    await cluster.kubectl.ok(['delete', 'configmap', 'ko-owner', '--cascade=orphan'], { timeoutMs: 30_000 });
    await assert.rejects(configMaps.get(ns, 'ko-owner', signal), (err) => isStatusError(err, 'NotFound'));
    assert.equal((await configMaps.get(ns, 'ko-dep', signal)).metadata.ownerReferences, undefined);
  });

  test('kubectl delete --cascade=foreground of a ConfigMap takes its dependents along', async () => {
    const owner = await configMap('kf-owner');
    await configMap('kf-dep', [ref(owner, { blockOwnerDeletion: true })]);
    await cluster.kubectl.ok(['delete', 'configmap', 'kf-owner', '--cascade=foreground'], { timeoutMs: 30_000 });
    await gone(configMaps, 'kf-dep');
  });

  test('a dependent whose owner reference names a uid that is not its owner\'s is collected', async () => {
    const owner = await configMap('uid-owner');
    await configMap('uid-dep', [ref(owner, { uid: '6a1f2c0e-0000-4000-8000-000000000000' })]);
    await gone(configMaps, 'uid-dep');
    assert.equal((await configMaps.get(ns, 'uid-owner', signal)).metadata.uid, owner.metadata.uid);
  });

  test('a dependent whose owner is still there is kept', async () => {
    const owner = await configMap('kept-owner');
    await configMap('kept-dep', [ref(owner)]);
    // Orphan another dependent of a deleted owner as a marker that the collector has caught up.
    const marker = await configMap('kept-marker');
    await configMap('kept-marker-dep', [ref(marker)]);
    await configMaps.delete(ns, 'kept-marker', {}, signal);
    await gone(configMaps, 'kept-marker-dep');
    assert.ok(await configMaps.get(ns, 'kept-dep', signal));
  });
});
