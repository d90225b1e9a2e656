// Scheduler benchmark (not a test): hollow nodes (Node objects only), pods of 100m CPU /
// 128Mi created with 32 concurrent clients while a `bosun scheduler` process binds them.
// Prints, per cluster size:
// - pods created while the scheduler runs: pods bound per second end to end (first create sent
//   → last binding seen on a watch) beside the rate they were created at, and p50/p99 from
//   create to binding. The scheduler cannot bind faster than pods come, so when the last
//   binding follows the last create closely this phase is bound by creation;
// - a backlog bound by a fresh scheduler: the scheduling throughput end to end (every binding
//   through apiserver and etcd), the figure the 40%-of-raw-etcd target is for;
// - the scheduler's RSS, raw etcd put throughput measured in the same run and the ratios, and
//   the in-process decision rate (filter + score on the cache, no API) at each size.
// Usage: node dist/e2e/bench/scheduler.js [--quick]
import { Etcd3 } from 'etcd3';
import { Agent, request } from 'node:http';
import { SchedulerCache } from '../../master/scheduler/cache.js';
import { defaultConfiguration } from '../../master/scheduler/config.js';
import { findNode } from '../../master/scheduler/find-node.js';
import { buildFramework } from '../../master/scheduler/framework/build.js';
import { hollowNode, pendingPod } from '../../master/scheduler/test-api.js';
import { ApiserverProcess } from '../support/apiserver.js';
import { EtcdCluster } from '../support/etcd.js';
import { agent, cpuSnapshot, pct, pool, post, rssOf } from './measure.js';
import { bosunBin } from '../support/paths.js';
import { startProcess, waitFor } from '../support/process.js';

const quick = process.argv.includes('--quick');
const sizes = quick ? [200, 1000] : [1000, 5000];
const podCount = quick ? 2000 : 10_000;
const conc = 32;
const cpuSince = (pids: Record<string, number>): (() => string) => cpuSnapshot(pids, 1);
const rssMiB = (pid: number): number => rssOf(pid) / 1024 / 1024;

async function rawEtcdPuts(endpoints: readonly string[]): Promise<number> {
  const n = 5000;
  const client = new Etcd3({ hosts: [...endpoints] });
  const body = JSON.stringify(pendingPod('raw', { cpu: '100m', memory: '128Mi' }));
  await pool(500, conc, async (i) => { await client.put(`/bench/warm/${i}`).value(body); });
  const t0 = performance.now();
  await pool(n, conc, async (i) => { await client.put(`/bench/raw/${i}`).value(body); });
  const rate = n / ((performance.now() - t0) / 1000);
  client.close();
  return rate;
}

/** Watches the bench namespace and records when each pod is first seen with a nodeName. */
function watchBindings(url: string, ns: string, bound: Map<string, number>): () => void {
  const req = request(`${url}/api/v1/namespaces/${ns}/pods?watch=true`, { agent: new Agent({ keepAlive: false }) }, (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const now = performance.now();
      buf += chunk;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (!line.includes('"nodeName"')) continue;
        const ev = JSON.parse(line) as { object: { metadata: { name: string }; spec?: { nodeName?: string } } };
        const name = ev.object.metadata.name;
        if (ev.object.spec?.nodeName !== undefined && !bound.has(name)) bound.set(name, now);
      }
    });
    res.on('error', () => {});
  });
  req.on('error', () => {});
  req.end();
  return () => req.destroy();
}

const podBody = (ns: string, name: string): string =>
  JSON.stringify({ ...pendingPod(name, { cpu: '100m', memory: '128Mi' }), metadata: { name, namespace: ns } });

async function createPods(api: string, ns: string, sent: number[]): Promise<void> {
  await pool(podCount, conc, async (i) => {
    sent[i] = performance.now();
    const code = await post(`${api}/api/v1/namespaces/${ns}/pods`, podBody(ns, `p-${i}`));
    if (code !== 201) throw new Error(`pod create: ${code}`);
  });
}

function startScheduler(url: string) {
  const nodeArgs = (process.env['BENCH_SCHEDULER_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
  return startProcess(process.execPath, [...nodeArgs, bosunBin, 'scheduler', '--server', url, '--leader-elect=false', '--log-level', 'warn',
    ...(process.env['BENCH_SCHEDULER_ARGS'] ?? '').split(' ').filter((a) => a !== '')]);
}

async function endToEnd(nodes: number): Promise<void> {
  const etcd = await EtcdCluster.start(1);
  const api = await ApiserverProcess.start(etcd.endpoints, ['--log-level', 'warn']);
  let sched: ReturnType<typeof startScheduler> | undefined;
  try {
    const raw = await rawEtcdPuts(etcd.endpoints);
    await pool(nodes, conc, async (i) => {
      const code = await post(`${api.url}/api/v1/nodes`, JSON.stringify(hollowNode(`hollow-${i}`, { cpu: '32', memory: '128Gi' })));
      if (code !== 201) throw new Error(`node create: ${code}`);
    });
    for (const ns of ['bench', 'backlog']) await post(`${api.url}/api/v1/namespaces`, JSON.stringify({ metadata: { name: ns } }));
    console.log(`${nodes} hollow nodes, ${podCount} pods (100m / 128Mi) per phase, ${conc} concurrent creators; raw etcd puts (same run, ${conc} concurrent): ${raw.toFixed(0)} /s`);

    // Phase 1: pods created while the scheduler runs; end to end from the first create sent.
    sched = startScheduler(api.url);
    const bound = new Map<string, number>();
    const stopWatch = watchBindings(api.url, 'bench', bound);
    await post(`${api.url}/api/v1/namespaces/bench/pods`, podBody('bench', 'probe'));   // ready: a first pod bound
    await waitFor('the scheduler binding a first pod', async () => (bound.has('probe') ? true : undefined), 60_000, 20);
    const sent = new Array<number>(podCount);
    let cpu = cpuSince({ scheduler: sched.pid, apiserver: api.pid, etcd: etcd.pids[0]!, bench: process.pid });
    const t0 = performance.now();
    await createPods(api.url, 'bench', sent);
    const created = performance.now();
    await waitFor(`${podCount} pods bound`, async () => (bound.size >= podCount + 1 ? true : undefined), 300_000, 20);
    stopWatch();
    const lat: number[] = [];
    let last = 0;
    for (let i = 0; i < podCount; i++) {
      const at = bound.get(`p-${i}`)!;
      lat.push(at - sent[i]!);
      last = Math.max(last, at);
    }
    lat.sort((a, b) => a - b);
    const rate = podCount / ((last - t0) / 1000);
    const createRate = podCount / ((created - t0) / 1000);
    console.log(`  created while scheduling: created in ${((created - t0) / 1000).toFixed(1)} s, all bound after ${((last - t0) / 1000).toFixed(1)} s (CPU s: ${cpu()})`);
    // Bindings cannot come faster than pods are created: when the last binding follows the last
    // create closely, this phase measures pod creation through the apiserver, and the backlog
    // phase below is the scheduling throughput.
    console.log(`    ${rate.toFixed(0)} pods bound/s end to end while ${createRate.toFixed(0)} pods/s were created (ratio to raw etcd ${(rate / raw).toFixed(2)}); the last binding ${(last - created).toFixed(0)} ms after the last create`);
    console.log(`    create -> binding: p50 ${pct(lat, 50).toFixed(0)} ms, p99 ${pct(lat, 99).toFixed(0)} ms; scheduler RSS ${rssMiB(sched.pid).toFixed(0)} MiB`);

    // Phase 2: a backlog created with the scheduler stopped, then a fresh scheduler binds it.
    await sched.stop();
    await createPods(api.url, 'backlog', new Array<number>(podCount));
    const bound2 = new Map<string, number>();
    const stopWatch2 = watchBindings(api.url, 'backlog', bound2);
    const s0 = performance.now();
    sched = startScheduler(api.url);
    cpu = cpuSince({ scheduler: sched.pid, apiserver: api.pid, etcd: etcd.pids[0]!, bench: process.pid });
    await waitFor(`${podCount} backlog pods bound`, async () => (bound2.size >= podCount ? true : undefined), 300_000, 20);
    stopWatch2();
    const times = [...bound2.values()].sort((a, b) => a - b);
    const first = times[0]!;
    const end = times[times.length - 1]!;
    const backlogRate = podCount / ((end - first) / 1000);
    console.log(`  backlog: first binding ${((first - s0) / 1000).toFixed(1)} s after the scheduler started (start + sync), all bound ${((end - s0) / 1000).toFixed(1)} s (CPU s: ${cpu()})`);
    console.log(`    scheduling throughput ${backlogRate.toFixed(0)} pods bound/s end to end (first to last binding); ratio to raw etcd ${(backlogRate / raw).toFixed(2)} (target >= 0.40); scheduler RSS ${rssMiB(sched.pid).toFixed(0)} MiB`);
  } finally {
    await sched?.stop();
    await api.stop();
    await etcd.stop();
  }
}

/** Filter + score only, on the cache, no API: decisions per second (each pod assumed on its node). */
function decisionRate(nodes: number, pods: number): number {
  const cache = new SchedulerCache();
  for (let i = 0; i < nodes; i++) cache.addOrUpdateNode(hollowNode(`hollow-${i}`, { cpu: '32', memory: '128Gi' }));
  const profile = defaultConfiguration().profiles[0]!;
  const fwk = buildFramework(profile, 0, { cluster: cache, binder: { bind: async () => {} } });
  const cursor = { next: 0 };
  const specs = Array.from({ length: pods }, (_, i) => ({ ...pendingPod(`p-${i}`, { cpu: '100m', memory: '128Mi' }) }));
  for (let i = 0; i < 500; i++) findNode(fwk, cache, specs[i]!, cursor);     // warm-up, not assumed
  const t0 = performance.now();
  for (let i = 0; i < pods; i++) {
    const d = findNode(fwk, cache, specs[i]!, cursor);
    if (d.kind !== 'Scheduled') throw new Error(`pod ${i}: ${d.kind}`);
    cache.assume(`bench/p-${i}`, specs[i]!, d.nodeName);
  }
  return pods / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  for (const n of sizes) {
    const rate = decisionRate(n, podCount);
    console.log(`in-process decisions (filter + score + assume) at ${n} nodes: ${rate.toFixed(0)} pods/s${n >= 5000 ? ' (target >= 2000)' : ''}`);
  }
  for (const n of sizes) await endToEnd(n);
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; }).finally(() => agent.destroy());
