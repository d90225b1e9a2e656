// A stand-in kubelet for controller and scheduler tests, acting through the API only: it
// registers Node objects, binds pods that have no node (unless told not to), marks its pods
// Running and Ready with a pod IP, and finishes graceful deletions with a grace-0 delete.
import type { ApiObject } from '../../shared/api/meta.js';
import { isStatusError } from '../../shared/api/errors.js';
import { RestClient } from '../../shared/client/rest-client.js';
import type { ResourceClient } from '../../shared/client/resource-client.js';


interface PodLike extends ApiObject {
  spec?: { nodeName?: string; containers?: { name: string; image?: string }[] };
  status?: { phase?: string; podIP?: string; [field: string]: unknown };
}

export interface FakeKubeletOptions {
  readonly server: string;
  readonly nodes: readonly string[];
  /** Bind unscheduled pods round-robin to the nodes (the scheduler's job when it runs). */
  readonly bind?: boolean;
  /** Mark pods Ready this long after they start (ms). */
  readonly readyAfterMs?: number;
  readonly capacity?: { cpu: string; memory: string; pods: string };
}

export class FakeKubelet {
  private readonly o: FakeKubeletOptions;
  private readonly client: RestClient;
  private readonly pods: ResourceClient<PodLike>;
  private readonly nodes: ResourceClient<ApiObject>;
  private readonly ctl = new AbortController();
  private loop: Promise<void> | undefined;
  private next = 0;
  private ipSeq = 2;
  /** Pods that must not become ready (for rollouts that should stall). */
  readonly holdUnready = new Set<string>();

  constructor(opts: FakeKubeletOptions) {
    this.o = opts;
    this.client = new RestClient({ server: opts.server, userAgent: 'fake-kubelet' });
    this.pods = this.client.resource<PodLike>({ group: '', version: 'v1', resource: 'pods', namespaced: true });
    this.nodes = this.client.resource<ApiObject>({ group: '', version: 'v1', resource: 'nodes', namespaced: false });
  }

  async start(): Promise<void> {
    const cap = this.o.capacity ?? { cpu: '8', memory: '16Gi', pods: '110' };
    for (const name of this.o.nodes) {
      const node: ApiObject = {
        apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, spec: {},
        status: {
          capacity: cap, allocatable: cap,
          conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'fake kubelet is ready' }],
          addresses: [{ type: 'InternalIP', address: '192.0.2.1' }, { type: 'Hostname', address: name }],
        },
      };
      try { await this.nodes.create('', node, {}, this.ctl.signal); } catch (err) { if (!isStatusError(err, 'AlreadyExists')) throw err; }
    }
    this.loop = this.run(this.ctl.signal);
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const list = await this.pods.list('', {}, signal);
        for (const pod of list.items) await this.handle(pod, signal).catch(() => {});
      } catch { /* the apiserver may be restarting */ }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async handle(pod: PodLike, signal: AbortSignal): Promise<void> {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    let node = pod.spec?.nodeName ?? '';
    if (pod.metadata.deletionTimestamp !== undefined) {
      if (node === '' || this.o.nodes.includes(node)) await this.pods.delete(ns, name, { gracePeriodSeconds: 0 }, signal);
      return;
    }
    if (node === '') {
      if (this.o.bind !== true) return;
      node = this.o.nodes[this.next++ % this.o.nodes.length]!;
      await this.pods.bind(ns, name, node, signal);
      return;
    }
    if (!this.o.nodes.includes(node)) return;
    const started = pod.metadata.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) : 0;
    const ready = !this.holdUnready.has(`${ns}/${name}`) && Date.now() - started >= (this.o.readyAfterMs ?? 0);
    const st = pod.status as { phase?: string; conditions?: { type: string; status: string }[] } | undefined;
    const isReady = st?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    if (st?.phase === 'Running' && isReady === ready) return;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const cond = (type: string, ok: boolean) => ({ type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now });
    const next = structuredClone(pod);
    next.status = {
      phase: 'Running', podIP: pod.status?.podIP ?? `10.244.0.${this.ipSeq++ % 250}`, hostIP: '192.0.2.1', startTime: now,
      conditions: [cond('PodScheduled', true), cond('Initialized', true), cond('ContainersReady', ready), cond('Ready', ready)],
      containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
        name: c.name, image: c.image ?? '', imageID: '', ready, restartCount: 0, started: true,
        state: { running: { startedAt: now } },
      })),
    };
    await this.pods.updateStatus(next, signal);
  }

  async stop(): Promise<void> {
    this.ctl.abort();
    await this.loop;
    this.client.close();
  }
}
