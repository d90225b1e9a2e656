// The book's ReplicationController, end to end: the real kubectl, a real `bosun
// controller-manager` process, etcd and the apiserver; a stand-in kubelet marks pods Running.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster, type TestCluster } from '../apiserver/cluster.js';
import { ControllerManagerProcess } from '../support/controller-manager.js';
import { FakeKubelet } from '../support/fake-kubelet.js';
import { waitFor } from '../support/process.js';

const manifest = `apiVersion: v1
kind: ReplicationController
metadata:
  name: myweb
spec:
  replicas: 2
  selector:
    app: myweb
  template:
    metadata:
      labels:
        app: myweb
    spec:
      containers:
      - name: myweb
        image: bosun/toolbox:1
        command: ["httpd", "-f", "-p", "8080"]
        ports:
        - containerPort: 8080
`;

interface PodList { items: { metadata: { name: string; uid: string; deletionTimestamp?: string; ownerReferences?: { kind: string; name: string; controller?: boolean }[] }; status?: { phase?: string } }[] }

describe('ReplicationController (the book\'s RC) with the controller-manager', () => {
  let c: TestCluster;
  let kubelet: FakeKubelet;
  let cm: ControllerManagerProcess;

  before(async () => {
    c = await startCluster();
    kubelet = new FakeKubelet({ server: c.apiserver.url, nodes: ['node-1', 'node-2'], bind: true });
    await kubelet.start();
    cm = new ControllerManagerProcess(c.apiserver.url, ['--controllers', 'replicationcontroller,garbagecollector']);
    cm.start();
  });

  after(async () => {
    await cm?.stop();
    await kubelet?.stop();
    await c?.stop();
  });

  const livePods = async (): Promise<PodList['items']> => {
    const list = JSON.parse(await c.kubectl.ok(['get', 'pods', '-l', 'app=myweb', '-o', 'json'])) as PodList;
    return list.items.filter((p) => p.metadata.deletionTimestamp === undefined);
  };
  const runningCount = async (n: number): Promise<PodList['items'] | undefined> => {
    const pods = await livePods();
    return pods.length === n && pods.every((p) => p.status?.phase === 'Running') ? pods : undefined;
  };

  test('kubectl apply makes its replicas, owned by the RC, and kubectl get rc shows them ready', async () => {
    await c.kubectl.ok(['apply', '-f', '-'], { input: manifest });
    const pods = await waitFor('2 running pods', () => runningCount(2));
    for (const p of pods) {
      assert.deepEqual(p.metadata.ownerReferences?.map((r) => [r.kind, r.name, r.controller]), [['ReplicationController', 'myweb', true]]);
      assert.match(p.metadata.name, /^myweb-[a-z0-9]{5}$/);
    }
    const table = await waitFor('rc ready 2/2', async () => {
      const out = await c.kubectl.ok(['get', 'rc', 'myweb']);
      return /myweb\s+2\s+2\s+2\s/.test(out) ? out : undefined;
    });
    assert.match(table, /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE/);
  });

  test('pods deleted by hand are replaced', async () => {
    const before = await livePods();
    await c.kubectl.ok(['delete', 'pod', before[0]!.metadata.name, '--wait=false']);
    const after = await waitFor('a replacement pod', async () => {
      const pods = await runningCount(2);
      return pods !== undefined && !pods.some((p) => p.metadata.uid === before[0]!.metadata.uid) ? pods : undefined;
    });
    assert.ok(after.some((p) => p.metadata.uid === before[1]!.metadata.uid), 'the pod that was not deleted stays');
  });

  test('kubectl scale rc changes the number of pods both ways', async () => {
    assert.match(await c.kubectl.ok(['scale', 'rc', 'myweb', '--replicas=5']), /replicationcontroller\/myweb scaled/);
    await waitFor('5 running pods', () => runningCount(5));
    await c.kubectl.ok(['scale', 'rc', 'myweb', '--replicas=1']);
    await waitFor('1 running pod', () => runningCount(1));
    const rc = JSON.parse(await c.kubectl.ok(['get', 'rc', 'myweb', '-o', 'json'])) as { metadata: { generation: number }; status: { replicas: number; observedGeneration: number } };
    await waitFor('status of 1 replica', async () => {
      const now = JSON.parse(await c.kubectl.ok(['get', 'rc', 'myweb', '-o', 'json'])) as typeof rc;
      return now.status.replicas === 1 && now.status.observedGeneration === now.metadata.generation ? true : undefined;
    });
  });

  test('an orphan pod with matching labels is adopted instead of a new one being made', async () => {
    await c.kubectl.ok(['run', 'stray', '--image=bosun/toolbox:1', '--labels=app=loner', '--restart=Always']);
    await waitFor('the stray running', async () => {
      const p = JSON.parse(await c.kubectl.ok(['get', 'pod', 'stray', '-o', 'json'])) as PodList['items'][number];
      return p.status?.phase === 'Running' ? true : undefined;
    });
    await c.kubectl.ok(['apply', '-f', '-'], { input: manifest.replace(/myweb/g, 'loner').replace('replicas: 2', 'replicas: 1') });
    const stray = await waitFor('the stray adopted', async () => {
      const p = JSON.parse(await c.kubectl.ok(['get', 'pod', 'stray', '-o', 'json'])) as PodList['items'][number];
      return p.metadata.ownerReferences?.[0]?.name === 'loner' ? p : undefined;
    });
    assert.equal(stray.metadata.ownerReferences?.[0]?.kind, 'ReplicationController');
    await waitFor('the RC to count it', async () => (/loner\s+1\s+1\s+1\s/.test(await c.kubectl.ok(['get', 'rc', 'loner'])) ? true : undefined));
    const pods = JSON.parse(await c.kubectl.ok(['get', 'pods', '-l', 'app=loner', '-o', 'json'])) as PodList;
    assert.deepEqual(pods.items.map((p) => p.metadata.name), ['stray'], 'no pod was made for it');
    await c.kubectl.ok(['delete', 'rc', 'loner']);
  });

  test('deleting the RC removes its pods (background cascade)', async () => {
    await c.kubectl.ok(['delete', 'rc', 'myweb']);
    await waitFor('no pods left', async () => ((await livePods()).length === 0 ? true : undefined));
  });
});
