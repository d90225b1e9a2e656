// The scheduler in-process against a real etcd + apiserver, with Node objects created
// through the API: spreading one ReplicaSet's pods, a pod that fits nowhere until a big node
// comes, 100 pods at once filling the cluster exactly.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster, type TestCluster } from '../../e2e/apiserver/cluster.js';
import { waitFor } from '../../e2e/support/process.js';
import type { Pod } from '../../shared/api/core/v1/pod.js';
import { rootLogger } from '../../shared/util/log.js';
import { defaultConfiguration } from './config.js';
import { runScheduler } from './run.js';
import type { Scheduler } from './scheduler.js';
import { createNode, createObject, createPod, getPod, hollowNode, listEvents, listPods, pendingPod } from './test-api.js';

interface Running { readonly scheduler: Scheduler; stop(): Promise<void> }

async function startScheduler(server: string): Promise<Running> {
  const ctl = new AbortController();
  let made: Scheduler | undefined;
  const done = runScheduler({
    server, config: defaultConfiguration(), leaderElect: false, leaseName: 'unused', leaseNamespace: 'kube-system',
    leaderElection: { leaseDurationSeconds: 15, renewDeadlineSeconds: 10, retryPeriodSeconds: 2 },
    identity: 'test', bindConcurrency: 64, scheduledEvents: true, log: rootLogger('warn', 'scheduler-test'),
    onScheduler: (s) => { made = s; },
  }, ctl.signal);
  const scheduler = await waitFor('the scheduler', async () => made);
  return { scheduler, stop: async () => { ctl.abort(); await done; } };
}

const boundCount = (pods: readonly Pod[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const p of pods) if (p.spec?.nodeName) m.set(p.spec.nodeName, (m.get(p.spec.nodeName) ?? 0) + 1);
  return m;
};

/** Each test gets its own etcd + apiserver: nodes are cluster-wide. */
async function withCluster(fn: (api: string, c: TestCluster) => Promise<void>): Promise<void> {
  const c = await startCluster();
  try { await fn(c.apiserver.url, c); } finally { await c.stop(); }
}

describe('scheduler on a real apiserver', () => {
  test('spreads a 12-replica ReplicaSet over 3 equal nodes 4/4/4', () => withCluster(async (api) => {
    for (const n of ['n1', 'n2', 'n3']) await createNode(api, hollowNode(n, { cpu: '8', memory: '16Gi' }));
    const rs = await createObject<{ metadata: { uid: string } }>(api, '/apis/apps/v1/namespaces/default/replicasets', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' },
      spec: { replicas: 12, selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx' }] } } },
    });
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true };
    const s = await startScheduler(api);
    try {
      await Promise.all(Array.from({ length: 12 }, (_, i) =>
        createPod(api, pendingPod(`web-${i}`, { cpu: '100m', memory: '64Mi' }, {}, { labels: { app: 'web' }, ownerReferences: [owner] }))));
      const counts = await waitFor('12 bound pods', async () => {
        const m = boundCount(await listPods(api));
        return [...m.values()].reduce((a, b) => a + b, 0) === 12 ? m : undefined;
      });
      assert.deepEqual([...counts.entries()].sort(), [['n1', 4], ['n2', 4], ['n3', 4]]);
    } finally { await s.stop(); }
  }));

  test('keeps a pod that fits nowhere Pending with the reasons, and binds it within a second of a big node', () => withCluster(async (api) => {
    await createNode(api, hollowNode('small-1', { cpu: '2', memory: '4Gi' }));
    await createNode(api, hollowNode('small-2', { cpu: '2', memory: '4Gi' }));
    await createNode(api, hollowNode('tainted', { cpu: '8', memory: '16Gi', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }));
    await createNode(api, hollowNode('cordoned', { cpu: '8', memory: '16Gi', unschedulable: true }));
    const s = await startScheduler(api);
    try {
      await createPod(api, pendingPod('big', { cpu: '3', memory: '1Gi' }));
      const want = '0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable, 2 Insufficient cpu. ' +
        'preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.';
      const cond = await waitFor('PodScheduled=False', async () => {
        const c = (await getPod(api, 'default', 'big')).status?.conditions?.find((x) => x.type === 'PodScheduled');
        return c?.status === 'False' ? c : undefined;
      });
      assert.equal(cond.reason, 'Unschedulable');
      assert.equal(cond.message, want);
      const ev = await waitFor('a FailedScheduling event', async () =>
        (await listEvents(api)).find((e) => e.reason === 'FailedScheduling' && e.involvedObject.name === 'big'));
      assert.equal(ev.type, 'Warning');
      assert.equal(ev.message, want);
      assert.equal(ev.source?.component, 'default-scheduler');
      assert.equal((await getPod(api, 'default', 'big')).spec?.nodeName, undefined);
      // It waits in the unschedulable set, not on a timer; once its back-off has passed, only
      // the node's arrival can move it.
      await waitFor('the pod parked, back-off over', async () =>
        s.scheduler.queue.where('default/big') === 'unschedulable' && !s.scheduler.queue.isBackingOff('default/big') ? true : undefined);
      const t0 = Date.now();
      await createNode(api, hollowNode('big-1', { cpu: '4', memory: '8Gi' }));
      const node = await waitFor('the pod bound', async () => (await getPod(api, 'default', 'big')).spec?.nodeName, 2000, 10);
      const took = Date.now() - t0;
      assert.equal(node, 'big-1');
      assert.ok(took < 1000, `bound ${took} ms after the node was added`);
    } finally { await s.stop(); }
  }));

  test('binds 100 pods created at once onto nodes with room for exactly 100, none over allocatable', () => withCluster(async (api) => {
    for (let i = 0; i < 4; i++) await createNode(api, hollowNode(`n${i}`, { cpu: '2500m', memory: '64Gi' }));
    const s = await startScheduler(api);
    try {
      await Promise.all(Array.from({ length: 100 }, (_, i) => createPod(api, pendingPod(`p-${i}`, { cpu: '100m', memory: '128Mi' }))));
      const counts = await waitFor('100 bound pods', async () => {
        const m = boundCount(await listPods(api));
        return [...m.values()].reduce((a, b) => a + b, 0) === 100 ? m : undefined;
      }, 30_000);
      for (const [node, n] of counts) assert.ok(n * 100 <= 2500, `${node} holds ${n} pods of 100m: over its 2500m`);
      // The 101st finds every node full.
      await createPod(api, pendingPod('p-extra', { cpu: '100m', memory: '128Mi' }));
      const cond = await waitFor('PodScheduled=False', async () =>
        (await getPod(api, 'default', 'p-extra')).status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'False'));
      assert.match(cond.message ?? '', /^0\/4 nodes are available: 4 Insufficient cpu\. /);
      assert.equal(s.scheduler.stats.bindFailures, 0);
    } finally { await s.stop(); }
  }));
});
