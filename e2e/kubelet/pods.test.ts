// The kubelet on real hosts: a lab of a master and two node hosts, each node with its own
// dockerd, driven with the real kubectl. One lab serves every scenario of this file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { waitFor } from '../support/process.js';
import { LabCluster } from './cluster.js';

interface ContainerStatus { name: string; ready: boolean; restartCount: number; containerID?: string; state?: { waiting?: { reason?: string; message?: string }; running?: object; terminated?: { exitCode: number } } }
interface PodJson {
  metadata: { name: string; uid: string };
  spec: { nodeName?: string };
  status: { phase?: string; podIP?: string; conditions?: { type: string; status: string }[]; containerStatuses?: ContainerStatus[] };
}

describe('kubelet on lab hosts', () => {
  let c: LabCluster;

  before(async () => { c = await LabCluster.start({ nodes: 2 }); });
  after(async () => { await c?.stop(); });

  const pod = async (name: string): Promise<PodJson> => JSON.parse(await c.kubectl.ok(['get', 'pod', name, '-o', 'json'])) as PodJson;
  const apply = (yaml: string): Promise<string> => c.kubectl.ok(['apply', '-f', '-'], { input: yaml });
  const ready = (p: PodJson): boolean => p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false;
  const waitReady = (name: string, ms = 60_000): Promise<PodJson> =>
    waitFor(`pod ${name} Ready`, async () => { const p = await pod(name); return ready(p) ? p : undefined; }, ms, 200);
  const docker = async (node: string, args: string[]): Promise<string> => {
    const r = await c.lab.docker(node, args);
    if (r.code !== 0) throw new Error(`docker ${args.join(' ')} on ${node}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const containerOf = (node: string, p: PodJson, container: string): Promise<string> =>
    docker(node, ['ps', '-q', '--filter', `label=io.bosun.pod.uid=${p.metadata.uid}`, '--filter', `label=io.bosun.container.name=${container}`]);

  test('two containers of a pod share localhost and an emptyDir; docker shows the limits and shared namespaces', async () => {
    await apply(`apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  volumes: [{name: shared, emptyDir: {}}]
  containers:
  - name: web
    image: bosun/toolbox:1
    command: ["sh", "-c", "echo hello-from-web > /data/index.html; exec httpd -f -p 8080 -h /data"]
    volumeMounts: [{name: shared, mountPath: /data}]
    resources: {limits: {memory: 64Mi, cpu: 500m}, requests: {cpu: 250m}}
  - name: side
    image: bosun/toolbox:1
    command: ["sh", "-c", "until wget -qO /shared/got http://127.0.0.1:8080/; do sleep 0.2; done; cat /shared/got; exec sleep 3600"]
    volumeMounts: [{name: shared, mountPath: /shared}]
`);
    const p = await waitReady('two');
    const node = p.spec.nodeName!;
    const side = await containerOf(node, p, 'side');
    await waitFor('the side container to fetch from localhost', async () => ((await docker(node, ['logs', side])).includes('hello-from-web') ? true : undefined));
    const web = await containerOf(node, p, 'web');
    assert.equal(await docker(node, ['exec', side, 'cat', '/shared/index.html']), 'hello-from-web', 'the emptyDir is shared');
    const sandbox = await docker(node, ['ps', '-q', '--no-trunc', '--filter', `label=io.bosun.pod.uid=${p.metadata.uid}`, '--filter', 'label=io.bosun.kind=sandbox']);
    const inspect = JSON.parse(await docker(node, ['inspect', web])) as { HostConfig: { Memory: number; CpuQuota: number; CpuPeriod: number; CpuShares: number; NetworkMode: string; IpcMode: string } }[];
    const hc = inspect[0]!.HostConfig;
    assert.deepEqual([hc.Memory, hc.CpuQuota, hc.CpuPeriod, hc.CpuShares], [64 * 1024 * 1024, 50_000, 100_000, 256]);
    assert.equal(hc.NetworkMode, `container:${sandbox}`);
    assert.equal(hc.IpcMode, `container:${sandbox}`);
    const ip = await docker(node, ['exec', web, 'sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}'"]);
    assert.equal(ip.split('/')[0], p.status.podIP, 'the app container has the sandbox\'s address');
  });

  test('init containers run first, in order; service variables and securityContext reach the container', async () => {
    await apply(`apiVersion: v1
kind: Service
metadata: {name: redis-master}
spec: {ports: [{port: 6379}], selector: {app: none}}
---
apiVersion: v1
kind: Pod
metadata: {name: ordered}
spec:
  volumes: [{name: work, emptyDir: {}}]
  initContainers:
  - {name: first, image: bosun/toolbox:1, command: ["sh", "-c", "echo first >> /work/log"], volumeMounts: [{name: work, mountPath: /work}]}
  - {name: second, image: bosun/toolbox:1, command: ["sh", "-c", "echo second >> /work/log"], volumeMounts: [{name: work, mountPath: /work}]}
  containers:
  - name: main
    image: bosun/toolbox:1
    command: ["sleep", "3600"]
    volumeMounts: [{name: work, mountPath: /work}]
    securityContext: {runAsUser: 1000, runAsGroup: 3000, readOnlyRootFilesystem: true, capabilities: {drop: ["ALL"]}}
`);
    const p = await waitReady('ordered');
    assert.equal(p.status.phase, 'Running');
    const main = await containerOf(p.spec.nodeName!, p, 'main');
    const sh = (cmd: string): Promise<string> => docker(p.spec.nodeName!, ['exec', main, 'sh', '-c', cmd]);
    assert.equal(await sh('cat /work/log'), 'first\nsecond');
    assert.equal(await sh('id -u; id -g'), '1000\n3000');
    assert.match(await sh('touch /oops 2>&1; echo done'), /Read-only file system[\s\S]*done/);
    assert.equal(await sh('grep CapEff /proc/self/status'), 'CapEff:\t0000000000000000');
    const env = await sh('env');
    assert.match(env, /^REDIS_MASTER_SERVICE_HOST=10\.\d+\.\d+\.\d+$/m);
    assert.match(env, /^REDIS_MASTER_SERVICE_PORT=6379$/m);
    assert.match(env, /^KUBERNETES_SERVICE_HOST=10\.96\.0\.1$/m);
    const initStates = (JSON.parse(await c.kubectl.ok(['get', 'pod', 'ordered', '-o', 'json'])) as { status: { initContainerStatuses: { name: string; state: { terminated?: { reason: string } } }[] } }).status.initContainerStatuses;
    assert.deepEqual(initStates.map((s) => [s.name, s.state.terminated?.reason]), [['first', 'Completed'], ['second', 'Completed']]);
    await c.kubectl.ok(['delete', 'pod', 'ordered', '--grace-period=1']);
    await c.kubectl.ok(['delete', 'service', 'redis-master']);
  });

  test('a container that exits 1 goes into CrashLoopBackOff with a growing back-off', async () => {
    await apply(`apiVersion: v1
kind: Pod
metadata: {name: crasher}
spec:
  containers: [{name: main, image: bosun/toolbox:1, command: ["sh", "-c", "exit 1"]}]
`);
    const messages = new Set<string>();
    await waitFor('a 20 s back-off', async () => {
      const s = (await pod('crasher')).status.containerStatuses?.[0];
      const w = s?.state?.waiting;
      if (w?.reason === 'CrashLoopBackOff' && w.message !== undefined) messages.add(w.message.split(' ')[1]!);
      return messages.has('20s') ? s : undefined;
    }, 90_000, 250);
    if (!messages.has('10s')) {
      // What the kubelet did with the pod (it went through a 10 s back-off no poll saw): its log lines about it.
      const node = (await pod('crasher')).spec.nodeName!;
      const lines = c.lab.process(node, 'kubelet').logs(2_000_000).split('\n').filter((l) => l.includes('crasher'));
      assert.fail(`back-offs seen: ${[...messages].join(', ')}; the kubelet on ${node} about crasher:\n${lines.slice(-60).join('\n')}`);
    }
    const s = (await pod('crasher')).status.containerStatuses![0]!;
    assert.ok(s.restartCount >= 2, `restarts: ${s.restartCount}`);
    assert.match(await c.kubectl.ok(['get', 'pod', 'crasher']), /CrashLoopBackOff|Error/);
    await c.kubectl.ok(['delete', 'pod', 'crasher', '--grace-period=1']);
  });

  test('a failing liveness probe restarts the container; readiness gates the Ready condition', async () => {
    await apply(`apiVersion: v1
kind: Pod
metadata: {name: probed}
spec:
  containers:
  - name: live
    image: bosun/toolbox:1
    command: ["sh", "-c", "touch /tmp/alive; sleep 3; rm /tmp/alive; exec sleep 3600"]
    livenessProbe: {exec: {command: ["test", "-f", "/tmp/alive"]}, periodSeconds: 1, failureThreshold: 2}
  - name: gated
    image: bosun/toolbox:1
    command: ["sh", "-c", "mkdir -p /w; sleep 4; echo ok > /w/ready; exec httpd -f -p 8080 -h /w"]
    readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 1}
`);
    const early = await waitFor('both running', async () => {
      const p = await pod('probed');
      return p.status.containerStatuses?.every((s) => s.state?.running !== undefined) === true ? p : undefined;
    }, 60_000, 100);
    assert.equal(early.status.containerStatuses!.find((s) => s.name === 'gated')!.ready, false, 'not ready before its probe passes');
    assert.equal(ready(early), false);
    await waitReady('probed');
    const restarted = await waitFor('the liveness restart', async () => {
      const s = (await pod('probed')).status.containerStatuses!.find((x) => x.name === 'live')!;
      return s.restartCount >= 1 ? s : undefined;
    }, 60_000, 250);
    assert.ok(restarted.restartCount >= 1);
    assert.match(await c.kubectl.ok(['get', 'events', '--field-selector', 'involvedObject.name=probed']), /Liveness probe failed/);
    await c.kubectl.ok(['delete', 'pod', 'probed', '--grace-period=1']);
  });

  test('kubectl delete pod stops it within its grace period and the object disappears', async () => {
    await apply(`apiVersion: v1
kind: Pod
metadata: {name: graceful}
spec:
  terminationGracePeriodSeconds: 3
  containers: [{name: main, image: bosun/toolbox:1, command: ["sleep", "3600"]}]
`);
    const p = await waitReady('graceful');
    const started = Date.now();
    await c.kubectl.ok(['delete', 'pod', 'graceful', '--wait=true', '--timeout=30s'], { timeoutMs: 40_000 });
    const took = Date.now() - started;
    assert.ok(took >= 2500 && took < 12_000, `deleted after ${took} ms (grace 3 s; sleep ignores SIGTERM)`);
    assert.equal(await docker(p.spec.nodeName!, ['ps', '-aq', '--filter', `label=io.bosun.pod.uid=${p.metadata.uid}`]), '', 'no container left');
  });

  test('a missing image, a missing ConfigMap and an impossible volume give Kubernetes\' reasons; other pods run on', async () => {
    await apply(`apiVersion: v1
kind: Pod
metadata: {name: noimage}
spec:
  containers: [{name: main, image: bosun/absent:1, imagePullPolicy: Never}]
---
apiVersion: v1
kind: Pod
metadata: {name: nopull}
spec:
  containers: [{name: main, image: registry.bosun.invalid/absent:1, imagePullPolicy: IfNotPresent}]
---
apiVersion: v1
kind: Pod
metadata: {name: nocm}
spec:
  containers:
  - name: main
    image: bosun/toolbox:1
    command: ["sleep", "3600"]
    env: [{name: X, valueFrom: {configMapKeyRef: {name: missing, key: k}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: badvol}
spec:
  volumes: [{name: v, hostPath: {path: /nonexistent/bosun, type: Directory}}]
  containers: [{name: main, image: bosun/toolbox:1, command: ["sleep", "3600"], volumeMounts: [{name: v, mountPath: /v}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: fine}
spec:
  containers: [{name: main, image: bosun/toolbox:1, command: ["sleep", "3600"]}]
`);
    const reason = (p: PodJson): string | undefined => p.status.containerStatuses?.[0]?.state?.waiting?.reason;
    await waitFor('ErrImageNeverPull', async () => (reason(await pod('noimage')) === 'ErrImageNeverPull' ? true : undefined));
    // A pull that fails (the lab hosts have no way out) is ErrImagePull, then ImagePullBackOff
    // until the next try: watch the reasons go by (ErrImagePull lasts until the next sync).
    const watched = await c.kubectl.run(['get', 'pod', 'nopull', '-w', '-o', 'jsonpath={.status.containerStatuses[0].state.waiting.reason}{"\\n"}', '--request-timeout=25s'], { timeoutMs: 25_000 });
    const seen = new Set(watched.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== ''));
    assert.ok(seen.has('ErrImagePull') && seen.has('ImagePullBackOff'), `reasons seen: ${[...seen].join(', ')}`);
    assert.match(await c.kubectl.ok(['get', 'events', '--field-selector', 'involvedObject.name=nopull']), /Failed to pull image "registry\.bosun\.invalid\/absent:1"/);
    await waitFor('CreateContainerConfigError', async () => (reason(await pod('nocm')) === 'CreateContainerConfigError' ? true : undefined));
    const nocm = await pod('nocm');
    assert.match(nocm.status.containerStatuses![0]!.state!.waiting!.message!, /configmap "missing" not found/);
    await waitFor('FailedMount', async () => {
      const ev = await c.kubectl.ok(['get', 'events', '--field-selector', 'involvedObject.name=badvol']);
      return /FailedMount.*MountVolume.SetUp failed for volume "v" : hostPath type check failed: \/nonexistent\/bosun is not a directory/s.test(ev) ? true : undefined;
    });
    assert.equal(reason(await pod('badvol')), 'ContainerCreating');
    await waitReady('fine');
    assert.match(await c.kubectl.ok(['get', 'pod', 'noimage']), /ErrImageNeverPull/);
    await c.kubectl.ok(['delete', 'pod', 'noimage', 'nopull', 'nocm', 'badvol', 'fine', '--grace-period=1']);
  });

  test('configMap, secret and downwardAPI volumes hold their files, and updates reach the running pod', async () => {
    await apply(`apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {level: debug, mode: fast}
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
stringData: {password: s3cret}
---
apiVersion: v1
kind: Pod
metadata: {name: files, labels: {tier: fe}}
spec:
  volumes:
  - {name: cfg, configMap: {name: settings, items: [{key: level, path: conf/level}]}}
  - {name: sec, secret: {secretName: creds, defaultMode: 0400}}
  - {name: info, downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}}
  containers:
  - name: main
    image: bosun/toolbox:1
    command: ["sleep", "3600"]
    env: [{name: MODE, valueFrom: {configMapKeyRef: {name: settings, key: mode}}}]
    volumeMounts: [{name: cfg, mountPath: /etc/app}, {name: sec, mountPath: /etc/creds}, {name: info, mountPath: /etc/info}]
`);
    const p = await waitReady('files');
    const main = await containerOf(p.spec.nodeName!, p, 'main');
    const sh = (cmd: string): Promise<string> => docker(p.spec.nodeName!, ['exec', main, 'sh', '-c', cmd]);
    assert.equal(await sh('cat /etc/app/conf/level'), 'debug');
    assert.equal(await sh('cat /etc/creds/password'), 's3cret');
    assert.equal(await sh('stat -L -c %a /etc/creds/password'), '400');
    assert.equal(await sh('cat /etc/info/labels'), 'tier="fe"');
    assert.equal(await sh('echo $MODE'), 'fast');
    await c.kubectl.ok(['patch', 'configmap', 'settings', '-p', '{"data":{"level":"trace"}}']);
    await waitFor('the new value in the running pod', async () => ((await sh('cat /etc/app/conf/level')) === 'trace' ? true : undefined), 30_000, 250);
    await c.kubectl.ok(['delete', 'pod', 'files', '--grace-period=1']);
  });

  test('a static pod runs from the manifest folder, shows as a mirror pod, and goes with its file', async () => {
    const n2 = c.lab.host('n2');
    const file = `${n2.dir}/etc/manifests/static-web.yaml`;
    await mkdir(`${n2.dir}/etc/manifests`, { recursive: true });
    await writeFile(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  terminationGracePeriodSeconds: 1\n  containers:\n  - name: web\n    image: bosun/toolbox:1\n    command: ["httpd", "-f", "-p", "8080"]\n');
    const p = await waitReady('static-web-n2', 60_000);
    assert.equal(p.spec.nodeName, 'n2');
    const mirror = JSON.parse(await c.kubectl.ok(['get', 'pod', 'static-web-n2', '-o', 'json'])) as { metadata: { uid: string; annotations: Record<string, string>; ownerReferences?: { kind: string }[] } };
    assert.equal(mirror.metadata.annotations['kubernetes.io/config.source'], 'file');
    assert.ok(mirror.metadata.annotations['kubernetes.io/config.mirror'] !== undefined);
    assert.equal(mirror.metadata.ownerReferences?.[0]?.kind, 'Node');
    const running = await docker('n2', ['ps', '-q', '--filter', 'label=io.bosun.pod.name=static-web-n2', '--filter', 'label=io.bosun.kind=app']);
    // Deleting the mirror does not stop the static pod; the kubelet shows it again.
    await c.kubectl.ok(['delete', 'pod', 'static-web-n2', '--wait=false']);
    await waitFor('a new mirror', async () => {
      const r = await c.kubectl.run(['get', 'pod', 'static-web-n2', '-o', 'jsonpath={.metadata.uid}']);
      return r.code === 0 && r.stdout !== mirror.metadata.uid && r.stdout !== '' ? true : undefined;
    }, 30_000, 200);
    assert.equal(await docker('n2', ['ps', '-q', '--filter', 'label=io.bosun.pod.name=static-web-n2', '--filter', 'label=io.bosun.kind=app']), running, 'the same container runs on');
    await rm(file);
    await waitFor('the static pod gone', async () => ((await c.kubectl.run(['get', 'pod', 'static-web-n2'])).code !== 0 ? true : undefined), 60_000, 250);
    await waitFor('its containers gone', async () => ((await docker('n2', ['ps', '-aq', '--filter', 'label=io.bosun.pod.name=static-web-n2'])) === '' ? true : undefined), 60_000, 250);
  });

  test('a 20-replica Deployment spreads over both nodes; kill -9 a kubelet and start it again: nothing duplicated, restarted or lost', async () => {
    await c.kubectl.ok(['create', 'deployment', 'many', '--image=bosun/toolbox:1', '--replicas=20', '--', 'sleep', '3600']);
    await waitFor('20 ready replicas', async () => (/many\s+20\/20/.test(await c.kubectl.ok(['get', 'deployment', 'many'])) ? true : undefined), 120_000, 500);
    const pods = JSON.parse(await c.kubectl.ok(['get', 'pods', '-l', 'app=many', '-o', 'json'])) as { items: PodJson[] };
    const perNode = new Map<string, number>();
    for (const p of pods.items) perNode.set(p.spec.nodeName!, (perNode.get(p.spec.nodeName!) ?? 0) + 1);
    assert.equal(perNode.size, 2, `spread: ${JSON.stringify([...perNode])}`);
    const ips = pods.items.map((p) => p.status.podIP ?? '');
    assert.equal(new Set(ips).size, 20, `every pod has its own IP: ${ips.join(' ')}`);
    const snapshot = async (): Promise<string> => (await docker('n1', ['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.State}}'])).split('\n').sort().join('\n');
    const before = await snapshot();
    await c.lab.killComponent('n1', 'kubelet');
    const kubelet = await c.lab.startComponent('n1', 'kubelet');
    // Two full resyncs (the default --sync-frequency, 10 s) after it is back.
    await waitFor('the kubelet to start again', async () => (kubelet.logs().includes('Kubelet started') ? true : undefined), 30_000, 100);
    await new Promise((r) => setTimeout(r, 21_000));
    assert.equal(await snapshot(), before, 'the same containers, in the same states');
    assert.match(await c.kubectl.ok(['get', 'deployment', 'many']), /many\s+20\/20/);
    const restarts = (JSON.parse(await c.kubectl.ok(['get', 'pods', '-l', 'app=many', '-o', 'json'])) as { items: PodJson[] }).items
      .reduce((n, p) => n + (p.status.containerStatuses?.[0]?.restartCount ?? 0), 0);
    assert.equal(restarts, 0);
    await c.kubectl.ok(['delete', 'deployment', 'many']);
  });

  test('a sandbox that lost its network while the kubelet was down is made again, and the pod is Ready on a wired sandbox', async () => {
    await apply(`apiVersion: v1
kind: Pod
metadata: {name: rewire}
spec:
  nodeName: n1
  terminationGracePeriodSeconds: 0
  containers: [{name: main, image: bosun/toolbox:1, command: ["sh", "-c", "mkdir -p /www; echo ok > /www/index.html; exec httpd -f -p 8080 -h /www"], readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 1}}]
`);
    const p = await waitReady('rewire');
    const sandboxOf = (uid: string): Promise<string> =>
      docker('n1', ['ps', '-q', '--no-trunc', '--filter', `label=io.bosun.pod.uid=${uid}`, '--filter', 'label=io.bosun.kind=sandbox']);
    const old = await sandboxOf(p.metadata.uid);
    const link = `bv${old.slice(0, 12)}`;
    assert.equal((await c.lab.exec('n1', ['ip', 'link', 'show', link])).code, 0, `the sandbox's veth ${link} is on n1`);
    // As if the kubelet had died between starting the sandbox and wiring it.
    await c.lab.killComponent('n1', 'kubelet');
    assert.equal((await c.lab.exec('n1', ['ip', 'link', 'del', link])).code, 0);
    const kubelet = await c.lab.startComponent('n1', 'kubelet');
    await waitFor('the kubelet to start again', async () => (kubelet.logs().includes('Kubelet started') ? true : undefined), 30_000, 100);
    const fresh = await waitFor('a new sandbox', async () => { const id = await sandboxOf(p.metadata.uid); return id !== '' && id !== old ? id : undefined; }, 60_000, 250);
    assert.equal((await c.lab.exec('n1', ['ip', 'link', 'show', `bv${fresh.slice(0, 12)}`])).code, 0, 'the new sandbox is wired');
    // Ready again with a container of the new sandbox (its readiness probe reaches the new eth0).
    const before = p.status.containerStatuses?.[0]?.containerID;
    await waitFor('rewire Ready on its new sandbox', async () => {
      const now = await pod('rewire');
      return ready(now) && now.status.containerStatuses?.[0]?.containerID !== before ? true : undefined;
    }, 60_000, 250);
    assert.ok(kubelet.logs().includes('Sandbox without its network'), 'the kubelet says why it made the sandbox again');
    await c.kubectl.ok(['delete', 'pod', 'rewire']);
  });
});
