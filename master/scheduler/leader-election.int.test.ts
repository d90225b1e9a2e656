// Two `bosun scheduler` processes with leader election on one apiserver: only the leader
// schedules; SIGKILL the leader and the other takes the Lease and binds new pods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster } from '../../e2e/apiserver/cluster.js';
import { bosunBin } from '../../e2e/support/paths.js';
import { startProcess, waitFor, type Proc } from '../../e2e/support/process.js';
import type { Lease } from '../../shared/api/coordination/v1/lease.js';
import { createNode, createPod, getObject, getPod, hollowNode, pendingPod } from './test-api.js';

const leasePath = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/bosun-scheduler';

const holder = async (api: string): Promise<string | undefined> => {
  const lease = await getObject<Lease>(api, leasePath).catch(() => undefined);
  const h = lease?.spec?.holderIdentity;
  return h === undefined || h === null || h === '' ? undefined : h;
};

test('two schedulers: one leads and binds; after SIGKILL of the leader the other takes over', async () => {
  const c = await startCluster();
  const procs: Proc[] = [];
  try {
    const api = c.apiserver.url;
    await createNode(api, hollowNode('n1', { cpu: '4', memory: '8Gi' }));
    for (let i = 0; i < 2; i++) {
      procs.push(startProcess(process.execPath, [bosunBin, 'scheduler', '--server', api, '--log-level', 'debug',
        '--leader-elect-lease-duration', '2s', '--leader-elect-renew-deadline', '1500ms', '--leader-elect-retry-period', '250ms']));
    }
    const first = await waitFor('a leader', () => holder(api));
    const leader = procs.find((p) => first.endsWith(`_${p.pid}`));
    const other = procs.find((p) => p !== leader);
    assert.ok(leader !== undefined && other !== undefined, `lease holder ${first} is neither of ${procs.map((p) => p.pid).join(', ')}`);

    await createPod(api, pendingPod('before', { cpu: '100m' }));
    assert.equal(await waitFor('the first pod bound', async () => (await getPod(api, 'default', 'before')).spec?.nodeName), 'n1');
    await waitFor('the leader logging the binding', async () => (leader.output().includes('"Bound pod"') ? true : undefined));
    assert.ok(!other.output().includes('"Became leader"'), 'the second scheduler led while the first held the lease');
    assert.ok(!other.output().includes('"Bound pod"'), 'the second scheduler bound a pod while not leading');

    process.kill(leader.pid, 'SIGKILL');
    await leader.exited();
    const next = await waitFor('another leader', async () => { const h = await holder(api); return h !== undefined && h !== first ? h : undefined; }, 15_000);
    assert.ok(next.endsWith(`_${other.pid}`), `new holder ${next}`);
    await createPod(api, pendingPod('after', { cpu: '100m' }));
    assert.equal(await waitFor('the second pod bound', async () => (await getPod(api, 'default', 'after')).spec?.nodeName), 'n1');
    // The log line follows the binding's answer, which can come after a GET already shows the pod bound.
    await waitFor('the new leader logging the binding', async () => (other.output().includes('"Bound pod"') ? true : undefined));
  } finally {
    for (const p of procs) await p.stop();
    await c.stop();
  }
});
