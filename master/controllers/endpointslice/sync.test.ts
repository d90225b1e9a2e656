import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import { Store } from '../../../shared/client/store.js';
import { recordingLog } from '../../../shared/client/test-log.js';
import { pod, service } from '../endpoints/test-objects.js';
import type { SliceApi } from './api.js';
import { syncSlices, type SliceDeps } from './sync.js';
import { SliceTracker } from './tracker.js';

const signal = new AbortController().signal;

class RecordingApi implements SliceApi {
  readonly calls: string[] = [];
  readonly written: EndpointSlice[] = [];
  private seq = 0;

  async create(slice: EndpointSlice): Promise<EndpointSlice> {
    const stored = { ...slice, metadata: { ...slice.metadata, name: `${slice.metadata.generateName ?? ''}${++this.seq}`, resourceVersion: String(100 + this.seq) } };
    this.calls.push(`create ${stored.metadata.name}`);
    this.written.push(stored);
    return stored;
  }

  async update(slice: EndpointSlice): Promise<EndpointSlice> {
    this.calls.push(`update ${slice.metadata.name ?? ''} rv=${slice.metadata.resourceVersion ?? ''}`);
    this.written.push(slice);
    return { ...slice, metadata: { ...slice.metadata, resourceVersion: String(200 + ++this.seq) } };
  }

  async delete(namespace: string, name: string, uid: string): Promise<void> {
    this.calls.push(`delete ${namespace}/${name} uid=${uid}`);
  }
}

function setup(o: { services?: Service[]; pods?: Pod[]; slices?: EndpointSlice[] }) {
  const services = new Store<Service>();
  services.replace(o.services ?? []);
  const pods = new Store<Pod>();
  pods.replace(o.pods ?? []);
  const slices = new Store<EndpointSlice>();
  slices.replace(o.slices ?? []);
  const api = new RecordingApi();
  const deps: SliceDeps = { services, pods, slices, api, tracker: new SliceTracker(), maxEndpointsPerSlice: 100, log: recordingLog() };
  return { deps, api, slices };
}

const web = service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] });
const foreign: EndpointSlice = {
  metadata: { name: 'web-by-hand', namespace: 'ns', uid: 'f1', resourceVersion: '3', labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'someone-else' } },
  addressType: 'IPv4', endpoints: [{ addresses: ['10.9.9.9'] }], ports: null,
};

test('creates a slice for a selecting service and leaves slices managed by others alone', async () => {
  const { deps, api } = setup({ services: [web], pods: [pod('a', { ip: '10.244.0.2' })], slices: [foreign] });
  assert.deepEqual(await syncSlices(deps, 'ns/web', signal), { type: 'done' });
  assert.deepEqual(api.calls, ['create web-1']);
  assert.deepEqual(api.written[0]?.endpoints?.map((e) => e.addresses[0]), ['10.244.0.2']);
});

test('waits for the cache to see its own writes before writing again', async () => {
  const { deps, api, slices } = setup({ services: [web], pods: [pod('a', { ip: '10.244.0.2' })] });
  await syncSlices(deps, 'ns/web', signal);
  assert.deepEqual(await syncSlices(deps, 'ns/web', signal), { type: 'staleCache' });
  assert.deepEqual(api.calls, ['create web-1']);
  slices.apply('ADDED', api.written[0]!);
  assert.deepEqual(await syncSlices(deps, 'ns/web', signal), { type: 'done' });
  assert.deepEqual(api.calls, ['create web-1']);                  // and nothing more to do
});

test('never writes slices for a service without a selector', async () => {
  const manual = service('web', { ports: [{ port: 80 }] });
  const { deps, api } = setup({ services: [manual], pods: [pod('a', { ip: '10.244.0.2' })], slices: [foreign] });
  await syncSlices(deps, 'ns/web', signal);
  assert.deepEqual(api.calls, []);
});

test('deletes its own slices of a deleted service, only those', async () => {
  const ours: EndpointSlice = { ...foreign, metadata: { ...foreign.metadata, name: 'web-x', uid: 'o1', labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } } };
  const { deps, api } = setup({ slices: [foreign, ours] });
  await syncSlices(deps, 'ns/web', signal);
  assert.deepEqual(api.calls, ['delete ns/web-x uid=o1']);
});
