// bosunctl's verbs on a real etcd + apiserver + `bosun controller-manager`, with the
// FakeKubelet playing two nodes: what it prints is compared with the real kubectl's output on
// the same objects (get, describe, rollout status), and both see the same state.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCluster, getJson, type TestCluster } from '../apiserver/cluster.js';
import { appManifest } from '../apiserver/manifests.js';
import { ControllerManagerProcess } from '../support/controller-manager.js';
import { FakeKubelet } from '../support/fake-kubelet.js';
import { startProcess, waitFor } from '../support/process.js';
import { bosunctlBin } from './bosunctl.js';
import { Bosunctl } from './bosunctl.js';
import { sameOutput } from './compare.js';

interface Dep { metadata: { generation: number; annotations?: Record<string, string>; labels?: Record<string, string> }; spec: { replicas: number; paused?: boolean; template: { metadata: { annotations?: Record<string, string> }; spec: { containers: { image: string }[] } } }; status?: { observedGeneration?: number; updatedReplicas?: number; availableReplicas?: number } }

describe('bosunctl against the cluster, side by side with kubectl', () => {
  let c: TestCluster;
  let cm: ControllerManagerProcess;
  let kubelet: FakeKubelet;
  let b: Bosunctl;
  const k = (): TestCluster['kubectl'] => c.kubectl;
  const dep = (): Promise<Dep> => getJson<Dep>(`${c.apiserver.url}/apis/apps/v1/namespaces/shop/deployments/web`);
  const rolledOut = async (): Promise<void> => {
    await waitFor('the rollout', async () => {
      const d = await dep();
      return d.status?.observedGeneration === d.metadata.generation && d.status.updatedReplicas === d.spec.replicas && d.status.availableReplicas === d.spec.replicas ? true : undefined;
    }, 30_000);
  };

  before(async () => {
    c = await startCluster();
    cm = new ControllerManagerProcess(c.apiserver.url);
    cm.start();
    kubelet = new FakeKubelet({ server: c.apiserver.url, nodes: ['node-1', 'node-2'], bind: true, readyAfterMs: 300 });
    await kubelet.start();
    b = new Bosunctl(c.apiserver.url);
  });
  after(async () => {
    b?.cleanup();
    await kubelet?.stop();
    await cm?.stop();
    await c?.stop();
  });

  test('version, api-resources, api-versions and cluster-info', async () => {
    const v = await b.ok(['version']);
    assert.match(v, /^Client Version: v1\.32\.0\+bosunctl\.[\d.]+\nServer Version: v1\.32\.0\+bosun\.[\d.]+\n$/);
    const norm = (s: string): string[] => s.trim().split('\n').map((l) => l.trim().split(/\s+/).join(' ')).sort();
    assert.deepEqual(norm(await b.ok(['api-resources'])), norm(await k().ok(['api-resources'])));
    assert.deepEqual(norm(await b.ok(['api-versions'])), norm(await k().ok(['api-versions'])));
    assert.match(await b.ok(['cluster-info']), new RegExp(`^Kubernetes control plane is running at ${c.apiserver.url}\n`));
  });

  test('apply creates, then says unchanged, and kubectl agrees on the last-applied state', async () => {
    assert.equal(await b.ok(['apply', '-f', '-'], { input: appManifest('bosun/toolbox:1') }), [
      'namespace/shop created', 'deployment.apps/web created', 'service/web created', 'configmap/web-config created', 'secret/web-secret created', '',
    ].join('\n'));
    assert.equal(await b.ok(['apply', '-f', '-'], { input: appManifest('bosun/toolbox:1') }), [
      'namespace/shop unchanged', 'deployment.apps/web unchanged', 'service/web unchanged', 'configmap/web-config unchanged', 'secret/web-secret configured', '',
    ].join('\n'));
    // kubectl's three-way diff against bosunctl's annotation finds nothing to do.
    assert.match(await k().ok(['apply', '-f', '-'], { input: appManifest('bosun/toolbox:1') }), /deployment\.apps\/web unchanged\nservice\/web unchanged\nconfigmap\/web-config unchanged/);
    await rolledOut();
  });

  test('get prints the same tables as kubectl', async () => {
    for (const args of [
      ['get', 'deploy,svc', '-n', 'shop'], ['get', 'pods', '-n', 'shop', '-o', 'wide'], ['get', 'nodes'], ['get', 'nodes', '-o', 'wide'],
      ['get', 'ns'], ['get', 'all', '-n', 'shop'], ['get', 'svc', '-A'], ['get', 'pods', '-A', '-l', 'app=web'],
      ['get', 'pods', '-A', '--field-selector', 'status.phase=Running'], ['get', 'deploy/web', 'svc/web', '-n', 'shop'],
      ['get', 'deployment', 'web', '-n', 'shop', '--show-labels'], ['get', 'rs', '-n', 'shop', '-o', 'wide'], ['get', 'cm,secret', '-n', 'shop'],
      ['get', 'deploy', '-n', 'shop', '-o', 'name'], ['get', 'pods', '-n', 'shop', '-o', 'jsonpath={.items[*].spec.nodeName}'],
      ['get', 'svc', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.ports[0].nodePort}'], ['get', 'pods', '-n', 'empty-ns'],
      ['get', 'pods', '-n', 'empty-ns', '-o', 'json'], ['get', 'pods', '-A', '-o', 'custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image'],
      ['get', 'deploy', 'web', 'ghost', '-n', 'shop'], ['get', 'events', '-n', 'shop', '-o', 'name'],
    ]) {
      await sameOutput(k(), b, args, { stderr: true });
    }
  });

  test('get -o yaml and -o json give the objects kubectl gives', async () => {
    for (const args of [['get', 'deploy', 'web', '-n', 'shop', '-o', 'json'], ['get', 'svc,cm', '-n', 'shop', '-o', 'json']]) {
      const [kr, br] = await Promise.all([k().ok(args), b.ok(args)]);
      assert.deepEqual(JSON.parse(br), JSON.parse(kr));
    }
    const yaml = await b.ok(['get', 'configmap', 'web-config', '-n', 'shop', '-o', 'yaml']);
    assert.match(yaml, /^apiVersion: v1\ndata:\n  greeting: hello\nkind: ConfigMap\nmetadata:\n  annotations:\n    kubectl.kubernetes.io\/last-applied-configuration: \|\n      \{"apiVersion":"v1","data":\{"greeting":"hello"\}/);
    assert.match(yaml, /\n  creationTimestamp: "\d{4}-/);
    assert.equal(await b.ok(['get', 'cm', 'web-config', '-n', 'shop', '-o', 'yaml']), await k().ok(['get', 'cm', 'web-config', '-n', 'shop', '-o', 'yaml']));
  });

  test('describe prints what kubectl prints', async () => {
    const pod = (await b.ok(['get', 'pods', '-n', 'shop', '-o', 'jsonpath={.items[0].metadata.name}'])).trim();
    for (const args of [['describe', 'pod', pod], ['describe', 'deploy', 'web'], ['describe', 'rs'], ['describe', 'svc', 'web'],
      ['describe', 'cm', 'web-config'], ['describe', 'secret', 'web-secret'], ['describe', 'node', 'node-1'], ['describe', 'ns', 'shop'], ['describe', 'pods']]) {
      await sameOutput(k(), b, [...args, '-n', 'shop']);
    }
  });

  test('set image and rollout status print kubectl\'s progress lines until the rollout is done', async () => {
    assert.equal(await b.ok(['set', 'image', 'deploy/web', 'web=bosun/toolbox:2', '-n', 'shop']), 'deployment.apps/web image updated\n');
    const [bs, ks] = await Promise.all([b.run(['rollout', 'status', 'deploy/web', '-n', 'shop', '--timeout=60s']), k().run(['rollout', 'status', 'deploy/web', '-n', 'shop', '--timeout=60s'])]);
    assert.equal(bs.code, 0, bs.stderr);
    assert.equal(ks.code, 0, ks.stderr);
    const allowed = /^(Waiting for deployment spec update to be observed\.\.\.|Waiting for deployment "web" rollout to finish: (\d+ out of \d+ new replicas have been updated|\d+ old replicas are pending termination|\d+ of \d+ updated replicas are available)\.\.\.|deployment "web" successfully rolled out)$/;
    for (const out of [bs.stdout, ks.stdout]) for (const line of out.trimEnd().split('\n')) assert.match(line, allowed);
    assert.equal(bs.stdout.trimEnd().split('\n').at(-1), 'deployment "web" successfully rolled out');
    await sameOutput(k(), b, ['rollout', 'status', 'deploy/web', '-n', 'shop']);
    assert.equal((await dep()).spec.template.spec.containers[0]!.image, 'bosun/toolbox:2');
  });

  test('rollout history, undo, pause, resume and restart', async () => {
    await sameOutput(k(), b, ['rollout', 'history', 'deploy/web', '-n', 'shop']);
    assert.match(await b.ok(['rollout', 'history', 'deploy/web', '-n', 'shop']), /^deployment\.apps\/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n$/);
    assert.match(await b.ok(['rollout', 'history', 'deploy/web', '-n', 'shop', '--revision=1']), /^deployment\.apps\/web with revision #1\nPod Template:\n  Labels:\tapp=web\n/);
    assert.equal(await b.ok(['rollout', 'undo', 'deploy/web', '-n', 'shop']), 'deployment.apps/web rolled back\n');
    await rolledOut();
    assert.equal((await dep()).spec.template.spec.containers[0]!.image, 'bosun/toolbox:1');
    assert.equal((await dep()).metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
    assert.equal(await b.ok(['rollout', 'pause', 'deploy/web', '-n', 'shop']), 'deployment.apps/web paused\n');
    assert.equal((await dep()).spec.paused, true);
    assert.equal(await b.ok(['rollout', 'resume', 'deploy/web', '-n', 'shop']), 'deployment.apps/web resumed\n');
    assert.equal((await dep()).spec.paused, undefined);
    assert.equal(await b.ok(['rollout', 'restart', 'deploy/web', '-n', 'shop']), 'deployment.apps/web restarted\n');
    assert.match((await dep()).spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] ?? '', /^\d{4}-\d\d-\d\dT/);
    await b.ok(['rollout', 'status', 'deploy/web', '-n', 'shop', '--timeout=60s']);
    await sameOutput(k(), b, ['rollout', 'history', 'deploy/web', '-n', 'shop']);
  });

  test('rollout status fails on ProgressDeadlineExceeded and on --timeout, as kubectl does', async () => {
    // Pods bound to a node no kubelet runs never become ready.
    const stuck = (name: string, deadline: number): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  replicas: 1
  progressDeadlineSeconds: ${deadline}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      nodeName: nowhere
      containers: [{name: main, image: bosun/toolbox:1}]
`;
    await b.ok(['apply', '-f', '-'], { input: stuck('slow', 600) + '---\n' + stuck('stuck', 2) });
    const t = await b.run(['rollout', 'status', 'deploy/slow', '-n', 'shop', '--timeout=2s']);
    assert.equal(t.code, 1);
    assert.match(t.stdout, /^Waiting for deployment "slow" rollout to finish: 0 of 1 updated replicas are available\.\.\.\n/);
    assert.equal(t.stderr, 'error: timed out waiting for the condition\n');
    const kt = await k().run(['rollout', 'status', 'deploy/slow', '-n', 'shop', '--timeout=2s']);
    assert.equal(kt.code, 1);
    assert.equal(kt.stderr, t.stderr);
    const r = await b.run(['rollout', 'status', 'deploy/stuck', '-n', 'shop', '--timeout=60s'], { timeoutMs: 70_000 });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /^error: deployment "stuck" exceeded its progress deadline\n$/);
    const kr = await k().run(['rollout', 'status', 'deploy/stuck', '-n', 'shop']);
    assert.equal(kr.stderr, r.stderr);
    await b.ok(['delete', 'deploy', 'slow', 'stuck', '-n', 'shop']);
  });

  test('scale, label and annotate; kubectl sees the changes', async () => {
    assert.equal(await b.ok(['scale', 'deploy', 'web', '--replicas=3', '-n', 'shop']), 'deployment.apps/web scaled\n');
    await rolledOut();
    assert.match(await k().ok(['get', 'deploy', 'web', '-n', 'shop']), /\nweb\s+3\/3\s+3\s+3\s+/);
    assert.equal(await b.ok(['label', 'deploy', 'web', 'team=shop', '-n', 'shop']), 'deployment.apps/web labeled\n');
    const clash = await b.run(['label', 'deploy', 'web', 'team=other', '-n', 'shop']);
    assert.equal(clash.code, 1);
    assert.equal(clash.stderr, "error: 'team' already has a value (shop), and --overwrite is false\n");
    assert.equal(await b.ok(['label', 'deploy/web', 'team=other', '--overwrite', '-n', 'shop']), 'deployment.apps/web labeled\n');
    assert.equal((await dep()).metadata.labels?.['team'], 'other');
    assert.equal(await b.ok(['label', 'deploy', 'web', 'team-', '-n', 'shop']), 'deployment.apps/web unlabeled\n');
    assert.equal(await b.ok(['annotate', 'deploy', 'web', 'owner=ops', '-n', 'shop']), 'deployment.apps/web annotated\n');
    assert.equal(await k().ok(['get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.metadata.annotations.owner}{.metadata.labels.team}']), 'ops');
  });

  test('cordon, uncordon and drain', async () => {
    assert.equal(await b.ok(['cordon', 'node-2']), 'node/node-2 cordoned\n');
    assert.match(await k().ok(['get', 'node', 'node-2']), /node-2\s+Ready,SchedulingDisabled/);
    assert.equal(await b.ok(['cordon', 'node-2']), 'node/node-2 already cordoned\n');
    assert.equal(await b.ok(['uncordon', 'node-2']), 'node/node-2 uncordoned\n');
    await sameOutput(k(), b, ['get', 'nodes']);
    const pods = (await b.ok(['get', 'pods', '-A', '--field-selector', 'spec.nodeName=node-1', '-o', 'name'])).trim().split('\n').filter((l) => l !== '');
    const out = await b.ok(['drain', 'node-1', '--ignore-daemonsets', '--timeout=60s'], { timeoutMs: 70_000 });
    assert.match(out, /^node\/node-1 cordoned\n/);
    for (const p of pods) assert.match(out, new RegExp(`\\n${p.replace('/', '\\/')} evicted\\n`));
    assert.match(out, /node\/node-1 drained\n$/);
    assert.equal(await b.ok(['uncordon', 'node-1']), 'node/node-1 uncordoned\n');
  });

  test('get -w prints the list, then one row per change, as kubectl does', async () => {
    await b.ok(['create', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: w1, namespace: default}\ndata: {a: "1"}\n' });
    const env = { HOME: b.dir, KUBECONFIG: b.kubeconfig };
    const bw = startProcess(process.execPath, [bosunctlBin, 'get', 'cm', '-w', '-l', 'watch=me', '--show-labels'], { env });
    const kw = startProcess('kubectl', ['get', 'cm', '-w', '-l', 'watch=me', '--show-labels'], { env: { HOME: k().dir, KUBECONFIG: `${k().dir}/kubeconfig`, KUBECACHEDIR: `${k().dir}/cache` } });
    try {
      await new Promise((r) => setTimeout(r, 1500));
      await b.ok(['label', 'cm', 'w1', 'watch=me']);
      await b.ok(['annotate', 'cm', 'w1', 'x=y']);
      await b.ok(['delete', 'cm', 'w1']);
      const rows = (p: typeof bw): string[] => p.output().split('\n').filter((l) => l.startsWith('w1'));
      await waitFor('three rows from each', async () => (rows(bw).length >= 3 && rows(kw).length >= 3 ? true : undefined), 20_000);
      const norm = (p: typeof bw): string => p.output().split('\n').filter((l) => !l.startsWith('No resources')).join('\n');
      assert.equal(norm(bw), norm(kw));
      assert.match(norm(bw), /^NAME   DATA   AGE   LABELS\nw1     1      \d+s +watch=me\n/);
    } finally {
      await bw.stop();
      await kw.stop();
    }
  });

  test('top reports that the Metrics API is not served, as kubectl does', async () => {
    const r = await b.run(['top', 'pods', '-n', 'shop']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'error: Metrics API not available\n');
    assert.equal((await k().run(['top', 'pods', '-n', 'shop'])).stderr, r.stderr);
  });

  test('config view, set-context, use-context and current-context', async () => {
    assert.equal(await b.ok(['config', 'current-context']), 'bosun\n');
    assert.equal(await b.ok(['config', 'set-context', 'shop', '--cluster', 'bosun', '--user', 'admin', '--namespace', 'shop']), 'Context "shop" created.\n');
    assert.equal(await b.ok(['config', 'use-context', 'shop']), 'Switched to context "shop".\n');
    assert.match(await b.ok(['get', 'deploy']), /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+3\/3/);
    assert.match(await b.ok(['config', 'view']), /current-context: shop\n/);
    assert.match(await b.ok(['get', 'svc', '--context', 'bosun']), /^NAME\s+TYPE.*\nkubernetes\s+ClusterIP/);
    assert.equal(await b.ok(['config', 'use-context', 'bosun']), 'Switched to context "bosun".\n');
  });

  test('apply -R of a folder, --server-side, and validation errors worded as kubectl words them', async () => {
    const dir = join(b.dir, 'manifests');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fa}\ndata: {k: v}\n');
    writeFileSync(join(dir, 'sub', 'b.yml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fb}\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a manifest');
    assert.equal(await b.ok(['apply', '-f', dir]), 'configmap/fa created\n');
    assert.equal(await b.ok(['apply', '-f', dir, '-R']), 'configmap/fa unchanged\nconfigmap/fb created\n');
    await sameOutput(k(), b, ['apply', '-f', dir, '-R', '--dry-run=server']);
    writeFileSync(join(dir, 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fa}\ndata: {k: w}\n');
    assert.equal(await b.ok(['apply', '--server-side', '--force-conflicts', '-f', join(dir, 'a.yaml')]), 'configmap/fa serverside-applied\n');
    assert.equal(await k().ok(['get', 'cm', 'fa', '-o', 'jsonpath={.data.k}']), 'w');
    const bad = join(b.dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bad}\nspec:\n  replicas: -1\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: c}}\n    spec: {containers: [{name: x, image: i}]}\n');
    const r = await sameOutput(k(), b, ['apply', '-f', bad], { stderr: true });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^The Deployment "bad" is invalid: \n\* spec\.replicas: /);
    await sameOutput(k(), b, ['create', '-f', bad], { stderr: true });
    assert.equal(await b.ok(['delete', '-f', dir, '-R']), 'configmap "fa" deleted\nconfigmap "fb" deleted\n');
  });

  test('delete waits for graceful pod deletion; --cascade=orphan keeps the children; --force warns', async () => {
    await b.ok(['apply', '-f', '-'], { input: `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: keep, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: keep}}
  template:
    metadata: {labels: {app: keep}}
    spec: {containers: [{name: main, image: bosun/toolbox:1}]}
` });
    const pod = await waitFor('the ReplicaSet\'s pod', async () => (await b.ok(['get', 'pods', '-n', 'shop', '-l', 'app=keep', '-o', 'name'])).trim() || undefined, 20_000);
    assert.equal(await b.ok(['delete', 'rs', 'keep', '-n', 'shop', '--cascade=orphan']), 'replicaset.apps "keep" deleted\n');
    await new Promise((res) => setTimeout(res, 1000));
    assert.equal((await b.ok(['get', 'pods', '-n', 'shop', '-l', 'app=keep', '-o', 'name'])).trim(), pod);
    const json = JSON.parse(await b.ok(['get', pod, '-n', 'shop', '-o', 'json'])) as { metadata: { ownerReferences?: unknown[] } };
    assert.equal(json.metadata.ownerReferences, undefined);
    // The FakeKubelet finishes graceful deletions; delete returns only once the pod is gone.
    assert.equal(await b.ok(['delete', pod, '-n', 'shop', '--grace-period=5']), `${pod.replace('/', ' "')}" deleted\n`);
    assert.equal((await k().run(['get', pod, '-n', 'shop'])).code, 1);
    await b.ok(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: solo, namespace: shop}\nspec: {nodeName: nowhere, containers: [{name: m, image: bosun/toolbox:1}]}\n' });
    const f = await b.run(['delete', 'pod', 'solo', '-n', 'shop', '--force', '--grace-period=0']);
    assert.equal(f.code, 0, f.stderr);
    assert.equal(f.stdout, 'pod "solo" force deleted\n');
    assert.equal(f.stderr, 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  });

  test('create namespace and create configmap --from-literal make what kubectl\'s generators make', async () => {
    assert.equal(await b.ok(['create', 'namespace', 'team-a']), 'namespace/team-a created\n');
    assert.equal(await b.ok(['create', 'configmap', 'settings', '--from-literal=level=debug', '--from-literal=mode=fast', '-n', 'team-a']), 'configmap/settings created\n');
    assert.equal(await k().ok(['get', 'cm', 'settings', '-n', 'team-a', '-o', 'jsonpath={.data.level} {.data.mode}']), 'debug fast');
    const bad = await b.run(['create', 'configmap', 'x', '--from-literal=novalue']);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, 'error: invalid literal source novalue, expected key=value\n');
    const unknown = await b.run(['create', 'deployment', 'd1']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^error: bosunctl create deployment is not supported: write a manifest and use create -f/);
    await b.ok(['delete', 'namespace', 'team-a', '--wait=false']);
  });

  test('create -f, then delete by file, by name, by label and with --cascade, waiting like kubectl', async () => {
    const cms = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one, labels: {batch: x}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: two, labels: {batch: x}}\n';
    assert.equal(await b.ok(['create', '-f', '-'], { input: cms }), 'configmap/one created\nconfigmap/two created\n');
    const again = await b.run(['create', '-f', '-'], { input: cms });
    assert.equal(again.code, 1);
    assert.equal(again.stderr, 'Error from server (AlreadyExists): error when creating "STDIN": configmaps "one" already exists\nError from server (AlreadyExists): error when creating "STDIN": configmaps "two" already exists\n');
    assert.equal(await b.ok(['delete', 'cm', '-l', 'batch=x']), 'configmap "one" deleted\nconfigmap "two" deleted\n');
    assert.equal((await k().run(['get', 'cm', 'one'])).code, 1);
    // A Deployment deleted in the foreground is gone only after its ReplicaSets and pods.
    assert.equal(await b.ok(['delete', 'deploy', 'web', '-n', 'shop', '--cascade=foreground', '--timeout=60s'], { timeoutMs: 70_000 }), 'deployment.apps "web" deleted\n');
    assert.equal((await k().run(['get', 'deploy', 'web', '-n', 'shop'])).code, 1);
    const left = await k().run(['get', 'rs', '-n', 'shop', '-l', 'app=web', '-o', 'name']);
    assert.equal(left.stdout, '');
    assert.equal(await b.ok(['delete', 'svc/web', 'cm/web-config', '-n', 'shop']), 'service "web" deleted\nconfigmap "web-config" deleted\n');
    const gone = await b.run(['delete', 'svc', 'web', '-n', 'shop']);
    assert.equal(gone.stderr, 'Error from server (NotFound): services "web" not found\n');
    assert.equal((await b.run(['delete', 'svc', 'web', '-n', 'shop', '--ignore-not-found'])).code, 0);
  });
});
