// Two `bosun controller-manager` processes on one apiserver: only the Lease holder acts; when
// it is killed (SIGKILL, so it cannot release the Lease) the other takes over once the lease
// duration has passed, and carries on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster, type TestCluster } from '../apiserver/cluster.js';
import { ControllerManagerProcess } from '../support/controller-manager.js';
import { FakeKubelet } from '../support/fake-kubelet.js';
import { waitFor } from '../support/process.js';

const leaseSeconds = 4;
const retrySeconds = 1;
const electionFlags = [
  '--controllers', 'replicaset',
  `--leader-elect-lease-duration=${leaseSeconds}s`, '--leader-elect-renew-deadline=3s', `--leader-elect-retry-period=${retrySeconds}s`,
];

const replicaSet = (replicas: number): string => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'bosun/toolbox:1' }] } },
  },
});

interface Lease { spec: { holderIdentity?: string; leaseTransitions?: number } }
interface EventList { items: { reason: string; involvedObject: { name: string } }[] }

describe('controller-manager leader election', () => {
  let c: TestCluster;
  let kubelet: FakeKubelet;
  const first = (): ControllerManagerProcess => managers[0]!;
  const second = (): ControllerManagerProcess => managers[1]!;
  let managers: ControllerManagerProcess[] = [];

  before(async () => {
    c = await startCluster();
    kubelet = new FakeKubelet({ server: c.apiserver.url, nodes: ['node-1'], bind: true });
    await kubelet.start();
    managers = [new ControllerManagerProcess(c.apiserver.url, electionFlags), new ControllerManagerProcess(c.apiserver.url, electionFlags)];
  });

  after(async () => {
    for (const m of managers) await m.stop();
    await kubelet?.stop();
    await c?.stop();
  });

  const holder = async (): Promise<string> => {
    const r = await c.kubectl.run(['get', 'lease', 'bosun-controller-manager', '-n', 'kube-system', '-o', 'json']);
    return r.code === 0 ? (JSON.parse(r.stdout) as Lease).spec.holderIdentity ?? '' : '';
  };
  const podCount = async (): Promise<number> =>
    (JSON.parse(await c.kubectl.ok(['get', 'pods', '-l', 'app=web', '-o', 'json'])) as { items: unknown[] }).items.length;
  const creates = async (): Promise<number> =>
    (JSON.parse(await c.kubectl.ok(['get', 'events', '-o', 'json'])) as EventList).items
      .filter((e) => e.reason === 'SuccessfulCreate' && e.involvedObject.name === 'web').length;

  test('only the holder of the Lease acts', async () => {
    first().start();
    await waitFor('the first to hold the Lease', async () => ((await holder()).endsWith(first().identitySuffix()) ? true : undefined));
    second().start();
    await c.kubectl.ok(['apply', '-f', '-'], { input: replicaSet(3) });
    await waitFor('3 pods', async () => ((await podCount()) === 3 ? true : undefined));
    await waitFor('3 creation events', async () => ((await creates()) === 3 ? true : undefined));
    // Proving an absence: give the second three retry periods in which it could act, had it been acting.
    await new Promise((r) => setTimeout(r, 3 * retrySeconds * 1000));
    assert.equal(await podCount(), 3);
    assert.ok((await holder()).endsWith(first().identitySuffix()));
    assert.doesNotMatch(second().output(), /Controllers starting/);
    assert.match(first().output(), /Controllers starting/);
  });

  test('when the leader is killed the other takes over within the lease duration and carries on', async () => {
    const killedAt = Date.now();
    await first().stop('SIGKILL');
    await waitFor('the second to hold the Lease', async () => ((await holder()).endsWith(second().identitySuffix()) ? true : undefined), 30_000, 50);
    const tookMs = Date.now() - killedAt;
    // Free once the last renewal is leaseSeconds old; the candidate looks every retry period.
    assert.ok(tookMs <= (leaseSeconds + retrySeconds + 1) * 1000, `took ${tookMs} ms`);
    await c.kubectl.ok(['scale', 'rs', 'web', '--replicas=5']);
    await waitFor('5 pods made by the new leader', async () => ((await podCount()) === 5 ? true : undefined));
    await waitFor('5 creation events', async () => ((await creates()) === 5 ? true : undefined));
    assert.match(second().output(), /Controllers starting/);
  });
});
