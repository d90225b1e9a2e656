// The Deployment controller (with the ReplicaSet controller and the garbage collector beside it,
// as in the controller-manager) against a real apiserver and etcd, driven by the real kubectl:
// rolling updates within maxSurge / maxUnavailable at every moment, rollout status, undo,
// pause / resume, history, restart, Recreate, and a progress deadline that passes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setMaxListeners } from 'node:events';
import type { TestCluster } from '../../../e2e/apiserver/cluster.js';
import { startControllers, type ControllerHarness } from '../../../e2e/support/controller-harness.js';
import { waitFor } from '../../../e2e/support/process.js';
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import type { Event } from '../../../shared/api/core/v1/event.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { ResourceClient } from '../../../shared/client/resource-client.js';
import { RestClient } from '../../../shared/client/rest-client.js';
import { createGarbageCollector } from '../garbagecollector/index.js';
import { createReplicaSetController } from '../replicaset/index.js';
import { createDeploymentController } from './index.js';

const ns = 'default';
const isReady = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const hashOf = (p: Pod): string => p.metadata.labels?.['pod-template-hash'] ?? '';

interface Manifest {
  readonly name: string;
  readonly replicas: number;
  readonly image: string;
  readonly strategy?: object;
  readonly progressDeadlineSeconds?: number;
}

const manifest = (m: Manifest): string => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: m.name, namespace: ns },
  spec: {
    replicas: m.replicas, selector: { matchLabels: { app: m.name } },
    ...(m.strategy !== undefined ? { strategy: m.strategy } : {}),
    ...(m.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: m.progressDeadlineSeconds } : {}),
    template: { metadata: { labels: { app: m.name } }, spec: { containers: [{ name: 'main', image: m.image }] } },
  },
});

/** Watches one Deployment's pods and checks a rule after every event. */
class PodTracker {
  readonly pods = new Map<string, Pod>();
  readonly violations: string[] = [];
  maxLive = 0;
  minAvailable = Infinity;
  private checking = false;
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;

  constructor(private readonly pods$: ResourceClient<Pod>, private readonly app: string, private readonly rule: (all: Pod[]) => string | undefined) {
    setMaxListeners(0, this.stop.signal);
  }

  async start(): Promise<void> {
    const list = await this.pods$.list(ns, { labelSelector: `app=${this.app}` }, this.stop.signal);
    for (const p of list.items) this.pods.set(p.metadata.uid ?? '', p);
    this.running = this.watch(list.metadata.resourceVersion ?? '0');
    this.checking = true;
    this.check();
  }

  private async watch(rv: string): Promise<void> {
    try {
      for await (const ev of this.pods$.watch(ns, { labelSelector: `app=${this.app}`, resourceVersion: rv }, this.stop.signal)) {
        if (ev.type === 'BOOKMARK') continue;
        const uid = ev.object.metadata.uid ?? '';
        if (ev.type === 'DELETED') this.pods.delete(uid); else this.pods.set(uid, ev.object);
        this.check();
      }
    } catch (err) {
      if (!this.stop.signal.aborted) this.violations.push(`watch failed: ${String(err)}`);
    }
  }

  live(): Pod[] {
    return [...this.pods.values()].filter((p) => p.metadata.deletionTimestamp === undefined);
  }

  private check(): void {
    if (!this.checking) return;
    const live = this.live();
    this.maxLive = Math.max(this.maxLive, live.length);
    this.minAvailable = Math.min(this.minAvailable, live.filter(isReady).length);
    const v = this.rule([...this.pods.values()]);
    if (v !== undefined) this.violations.push(v);
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.running;
  }
}

describe('deployment controller on a real apiserver', () => {
  let cluster: TestCluster;
  let client: RestClient;
  let deployments: ResourceClient<Deployment>;
  let replicaSets: ResourceClient<ReplicaSet>;
  let pods: ResourceClient<Pod>;
  const stop = new AbortController();
  const signal = stop.signal;

  let h: ControllerHarness;

  before(async () => {
    setMaxListeners(0, stop.signal);
    h = await startControllers((ctx) => [createDeploymentController(ctx), createReplicaSetController(ctx), createGarbageCollector(ctx)],
      { nodes: ['node-1', 'node-2', 'node-3'], bind: true, readyAfterMs: 300 });
    ({ cluster, client } = h);
    deployments = client.resource<Deployment>({ group: 'apps', version: 'v1', resource: 'deployments', namespaced: true });
    replicaSets = client.resource<ReplicaSet>({ group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true });
    pods = client.resource<Pod>({ group: '', version: 'v1', resource: 'pods', namespaced: true });
  });

  after(async () => {
    stop.abort();
    await h?.stop();
  });

  const kubectl = (args: readonly string[], timeoutMs = 90_000) => cluster.kubectl.run(args, { timeoutMs });
  const rolloutStatus = async (name: string): Promise<string> => {
    const r = await kubectl(['rollout', 'status', `deployment/${name}`, '--timeout=60s']);
    assert.equal(r.code, 0, `rollout status of ${name} failed: ${r.stderr}${r.stdout}`);
    assert.match(r.stdout, new RegExp(`deployment "${name}" successfully rolled out`));
    return r.stdout;
  };
  const apply = async (m: Manifest): Promise<void> => {
    await cluster.kubectl.ok(['apply', '-f', '-'], { input: manifest(m) });
  };
  const ownedReplicaSets = async (name: string): Promise<ReplicaSet[]> => {
    const d = await deployments.get(ns, name, signal);
    return (await replicaSets.list(ns, { labelSelector: `app=${name}` }, signal)).items
      .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid && r.controller === true));
  };
  const revision = (o: { metadata: { annotations?: Record<string, string> } }): string | undefined => o.metadata.annotations?.['deployment.kubernetes.io/revision'];
  const livePods = async (name: string): Promise<Pod[]> =>
    (await pods.list(ns, { labelSelector: `app=${name}` }, signal)).items.filter((p) => p.metadata.deletionTimestamp === undefined);
  const images = (ps: readonly Pod[]): string[] => [...new Set(ps.map((p) => p.spec?.containers[0]?.image ?? ''))].sort();
  const progressing = (d: Deployment) => d.status?.conditions?.find((c) => c.type === 'Progressing');

  test('a 10-replica Deployment rolls out a new image within maxSurge and maxUnavailable at every moment', async () => {
    await apply({ name: 'web', replicas: 10, image: 'toolbox:1' });
    await rolloutStatus('web');
    // 25% of 10: surge rounds up to 3, unavailability down to 2.
    const tracker = new PodTracker(pods, 'web', (all) => {
      const live = all.filter((p) => p.metadata.deletionTimestamp === undefined);
      const available = live.filter(isReady).length;
      if (live.length > 13) return `${live.length} pods`;
      if (available < 8) return `${available} available`;
      return undefined;
    });
    await tracker.start();
    try {
      await cluster.kubectl.ok(['set', 'image', 'deployment/web', 'main=toolbox:2']);
      await rolloutStatus('web');
      await waitFor('the old pods to be gone', async () => (tracker.live().length === 10 ? true : undefined));
    } finally {
      await tracker.close();
    }
    assert.deepEqual(tracker.violations, [], `bounds broken (most pods ${tracker.maxLive}, least available ${tracker.minAvailable})`);
    assert.ok(tracker.maxLive > 10, 'the rollout surged');
    assert.deepEqual(images(await livePods('web')), ['toolbox:2']);

    const d = await deployments.get(ns, 'web', signal);
    assert.equal(revision(d), '2');
    assert.equal(d.status?.observedGeneration, d.metadata.generation);
    assert.deepEqual([d.status?.replicas, d.status?.updatedReplicas, d.status?.readyReplicas, d.status?.availableReplicas], [10, 10, 10, 10]);
    assert.equal(progressing(d)?.reason, 'NewReplicaSetAvailable');
    assert.equal(d.status?.conditions?.find((c) => c.type === 'Available')?.reason, 'MinimumReplicasAvailable');
    const rss = await ownedReplicaSets('web');
    assert.equal(rss.length, 2);
    const fresh = rss.find((rs) => revision(rs) === '2');
    assert.equal(fresh?.spec?.replicas, 10);
    assert.equal(fresh?.metadata.name, `web-${fresh?.spec?.selector?.matchLabels?.['pod-template-hash'] ?? ''}`);
    assert.equal(rss.find((rs) => revision(rs) === '1')?.spec?.replicas, 0);

    const events = await waitFor('the scaling events', async () => {
      const list = await client.resource<Event>({ group: '', version: 'v1', resource: 'events', namespaced: true }).list(ns, {}, signal);
      const mine = list.items.filter((e) => e.involvedObject?.name === 'web' && e.reason === 'ScalingReplicaSet').map((e) => e.message ?? '');
      return mine.some((m) => m.startsWith('Scaled down')) ? mine : undefined;
    });
    assert.ok(events.every((m) => /^Scaled (up|down) replica set web-\w+ from \d+ to \d+$/.test(m)), events.join('\n'));
    assert.ok(events.includes(`Scaled up replica set ${fresh?.metadata.name ?? ''} from 0 to 3`), events.join('\n'));
  });

  test('rollout history lists the revisions and rollout undo brings the previous template back in its old ReplicaSet', async () => {
    const history = await cluster.kubectl.ok(['rollout', 'history', 'deployment/web']);
    assert.match(history, /REVISION\s+CHANGE-CAUSE/);
    assert.match(history, /^1\s+<none>$/m);
    assert.match(history, /^2\s+<none>$/m);
    const before = await ownedReplicaSets('web');
    const first = before.find((rs) => revision(rs) === '1');
    assert.ok(first !== undefined);

    const undo = await cluster.kubectl.ok(['rollout', 'undo', 'deployment/web']);
    assert.match(undo, /deployment.apps\/web rolled back/);
    await rolloutStatus('web');
    await waitFor('only the old image to run', async () => {
      const live = await livePods('web');
      return live.length === 10 && images(live).join() === 'toolbox:1' ? true : undefined;
    }, 30_000);
    const after = await ownedReplicaSets('web');
    assert.equal(after.length, 2, 'no third ReplicaSet');
    const reused = after.find((rs) => rs.metadata.uid === first.metadata.uid);
    assert.equal(revision(reused!), '3');
    assert.equal(reused?.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
    assert.equal(reused?.spec?.replicas, 10);
    assert.equal(revision(await deployments.get(ns, 'web', signal)), '3');
    const again = await cluster.kubectl.ok(['rollout', 'history', 'deployment/web']);
    assert.match(again, /^2\s+<none>$/m);
    assert.match(again, /^3\s+<none>$/m);
    assert.doesNotMatch(again, /^1\s/m);
    const detail = await cluster.kubectl.ok(['rollout', 'history', 'deployment/web', '--revision=3']);
    assert.match(detail, /Image:\s+toolbox:1/);
  });

  test('rollout pause holds a template change back and rollout resume carries it through', async () => {
    await apply({ name: 'held', replicas: 4, image: 'toolbox:1' });
    await rolloutStatus('held');
    const rsBefore = (await ownedReplicaSets('held')).map((rs) => rs.metadata.name).sort();
    const podsBefore = (await livePods('held')).map((p) => p.metadata.name).sort();

    await cluster.kubectl.ok(['rollout', 'pause', 'deployment/held']);
    await cluster.kubectl.ok(['set', 'image', 'deployment/held', 'main=toolbox:2']);
    const paused = await waitFor('the pause to be observed', async () => {
      const d = await deployments.get(ns, 'held', signal);
      return d.status?.observedGeneration === d.metadata.generation && progressing(d)?.reason === 'DeploymentPaused' ? d : undefined;
    });
    assert.equal(progressing(paused)?.status, 'Unknown');
    // For two seconds nothing may move: no new ReplicaSet, the same pods.
    const until = Date.now() + 2000;
    while (Date.now() < until) {
      assert.deepEqual((await ownedReplicaSets('held')).map((rs) => rs.metadata.name).sort(), rsBefore);
      assert.deepEqual((await livePods('held')).map((p) => p.metadata.name).sort(), podsBefore);
      await new Promise((r) => setTimeout(r, 200));
    }
    await cluster.kubectl.ok(['rollout', 'resume', 'deployment/held']);
    await rolloutStatus('held');
    await waitFor('only the new image to run', async () => {
      const live = await livePods('held');
      return live.length === 4 && images(live).join() === 'toolbox:2' ? true : undefined;
    }, 30_000);
    const d = await deployments.get(ns, 'held', signal);
    assert.equal(progressing(d)?.reason, 'NewReplicaSetAvailable');
    assert.equal(revision(d), '2');
  });

  test('rollout restart rolls every pod over to a new ReplicaSet', async () => {
    await apply({ name: 'bounce', replicas: 3, image: 'toolbox:1' });
    await rolloutStatus('bounce');
    const old = new Set((await livePods('bounce')).map((p) => p.metadata.uid));
    await cluster.kubectl.ok(['rollout', 'restart', 'deployment/bounce']);
    await rolloutStatus('bounce');
    const live = await waitFor('three new pods only', async () => {
      const ps = await livePods('bounce');
      return ps.length === 3 && ps.every((p) => !old.has(p.metadata.uid)) ? ps : undefined;
    }, 30_000);
    assert.ok(live.every((p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] !== undefined));
    assert.equal((await ownedReplicaSets('bounce')).length, 2);
  });

  test('Recreate never runs old and new pods at once', async () => {
    await apply({ name: 'swap', replicas: 4, image: 'toolbox:1', strategy: { type: 'Recreate' } });
    await rolloutStatus('swap');
    const tracker = new PodTracker(pods, 'swap', (all) => {
      const hashes = new Set(all.map(hashOf));
      return hashes.size > 1 ? `pods of ${hashes.size} templates at once: ${[...hashes].join(', ')}` : undefined;
    });
    await tracker.start();
    try {
      await cluster.kubectl.ok(['set', 'image', 'deployment/swap', 'main=toolbox:2']);
      await rolloutStatus('swap');
      await waitFor('four new pods', async () => {
        const live = tracker.live();
        return live.length === 4 && images(live).join() === 'toolbox:2' ? true : undefined;
      });
    } finally {
      await tracker.close();
    }
    assert.deepEqual(tracker.violations, []);
    assert.ok(tracker.minAvailable === 0, 'every old pod went before the new ones came');
  });

  test('a rollout that cannot progress exceeds its deadline, and rollout status says so', async () => {
    await apply({ name: 'stuck', replicas: 2, image: 'toolbox:1', progressDeadlineSeconds: 3 });
    await rolloutStatus('stuck');
    // The new pods go to a node no kubelet runs: they never become ready.
    await cluster.kubectl.ok(['patch', 'deployment/stuck', '--type=merge', '-p',
      JSON.stringify({ spec: { template: { spec: { nodeName: 'node-gone', containers: [{ name: 'main', image: 'toolbox:2' }] } } } })]);
    const d = await waitFor('the deadline to pass', async () => {
      const x = await deployments.get(ns, 'stuck', signal);
      return progressing(x)?.reason === 'ProgressDeadlineExceeded' ? x : undefined;
    }, 30_000);
    assert.equal(progressing(d)?.status, 'False');
    assert.match(progressing(d)?.message ?? '', /^ReplicaSet "stuck-\w+" has timed out progressing\.$/);
    assert.equal(d.status?.availableReplicas, 2, 'the old pods stay');
    const r = await kubectl(['rollout', 'status', 'deployment/stuck', '--timeout=30s']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /error: deployment "stuck" exceeded its progress deadline/);
  });
});
