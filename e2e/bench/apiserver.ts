// Apiserver benchmarks (not tests): prints figures and ratios against raw etcd measured in
// the same run on the same machine.
//   create: 5,000 pods through the API with 32 concurrent clients vs the same JSON put
//           straight into etcd with the same concurrency from this process.
//   watch:  500 concurrent watchers on pods while 2,000 pods are created: p50/p99 delay
//           from the start of the write to delivery, and the apiserver's RSS.
// Usage: node dist/e2e/bench/apiserver.js [create|watch|all]
import { Etcd3 } from 'etcd3';
import { Agent, request } from 'node:http';
import { ApiserverProcess } from '../support/apiserver.js';
import { EtcdCluster } from '../support/etcd.js';
import { agent, cpuSnapshot, pct, pool, post, rssOf } from './measure.js';

const podJson = (ns: string, name: string): string => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: { app: 'bench' } },
  spec: { containers: [{ name: 'main', image: 'bosun/toolbox:1', command: ['sleep', '3600'], resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
});

async function benchCreate(etcd: EtcdCluster, api: ApiserverProcess): Promise<void> {
  const n = 5000;
  const conc = 32;
  const client = new Etcd3({ hosts: etcd.endpoints });
  const bodies = Array.from({ length: n }, (_, i) => podJson('default', `raw-${i}`));
  // Warm both paths up (JIT, connections) before measuring either.
  await pool(500, conc, async (i) => { await client.put(`/bench/warm/raw-${i}`).value(bodies[i]!); });
  await pool(500, conc, async (i) => { await post(`${api.url}/api/v1/namespaces/kube-public/pods`, podJson('kube-public', `warm-${i}`)); });
  const pids = { bench: process.pid, etcd: etcd.pids[0]!, apiserver: api.pid };
  let cpu = cpuSnapshot(pids);
  let t0 = performance.now();
  await pool(n, conc, async (i) => { await client.put(`/bench/raw/default/raw-${i}`).value(bodies[i]!); });
  const rawSecs = (performance.now() - t0) / 1000;
  const rawCpu = cpu();
  client.close();
  cpu = cpuSnapshot(pids);
  t0 = performance.now();
  let failures = 0;
  await pool(n, conc, async (i) => {
    const code = await post(`${api.url}/api/v1/namespaces/default/pods`, podJson('default', `api-${i}`));
    if (code !== 201) failures++;
  });
  const apiSecs = (performance.now() - t0) / 1000;
  const apiCpu = cpu();
  const rawRate = n / rawSecs;
  const apiRate = n / apiSecs;
  console.log(`create: ${n} pods, ${conc} concurrent clients`);
  console.log(`  raw etcd puts:   ${rawRate.toFixed(0)} /s (${rawSecs.toFixed(2)} s; CPU s: ${rawCpu})`);
  console.log(`  through the API: ${apiRate.toFixed(0)} /s (${apiSecs.toFixed(2)} s; CPU s: ${apiCpu})${failures > 0 ? `, ${failures} failed` : ''}`);
  console.log(`  ratio API/raw:   ${(apiRate / rawRate).toFixed(2)} (target >= 0.50)`);
  console.log(`  apiserver RSS:   ${(rssOf(api.pid) / 2 ** 20).toFixed(0)} MiB`);
}

async function benchWatch(api: ApiserverProcess): Promise<void> {
  const watchers = 500;
  const n = 2000;
  const ns = 'watchbench';
  const code = await post(`${api.url}/api/v1/namespaces`, JSON.stringify({ metadata: { name: ns } }));
  if (code !== 201 && code !== 409) throw new Error(`namespace create: ${code}`);
  const listRes = await fetch(`${api.url}/api/v1/namespaces/${ns}/pods`);
  const rv = (await listRes.json() as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  const started = new Map<string, number>();
  const acked = new Map<string, number>();
  const arrivals: { name: string; at: number }[] = [];
  let connected = 0;
  const wagent = new Agent({ keepAlive: true, maxSockets: watchers + 8 });
  const streams = Array.from({ length: watchers }, () => new Promise<void>((resolve, reject) => {
    const req = request(`${api.url}/api/v1/namespaces/${ns}/pods?watch=true&resourceVersion=${rv}`, { agent: wagent }, (res) => {
      connected++;
      let buf = '';
      let got = 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const now = performance.now();
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          const m = /"name":"(w-\d+)"/.exec(line);
          if (m !== null) arrivals.push({ name: m[1]!, at: now });
          if (++got === n) { req.destroy(); resolve(); }
        }
      });
      res.on('error', () => resolve());
    });
    req.on('error', (err) => { if (!req.destroyed) reject(err); });
    req.end();
  }));
  while (connected < watchers) await new Promise((r) => setTimeout(r, 50));
  const cpu = cpuSnapshot({ bench: process.pid, apiserver: api.pid });
  const t0 = performance.now();
  await pool(n, 32, async (i) => {
    const name = `w-${i}`;
    started.set(name, performance.now());
    await post(`${api.url}/api/v1/namespaces/${ns}/pods`, podJson(ns, name));
    acked.set(name, performance.now());
  });
  const rss = rssOf(api.pid);
  await Promise.race([Promise.all(streams), new Promise((r) => setTimeout(r, 120_000))]);
  const secs = (performance.now() - t0) / 1000;
  const cpuUsed = cpu();
  // From the write's acknowledgement (201: committed in etcd) to delivery; an event that
  // beat the acknowledgement counts as 0. Also from the moment the write was sent.
  const fromAck = arrivals.map((a) => Math.max(0, a.at - (acked.get(a.name) ?? a.at))).sort((a, b) => a - b);
  const fromSend = arrivals.map((a) => a.at - (started.get(a.name) ?? a.at)).sort((a, b) => a - b);
  console.log(`watch: ${watchers} watchers, ${n} pods created by 32 clients (${(n / secs).toFixed(0)} /s incl. delivery), ${arrivals.length} deliveries of ${watchers * n}`);
  console.log(`  delay committed write->delivery: p50 ${pct(fromAck, 50).toFixed(1)} ms, p99 ${pct(fromAck, 99).toFixed(1)} ms (target p99 < 100 ms)`);
  console.log(`  delay request sent->delivery:    p50 ${pct(fromSend, 50).toFixed(1)} ms, p99 ${pct(fromSend, 99).toFixed(1)} ms`);
  console.log(`  apiserver RSS: ${(rss / 2 ** 20).toFixed(0)} MiB; CPU s: ${cpuUsed}`);
  wagent.destroy();
}

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'all';
  const etcd = await EtcdCluster.start(1);
  const api = await ApiserverProcess.start(etcd.endpoints, ['--log-level', 'warn']);
  try {
    if (which === 'create' || which === 'all') await benchCreate(etcd, api);
    if (which === 'watch' || which === 'all') await benchWatch(api);
  } finally {
    agent.destroy();
    await api.stop();
    await etcd.stop();
  }
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
