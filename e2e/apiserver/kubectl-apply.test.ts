// Acceptance with the real kubectl (1.32): apply a multi-document manifest, re-apply with a
// changed image, and the everyday verbs against the result.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startCluster, getJson, type TestCluster } from './cluster.js';
import { appManifest } from './manifests.js';

interface Obj { metadata: { uid: string; generation?: number; labels?: Record<string, string>; annotations?: Record<string, string>; name: string; namespace?: string }; spec?: Record<string, unknown> }

describe('kubectl against the apiserver', () => {
  let c: TestCluster;
  before(async () => { c = await startCluster(); });
  after(async () => { await c?.stop(); });

  test('reports Kubernetes 1.32 with Bosun in gitVersion', async () => {
    const out = JSON.parse(await c.kubectl.ok(['version', '-o', 'json'])) as { serverVersion: { major: string; minor: string; gitVersion: string } };
    assert.equal(out.serverVersion.major, '1');
    assert.equal(out.serverVersion.minor, '32');
    assert.match(out.serverVersion.gitVersion, /^v1\.32\.0\+bosun\./);
  });

  test('lists the served resources with their short names', async () => {
    const out = await c.kubectl.ok(['api-resources']);
    for (const row of [/^pods\s+po\s+v1\s+true\s+Pod$/m, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m,
      /^services\s+svc\s+v1\s+true\s+Service$/m, /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m,
      /^horizontalpodautoscalers\s+hpa\s+autoscaling\/v2\s+true\s+HorizontalPodAutoscaler$/m,
      /^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m, /^endpointslices\s+discovery\.k8s\.io\/v1\s+true\s+EndpointSlice$/m]) {
      assert.match(out, row);
    }
  });

  test('apply creates every object of a multi-document manifest', async () => {
    const out = await c.kubectl.ok(['apply', '-f', '-'], { input: appManifest('bosun/toolbox:1') });
    assert.equal(out.trim(), [
      'namespace/shop created', 'deployment.apps/web created', 'service/web created',
      'configmap/web-config created', 'secret/web-secret created',
    ].join('\n'));
    const svc = await getJson<{ spec: { clusterIP: string; ports: { nodePort: number; targetPort: string }[] } }>(`${c.apiserver.url}/api/v1/namespaces/shop/services/web`);
    assert.match(svc.spec.clusterIP, /^10\.(9[6-9]|10\d|11[01])\./);
    assert.ok(svc.spec.ports[0]!.nodePort >= 30000 && svc.spec.ports[0]!.nodePort <= 32767);
    const secret = await getJson<{ data: Record<string, string>; stringData?: unknown }>(`${c.apiserver.url}/api/v1/namespaces/shop/secrets/web-secret`);
    assert.equal(Buffer.from(secret.data['password']!, 'base64').toString(), 's3cret');
    assert.equal(secret.stringData, undefined);
  });

  test('applying again with a changed image patches only the Deployment', async () => {
    const url = c.apiserver.url;
    const before = await Promise.all([
      getJson<Obj>(`${url}/apis/apps/v1/namespaces/shop/deployments/web`),
      getJson<Obj>(`${url}/api/v1/namespaces/shop/services/web`),
      getJson<Obj>(`${url}/api/v1/namespaces/shop/configmaps/web-config`),
    ]);
    const out = await c.kubectl.ok(['apply', '-f', '-'], { input: appManifest('bosun/toolbox:2') });
    assert.equal(out.trim(), [
      'namespace/shop unchanged', 'deployment.apps/web configured', 'service/web unchanged',
      // A Secret written with stringData is "configured" on every apply, as with Kubernetes:
      // the live object never holds stringData, so kubectl's three-way diff always sends it.
      'configmap/web-config unchanged', 'secret/web-secret configured',
    ].join('\n'));
    const dep = await getJson<Obj & { spec: { template: { spec: { containers: { image: string; env: unknown[] }[] } } } }>(`${url}/apis/apps/v1/namespaces/shop/deployments/web`);
    assert.equal(dep.metadata.uid, before[0].metadata.uid);
    assert.equal(dep.metadata.generation, (before[0].metadata.generation ?? 0) + 1);
    assert.equal(dep.spec.template.spec.containers[0]!.image, 'bosun/toolbox:2');
    assert.equal(dep.spec.template.spec.containers[0]!.env.length, 1);
    const svc = await getJson<Obj>(`${url}/api/v1/namespaces/shop/services/web`);
    const cm = await getJson<Obj>(`${url}/api/v1/namespaces/shop/configmaps/web-config`);
    assert.equal(svc.metadata.uid, before[1].metadata.uid);
    assert.equal(cm.metadata.uid, before[2].metadata.uid);
  });

  test('get prints tables, wide tables, yaml, json and names', async () => {
    const table = await c.kubectl.ok(['get', 'deploy', '-n', 'shop']);
    assert.match(table, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+0\/2\s+0\s+0\s+\d+s\n$/);
    const wide = await c.kubectl.ok(['get', 'svc', 'web', '-n', 'shop', '-o', 'wide']);
    assert.match(wide, /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR\nweb\s+NodePort\s+10\.[\d.]+\s+<none>\s+80:3\d{4}\/TCP\s+\d+s\s+app=web\n$/);
    const yaml = await c.kubectl.ok(['get', 'configmap', 'web-config', '-n', 'shop', '-o', 'yaml']);
    assert.match(yaml, /^apiVersion: v1\ndata:\n  greeting: hello\nkind: ConfigMap\n/);
    const json = JSON.parse(await c.kubectl.ok(['get', 'deploy,svc', '-n', 'shop', '-o', 'json'])) as { kind: string; items: { kind: string }[] };
    assert.equal(json.kind, 'List');
    assert.deepEqual(json.items.map((i) => i.kind), ['Deployment', 'Service']);
    assert.equal((await c.kubectl.ok(['get', 'deploy,svc,cm', '-n', 'shop', '-o', 'name'])).trim(),
      'deployment.apps/web\nservice/web\nconfigmap/kube-root-ca.crt\nconfigmap/web-config'.split('\n').filter((l) => !l.includes('kube-root-ca')).join('\n'));
  });

  test('get -A shows the namespace column and every namespace', async () => {
    const out = await c.kubectl.ok(['get', 'services', '-A']);
    assert.match(out, /^NAMESPACE\s+NAME\s+TYPE/);
    assert.match(out, /^default\s+kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/m);
    assert.match(out, /^shop\s+web\s+NodePort/m);
  });

  test('label selectors in every form pick the right objects', async () => {
    const url = c.apiserver.url;
    for (const name of ['a', 'b', 'c', 'd']) {
      await c.kubectl.ok(['create', 'configmap', `sel-${name}`, '-n', 'shop', '--from-literal=k=v']);
    }
    await c.kubectl.ok(['label', 'cm', 'sel-a', 'env=prod', 'tier=db', '-n', 'shop']);
    await c.kubectl.ok(['label', 'cm', 'sel-b', 'env=dev', '-n', 'shop']);
    await c.kubectl.ok(['label', 'cm', 'sel-c', 'env=test', 'tier=web', '-n', 'shop']);
    const names = async (sel: string) => (await c.kubectl.ok(['get', 'cm', '-n', 'shop', '-l', sel, '-o', 'name'])).trim().split('\n').filter((l) => l !== '').map((l) => l.replace('configmap/', '')).sort();
    assert.deepEqual(await names('env=prod'), ['sel-a']);
    assert.deepEqual(await names('env==dev'), ['sel-b']);
    assert.deepEqual(await names('env!=prod,env'), ['sel-b', 'sel-c']);
    assert.deepEqual(await names('env in (dev,test)'), ['sel-b', 'sel-c']);
    assert.deepEqual(await names('env notin (dev,test),env'), ['sel-a']);
    assert.deepEqual(await names('tier'), ['sel-a', 'sel-c']);
    assert.deepEqual(await names('!tier,env'), ['sel-b']);
    const bad = await c.kubectl.run(['get', 'cm', '-n', 'shop', '-l', 'env in (a']);
    assert.notEqual(bad.code, 0);
    void url;
  });

  test('field selectors filter on name, namespace and pod fields', async () => {
    const pod = (name: string, node?: string) => JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop' },
      spec: { ...(node ? { nodeName: node } : {}), containers: [{ name: 'c', image: 'bosun/toolbox:1' }] },
    });
    await c.kubectl.ok(['create', '-f', '-'], { input: pod('p1', 'node-a') });
    await c.kubectl.ok(['create', '-f', '-'], { input: pod('p2', 'node-b') });
    await c.kubectl.ok(['create', '-f', '-'], { input: pod('p3') });
    const names = async (sel: string, ns = ['-n', 'shop']) => (await c.kubectl.ok(['get', 'pods', ...ns, '--field-selector', sel, '-o', 'name'])).trim().split('\n').filter((l) => l !== '').sort();
    assert.deepEqual(await names('spec.nodeName=node-a'), ['pod/p1']);
    assert.deepEqual(await names('spec.nodeName!=node-a'), ['pod/p2', 'pod/p3']);
    assert.deepEqual(await names('metadata.name=p2'), ['pod/p2']);
    assert.deepEqual(await names('status.phase=Pending,spec.nodeName='), ['pod/p3']);
    assert.deepEqual(await names('metadata.namespace=shop,metadata.name=p3', ['-A']), ['pod/p3']);
    const bad = await c.kubectl.run(['get', 'pods', '-n', 'shop', '--field-selector', 'spec.bogus=1']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /field label not supported: spec\.bogus/);
  });

  test('get -w prints the changes as they happen', async () => {
    const watcher = spawn('kubectl', ['get', 'configmaps', '-n', 'shop', '-w', '--output-watch-events'], {
      env: { ...process.env, KUBECONFIG: `${c.kubectl.dir}/kubeconfig`, KUBECACHEDIR: `${c.kubectl.dir}/cache`, HOME: c.kubectl.dir },
    });
    let out = '';
    watcher.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    try {
      const deadline = Date.now() + 20_000;
      while (!out.includes('web-config') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await c.kubectl.ok(['create', 'configmap', 'watched', '-n', 'shop', '--from-literal=a=b']);
      await c.kubectl.ok(['delete', 'configmap', 'watched', '-n', 'shop']);
      while (!/DELETED\s+watched/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.match(out, /ADDED\s+watched\s+1\s+\d+s/);
      assert.match(out, /DELETED\s+watched/);
    } finally {
      watcher.kill('SIGTERM');
    }
  });

  test('describe, annotate and scale work on the Deployment', async () => {
    await c.kubectl.ok(['annotate', 'deploy', 'web', '-n', 'shop', 'owner=team-a']);
    await c.kubectl.ok(['scale', 'deploy', 'web', '-n', 'shop', '--replicas=5']);
    const d = await getJson<Obj & { spec: { replicas: number } }>(`${c.apiserver.url}/apis/apps/v1/namespaces/shop/deployments/web`);
    assert.equal(d.spec.replicas, 5);
    assert.equal(d.metadata.annotations?.['owner'], 'team-a');
    const desc = await c.kubectl.ok(['describe', 'deploy', 'web', '-n', 'shop']);
    assert.match(desc, /^Name:\s+web$/m);
    assert.match(desc, /^Namespace:\s+shop$/m);
    assert.match(desc, /^Replicas:\s+5 desired/m);
    assert.match(desc, /owner: team-a/);
    assert.match(desc, /Image:\s+bosun\/toolbox:2/);
    await c.kubectl.ok(['scale', 'deploy', 'web', '-n', 'shop', '--replicas=3', '--current-replicas=5']);
    const again = await c.kubectl.run(['scale', 'deploy', 'web', '-n', 'shop', '--replicas=4', '--current-replicas=5']);
    assert.notEqual(again.code, 0);
  });

  test('delete -f removes every object of the manifest', async () => {
    // The namespace stays Terminating until the namespace controller (controller-manager)
    // empties it, as in Kubernetes; so don't wait for it here.
    const out = await c.kubectl.ok(['delete', '-f', '-', '--wait=false'], { input: appManifest('bosun/toolbox:2') });
    assert.match(out, /namespace "shop" deleted/);
    assert.match(out, /deployment.apps "web" deleted/);
    assert.match(out, /service "web" deleted/);
    const res = await fetch(`${c.apiserver.url}/apis/apps/v1/namespaces/shop/deployments/web`);
    assert.equal(res.status, 404);
    const ns = await getJson<{ status: { phase: string }; metadata: { deletionTimestamp?: string } }>(`${c.apiserver.url}/api/v1/namespaces/shop`);
    assert.equal(ns.status.phase, 'Terminating');
    assert.ok(ns.metadata.deletionTimestamp);
    const refused = await c.kubectl.run(['create', 'configmap', 'late', '-n', 'shop']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /unable to create new content in namespace shop because it is being terminated/);
  });
});
