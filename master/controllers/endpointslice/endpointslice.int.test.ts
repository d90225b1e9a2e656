// The EndpointSlice controller against a real apiserver and etcd: named target ports resolve
// per pod (pods that resolve differently get slices of their own); a readiness flip through
// pods/status shows in the slice within a second; a selectorless service gets no slices and a
// slice managed by someone else stays as it is; 120 pods make slices of 100 and 20 that keep
// their names as pods come and go.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { startControllers, type ControllerHarness } from '../../../e2e/support/controller-harness.js';
import { waitFor } from '../../../e2e/support/process.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import type { ResourceClient } from '../../../shared/client/resource-client.js';
import { RestClient } from '../../../shared/client/rest-client.js';
import { endpointSlices } from './api.js';
import { createEndpointSliceController } from './index.js';

const signal = new AbortController().signal;
setMaxListeners(0, signal);                             // many requests at once share it
const ns = 'default';

describe('endpointslice controller on a real apiserver', () => {
  let client: RestClient;
  let pods: ResourceClient<Pod>;
  let services: ResourceClient<Service>;
  let slices: ResourceClient<EndpointSlice>;

  let h: ControllerHarness;

  before(async () => {
    h = await startControllers((ctx) => [createEndpointSliceController(ctx)]);
    client = h.client;
    pods = client.resource<Pod>({ group: '', version: 'v1', resource: 'pods', namespaced: true });
    services = client.resource<Service>({ group: '', version: 'v1', resource: 'services', namespaced: true });
    slices = client.resource<EndpointSlice>(endpointSlices);
  });

  after(async () => {
    await h?.stop();
  });

  const createService = (name: string, spec: Service['spec']) =>
    services.create(ns, { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec }, {}, signal);
  /** A pod on a node no kubelet runs, with the status we write. */
  const runPod = async (name: string, labels: Record<string, string>, ip: string, ready: boolean, ports?: { name: string; containerPort: number }[]): Promise<Pod> => {
    await pods.create(ns, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name, labels },
      spec: { nodeName: 'hand-node', containers: [{ name: 'c', image: 'toolbox', ...(ports !== undefined ? { ports } : {}) }] },
    }, {}, signal);
    return await setReady(name, ip, ready);
  };
  const setReady = async (name: string, ip: string, ready: boolean): Promise<Pod> => {
    const p = await pods.get(ns, name, signal);
    p.status = { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] };
    return await pods.updateStatus(p, signal);
  };
  const slicesOf = async (svc: string): Promise<EndpointSlice[]> =>
    (await slices.list(ns, { labelSelector: `kubernetes.io/service-name=${svc}` }, signal)).items;
  const ips = (s: EndpointSlice): string[] => (s.endpoints ?? []).map((e) => e.addresses[0] ?? '').sort();

  test('resolves a named targetPort per pod, one slice per resolved port set', async () => {
    const svc = await createService('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web' }] });
    const a = await runPod('web-a', { app: 'web' }, '10.244.1.2', true, [{ name: 'web', containerPort: 8080 }]);
    await runPod('web-b', { app: 'web' }, '10.244.1.3', true, [{ name: 'web', containerPort: 8080 }]);
    await runPod('web-c', { app: 'web' }, '10.244.1.4', true, [{ name: 'web', containerPort: 9090 }]);
    const got = await waitFor('two web slices', async () => {
      const list = await slicesOf('web');
      return list.length === 2 && list.reduce((n, s) => n + (s.endpoints ?? []).length, 0) === 3 ? list : undefined;
    });
    const byPort = new Map(got.map((s) => [s.ports?.[0]?.port, s]));
    assert.deepEqual(ips(byPort.get(8080)!), ['10.244.1.2', '10.244.1.3']);
    assert.deepEqual(ips(byPort.get(9090)!), ['10.244.1.4']);
    const s = byPort.get(8080)!;
    assert.deepEqual(s.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    assert.equal(s.addressType, 'IPv4');
    assert.equal(s.metadata.generateName, 'web-');
    assert.equal(s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
    assert.deepEqual(s.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    assert.deepEqual(s.endpoints?.find((e) => e.targetRef?.name === 'web-a'), {
      addresses: ['10.244.1.2'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'hand-node',
      targetRef: { kind: 'Pod', namespace: ns, name: 'web-a', uid: a.metadata.uid },
    });
  });

  test('shows a readiness flip in the slice within a second', async () => {
    await createService('flip', { selector: { app: 'flip' }, ports: [{ port: 80, targetPort: 8080 }] });
    const ip = '10.244.2.7';
    await runPod('flip-1', { app: 'flip' }, ip, true);
    const readyNow = async (): Promise<boolean | undefined> =>
      (await slicesOf('flip')).flatMap((s) => s.endpoints ?? []).find((e) => e.addresses[0] === ip)?.conditions?.ready;
    await waitFor('the flip endpoint to be ready', async () => ((await readyNow()) === true ? true : undefined));
    const latencies: number[] = [];
    for (const ready of [false, true, false, true]) {
      const t0 = performance.now();
      await setReady('flip-1', ip, ready);
      await waitFor(`the endpoint to be ${ready ? 'ready' : 'not ready'}`, async () => ((await readyNow()) === ready ? true : undefined), 5_000, 5);
      latencies.push(performance.now() - t0);
    }
    assert.ok(latencies.every((ms) => ms < 1000), `readiness flips took ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  });

  test('gives a selectorless service no slices and leaves a slice managed by someone else alone', async () => {
    await createService('manual', { ports: [{ port: 80 }] });
    const handMade = await slices.create(ns, {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: 'manual-1', labels: { 'kubernetes.io/service-name': 'manual', 'endpointslice.kubernetes.io/managed-by': 'me' } },
      addressType: 'IPv4', endpoints: [{ addresses: ['10.1.2.3'] }], ports: [{ name: '', port: 80, protocol: 'TCP' }],
    }, {}, signal);
    await runPod('lonely', { app: 'lonely' }, '10.244.3.2', true);
    // A barrier: once this service has its slice, the controller has seen the above.
    await createService('barrier', { selector: { app: 'lonely' }, ports: [{ port: 80 }] });
    await waitFor('the barrier slice', async () => ((await slicesOf('barrier'))[0]?.endpoints?.length === 1 ? true : undefined));
    await services.delete(ns, 'manual', {}, signal);
    await services.delete(ns, 'barrier', {}, signal);
    await waitFor('the barrier slices to go with their service', async () => ((await slicesOf('barrier')).length === 0 ? true : undefined));
    const left = await slicesOf('manual');
    assert.deepEqual(left.map((s) => [s.metadata.name, s.metadata.resourceVersion]), [['manual-1', handMade.metadata.resourceVersion]]);
  });

  test('splits 120 pods into slices of 100 and 20 and keeps the slices as pods come and go', async () => {
    await createService('big', { selector: { app: 'big' }, ports: [{ port: 80, targetPort: 8080 }] });
    const ipOf = (i: number): string => `10.244.${10 + Math.floor(i / 200)}.${(i % 200) + 2}`;
    for (let i = 0; i < 120; i += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, j) => runPod(`big-${i + j}`, { app: 'big' }, ipOf(i + j), true)));
    }
    const total = (list: EndpointSlice[]): number => list.reduce((n, s) => n + (s.endpoints ?? []).length, 0);
    const first = await waitFor('120 endpoints', async () => {
      const list = await slicesOf('big');
      return total(list) === 120 ? list : undefined;
    }, 30_000);
    assert.ok(first.every((s) => (s.endpoints ?? []).length <= 100), `slice sizes ${first.map((s) => (s.endpoints ?? []).length).join(', ')}`);
    assert.equal(first.length, 2);
    await Promise.all(Array.from({ length: 10 }, (_, i) => pods.delete(ns, `big-${i * 12}`, { gracePeriodSeconds: 0 }, signal)));
    const after = await waitFor('110 endpoints', async () => {
      const list = await slicesOf('big');
      return total(list) === 110 ? list : undefined;
    }, 30_000);
    assert.deepEqual(after.map((s) => s.metadata.name).sort(), first.map((s) => s.metadata.name).sort());
    const everyIp = after.flatMap(ips);
    assert.equal(new Set(everyIp).size, 110);
  });
});
