// A rolling update survives the controller-manager being killed (SIGKILL) in the middle of it:
// started again, the controllers converge from what is stored — the rollout completes, the
// surge and availability bounds hold at every moment, and no pod is created twice.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setMaxListeners } from 'node:events';
import type { Pod } from '../../shared/api/core/v1/pod.js';
import { RestClient } from '../../shared/client/rest-client.js';
import { startCluster, type TestCluster } from '../apiserver/cluster.js';
import { ControllerManagerProcess } from '../support/controller-manager.js';
import { FakeKubelet } from '../support/fake-kubelet.js';
import { waitFor } from '../support/process.js';

const replicas = 10;
const maxSurge = 2;
const maxUnavailable = 1;

const deployment = (image: string): string => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas, selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image }] } },
  },
});

const isReady = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Watches the deployment's pods and checks the rollout bounds after every event. */
class PodTracker {
  readonly pods = new Map<string, Pod>();
  readonly created = new Map<string, string>();      // uid -> pod-template-hash
  readonly violations: string[] = [];
  maxPods = 0;
  minAvailable = Infinity;
  private checking = false;

  constructor(private readonly client: RestClient) {}

  async run(signal: AbortSignal): Promise<void> {
    const list = await this.client.resource<Pod>({ group: '', version: 'v1', resource: 'pods', namespaced: true }).list('default', { labelSelector: 'app=web' }, signal);
    for (const p of list.items) this.pods.set(p.metadata.uid ?? '', p);
    try {
      for await (const ev of this.client.resource<Pod>({ group: '', version: 'v1', resource: 'pods', namespaced: true })
        .watch('default', { labelSelector: 'app=web', resourceVersion: list.metadata.resourceVersion ?? '0' }, signal)) {
        if (ev.type === 'BOOKMARK') continue;
        const uid = ev.object.metadata.uid ?? '';
        if (ev.type === 'ADDED') this.created.set(uid, ev.object.metadata.labels?.['pod-template-hash'] ?? '');
        if (ev.type === 'DELETED') this.pods.delete(uid); else this.pods.set(uid, ev.object);
        this.check();
      }
    } catch (err) {
      if (!signal.aborted) throw err;
    }
  }

  startChecking(): void {
    this.checking = true;
    this.check();
  }

  private check(): void {
    if (!this.checking) return;
    const live = [...this.pods.values()].filter((p) => p.metadata.deletionTimestamp === undefined);
    const available = live.filter(isReady).length;
    this.maxPods = Math.max(this.maxPods, live.length);
    this.minAvailable = Math.min(this.minAvailable, available);
    if (live.length > replicas + maxSurge) this.violations.push(`${live.length} pods`);
    if (available < replicas - maxUnavailable) this.violations.push(`${available} available`);
  }
}

describe('rolling update across a controller-manager crash', () => {
  let c: TestCluster;
  let kubelet: FakeKubelet;
  let cm: ControllerManagerProcess;
  let client: RestClient;
  let tracker: PodTracker;
  const stop = new AbortController();
  let watching: Promise<void>;

  before(async () => {
    setMaxListeners(0, stop.signal);
    c = await startCluster();
    client = new RestClient({ server: c.apiserver.url });
    kubelet = new FakeKubelet({ server: c.apiserver.url, nodes: ['node-1', 'node-2', 'node-3'], bind: true, readyAfterMs: 700 });
    await kubelet.start();
    cm = new ControllerManagerProcess(c.apiserver.url, ['--leader-elect=false']);
    cm.start();
  });

  after(async () => {
    stop.abort();
    await watching;
    await cm?.stop();
    await kubelet?.stop();
    client?.close();
    await c?.stop();
  });

  test('completes with the same bounds and creates every new pod once', async () => {
    await c.kubectl.ok(['apply', '-f', '-'], { input: deployment('bosun/toolbox:1') });
    await c.kubectl.ok(['rollout', 'status', 'deployment/web', '--timeout=60s'], { timeoutMs: 70_000 });
    tracker = new PodTracker(client);
    watching = tracker.run(stop.signal);
    await waitFor('the tracker to see the pods', async () => (tracker.pods.size === replicas ? true : undefined));
    tracker.startChecking();

    await c.kubectl.ok(['set', 'image', 'deployment/web', 'main=bosun/toolbox:2']);
    const newHash = await waitFor('the new ReplicaSet to have made some pods', async () => {
      const hashes = [...tracker.created.values()].filter((h) => h !== '');
      const counts = new Map<string, number>();
      for (const h of hashes) counts.set(h, (counts.get(h) ?? 0) + 1);
      const fresh = [...counts].find(([, n]) => n >= 3 && n < replicas);
      return fresh?.[0];
    }, 30_000, 20);
    await cm.stop('SIGKILL');
    const createdAtKill = [...tracker.created.values()].filter((h) => h === newHash).length;
    cm.start();

    const out = await c.kubectl.ok(['rollout', 'status', 'deployment/web', '--timeout=90s'], { timeoutMs: 100_000 });
    assert.match(out, /successfully rolled out/);
    const live = [...tracker.pods.values()].filter((p) => p.metadata.deletionTimestamp === undefined);
    assert.equal(live.length, replicas);
    assert.ok(live.every((p) => p.metadata.labels?.['pod-template-hash'] === newHash), 'every pod is of the new template');
    assert.deepEqual(tracker.violations, [], `bounds broken (max pods ${tracker.maxPods}, min available ${tracker.minAvailable})`);
    const createdNew = [...tracker.created.values()].filter((h) => h === newHash).length;
    assert.ok(createdAtKill < replicas, 'the kill happened mid-rollout');
    assert.equal(createdNew, replicas, 'each new pod was created exactly once');
  });
});
