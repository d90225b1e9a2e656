// The namespace controller (with the garbage collector beside it, as in the controller-manager)
// against a real apiserver and etcd: `kubectl delete namespace` of a namespace with fifty
// objects returns with nothing left behind; content held by a finalizer keeps the namespace
// Terminating, with conditions saying why, until it goes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestCluster } from '../../../e2e/apiserver/cluster.js';
import { startControllers, type ControllerHarness } from '../../../e2e/support/controller-harness.js';
import { waitFor } from '../../../e2e/support/process.js';
import type { Namespace } from '../../../shared/api/core/v1/namespace.js';
import { isStatusError } from '../../../shared/api/errors.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import type { ResourceClient } from '../../../shared/client/resource-client.js';
import { RestClient } from '../../../shared/client/rest-client.js';
import { createGarbageCollector } from '../garbagecollector/index.js';
import { createNamespaceController } from './index.js';
import { namespacedResources } from './resources.js';

const signal = new AbortController().signal;

describe('namespace controller on a real apiserver', () => {
  let cluster: TestCluster;
  let client: RestClient;
  let namespaces: ResourceClient<Namespace>;
  const res = (group: string, version: string, resource: string) =>
    client.resource<ApiObject>({ group, version, resource, namespaced: true });

  let h: ControllerHarness;

  before(async () => {
    h = await startControllers((ctx) => [createNamespaceController(ctx), createGarbageCollector(ctx)], { nodes: ['node-1'], bind: true });
    ({ cluster, client } = h);
    namespaces = client.resource<Namespace>({ group: '', version: 'v1', resource: 'namespaces', namespaced: false });
  });

  after(async () => {
    await h?.stop();
  });

  const createNamespace = (name: string) =>
    namespaces.create('', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, {}, signal);
  const namespaceGone = (name: string) => waitFor(`namespace ${name} to be gone`, async () => {
    try {
      await namespaces.get('', name, signal);
      return undefined;
    } catch (err) {
      if (isStatusError(err, 'NotFound')) return true;
      throw err;
    }
  }, 30_000);
  const leftIn = async (ns: string): Promise<string[]> => {
    const out: string[] = [];
    for (const r of namespacedResources()) {
      for (const o of (await client.resource<ApiObject>(r).list(ns, {}, signal)).items) out.push(`${r.resource}/${o.metadata.name ?? ''}`);
    }
    return out;
  };

  test('kubectl delete namespace removes its fifty objects, then the namespace, and returns', async () => {
    const ns = 'team-a';
    await createNamespace(ns);
    const labels = { app: 'web' };
    const template = { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'toolbox' }] } };
    const deployment = await res('apps', 'v1', 'deployments').create(ns, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: labels }, template },
    }, {}, signal);
    const rs = await res('apps', 'v1', 'replicasets').create(ns, {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: 'web-1', labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: deployment.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }] },
      spec: { replicas: 10, selector: { matchLabels: labels }, template },
    }, {}, signal);
    for (let i = 0; i < 10; i++) {
      await res('', 'v1', 'pods').create(ns, {
        apiVersion: 'v1', kind: 'Pod', spec: template.spec,
        metadata: { name: `web-1-${i}`, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: rs.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }] },
      }, {}, signal);
    }
    for (let i = 0; i < 21; i++) {
      await res('', 'v1', 'configmaps').create(ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { i: String(i) } }, {}, signal);
    }
    for (let i = 0; i < 10; i++) {
      await res('', 'v1', 'secrets').create(ns, { apiVersion: 'v1', kind: 'Secret', metadata: { name: `s-${i}` }, stringData: { i: String(i) } }, {}, signal);
    }
    for (let i = 0; i < 5; i++) {
      await res('', 'v1', 'services').create(ns, {
        apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${i}` }, spec: { selector: labels, ports: [{ port: 80 + i }] },
      }, {}, signal);
    }
    await res('', 'v1', 'serviceaccounts').create(ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } }, {}, signal);
    await res('coordination.k8s.io', 'v1', 'leases').create(ns, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'lock' }, spec: {} }, {}, signal);
    assert.ok((await leftIn(ns)).length >= 50);
    // Running pods: their deletion is graceful, finished by the (fake) kubelet.
    await waitFor('pods to run', async () => {
      const pods = (await res('', 'v1', 'pods').list(ns, {}, signal)).items;
      return pods.every((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running') ? true : undefined;
    });

    await cluster.kubectl.ok(['delete', 'namespace', ns], { timeoutMs: 60_000 });
    await namespaceGone(ns);
    assert.deepEqual(await leftIn(ns), []);
  });

  test('content held by a finalizer keeps the namespace Terminating, with conditions saying why, until it goes', async () => {
    const ns = 'team-b';
    await createNamespace(ns);
    const configMaps = res('', 'v1', 'configmaps');
    await configMaps.create(ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] } }, {}, signal);
    await configMaps.create(ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'free' } }, {}, signal);
    await namespaces.delete('', ns, {}, signal);

    const terminating = await waitFor('the namespace to report what remains', async () => {
      const n = await namespaces.get('', ns, signal);
      const c = n.status?.conditions?.find((x) => x.type === 'NamespaceContentRemaining');
      return c?.status === 'True' ? n : undefined;
    });
    assert.equal(terminating.status?.phase, 'Terminating');
    assert.deepEqual(terminating.spec?.finalizers, ['kubernetes']);
    const cond = (type: string) => terminating.status?.conditions?.find((x) => x.type === type);
    assert.equal(cond('NamespaceContentRemaining')?.message, 'Some resources are remaining: configmaps. has 1 resource instances');
    assert.equal(cond('NamespaceFinalizersRemaining')?.message, 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances');
    assert.equal(cond('NamespaceDeletionContentFailure')?.status, 'False');
    assert.deepEqual(await leftIn(ns), ['configmaps/held']);

    const held = await configMaps.get(ns, 'held', signal);
    await configMaps.patch(ns, 'held', 'merge', { metadata: { resourceVersion: held.metadata.resourceVersion, finalizers: null } }, {}, signal);
    await namespaceGone(ns);
    assert.deepEqual(await leftIn(ns), []);
  });
});
