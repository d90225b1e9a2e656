// ReplicaSet benchmark (not a test): a 1,000-replica ReplicaSet from zero, timed until all
// 1,000 pod objects exist (seen by a watch), against creating 1,000 pods straight through the
// API from this process, timed the same way, in the same run:
//   same schedule: the controller's own concurrency — slow-start batches of 1, 2, 4 … capped
//                  at 500 creates per sync — so the ratio shows what the controller adds
//                  (caches, expectations, a second sync for the second 500);
//   pool of 32:    32 clients creating back to back, like the apiserver benchmark.
// Target: controller / same-schedule ≤ 1.3.
// Usage: node dist/e2e/bench/replicaset.js [replicas]
import { setMaxListeners } from 'node:events';
import { ApiserverProcess } from '../support/apiserver.js';
import { ControllerManagerProcess } from '../support/controller-manager.js';
import { EtcdCluster } from '../support/etcd.js';
import { RestClient } from '../../shared/client/rest-client.js';
import type { Pod } from '../../shared/api/core/v1/pod.js';
import type { ApiObject } from '../../shared/api/meta.js';
import { slowStartBatch } from '../../master/controllers/replicaset/slow-start.js';
import { burstReplicas } from '../../master/controllers/replicaset/sync.js';

const replicas = Number(process.argv[2] ?? 1000);
const pods = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const namespaces = { group: '', version: 'v1', resource: 'namespaces', namespaced: false } as const;
const replicasets = { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true } as const;

const template = { metadata: { labels: { app: 'bench' } }, spec: { containers: [{ name: 'main', image: 'bosun/toolbox:1', command: ['sleep', '3600'] }] } };
const pod = (ns: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'bench-', namespace: ns, labels: { app: 'bench' } }, spec: structuredClone(template.spec) });

/** Resolves with the milliseconds from `t0` until `n` pods have been added in `ns`. */
async function podsSeen(client: RestClient, ns: string, n: number, t0: () => number, signal: AbortSignal): Promise<number> {
  let seen = 0;
  for await (const ev of client.resource<Pod>(pods).watch(ns, { resourceVersion: '0' }, signal)) {
    if (ev.type === 'ADDED' && ++seen === n) return performance.now() - t0();
  }
  throw new Error(`watch on ${ns} ended after ${seen} pods`);
}

async function timed(client: RestClient, ns: string, run: () => Promise<void>): Promise<number> {
  await client.resource<ApiObject>(namespaces).create('', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, {}, new AbortController().signal);
  const ctl = new AbortController();
  let start = 0;
  const seen = podsSeen(client, ns, replicas, () => start, ctl.signal);
  await new Promise((r) => setTimeout(r, 200));             // the watch is established
  start = performance.now();
  await run();
  const ms = await seen;
  ctl.abort();
  return ms;
}

async function main(): Promise<void> {
  const etcd = await EtcdCluster.start(1);
  const api = await ApiserverProcess.start(etcd.endpoints);
  const client = new RestClient({ server: api.url, userAgent: 'bench' });
  const cm = new ControllerManagerProcess(api.url, ['--controllers', 'replicaset', '--leader-elect=false', '--log-level', 'warn']);
  try {
    const signal = new AbortController().signal;
    setMaxListeners(0, signal);                              // hundreds of creates in flight share it
    // Warm-up: JIT and connections on both paths.
    await timed(client, 'warm', async () => {
      await slowStartBatch(replicas, 1, async () => { await client.resource<Pod>(pods).create('warm', pod('warm'), {}, signal); });
    });
    const sameSchedule = await timed(client, 'direct', async () => {
      for (let left = replicas; left > 0; left -= burstReplicas) {
        const r = await slowStartBatch(Math.min(left, burstReplicas), 1, async () => { await client.resource<Pod>(pods).create('direct', pod('direct'), {}, signal); });
        if (r.error !== undefined) throw r.error;
      }
    });
    const pool32 = await timed(client, 'pool', async () => {
      let next = 0;
      await Promise.all(Array.from({ length: 32 }, async () => {
        while (next < replicas) { next++; await client.resource<Pod>(pods).create('pool', pod('pool'), {}, signal); }
      }));
    });
    cm.start();
    await new Promise((r) => setTimeout(r, 3000));          // started, informers synced (a bench, not a test)
    const controller = await timed(client, 'rs', async () => {
      await client.resource<ApiObject>(replicasets).create('rs', {
        apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'bench', namespace: 'rs' },
        spec: { replicas, selector: { matchLabels: { app: 'bench' } }, template },
      }, {}, signal);
    });
    const line = (what: string, ms: number): string => `  ${what.padEnd(34)} ${(ms / 1000).toFixed(2)} s  (${Math.round(replicas / (ms / 1000))} pods/s)`;
    console.log(`replicaset: ${replicas} replicas from zero, until every pod object exists`);
    console.log(line('direct, the controller\'s schedule:', sameSchedule));
    console.log(line('direct, 32 concurrent clients:', pool32));
    console.log(line('ReplicaSet controller:', controller));
    console.log(`  ratio controller/same schedule:   ${(controller / sameSchedule).toFixed(2)} (target <= 1.3)`);
    console.log(`  ratio controller/32 clients:      ${(controller / pool32).toFixed(2)}`);
  } finally {
    await cm.stop();
    client.close();
    await api.stop();
    await etcd.stop();
  }
}

await main();
