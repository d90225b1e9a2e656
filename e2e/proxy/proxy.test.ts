// bosun proxy on real hosts: a lab of a master and three node hosts, each running the kubelet,
// `bosun network` and `bosun proxy` from their systemd units' command lines and environment
// files; web pods pinned one per node, a client pod per node. One lab serves every scenario of
// this file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LabCluster } from '../kubelet/cluster.js';
import { waitFor } from '../support/process.js';

interface ServiceJson { spec: { clusterIP: string; ports: { port: number; nodePort?: number }[] }; status?: { loadBalancer?: { ingress?: { ip?: string }[] } } }

const webPods = ['web-n1', 'web-n2', 'web-n3'];

function podsYaml(): string {
  const pod = (name: string, node: string, labels: string, cmd: string): string => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {${labels}}}
spec:
  nodeName: ${node}
  terminationGracePeriodSeconds: 0
  containers: [{name: main, image: bosun/toolbox:1, command: ["sh", "-c", "${cmd}"], readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}}]
`;
  const serve = 'mkdir -p /www; hostname > /www/index.html; exec httpd -f -p 8080 -h /www';
  return [1, 2, 3].flatMap((i) => [pod(`web-n${i}`, `n${i}`, 'app: web', serve), pod(`cl-n${i}`, `n${i}`, 'role: client', serve)]).join('---\n');
}

const servicesYaml = `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-np}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-lb}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 8081, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: sticky}
spec: {selector: {app: web}, sessionAffinity: ClientIP, sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: nothing}
spec: {type: NodePort, selector: {app: nothing}, ports: [{port: 80, targetPort: 8080}]}
`;

const tally = (answers: readonly string[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const a of answers) m.set(a, (m.get(a) ?? 0) + 1);
  return m;
};

describe('bosun proxy on lab hosts', () => {
  let c: LabCluster;
  const dockerBefore = new Map<string, string[]>();

  const kubectl = (args: string[], input?: string): Promise<string> => c.kubectl.ok(args, input === undefined ? {} : { input });
  const service = async (name: string): Promise<ServiceJson> => JSON.parse(await kubectl(['get', 'service', name, '-o', 'json'])) as ServiceJson;
  /** Runs `script` in the client pod on `node`; its stdout, trimmed. */
  const inClient = async (node: string, script: string, timeoutMs = 60_000): Promise<string> => {
    const id = (await c.lab.docker(node, ['ps', '-q', '--filter', `label=io.bosun.pod.name=cl-${node}`, '--filter', 'label=io.bosun.container.name=main'])).stdout.trim();
    const r = await c.lab.docker(node, ['exec', id, 'sh', '-c', script], { timeoutMs });
    if (r.code !== 0) throw new Error(`in cl-${node}: ${script}: exit ${r.code}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const onHost = async (node: string, script: string): Promise<string> => {
    const r = await c.lab.exec(node, script);
    if (r.code !== 0) throw new Error(`on ${node}: ${script}: exit ${r.code}: ${r.stderr}`);
    return r.stdout.trim();
  };
  /** `n` requests with busybox wget in a shell loop; one answer (or FAIL) per line. */
  const loop = (url: string, n: number): string =>
    `for i in $(seq ${n}); do timeout 3 wget -qO- ${url} 2>/dev/null || echo FAIL; done`;
  const dockerLines = async (node: string): Promise<string[]> =>
    (await onHost(node, 'iptables-save')).split('\n').filter((l) => /DOCKER/.test(l) && !/BOSUN/.test(l)).map((l) => l.replace(/\[\d+:\d+\]/, ''));

  before(async () => {
    c = await LabCluster.start({ nodes: 3 });
    for (const n of c.lab.nodes) c.startNodeUnit('network', n);
    await kubectl(['apply', '-f', '-'], podsYaml());
    await waitFor('every pod Ready', async () => {
      const out = await kubectl(['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}']);
      return out.split('\n').filter((l) => l.endsWith('=True')).length === 6 ? true : undefined;
    }, 120_000, 500);
    // Docker's rules once its pod network exists and the network agents routed every peer's
    // podCIDR, before any proxy ran.
    const nodes = JSON.parse(await kubectl(['get', 'nodes', '-o', 'json'])) as { items: { metadata: { name: string }; spec: { podCIDR?: string } }[] };
    for (const n of c.lab.nodes) {
      const peers = nodes.items.filter((x) => x.metadata.name !== n.name).map((x) => x.spec.podCIDR ?? '');
      await waitFor(`routes to ${peers.join(', ')} on ${n.name}`, async () => {
        const routes = await onHost(n.name, 'ip route');
        return peers.every((p) => p !== '' && routes.includes(p)) ? true : undefined;
      }, 30_000, 200);
      dockerBefore.set(n.name, await dockerLines(n.name));
    }
    for (const n of c.lab.nodes) c.startNodeUnit('proxy', n);
    await kubectl(['apply', '-f', '-'], servicesYaml);
  });
  after(async () => { await c?.stop(); });

  test('a ClusterIP answers from pods on every node and from every node host, spread over all endpoints', async () => {
    const ip = (await service('web')).spec.clusterIP;
    await waitFor('the ClusterIP to answer from n1', async () => (webPods.includes(await inClient('n1', `timeout 3 wget -qO- http://${ip}/`)) ? true : undefined), 30_000, 300);
    for (const n of c.lab.nodes) {
      for (const [where, answers] of [
        ['pod', (await inClient(n.name, loop(`http://${ip}/`, 45))).split('\n')],
        ['host', (await onHost(n.name, loop(`http://${ip}/`, 45).replace(/wget/g, 'busybox wget').replace(/timeout 3/g, 'busybox timeout 3'))).split('\n')],
      ] as const) {
        const t = tally(answers);
        assert.deepEqual([...t.keys()].sort(), webPods, `from the ${where} on ${n.name}: ${JSON.stringify([...t])}`);
        for (const p of webPods) assert.ok((t.get(p) ?? 0) >= 5, `${p} got ${t.get(p)} of 45 from the ${where} on ${n.name}`);
      }
    }
  });

  test('a NodePort answers on every node IP from the runner, spread over all endpoints', async () => {
    const port = (await service('web-np')).spec.ports[0]!.nodePort!;
    for (const n of c.lab.nodes) {
      const url = `http://${n.ip}:${port}/`;
      await waitFor(`node port ${url}`, async () => ((await c.lab.fetch(url).catch(() => undefined))?.ok === true ? true : undefined), 30_000, 300);
      const answers: string[] = [];
      for (let i = 0; i < 30; i++) answers.push((await (await c.lab.fetch(url)).text()).trim());
      assert.deepEqual([...tally(answers).keys()].sort(), webPods, `via ${url}`);
    }
  });

  test('a LoadBalancer reports the node IPs as its ingress and answers on each', async () => {
    const want = c.lab.nodes.map((n) => n.ip).sort();
    const ingress = await waitFor('load balancer ingress', async () => {
      const ips = ((await service('web-lb')).status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '');
      return ips.join(',') === want.join(',') ? ips : undefined;
    }, 30_000, 300);
    for (const ip of ingress) {
      const url = `http://${ip}:8081/`;
      await waitFor(`load balancer ${url}`, async () => ((await c.lab.fetch(url).catch(() => undefined))?.ok === true ? true : undefined), 30_000, 300);
      const answers: string[] = [];
      for (let i = 0; i < 20; i++) answers.push((await (await c.lab.fetch(url)).text()).trim());
      assert.ok(answers.every((a) => webPods.includes(a)), answers.join(','));
      assert.ok(tally(answers).size >= 2, `spread: ${JSON.stringify([...tally(answers)])}`);
    }
  });

  test('sessionAffinity ClientIP keeps a client on one endpoint', async () => {
    const ip = (await service('sticky')).spec.clusterIP;
    await waitFor('the sticky ClusterIP', async () => (webPods.includes(await inClient('n2', `timeout 3 wget -qO- http://${ip}/`)) ? true : undefined), 30_000, 300);
    for (const n of ['n1', 'n2', 'n3']) {
      const t = tally((await inClient(n, loop(`http://${ip}/`, 30))).split('\n'));
      assert.equal(t.size, 1, `from cl-${n}: ${JSON.stringify([...t])}`);
      assert.ok(webPods.includes([...t.keys()][0]!));
    }
  });

  test('a service with no endpoints refuses at once, on its ClusterIP and its node port', async () => {
    const svc = await service('nothing');
    const ip = svc.spec.clusterIP;
    await waitFor('the REJECT rule', async () => (/BOSUN-SERVICES.*default\/nothing has no endpoints/.test(await onHost('n1', 'iptables-save -t filter')) ? true : undefined), 30_000, 300);
    // Refused, not timed out: a SYN without answer would keep wget until `timeout` kills it,
    // silently; only a rejection makes wget say "refused" (timed inside the pod, so a slow
    // docker exec on a loaded machine does not count).
    assert.match(await inClient('n1', `timeout 2 wget -qO- http://${ip}/ 2>&1; true`), /refused/i);
    // From a node host (busybox wget hangs on the host here: a plain connect from node shows what the kernel says).
    const connect = `const t=Date.now();require('net').connect(80,'${ip}').on('error',(e)=>{console.log(e.code,Date.now()-t);process.exit()});setTimeout(()=>{console.log('TIMEOUT');process.exit()},3000)`;
    const [code, ms] = (await onHost('n2', `${process.execPath} -e "${connect}"`)).split(' ');
    assert.equal(code, 'ECONNREFUSED');
    assert.ok(Number(ms) < 1000, `${ms} ms`);
    const t1 = Date.now();
    await assert.rejects(c.lab.fetch(`http://${c.lab.nodes[1]!.ip}:${svc.spec.ports[0]!.nodePort!}/`), (err: Error) => /ECONNREFUSED/.test(String((err.cause as Error | undefined)?.message ?? err.message)));
    assert.ok(Date.now() - t1 < 1000, 'refused, not timed out');
  });

  test('kill -9 and restart of the proxy while clients loop: no request fails, nothing stale, Docker\'s chains untouched', async () => {
    const ip = (await service('web')).spec.clusterIP;
    const port = (await service('web-np')).spec.ports[0]!.nodePort!;
    const n1 = c.lab.host('n1');
    // A service deleted while the proxy is down must leave no chain behind.
    await kubectl(['apply', '-f', '-'], 'apiVersion: v1\nkind: Service\nmetadata: {name: doomed}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\n');
    await waitFor('doomed\'s rules', async () => (/default\/doomed cluster IP/.test(await onHost('n1', 'iptables-save -t nat')) ? true : undefined), 30_000, 300);
    const podLoop = inClient('n1', `ok=0; fail=0; end=$(( $(date +%s) + 12 )); while [ $(date +%s) -lt $end ]; do if timeout 2 wget -qO- http://${ip}/ >/dev/null 2>&1; then ok=$((ok+1)); else fail=$((fail+1)); fi; done; echo "$ok $fail"`, 60_000);
    let runnerOk = 0;
    const runnerFails: string[] = [];
    let stop = false;
    const runnerLoop = (async () => {
      while (!stop) {
        try { const r = await c.lab.fetch(`http://${n1.ip}:${port}/`, { signal: AbortSignal.timeout(2000) }); await r.text(); if (r.ok) runnerOk++; else runnerFails.push(String(r.status)); }
        catch (err) { runnerFails.push(String(err)); }
      }
    })();
    await new Promise((r) => setTimeout(r, 2000));
    await c.lab.killComponent('n1', 'proxy');
    await kubectl(['delete', 'service', 'doomed']);
    await new Promise((r) => setTimeout(r, 2000));
    c.lab.process('n1', 'proxy').start();
    const [ok, fail] = (await podLoop).split(' ').map(Number);
    stop = true;
    await runnerLoop;
    process.stdout.write(`# restart: pod loop ${ok} ok, ${fail} failed; runner loop ${runnerOk} ok, ${runnerFails.length} failed\n`);
    assert.equal(fail, 0, `pod loop: ${ok} ok, ${fail} failed`);
    assert.ok(ok! > 20, `pod loop made ${ok} requests`);
    assert.deepEqual(runnerFails, [], `runner loop: ${runnerOk} ok`);
    await waitFor('doomed\'s chains gone', async () => (/doomed/.test(await onHost('n1', 'iptables-save')) ? undefined : true), 30_000, 300);
    const save = await onHost('n1', 'iptables-save');
    for (const hook of ['-A PREROUTING -m comment --comment "bosun service portals" -j BOSUN-SERVICES', '-A POSTROUTING -m comment --comment "bosun postrouting rules" -j BOSUN-POSTROUTING',
      '-A FORWARD -m comment --comment "bosun forwarding rules" -j BOSUN-FORWARD']) {
      assert.equal(save.split('\n').filter((l) => l === hook).length, 1, `${hook} once`);
    }
    const chains = new Set([...save.matchAll(/^:(BOSUN-\S+)/gm)].map((m) => m[1]!));
    const jumped = new Set([...save.matchAll(/-j (BOSUN-\S+)/g)].map((m) => m[1]!));
    for (const ch of chains) assert.ok(jumped.has(ch) || ch === 'BOSUN-SERVICES', `chain ${ch} is used`);
    for (const n of c.lab.nodes) assert.deepEqual(await dockerLines(n.name), dockerBefore.get(n.name), `Docker's rules on ${n.name}`);
  });
});
