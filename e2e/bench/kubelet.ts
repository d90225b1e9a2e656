// Kubelet benchmark (not a test), in a lab of one master and one node host, same run:
//   one pod:  apply -> Ready, 10 runs, vs the same two containers (pause + app joined to its
//             network and IPC) made straight through the Engine API on the same dockerd and
//             network; p50 and ratio (target <= 1.3).
//   30 pods:  a 30-replica Deployment to all Ready, vs (a) 30 pause+app pairs straight through
//             the Engine API at the best of several concurrencies, and (b) a 30-replica Docker
//             Swarm service of the same image on the same dockerd (targets: <= 1.15x (a), beat (b));
//             three interleaved rounds of each, medians compared (this machine is noisy). Also
//             printed: the pairs as the kubelet asks Docker for them (networking disabled; the
//             kubelet wires the sandbox itself), to show what the kubelet adds on top.
// Usage: node dist/e2e/bench/kubelet.js
import { setMaxListeners } from 'node:events';
import type { Pod } from '../../shared/api/core/v1/pod.js';
import { RestClient } from '../../shared/client/rest-client.js';
import { DockerRuntime } from '../../node/kubelet/runtime/docker-runtime.js';
import { LabCluster } from '../kubelet/cluster.js';
import { waitFor } from '../support/process.js';

const signal = new AbortController().signal;
setMaxListeners(0, signal);
const podsRef = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const deploymentsRef = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true } as const;
const image = 'bosun/toolbox:1';
const command = ['sleep', '3600'];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const isReady = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Resolves when `n` pods of `selector` in `ns` are Ready, with the ms from `t0`. */
async function readyPods(client: RestClient, ns: string, selector: string, n: number, t0: () => number): Promise<number> {
  const ready = new Set<string>();
  const ctl = new AbortController();
  try {
    for await (const ev of client.resource<Pod>(podsRef).watch(ns, { labelSelector: selector, resourceVersion: '0' }, ctl.signal)) {
      if (ev.type === 'BOOKMARK') continue;
      if (ev.type !== 'DELETED' && isReady(ev.object)) ready.add(ev.object.metadata.uid ?? '');
      if (ready.size >= n) return performance.now() - t0();
    }
  } finally {
    ctl.abort();
  }
  throw new Error('the watch ended early');
}

/**
 * A pause + app pair. 'docker': the pause on Docker's pod network (the baseline). 'bare': the
 * pause with Docker's networking disabled, unwired — what the kubelet asks Docker for, before it
 * adds its own veth; printed for comparison only.
 */
async function rawPair(rt: DockerRuntime, name: string, net: 'docker' | 'bare' = 'docker'): Promise<string[]> {
  const pause = net === 'docker'
    ? { Image: 'bosun/pause:1', HostConfig: { NetworkMode: 'bosun', IpcMode: 'shareable' } }
    : { Image: 'bosun/pause:1', NetworkDisabled: true, HostConfig: { NetworkMode: 'none', IpcMode: 'shareable' } };
  const sandbox = await rt.create({ name: `${name}-pause`, body: pause }, signal);
  await rt.start(sandbox, signal);
  const app = await rt.create({ name, body: { Image: image, Cmd: command, HostConfig: { NetworkMode: `container:${sandbox}`, IpcMode: `container:${sandbox}` } } }, signal);
  await rt.start(app, signal);
  return [app, sandbox];
}

async function removeAll(rt: DockerRuntime, ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => rt.remove(id, signal)));
}

async function main(): Promise<void> {
  const c = await LabCluster.start({ nodes: 1 });
  try {
    const m1 = c.lab.host('m1');
    c.lab.guard(m1.ip);
    const client = new RestClient({ server: c.server, userAgent: 'bench' });
    const n1 = c.lab.host('n1');
    const rt = new DockerRuntime(n1.docker!.host);
    await waitFor('the pod network', async () => ((await c.lab.docker('n1', ['network', 'inspect', 'bosun'])).code === 0 ? true : undefined), 60_000, 200);
    // Warm-up both paths once.
    await removeAll(rt, await rawPair(rt, 'warm'));
    const single = async (i: number): Promise<number> => {
      const name = `one-${i}`;
      let t = 0;
      const seen = readyPods(client, 'default', `bench=${name}`, 1, () => t);
      await new Promise((r) => setTimeout(r, 100));
      t = performance.now();
      await client.resource<Pod>(podsRef).create('default', {
        apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { bench: name } },
        spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'main', image, command }] },
      }, {}, signal);
      const ms = await seen;
      await client.resource<Pod>(podsRef).delete('default', name, { gracePeriodSeconds: 0 }, signal);
      return ms;
    };
    await single(99);
    const bosun: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      const ids = await rawPair(rt, `raw-${i}`);
      raw.push(performance.now() - t);
      await removeAll(rt, ids);
      bosun.push(await single(i));
    }
    console.log('one pod, apply -> Ready (10 runs):');
    console.log(`  raw Engine API (pause + app): p50 ${median(raw).toFixed(0)} ms`);
    console.log(`  Bosun:                        p50 ${median(bosun).toFixed(0)} ms`);
    console.log(`  ratio Bosun/raw:              ${(median(bosun) / median(raw)).toFixed(2)} (target <= 1.3)`);

    // 30 pods.
    const rawThirty = async (conc: number, tag: string, net: 'docker' | 'bare' = 'docker'): Promise<number> => {
      const t = performance.now();
      let next = 0;
      const made: string[][] = [];
      await Promise.all(Array.from({ length: conc }, async () => {
        while (next < 30) { const i = next++; made.push(await rawPair(rt, `pair-${tag}-${i}`, net)); }
      }));
      const ms = performance.now() - t;
      await removeAll(rt, made.flat());
      return ms;
    };
    const bosunThirty = async (round: number): Promise<number> => {
      const name = `thirty-${round}`;
      let t0 = 0;
      const all = readyPods(client, 'default', `app=${name}`, 30, () => t0);
      await new Promise((r) => setTimeout(r, 100));
      t0 = performance.now();
      await client.resource(deploymentsRef).create('default', {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
        spec: {
          replicas: 30, selector: { matchLabels: { app: name } },
          template: { metadata: { labels: { app: name } }, spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'main', image, command }] } },
        },
      }, {}, signal);
      const ms = await all;
      await client.resource(deploymentsRef).delete('default', name, { propagationPolicy: 'Foreground' }, signal);
      await waitFor('the pods gone', async () => ((await c.lab.docker('n1', ['ps', '-aq', '--filter', `label=io.bosun.pod.namespace=default`])).stdout.trim() === '' ? true : undefined), 120_000, 250);
      return ms;
    };
    const dk = async (args: string[]): Promise<string> => {
      const r = await c.lab.docker('n1', args);
      if (r.code !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    const swarmThirty = async (round: number): Promise<number> => {
      const name = `thirty-${round}`;
      const t = performance.now();
      await dk(['service', 'create', '--detach', '--name', name, '--replicas', '30', '--no-resolve-image', image, ...command]);
      for (;;) {
        const out = await dk(['service', 'ps', name, '--filter', 'desired-state=running', '--format', '{{.CurrentState}}']);
        if (out.split('\n').filter((l) => l.startsWith('Running')).length >= 30) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const ms = performance.now() - t;
      await dk(['service', 'rm', name]);
      await waitFor('the tasks gone', async () => ((await dk(['ps', '-aq', '--filter', `label=com.docker.swarm.service.name=${name}`])).trim() === '' ? true : undefined), 120_000, 250);
      return ms;
    };
    // The raw baseline at its best concurrency, found first; then three interleaved rounds of each.
    let bestConc = 0;
    let bestMs = Infinity;
    const tried: string[] = [];
    for (const conc of [4, 8, 15, 30]) {
      const ms = await rawThirty(conc, `try${conc}`);
      tried.push(`${conc}: ${(ms / 1000).toFixed(2)} s`);
      if (ms < bestMs) { bestMs = ms; bestConc = conc; }
    }
    await dk(['swarm', 'init', '--advertise-addr', n1.ip, '--listen-addr', `${n1.ip}:2377`, '--default-addr-pool', '10.200.0.0/16']);
    const raws: number[] = [];
    const bosuns: number[] = [];
    const swarms: number[] = [];
    const bares: number[] = [];
    try {
      for (let round = 0; round < 3; round++) {
        raws.push(await rawThirty(bestConc, `r${round}`));
        bares.push(await rawThirty(bestConc, `b${round}`, 'bare'));
        bosuns.push(await bosunThirty(round));
        swarms.push(await swarmThirty(round));
      }
    } finally {
      await dk(['swarm', 'leave', '--force']).catch(() => '');
    }
    const s = (xs: number[]): string => xs.map((x) => (x / 1000).toFixed(2)).join(', ');
    console.log('30 pods to all Ready (medians of 3 interleaved rounds):');
    console.log(`  (a) raw Engine API pairs: ${(median(raws) / 1000).toFixed(2)} s [${s(raws)}] at concurrency ${bestConc} (tried ${tried.join(', ')})`);
    console.log(`  (b) Docker Swarm service: ${(median(swarms) / 1000).toFixed(2)} s [${s(swarms)}] (one container per task)`);
    console.log(`  Bosun Deployment:         ${(median(bosuns) / 1000).toFixed(2)} s [${s(bosuns)}] (two containers per pod)`);
    console.log(`  for comparison, raw pairs without Docker's networking (what Bosun asks Docker for, unwired): ${(median(bares) / 1000).toFixed(2)} s [${s(bares)}]`);
    console.log(`  ratio Bosun/(a):          ${(median(bosuns) / median(raws)).toFixed(2)} (target <= 1.15)`);
    console.log(`  ratio Bosun/(b):          ${(median(bosuns) / median(swarms)).toFixed(2)} (target < 1)`);
    client.close();
  } finally {
    await c.stop();
  }
}

await main();
