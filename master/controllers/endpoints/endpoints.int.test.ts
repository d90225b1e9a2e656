// The Endpoints controller against a real apiserver and etcd, with the fake kubelet running
// pods: named target ports resolve per pod; a readiness flip written through pods/status moves
// the address within a second; a selectorless service's hand-made Endpoints stay as they are;
// a deleted service loses the Endpoints we made.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { startControllers, type ControllerHarness } from '../../../e2e/support/controller-harness.js';
import { waitFor } from '../../../e2e/support/process.js';
import type { Endpoints } from '../../../shared/api/core/v1/endpoints.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import { isStatusError } from '../../../shared/api/errors.js';
import type { ResourceClient } from '../../../shared/client/resource-client.js';
import { RestClient } from '../../../shared/client/rest-client.js';
import { createEndpointsController } from './index.js';

const signal = new AbortController().signal;
const ns = 'default';

describe('endpoints controller on a real apiserver', () => {
  let client: RestClient;
  let pods: ResourceClient<Pod>;
  let services: ResourceClient<Service>;
  let endpoints: ResourceClient<Endpoints>;
  let h: ControllerHarness;

  before(async () => {
    h = await startControllers((ctx) => [createEndpointsController(ctx)], { nodes: ['node-1'], bind: true });
    client = h.client;
    pods = client.resource<Pod>({ group: '', version: 'v1', resource: 'pods', namespaced: true });
    services = client.resource<Service>({ group: '', version: 'v1', resource: 'services', namespaced: true });
    endpoints = client.resource<Endpoints>({ group: '', version: 'v1', resource: 'endpoints', namespaced: true });
  });

  after(async () => {
    await h?.stop();
  });

  const createService = (name: string, spec: Service['spec']) =>
    services.create(ns, { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec }, {}, signal);
  const createPod = (name: string, labels: Record<string, string>, extra: { ports?: { name: string; containerPort: number }[]; nodeName?: string } = {}) =>
    pods.create(ns, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name, labels },
      spec: { ...(extra.nodeName !== undefined ? { nodeName: extra.nodeName } : {}), containers: [{ name: 'c', image: 'toolbox', ...(extra.ports !== undefined ? { ports: extra.ports } : {}) }] },
    }, {}, signal);
  const getEndpoints = async (name: string): Promise<Endpoints | undefined> => {
    try {
      return await endpoints.get(ns, name, signal);
    } catch (err) {
      if (isStatusError(err, 'NotFound')) return undefined;
      throw err;
    }
  };
  const ref = (p: Pod) => ({ ip: p.status?.podIP ?? '', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name ?? '', uid: p.metadata.uid ?? '' } });

  test('resolves a named targetPort per pod and packs the subsets as Kubernetes does', async () => {
    await createService('web', {
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 'web' }, { name: 'metrics', port: 9090, targetPort: 9100 }],
    });
    await createPod('web-1', { app: 'web' }, { ports: [{ name: 'web', containerPort: 8080 }] });
    await createPod('web-2', { app: 'web' }, { ports: [{ name: 'web', containerPort: 8081 }] });
    await createPod('web-3', { app: 'web' }, { ports: [{ name: 'other', containerPort: 8080 }] });
    const running = await waitFor('the web pods to be ready with IPs', async () => {
      const items = (await pods.list(ns, { labelSelector: 'app=web' }, signal)).items;
      return items.length === 3 && items.every((p) => p.status?.podIP !== undefined && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) ? items : undefined;
    });
    const [p1, p2, p3] = ['web-1', 'web-2', 'web-3'].map((n) => running.find((p) => p.metadata.name === n)!);
    const byIp = (a: { ip: string }, b: { ip: string }) => Number(a.ip.split('.')[3]) - Number(b.ip.split('.')[3]);
    const want = [
      { addresses: [ref(p1!)], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { addresses: [ref(p2!)], ports: [{ name: 'http', port: 8081, protocol: 'TCP' }] },
      { addresses: [ref(p1!), ref(p2!), ref(p3!)].sort(byIp), ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }] },
    ];
    const got = await waitFor('the web endpoints', async () => {
      const ep = await getEndpoints('web');
      return ep?.subsets?.length === 3 && ep.subsets[2]?.addresses?.length === 3 ? ep : undefined;
    });
    assert.deepEqual(got.subsets, want);
    assert.equal(got.metadata.labels?.['endpoints.kubernetes.io/managed-by'], 'endpoint-controller');
  });

  test('moves an address between addresses and notReadyAddresses within a second of a readiness flip', async () => {
    await createService('flip', { selector: { app: 'flip' }, ports: [{ port: 80, targetPort: 8080 }] });
    await createPod('flip-1', { app: 'flip' }, { nodeName: 'hand-node' });     // not the fake kubelet's: we set its status
    const ip = '10.244.200.7';
    const setReady = async (ready: boolean): Promise<void> => {
      const p = await pods.get(ns, 'flip-1', signal);
      p.status = {
        phase: 'Running', podIP: ip, podIPs: [{ ip }],
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }],
      };
      await pods.updateStatus(p, signal);
    };
    const where = (ep: Endpoints | undefined): 'ready' | 'notReady' | undefined => {
      const s = ep?.subsets?.[0];
      if (s?.addresses?.some((a) => a.ip === ip) === true) return 'ready';
      if (s?.notReadyAddresses?.some((a) => a.ip === ip) === true) return 'notReady';
      return undefined;
    };
    await setReady(true);
    await waitFor('the flip pod among the ready addresses', async () => (where(await getEndpoints('flip')) === 'ready' ? true : undefined));
    const latencies: number[] = [];
    for (const ready of [false, true, false, true]) {
      const t0 = performance.now();
      await setReady(ready);
      await waitFor(`the address to be ${ready ? 'ready' : 'not ready'}`, async () =>
        (where(await getEndpoints('flip')) === (ready ? 'ready' : 'notReady') ? true : undefined), 5_000, 5);
      latencies.push(performance.now() - t0);
    }
    assert.ok(latencies.every((ms) => ms < 1000), `readiness flips took ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  });

  test('leaves a selectorless service\'s hand-made Endpoints alone, and removes ours with their service', async () => {
    await createService('manual', { ports: [{ port: 80 }] });
    const handMade = await endpoints.create(ns, {
      apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'manual' },
      subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 80 }] }],
    }, {}, signal);
    await createPod('lonely', { app: 'lonely' });
    // A barrier: once the controller has written this service's endpoints, it has seen the above.
    await createService('barrier', { selector: { app: 'lonely' }, ports: [{ port: 80 }] });
    await waitFor('the barrier endpoints', async () => ((await getEndpoints('barrier'))?.subsets?.[0]?.addresses?.length === 1 ? true : undefined));
    await services.delete(ns, 'manual', {}, signal);
    await services.delete(ns, 'barrier', {}, signal);
    await waitFor('the barrier endpoints to go with their service', async () => ((await getEndpoints('barrier')) === undefined ? true : undefined));
    const after = await getEndpoints('manual');
    assert.equal(after?.metadata.resourceVersion, handMade.metadata.resourceVersion);
    assert.deepEqual(after?.subsets, handMade.subsets);
  });
});
