// The write paths beyond plain create: kubectl's typed creates (protobuf bodies), strategic
// merge (set image), JSON patch, server-side apply with conflicts, status and binding
// subresources, HPA versions, graceful pod deletion, finalizers and generation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster, getJson, type TestCluster } from './cluster.js';

interface Meta { name: string; uid: string; generation?: number; resourceVersion: string; deletionTimestamp?: string; finalizers?: string[] }
interface Deploy { metadata: Meta; spec: { replicas: number; template: { spec: { containers: { name: string; image: string; ports?: unknown[] }[] } } }; status?: Record<string, unknown> }

describe('write paths', () => {
  let c: TestCluster;
  let url: string;
  const api = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(`${url}${path}`, { method, headers: { 'Content-Type': contentType }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: await res.json() as Record<string, unknown> };
  };
  before(async () => { c = await startCluster(); url = c.apiserver.url; });
  after(async () => { await c?.stop(); });

  test('kubectl create <kind> sends protobuf and the objects come out right', async () => {
    await c.kubectl.ok(['create', 'namespace', 'typed']);
    await c.kubectl.ok(['create', 'deployment', 'web', '-n', 'typed', '--image=bosun/toolbox:1', '--replicas=2', '--port=8080']);
    await c.kubectl.ok(['create', 'secret', 'generic', 'creds', '-n', 'typed', '--from-literal=user=admin']);
    await c.kubectl.ok(['create', 'service', 'nodeport', 'web', '-n', 'typed', '--tcp=80:8080']);
    const d = await getJson<Deploy>(`${url}/apis/apps/v1/namespaces/typed/deployments/web`);
    assert.equal(d.spec.replicas, 2);
    assert.equal(d.spec.template.spec.containers[0]!.image, 'bosun/toolbox:1');
    const s = await getJson<{ data: Record<string, string> }>(`${url}/api/v1/namespaces/typed/secrets/creds`);
    assert.equal(Buffer.from(s.data['user']!, 'base64').toString(), 'admin');
    const svc = await getJson<{ spec: { type: string; ports: { port: number; targetPort: number; nodePort: number }[] } }>(`${url}/api/v1/namespaces/typed/services/web`);
    assert.equal(svc.spec.type, 'NodePort');
    assert.equal(svc.spec.ports[0]!.targetPort, 8080);
  });

  test('set image changes only that container (strategic merge)', async () => {
    await c.kubectl.ok(['patch', 'deploy', 'web', '-n', 'typed', '--type=strategic', '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"bosun/toolbox:1"}]}}}}']);
    await c.kubectl.ok(['set', 'image', 'deploy/web', '-n', 'typed', 'toolbox=bosun/toolbox:2']);
    const d = await getJson<Deploy>(`${url}/apis/apps/v1/namespaces/typed/deployments/web`);
    const byName = Object.fromEntries(d.spec.template.spec.containers.map((x) => [x.name, x]));
    assert.equal(byName['toolbox']?.image, 'bosun/toolbox:2');
    assert.equal(byName['side']?.image, 'bosun/toolbox:1');
    assert.ok((byName['toolbox']?.ports ?? []).length === 1);
  });

  test('a JSON patch applies, and a failed test op changes nothing', async () => {
    await c.kubectl.ok(['patch', 'deploy', 'web', '-n', 'typed', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":4}]']);
    assert.equal((await getJson<Deploy>(`${url}/apis/apps/v1/namespaces/typed/deployments/web`)).spec.replicas, 4);
    const bad = await c.kubectl.run(['patch', 'deploy', 'web', '-n', 'typed', '--type=json', '-p', '[{"op":"test","path":"/spec/replicas","value":9},{"op":"replace","path":"/spec/replicas","value":1}]']);
    assert.notEqual(bad.code, 0);
    assert.equal((await getJson<Deploy>(`${url}/apis/apps/v1/namespaces/typed/deployments/web`)).spec.replicas, 4);
  });

  test('patches without a resourceVersion written at the same moment all land; one with a stale resourceVersion is a 409', async () => {
    await api('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'racy' }, data: {} });
    const merge = 'application/merge-patch+json';
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      api('PATCH', '/api/v1/namespaces/default/configmaps/racy', { metadata: { labels: { [`k${i}`]: 'v' } }, data: { [`d${i}`]: String(i) } }, merge)));
    assert.deepEqual(results.map((r) => r.status), Array.from({ length: 20 }, () => 200));
    const cm = await getJson<{ metadata: Meta & { labels: Record<string, string> }; data: Record<string, string> }>(`${url}/api/v1/namespaces/default/configmaps/racy`);
    assert.equal(Object.keys(cm.metadata.labels).length, 20);
    assert.equal(Object.keys(cm.data).length, 20);
    const stale = await api('PATCH', '/api/v1/namespaces/default/configmaps/racy', { metadata: { resourceVersion: '1' }, data: { late: 'x' } }, merge);
    assert.equal(stale.status, 409);
    assert.match(String(stale.body['message']), /the object has been modified/);
    const json = await api('PATCH', '/api/v1/namespaces/default/configmaps/racy', [{ op: 'replace', path: '/metadata/resourceVersion', value: '1' }, { op: 'add', path: '/data/late', value: 'x' }], 'application/json-patch+json');
    assert.equal(json.status, 409);
  });

  test('server-side apply creates, updates, reports conflicts and forces', async () => {
    const manifest = (replicas: number) => JSON.stringify({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ssa', namespace: 'typed' },
      spec: { replicas, selector: { matchLabels: { app: 'ssa' } }, template: { metadata: { labels: { app: 'ssa' } }, spec: { containers: [{ name: 'main', image: 'bosun/toolbox:1' }] } } },
    });
    assert.match(await c.kubectl.ok(['apply', '--server-side', '-f', '-'], { input: manifest(2) }), /deployment.apps\/ssa serverside-applied/);
    const conflict = await c.kubectl.run(['apply', '--server-side', '--field-manager=other', '-f', '-'], { input: manifest(3) });
    assert.notEqual(conflict.code, 0);
    assert.match(conflict.stderr, /Apply failed with 1 conflict: conflict with "kubectl": \.spec\.replicas/);
    await c.kubectl.ok(['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', '-'], { input: manifest(3) });
    assert.equal((await getJson<Deploy>(`${url}/apis/apps/v1/namespaces/typed/deployments/ssa`)).spec.replicas, 3);
  });

  test('status changes only through /status, and only spec changes bump generation', async () => {
    const path = '/apis/apps/v1/namespaces/typed/deployments/ssa';
    const d0 = (await api('GET', path)).body as unknown as Deploy;
    const withStatus = { ...d0, status: { replicas: 7, observedGeneration: d0.metadata.generation } };
    const main = await api('PUT', path, withStatus);
    assert.equal(main.status, 200);
    assert.notEqual((main.body as unknown as Deploy).status?.['replicas'], 7);
    const cur = (await api('GET', path)).body as unknown as Deploy;
    const st = await api('PUT', `${path}/status`, { ...cur, spec: { ...cur.spec, replicas: 99 }, status: { replicas: 7 } });
    assert.equal(st.status, 200);
    const after = (await api('GET', path)).body as unknown as Deploy;
    assert.equal(after.status?.['replicas'], 7);
    assert.equal(after.spec.replicas, 3);
    assert.equal(after.metadata.generation, cur.metadata.generation);
    await c.kubectl.ok(['scale', 'deploy', 'ssa', '-n', 'typed', '--replicas=1']);
    assert.equal((await api('GET', path)).body['metadata'] !== undefined, true);
    assert.equal(((await api('GET', path)).body as unknown as Deploy).metadata.generation, (cur.metadata.generation ?? 0) + 1);
  });

  test('binding sets the node once', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bindme' }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    assert.equal((await api('POST', '/api/v1/namespaces/typed/pods', pod)).status, 201);
    const b = await api('POST', '/api/v1/namespaces/typed/pods/bindme/binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bindme' }, target: { kind: 'Node', name: 'node-1' } });
    assert.equal(b.status, 201);
    const p = await getJson<{ spec: { nodeName: string }; status: { conditions: { type: string; status: string }[] } }>(`${url}/api/v1/namespaces/typed/pods/bindme`);
    assert.equal(p.spec.nodeName, 'node-1');
    assert.ok(p.status.conditions.some((x) => x.type === 'PodScheduled' && x.status === 'True'));
    const again = await api('POST', '/api/v1/namespaces/typed/pods/bindme/binding', { target: { name: 'node-2' } });
    assert.equal(again.status, 409);
  });

  test('a pod on a node is deleted gracefully; grace 0 removes it', async () => {
    const r1 = await api('DELETE', '/api/v1/namespaces/typed/pods/bindme', {});
    assert.equal(r1.status, 200);
    const p = await getJson<{ metadata: Meta & { deletionGracePeriodSeconds: number } }>(`${url}/api/v1/namespaces/typed/pods/bindme`);
    assert.ok(p.metadata.deletionTimestamp);
    assert.equal(p.metadata.deletionGracePeriodSeconds, 30);
    const r2 = await api('DELETE', '/api/v1/namespaces/typed/pods/bindme', { gracePeriodSeconds: 0 });
    assert.equal(r2.status, 200);
    assert.equal((await fetch(`${url}/api/v1/namespaces/typed/pods/bindme`)).status, 404);
  });

  test('an eviction deletes the pod, and discovery lists it the way kubectl drain looks for it', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'evictme' }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    assert.equal((await api('POST', '/api/v1/namespaces/typed/pods', pod)).status, 201);
    const ev = await api('POST', '/api/v1/namespaces/typed/pods/evictme/eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'evictme', namespace: 'typed' }, deleteOptions: {} });
    assert.equal(ev.status, 201);
    assert.equal(ev.body['status'], 'Success');
    assert.equal((await fetch(`${url}/api/v1/namespaces/typed/pods/evictme`)).status, 404);
    const list = await getJson<{ resources: { name: string; group?: string; version?: string; kind: string }[] }>(`${url}/api/v1`);
    const e = list.resources.find((r) => r.name === 'pods/eviction');
    assert.deepEqual([e?.group, e?.version, e?.kind], ['policy', 'v1', 'Eviction']);
  });

  test('finalizers hold an object until they are removed', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] } };
    assert.equal((await api('POST', '/api/v1/namespaces/typed/configmaps', cm)).status, 201);
    assert.equal((await api('DELETE', '/api/v1/namespaces/typed/configmaps/held')).status, 202);
    const held = await getJson<{ metadata: Meta }>(`${url}/api/v1/namespaces/typed/configmaps/held`);
    assert.ok(held.metadata.deletionTimestamp);
    const p = await api('PATCH', '/api/v1/namespaces/typed/configmaps/held', { metadata: { finalizers: null } }, 'application/merge-patch+json');
    assert.equal(p.status, 200);
    assert.equal((await fetch(`${url}/api/v1/namespaces/typed/configmaps/held`)).status, 404);
  });

  test('an HPA made by kubectl autoscale reads back in v1 and v2', async () => {
    await c.kubectl.ok(['autoscale', 'deploy', 'web', '-n', 'typed', '--min=2', '--max=5', '--cpu-percent=70']);
    const v2 = await getJson<{ spec: { minReplicas: number; maxReplicas: number; metrics: { resource: { name: string; target: { averageUtilization: number } } }[] } }>(`${url}/apis/autoscaling/v2/namespaces/typed/horizontalpodautoscalers/web`);
    assert.equal(v2.spec.minReplicas, 2);
    assert.equal(v2.spec.metrics[0]!.resource.target.averageUtilization, 70);
    const v1 = await getJson<{ apiVersion: string; spec: { targetCPUUtilizationPercentage: number } }>(`${url}/apis/autoscaling/v1/namespaces/typed/horizontalpodautoscalers/web`);
    assert.equal(v1.apiVersion, 'autoscaling/v1');
    assert.equal(v1.spec.targetCPUUtilizationPercentage, 70);
    assert.match(await c.kubectl.ok(['get', 'hpa', '-n', 'typed']), /^web\s+Deployment\/web\s+cpu: <unknown>\/70%\s+2\s+5\s+0\s+\d+s$/m);
  });

  test('deleting with orphan and foreground cascades leaves the finalizer for the garbage collector', async () => {
    await c.kubectl.ok(['create', 'configmap', 'orph', '-n', 'typed']);
    await c.kubectl.ok(['delete', 'configmap', 'orph', '-n', 'typed', '--cascade=orphan', '--wait=false']);
    const o = await getJson<{ metadata: Meta }>(`${url}/api/v1/namespaces/typed/configmaps/orph`);
    assert.deepEqual(o.metadata.finalizers, ['orphan']);
    await c.kubectl.ok(['create', 'configmap', 'fg', '-n', 'typed']);
    await c.kubectl.ok(['delete', 'configmap', 'fg', '-n', 'typed', '--cascade=foreground', '--wait=false']);
    const f = await getJson<{ metadata: Meta }>(`${url}/api/v1/namespaces/typed/configmaps/fg`);
    assert.deepEqual(f.metadata.finalizers, ['foregroundDeletion']);
  });
});
