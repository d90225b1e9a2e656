// A rolling update behind a Service while clients never pause: a lab of a master and three node
// hosts, each running the kubelet, `bosun network` and `bosun proxy` with exactly the command
// lines and environment files of their systemd units (no test scaffolding). A 6-replica
// Deployment on n1 and n2 (readinessProbe, preStop sleep, a grace period: endpoints leave before
// the pods stop, as Kubernetes users set it up) is moved to a second image tag while a client
// pod on n3 loops on the ClusterIP and the runner loops on n3's node port. Not one request may fail.
// Once with the nodes on the nft iptables backend, once on legacy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LabCluster } from '../kubelet/cluster.js';
import { waitFor } from '../support/process.js';

interface ServiceJson { spec: { clusterIP: string; ports: { port: number; nodePort?: number }[] } }
interface PodList { items: { metadata: { name: string; deletionTimestamp?: string }; spec: { nodeName?: string; containers: { image: string }[] }; status: { conditions?: { type: string; status: string }[] } }[] }

const deploymentYaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 6
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeSelector: {role: web}
      terminationGracePeriodSeconds: 15
      containers:
      - name: main
        image: bosun/toolbox:1
        command: ["sh", "-c", "mkdir -p /www; hostname > /www/index.html; exec httpd -f -p 8080 -h /www"]
        readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 1}
        lifecycle: {preStop: {exec: {command: ["sleep", "3"]}}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  nodeName: n3
  terminationGracePeriodSeconds: 0
  containers: [{name: main, image: bosun/toolbox:1, command: ["sleep", "100000"]}]
`;

for (const backend of ['nft', 'legacy'] as const) describe(`rolling update behind a Service (iptables ${backend})`, () => {
  let c: LabCluster;

  const kubectl = (args: string[], input?: string): Promise<string> => c.kubectl.ok(args, input === undefined ? {} : { input });
  const clientId = async (): Promise<string> =>
    (await c.lab.docker('n3', ['ps', '-q', '--filter', 'label=io.bosun.pod.name=client', '--filter', 'label=io.bosun.container.name=main'])).stdout.trim();
  const inClient = async (script: string, timeoutMs = 60_000): Promise<string> => {
    const r = await c.lab.docker('n3', ['exec', await clientId(), 'sh', '-c', script], { timeoutMs });
    if (r.code !== 0) throw new Error(`in client: ${script}: exit ${r.code}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const pods = async (): Promise<PodList['items']> => (JSON.parse(await kubectl(['get', 'pods', '-l', 'app=web', '-o', 'json'])) as PodList).items;
  const ready = (p: PodList['items'][number]): boolean => p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') === true;

  before(async () => {
    c = await LabCluster.start({ nodes: 3, iptables: backend });
    for (const n of c.lab.nodes) {
      c.startNodeUnit('network', n);
      c.startNodeUnit('proxy', n);
      const tag = await c.lab.docker(n.name, ['tag', 'bosun/toolbox:1', 'bosun/toolbox:2']);
      if (tag.code !== 0) throw new Error(`docker tag on ${n.name}: ${tag.stderr}`);
    }
    await kubectl(['label', 'node', 'n1', 'n2', 'role=web']);
    await kubectl(['apply', '-f', '-'], deploymentYaml);
    await waitFor('6 web pods Ready and the client running', async () => {
      const web = (await pods()).filter(ready);
      return web.length === 6 && (await clientId()) !== '' ? true : undefined;
    }, 180_000, 500);
  });
  after(async () => { await c?.stop(); });

  /** What a failure needs to be understood: the node's own view (logs, rules, routes), printed before the lab goes. */
  const diagnose = async (): Promise<void> => {
    for (const n of c.lab.nodes) {
      const r = await c.lab.exec(n.name, `tail -n 15 ${n.dir}/proxy.log ${n.dir}/network.log; iptables-save -t nat | grep -c BOSUN; iptables-save | grep -E '^-A (PREROUTING|OUTPUT|FORWARD|INPUT|POSTROUTING) .*BOSUN'; ip route`);
      process.stdout.write(`# --- ${n.name}\n${(r.stdout + r.stderr).split('\n').map((l) => `# ${l}`).join('\n')}\n`);
    }
  };

  test('kubectl set image on a 6-replica Deployment: no request fails, from a pod on another node nor from the runner through a node port', async () => {
    try { await rollingUpdate(); } catch (err) { await diagnose(); throw err; }
  });

  test('a proxy restarted beside bosun network syncs in full and leaves BOSUN-NET alone', async () => {
    const n3 = c.lab.host('n3');
    const count = async (pattern: string): Promise<number> => Number((await c.lab.exec('n3', `grep -c '${pattern}' ${n3.dir}/proxy.log`)).stdout.trim() || '0');
    const netRules = async (): Promise<string> => (await c.lab.exec('n3', 'iptables-save -t nat | grep -E "^(:BOSUN-NET|-A .*BOSUN-NET)" | sed "s/\\[[0-9:]*\\]//"')).stdout;
    const rules = await netRules();
    assert.match(rules, /-A POSTROUTING .*-j BOSUN-NET/, 'bosun network hooked its chain');
    const [fulls, failures] = [await count('"mode":"full"'), await count('Failed to \\(apply\\|sync\\) proxy rules')];
    await c.lab.stopComponent('n3', 'proxy');
    c.lab.process('n3', 'proxy').start();
    await waitFor('a full sync of the new proxy', async () => ((await count('"mode":"full"')) > fulls ? true : undefined), 30_000, 200);
    assert.equal(await count('Failed to \\(apply\\|sync\\) proxy rules'), failures, 'no failed sync');
    assert.equal(await netRules(), rules);
  });

  const rollingUpdate = async (): Promise<void> => {
    const svc = JSON.parse(await kubectl(['get', 'service', 'web', '-o', 'json'])) as ServiceJson;
    const ip = svc.spec.clusterIP;
    const n3 = c.lab.host('n3');
    const nodePortUrl = `http://${n3.ip}:${svc.spec.ports[0]!.nodePort!}/`;
    const oldNames = new Set((await pods()).map((p) => p.metadata.name));
    await waitFor('the ClusterIP to answer from the client pod', async () =>
      (oldNames.has(await inClient(`timeout 3 wget -qO- http://${ip}/ 2>/dev/null; true`)) ? true : undefined), 60_000, 300);
    await waitFor(`node port ${nodePortUrl}`, async () => ((await c.lab.fetch(nodePortUrl).catch(() => undefined))?.ok === true ? true : undefined), 60_000, 300);

    // The pod's loop ends when /tmp/stop appears; every failure is printed with its time.
    const podLoop = inClient(`rm -f /tmp/stop; ok=0; fail=0; while [ ! -f /tmp/stop ]; do
      if out=$(timeout 3 wget -qO- http://${ip}/ 2>&1); then ok=$((ok+1)); else fail=$((fail+1)); echo "FAIL $(date +%T) $out"; fi; done; echo "$ok $fail"`, 600_000);
    let runnerOk = 0;
    const runnerFails: string[] = [];
    const answered = new Set<string>();
    let stop = false;
    const runnerLoop = (async () => {
      while (!stop) {
        try {
          const r = await c.lab.fetch(nodePortUrl, { signal: AbortSignal.timeout(3000) });
          const body = (await r.text()).trim();
          if (r.ok) { runnerOk++; answered.add(body); } else runnerFails.push(`${new Date().toISOString()} HTTP ${r.status}`);
        } catch (err) { runnerFails.push(`${new Date().toISOString()} ${String((err as Error).cause ?? err)}`); }
      }
    })();

    await new Promise((r) => setTimeout(r, 3000));
    await kubectl(['set', 'image', 'deployment/web', 'main=bosun/toolbox:2']);
    await c.kubectl.ok(['rollout', 'status', 'deployment/web', '--timeout=240s'], { timeoutMs: 250_000 });
    // The old pods finish their preStop and grace period; then a little more traffic to the new ones.
    const rolled = await waitFor('only the 6 new pods left', async () => {
      const now = await pods();
      const fresh = now.filter((p) => !oldNames.has(p.metadata.name));
      return now.length === 6 && fresh.length === 6 && fresh.every((p) => ready(p) && p.spec.containers[0]!.image === 'bosun/toolbox:2') ? fresh : undefined;
    }, 120_000, 500);
    await new Promise((r) => setTimeout(r, 3000));
    await inClient('touch /tmp/stop');
    const podOut = (await podLoop).split('\n');
    stop = true;
    await runnerLoop;

    const [ok, fail] = podOut[podOut.length - 1]!.split(' ').map(Number);
    const newNames = new Set(rolled.map((p) => p.metadata.name));
    const proxyLog = await c.lab.exec('n3', `grep -c '"mode":"partial"' ${c.lab.host('n3').dir}/proxy.log; grep -o '"backend":"[a-z]*"' ${c.lab.host('n3').dir}/proxy.log | head -1`);
    process.stdout.write(`# ${backend}: proxy on n3: ${proxyLog.stdout.trim().replace(/\n/g, ' ')} (partial syncs, backend)\n`);
    process.stdout.write(`# rolling update: pod loop ${ok} ok, ${fail} failed; runner loop ${runnerOk} ok, ${runnerFails.length} failed; ` +
      `answers from ${[...answered].filter((a) => oldNames.has(a)).length} old and ${[...answered].filter((a) => newNames.has(a)).length} new pods\n`);
    assert.deepEqual(podOut.slice(0, -1), [], `pod loop: ${ok} ok, ${fail} failed`);
    assert.equal(fail, 0);
    assert.deepEqual(runnerFails, [], `runner loop: ${runnerOk} ok`);
    assert.ok(ok! > 50 && runnerOk > 50, `requests made: pod ${ok}, runner ${runnerOk}`);
    assert.ok([...answered].some((a) => newNames.has(a)) && [...answered].some((a) => oldNames.has(a)), 'traffic reached old and new pods');
  };
});
