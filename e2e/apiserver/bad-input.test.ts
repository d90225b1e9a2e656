// Bad input: each gets the right status code and a message naming what is wrong, and etcd
// holds exactly what it held before (its revision does not move).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startCluster, type TestCluster } from './cluster.js';

interface StatusBody { kind: string; code: number; reason: string; message: string; details?: { causes?: { field?: string; reason?: string }[] } }

describe('bad input to the apiserver', () => {
  let c: TestCluster;
  let url: string;
  const etcdRevision = (): number => {
    const out = execFileSync('etcdctl', ['--endpoints', c.etcd.endpoints[0]!, 'get', '/registry/none', '-w', 'json'], { env: { ...process.env, ETCDCTL_API: '3' } });
    return Number((JSON.parse(out.toString()) as { header: { revision: number } }).header.revision);
  };
  const send = async (method: string, path: string, body: string | undefined, contentType?: string): Promise<{ status: number; body: StatusBody }> => {
    const res = await fetch(`${url}${path}`, { method, ...(body !== undefined ? { body } : {}), headers: { 'Content-Type': contentType ?? 'application/json' } });
    return { status: res.status, body: await res.json() as StatusBody };
  };
  /** Sends, checks status and message, and that nothing was written. */
  const refused = async (method: string, path: string, body: string | undefined, status: number, message: RegExp, contentType = 'application/json') => {
    const before = etcdRevision();
    const r = await send(method, path, body, contentType);
    assert.equal(r.status, status, JSON.stringify(r.body));
    assert.equal(r.body.kind, 'Status');
    assert.equal(r.body.code, status);
    assert.match(r.body.message, message);
    assert.equal(etcdRevision(), before, 'etcd changed');
    return r.body;
  };
  const pod = (over: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'good', ...over },
    spec: { containers: [{ name: 'main', image: 'bosun/toolbox:1', ...container }] },
  });

  before(async () => {
    c = await startCluster();
    url = c.apiserver.url;
    const r = await send('POST', '/api/v1/namespaces/default/pods', pod());
    assert.equal(r.status, 201);
  });
  after(async () => { await c?.stop(); });

  test('malformed JSON is a 400 that says where', async () => {
    await refused('POST', '/api/v1/namespaces/default/configmaps', '{"metadata": {"name": "x"},', 400, /not valid JSON.*line 1/);
  });

  test('malformed YAML is a 400 that says where', async () => {
    await refused('POST', '/api/v1/namespaces/default/configmaps', 'metadata:\n  name: x\n data: [', 400, /not valid YAML.*line/, 'application/yaml');
  });

  test('an unknown kind or apiVersion in the body is refused', async () => {
    await refused('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ apiVersion: 'v1', kind: 'Gizmo', metadata: { name: 'x' } }), 400, /kind "Gizmo"/);
    await refused('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ apiVersion: 'v9', kind: 'ConfigMap', metadata: { name: 'x' } }), 400, /apiVersion "v9"/);
    await refused('POST', '/apis/gizmos.example.com/v1/namespaces/default/gizmos', JSON.stringify({ metadata: { name: 'x' } }), 404, /could not find the requested resource/);
  });

  test('an invalid name, label or quantity is a 422 naming the field', async () => {
    const b1 = await refused('POST', '/api/v1/namespaces/default/pods', pod({ name: 'Bad_Name' }), 422, /Pod "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name"/);
    assert.equal(b1.details?.causes?.[0]?.field, 'metadata.name');
    const b2 = await refused('POST', '/api/v1/namespaces/default/pods', pod({ name: 'lab', labels: { 'bad key!': 'v' } }), 422, /metadata\.labels: Invalid value: "bad key!"/);
    assert.equal(b2.details?.causes?.[0]?.field, 'metadata.labels');
    await refused('POST', '/api/v1/namespaces/default/pods', pod({ name: 'q' }, { resources: { limits: { cpu: 'lots' } } }), 422, /spec\.containers\[0\]\.resources\.limits\[cpu\]: Invalid value: "lots"/);
  });

  test('metadata of the wrong type is a 400 naming the field', async () => {
    await refused('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ metadata: { name: 'x', labels: { a: 1 } } }), 400, /metadata\.labels\.a: must be a string, not number/);
    await refused('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ metadata: { name: 7 } }), 400, /metadata\.name: must be a string/);
  });

  test('a missing required field is a 422 naming it', async () => {
    await refused('POST', '/api/v1/namespaces/default/pods', pod({ name: 'noimage' }, { image: undefined }), 422, /spec\.containers\[0\]\.image: Required value/);
  });

  test('a duplicate container name is a 422', async () => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'dup' }, spec: { containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] } });
    await refused('POST', '/api/v1/namespaces/default/pods', body, 422, /spec\.containers\[1\]\.name: Duplicate value: "a"/);
  });

  test('a wrong content type is a 415 listing what is accepted', async () => {
    await refused('POST', '/api/v1/namespaces/default/configmaps', 'name=x', 415, /application\/json/, 'application/x-www-form-urlencoded');
    await refused('PATCH', '/api/v1/namespaces/default/pods/good', '{}', 415, /merge-patch/, 'text/plain');
  });

  test('a body over the limit is a 413, and so is an object too big for etcd', async () => {
    const huge = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'huge' }, data: { k: 'x'.repeat(4 * 1024 * 1024) } });
    await refused('POST', '/api/v1/namespaces/default/configmaps', huge, 413, /Request entity too large/);
    // A ConfigMap over 1 MiB breaks its own validation rule; a Pod that big, etcd's limit.
    const bigCm = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { k: 'x'.repeat(1100 * 1024) } });
    await refused('POST', '/api/v1/namespaces/default/configmaps', bigCm, 422, /Too long: may not be more than 1048576 bytes/);
    const bigPod = pod({ name: 'big' }, { args: ['x'.repeat(1600 * 1024)] });
    await refused('POST', '/api/v1/namespaces/default/pods', bigPod, 413, /Request entity too large: limit is 1572864/);
  });

  test('a stale resourceVersion is a 409 Conflict', async () => {
    const cur = await (await fetch(`${url}/api/v1/namespaces/default/pods/good`)).json() as { metadata: { resourceVersion: string } };
    const stale = JSON.parse(pod({ resourceVersion: String(Number(cur.metadata.resourceVersion) - 1), labels: { a: 'b' } })) as unknown;
    await refused('PUT', '/api/v1/namespaces/default/pods/good', JSON.stringify(stale), 409, /the object has been modified/);
  });

  test('an existing name is a 409 AlreadyExists', async () => {
    const b = await refused('POST', '/api/v1/namespaces/default/pods', pod(), 409, /pods "good" already exists/);
    assert.equal(b.reason, 'AlreadyExists');
  });

  test('content in a missing namespace is a 404', async () => {
    await refused('POST', '/api/v1/namespaces/nowhere/pods', pod(), 404, /namespaces "nowhere" not found/);
  });

  test('bad query parameters are 400s', async () => {
    const r1 = await send('GET', '/api/v1/pods?labelSelector=a%20in%20(', undefined);
    assert.equal(r1.status, 400);
    const r2 = await send('GET', '/api/v1/pods?limit=-3', undefined);
    assert.equal(r2.status, 400);
    assert.match(r2.body.message, /limit/);
    await refused('POST', '/api/v1/namespaces/default/configmaps?dryRun=Some', JSON.stringify({ metadata: { name: 'x' } }), 400, /dryRun/);
  });

  test('dry-run creates nothing', async () => {
    const before = etcdRevision();
    const r = await send('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', JSON.stringify({ metadata: { name: 'dry' }, data: { a: 'b' } }));
    assert.equal(r.status, 201);
    assert.equal(etcdRevision(), before);
  });
});
