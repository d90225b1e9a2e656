import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Endpoints } from '../../../shared/api/core/v1/endpoints.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import { StatusError } from '../../../shared/api/errors.js';
import { Store } from '../../../shared/client/store.js';
import { recordingLog } from '../../../shared/client/test-log.js';
import type { EndpointsApi } from './api.js';
import { managedByLabel, syncEndpoints, type EndpointsDeps } from './sync.js';
import { pod, service } from './test-objects.js';

const signal = new AbortController().signal;

class RecordingApi implements EndpointsApi {
  readonly calls: string[] = [];
  readonly written: Endpoints[] = [];
  fail: StatusError | undefined;

  async create(ep: Endpoints): Promise<void> { this.record(`create ${ep.metadata.name ?? ''}`, ep); }
  async update(ep: Endpoints): Promise<void> { this.record(`update ${ep.metadata.name ?? ''} rv=${ep.metadata.resourceVersion ?? ''}`, ep); }
  async delete(namespace: string, name: string, uid: string): Promise<void> {
    if (this.fail !== undefined) throw this.fail;
    this.calls.push(`delete ${namespace}/${name} uid=${uid}`);
  }

  private record(call: string, ep: Endpoints): void {
    if (this.fail !== undefined) throw this.fail;
    this.calls.push(call);
    this.written.push(ep);
  }
}

function setup(o: { services?: Service[]; pods?: Pod[]; endpoints?: Endpoints[] }): { deps: EndpointsDeps; api: RecordingApi } {
  const services = new Store<Service>();
  services.replace(o.services ?? []);
  const pods = new Store<Pod>();
  pods.replace(o.pods ?? []);
  const endpoints = new Store<Endpoints>();
  endpoints.replace(o.endpoints ?? []);
  const api = new RecordingApi();
  return { api, deps: { services, pods, endpoints, api, log: recordingLog() } };
}

const web = service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] }, { tier: 'front' });

test('creates the Endpoints of a selecting service with its pods, labelled as ours', async () => {
  const { deps, api } = setup({ services: [web], pods: [pod('a', { ip: '10.244.0.2' }), pod('other', { ip: '10.244.0.3', labels: { app: 'db' } })] });
  await syncEndpoints(deps, 'ns/web', signal);
  assert.deepEqual(api.calls, ['create web']);
  const ep = api.written[0]!;
  assert.deepEqual(ep.metadata, { name: 'web', namespace: 'ns', labels: { tier: 'front', [managedByLabel]: 'endpoint-controller' } });
  assert.deepEqual(ep.subsets?.[0]?.addresses?.map((a) => a.ip), ['10.244.0.2']);
});

test('writes nothing when the cached Endpoints already say the same', async () => {
  const first = setup({ services: [web], pods: [pod('a', { ip: '10.244.0.2' })] });
  await syncEndpoints(first.deps, 'ns/web', signal);
  const stored = { ...first.api.written[0]!, metadata: { ...first.api.written[0]!.metadata, resourceVersion: '9', uid: 'ep-1' } };
  const { deps, api } = setup({ services: [web], pods: [pod('a', { ip: '10.244.0.2' })], endpoints: [stored] });
  await syncEndpoints(deps, 'ns/web', signal);
  assert.deepEqual(api.calls, []);
});

test('updates with the cached resourceVersion when readiness changed', async () => {
  const first = setup({ services: [web], pods: [pod('a', { ip: '10.244.0.2' })] });
  await syncEndpoints(first.deps, 'ns/web', signal);
  const stored = { ...first.api.written[0]!, metadata: { ...first.api.written[0]!.metadata, resourceVersion: '9', uid: 'ep-1' } };
  const { deps, api } = setup({ services: [web], pods: [pod('a', { ip: '10.244.0.2', ready: false })], endpoints: [stored] });
  await syncEndpoints(deps, 'ns/web', signal);
  assert.deepEqual(api.calls, ['update web rv=9']);
  assert.deepEqual(api.written[0]?.subsets?.[0]?.notReadyAddresses?.map((a) => a.ip), ['10.244.0.2']);
  assert.equal(api.written[0]?.subsets?.[0]?.addresses, undefined);
});

test('takes over hand-made Endpoints of a service that has a selector', async () => {
  const handMade: Endpoints = { metadata: { name: 'web', namespace: 'ns', resourceVersion: '4' }, subsets: [{ addresses: [{ ip: '10.1.1.1' }], ports: [{ port: 1 }] }] };
  const { deps, api } = setup({ services: [web], pods: [], endpoints: [handMade] });
  await syncEndpoints(deps, 'ns/web', signal);
  assert.deepEqual(api.calls, ['update web rv=4']);
  assert.equal(api.written[0]?.subsets, undefined);
});

test('never touches the Endpoints of a service without a selector, even when it goes', async () => {
  const manual = service('ext', { ports: [{ port: 80 }] });
  const handMade: Endpoints = { metadata: { name: 'ext', namespace: 'ns', uid: 'ep-2', resourceVersion: '4' }, subsets: [{ addresses: [{ ip: '10.1.1.1' }] }] };
  const { deps, api } = setup({ services: [manual, service('empty', { selector: {} })], pods: [pod('a', { ip: '10.244.0.2' })], endpoints: [handMade] });
  await syncEndpoints(deps, 'ns/ext', signal);
  await syncEndpoints(deps, 'ns/empty', signal);
  const gone = setup({ endpoints: [handMade] });
  await syncEndpoints(gone.deps, 'ns/ext', signal);
  assert.deepEqual([...api.calls, ...gone.api.calls], []);
});

test('deletes our Endpoints of a deleted service, by uid, and ignores NotFound', async () => {
  const ours: Endpoints = { metadata: { name: 'web', namespace: 'ns', uid: 'ep-1', resourceVersion: '4', labels: { [managedByLabel]: 'endpoint-controller' } } };
  const { deps, api } = setup({ endpoints: [ours] });
  await syncEndpoints(deps, 'ns/web', signal);
  assert.deepEqual(api.calls, ['delete ns/web uid=ep-1']);
  api.fail = new StatusError(404, 'NotFound', 'endpoints "web" not found');
  await syncEndpoints(deps, 'ns/web', signal);
});

test('a failed write fails the sync so the key is retried', async () => {
  const { deps, api } = setup({ services: [web], pods: [pod('a', { ip: '10.244.0.2' })] });
  api.fail = new StatusError(409, 'AlreadyExists', 'endpoints "web" already exists');
  await assert.rejects(syncEndpoints(deps, 'ns/web', signal), /already exists/);
});

test('a headless service gets the headless label', async () => {
  const headless = service('h', { selector: { app: 'web' }, clusterIP: 'None' });
  const { deps, api } = setup({ services: [headless], pods: [pod('a', { ip: '10.244.0.2' })] });
  await syncEndpoints(deps, 'ns/h', signal);
  assert.equal(api.written[0]?.metadata.labels?.['service.kubernetes.io/headless'], '');
  assert.deepEqual(api.written[0]?.subsets, [{ addresses: [{ ip: '10.244.0.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'a', uid: 'uid-a' } }] }]);
});
