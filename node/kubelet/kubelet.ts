// The kubelet: registers its Node, waits for its podCIDR and makes the pod network on it,
// then runs the pods bound to it. Pod, ConfigMap, Secret and Service informers and Docker's
// event stream turn into per-pod syncs (pod-workers.ts); a periodic relist catches anything
// missed and removes containers of pods that no longer exist. After a restart the container
// labels are the state: what runs is adopted, nothing is made twice.
import { readFile } from 'node:fs/promises';
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { ConfigMap } from '../../shared/api/core/v1/configmap.js';
import type { Node } from '../../shared/api/core/v1/node.js';
import type { Pod } from '../../shared/api/core/v1/pod.js';
import type { Secret } from '../../shared/api/core/v1/secret.js';
import type { Service } from '../../shared/api/core/v1/service.js';
import { isStatusError } from '../../shared/api/errors.js';
import type { ClientLog } from '../../shared/client/client-log.js';
import { EventRecorder, eventSinkFrom } from '../../shared/client/event-recorder.js';
import { Informer } from '../../shared/client/informer.js';
import { RestClient } from '../../shared/client/rest-client.js';
import { deletedObject, type StoreReader } from '../../shared/client/store.js';
import { sleep, type TimerClock } from '../../shared/client/timers.js';
import { deepEqual } from '../../shared/util/deep-equal.js';
import { Semaphore } from '../../shared/util/semaphore.js';
import type { EnvSources } from './env/env.js';
import { PodIPs } from './network/pod-ips.js';
import { PodNetwork } from './network/pod-network.js';
import { VethSandboxNetwork } from './network/sandbox-network.js';
import { machineInfo } from './node-status/machine-info.js';
import { NodeAgent } from './node-status/node-agent.js';
import { CrashBackoff, PullBackoff } from './pods/crash-backoff.js';
import type { Waiting } from './pods/decide.js';
import { killPod, podState, removePod, syncPod, type PodSyncDeps } from './pods/pod-sync.js';
import { groupByPod, runningSandbox } from './pods/pod-state.js';
import { PodWorkers } from './pods/pod-workers.js';
import { computePodStatus } from './pods/status.js';
import { ProbeManager } from './probes/probe-manager.js';
import type { ContainerRuntime } from './runtime/runtime.js';
import type { StreamingRuntime } from './runtime/streaming.js';
import type { PodSource } from './server/pod-source.js';
import { KubeletServer } from './server/server.js';
import { PodVolumes } from './volumes/pod-volumes.js';
import { configMirrorAnnotation, isMirrorPod, mirrorPodOf, readStaticPods } from './static-pods.js';

export interface KubeletOptions {
  readonly server: string;
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly hostname: string;
  readonly runtime: ContainerRuntime;
  readonly rootDir: string;
  /** Folder of static pod manifests; '' for none. */
  readonly podManifestPath: string;
  readonly pauseImage: string;
  readonly podNetwork: string;
  readonly podBridge: string;
  /** 0: Docker's default. */
  readonly podMtu?: number;
  readonly clusterDNS: readonly string[];
  readonly clusterDomain: string;
  readonly maxPods: number;
  readonly port: number;
  readonly nodeLabels: Readonly<Record<string, string>>;
  readonly resyncMs: number;
  /** Pods whose containers are made at the same time (Docker slows down when asked for too many at once). */
  readonly parallelPodStarts: number;
  readonly clock: TimerClock;
  readonly log: ClientLog;
  /** The server on `port` (logs, exec, attach, port-forward, stats); none when absent. */
  readonly kubeletServer?: { readonly runtime: StreamingRuntime; readonly log: Logger };
}

const r = (resource: string, namespaced = true) => ({ group: '', version: 'v1', resource, namespaced }) as const;

export class Kubelet {
  private readonly o: KubeletOptions;
  private readonly client: RestClient;
  private readonly pods: Informer<Pod>;
  private readonly configMaps: Informer<ConfigMap>;
  private readonly secrets: Informer<Secret>;
  private readonly services: Informer<Service>;
  private readonly uidToKey = new Map<string, string>();
  /** Static pods from --pod-manifest-path, by their uid (the config hash). */
  private readonly staticPods = new Map<string, Pod>();
  private readonly staticErrors = new Map<string, string>();
  private nodeUid: string | undefined;
  /** The Node's allocatable, the default of a resourceFieldRef to a limit that is not set. */
  private allocatable: Readonly<Record<string, string>> = {};
  private readonly waiting = new Map<string, ReadonlyMap<string, Waiting>>();
  private readonly reported = new Map<string, unknown>();
  private readonly backoff = new CrashBackoff();
  private readonly pullBackoff = new PullBackoff();
  private readonly volumes: PodVolumes;
  private readonly events: EventRecorder;
  private probes: ProbeManager | undefined;
  private readonly starts: Semaphore;
  private workers: PodWorkers | undefined;

  constructor(opts: KubeletOptions) {
    this.o = opts;
    this.client = new RestClient({ server: opts.server, userAgent: `bosun-kubelet/${opts.nodeName}` });
    const informer = <T extends Pod | ConfigMap | Secret | Service>(resource: string, fieldSelector?: string): Informer<T> =>
      new Informer<T>({ client: this.client.resource<T>(r(resource)), clock: opts.clock, log: opts.log, ...(fieldSelector !== undefined ? { fieldSelector } : {}) });
    this.pods = informer<Pod>('pods', `spec.nodeName=${opts.nodeName}`);
    this.configMaps = informer<ConfigMap>('configmaps');
    this.secrets = informer<Secret>('secrets');
    this.services = informer<Service>('services');
    this.volumes = new PodVolumes(opts.rootDir);
    this.starts = new Semaphore(opts.parallelPodStarts);
    this.events = new EventRecorder({ sink: eventSinkFrom(this.client), component: 'kubelet', clock: opts.clock, log: opts.log });
  }

  async run(signal: AbortSignal): Promise<void> {
    setMaxListeners(0, signal);
    const o = this.o;
    const machine = await machineInfo(await o.runtime.version(signal));
    const agent = new NodeAgent({
      client: this.client, machine, clock: o.clock, log: o.log,
      settings: { name: o.nodeName, nodeIP: o.nodeIP, hostname: o.hostname, maxPods: o.maxPods, port: o.port, labels: o.nodeLabels },
    });
    let registered: Node | undefined;
    for (let attempt = 1; registered === undefined; attempt++) {
      registered = await agent.register(signal).catch(async (err: unknown) => {
        if (signal.aborted) throw err;
        o.log.warn({ err, attempt, node: o.nodeName }, 'Could not register the Node; retrying');
        await sleep(o.clock, Math.min(10_000, 500 * attempt), signal);
        return undefined;
      });
    }
    this.nodeUid = registered.metadata.uid;
    this.allocatable = registered.status?.allocatable ?? {};
    const agentRun = agent.run(signal);
    const serverRun = o.kubeletServer === undefined ? Promise.resolve() : new KubeletServer({
      address: o.nodeIP, port: o.port, nodeName: o.nodeName, pods: this.podSource(), runtime: o.kubeletServer.runtime,
      waitingReason: (uid, name) => this.waiting.get(uid)?.get(name)?.reason, log: o.kubeletServer.log,
    }).run(signal);
    const node = await this.waitForPodCIDR(signal);
    const cidr = node.spec?.podCIDR ?? '';
    const ips = new PodIPs(cidr);
    const mtu = o.podMtu !== undefined && o.podMtu > 0 ? { mtu: o.podMtu } : {};
    const network = new PodNetwork(ips, new VethSandboxNetwork({ bridge: o.podBridge, gateway: ips.gateway, prefixLength: ips.prefixLength, ...mtu }));
    // Docker's network makes the bridge (and Docker's rules for it); sandboxes are wired by us.
    // A failure here (Docker restarting, say) is waited out, not the end of the kubelet.
    for (let attempt = 1; ; attempt++) {
      try {
        await o.runtime.ensureNetwork({ name: o.podNetwork, subnet: cidr, gateway: ips.gateway, ipRange: ips.dockerRange, bridge: o.podBridge, ...mtu }, signal);
        await network.start(await o.runtime.list(signal), signal);
        break;
      } catch (err) {
        if (signal.aborted) throw err;
        o.log.warn({ err, attempt, node: o.nodeName }, 'Could not set up the pod network; retrying');
        await sleep(o.clock, Math.min(10_000, 500 * attempt), signal);
      }
    }
    this.network = network;
    o.log.info({ node: o.nodeName, podCIDR: cidr }, 'Pod network ready');

    const hostResolvConf = await readFile('/etc/resolv.conf', 'utf8').catch(() => '');
    this.workers = new PodWorkers((uid, s) => this.syncUid(uid, s), o.log, signal);
    this.probes = new ProbeManager({
      runtime: o.runtime, onChange: (uid) => this.workers?.update(uid), log: o.log,
      recordEvent: (pod, reason, message) => this.recordEvent(pod, 'Warning', reason, message),
    });
    this.deps = {
      runtime: o.runtime, volumes: this.volumes, backoff: this.backoff, pullBackoff: this.pullBackoff,
      sandbox: { pauseImage: o.pauseImage }, network,
      dns: { clusterDNS: o.clusterDNS, clusterDomain: o.clusterDomain, hostResolvConf },
      nodeIP: o.nodeIP,
      sources: (pod, podIP) => this.sources(pod, podIP),
      unhealthy: (pod) => this.probes?.unhealthy(pod) ?? new Set(),
      recordEvent: (pod, type, reason, message) => this.recordEvent(pod, type, reason, message),
      log: o.log, now: () => o.clock.now(),
    };
    const workers = this.workers;
    const podChanged = (p: Pod): void => {
      if (isMirrorPod(p)) { workers.update(p.metadata.annotations?.[configMirrorAnnotation] ?? ''); return; }
      const uid = p.metadata.uid ?? '';
      this.uidToKey.set(uid, `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`);
      workers.update(uid);
    };
    this.pods.addHandlers({
      onAdd: podChanged, onUpdate: (_old, p) => podChanged(p),
      onDelete: (p) => { const pod = deletedObject(p); workers.update(isMirrorPod(pod) ? pod.metadata.annotations?.[configMirrorAnnotation] ?? '' : pod.metadata.uid ?? ''); },
    });
    // A changed ConfigMap or Secret reaches the pods that use it at their next sync.
    const informers = [this.pods, this.configMaps, this.secrets, this.services];
    const runs = informers.map((i) => i.run(signal));
    for (const i of informers) if (!await i.waitForSync(signal)) return;
    o.log.info({ node: o.nodeName }, 'Kubelet started');
    await this.readManifests();
    await Promise.all([agentRun, serverRun, ...runs, this.relistLoop(signal), this.dockerEvents(signal)]);
    await workers.drained();
    this.probes.stopAll();
    await this.events.flush();
    this.client.close();
  }

  private deps: PodSyncDeps | undefined;
  private network: PodNetwork | undefined;

  /** The pods bound here and what runs for them, for the kubelet server. */
  private podSource(): PodSource {
    return {
      pod: (namespace, name) => this.pods.store.get(`${namespace}/${name}`),
      pods: () => this.pods.store.list(),
      state: (uid, signal) => podState(this.o.runtime, uid, signal),
      states: async (signal) => groupByPod(await this.o.runtime.list(signal)),
    };
  }

  private async waitForPodCIDR(signal: AbortSignal): Promise<Node> {
    const nodes = this.client.resource<Node>(r('nodes', false));
    let logged = false;
    for (;;) {
      const n = await nodes.get('', this.o.nodeName, signal).catch((err: unknown) => {
        if (signal.aborted) throw err;
        this.o.log.warn({ err, node: this.o.nodeName }, 'Could not read the Node; retrying');
        return undefined;
      });
      if (n?.spec?.podCIDR !== undefined && n.spec.podCIDR !== '') return n;
      if (!logged) { this.o.log.info({ node: this.o.nodeName }, 'Waiting for a podCIDR from the node IPAM controller'); logged = true; }
      await sleep(this.o.clock, 500, signal);
    }
  }

  private sources(pod: Pod, podIP: string): EnvSources {
    const ns = pod.metadata.namespace ?? '';
    const get = <T extends ConfigMap | Secret>(store: StoreReader<T>) => (name: string): T | undefined => store.get(`${ns}/${name}`);
    const services = this.services.store.list().filter((s) => s.metadata.namespace === ns
      || (s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes'));
    return {
      configMap: get(this.configMaps.store), secret: get(this.secrets.store), services, podIP, hostIP: this.o.nodeIP,
      nodeAllocatable: this.allocatable,
    };
  }

  private recordEvent(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.record({ object: pod, gvk: { group: '', version: 'v1', kind: 'Pod' } }, type, reason, message, new AbortController().signal);
  }

  /** Every pod this kubelet knows, periodically; and containers of unknown pods are removed. */
  private async relistLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.o.clock, this.o.resyncMs, signal).catch(() => {});
      if (signal.aborted) return;
      try {
        await this.readManifests();
        const containers = await this.o.runtime.list(signal);
        this.network?.observe(containers);
        const running = groupByPod(containers);
        const known = new Set([...this.pods.store.list().filter((p) => !isMirrorPod(p)).map((p) => p.metadata.uid ?? ''), ...this.staticPods.keys()]);
        for (const uid of new Set([...known, ...running.keys()])) this.workers?.update(uid);
      } catch (err) {
        if (!signal.aborted) this.o.log.warn({ err }, 'Relist failed');
      }
    }
  }

  /** Docker's events: a container that dies or starts syncs its pod at once. */
  private async dockerEvents(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const byId = new Map<string, string>();
        for await (const id of this.o.runtime.events(signal)) {
          let uid = byId.get(id);
          if (uid === undefined) {
            const c = (await this.o.runtime.list(signal)).find((x) => x.id === id);
            uid = c?.identity.podUid;
            if (uid !== undefined) byId.set(id, uid);
          }
          if (uid !== undefined) this.workers?.update(uid);
        }
      } catch (err) {
        if (!signal.aborted) this.o.log.warn({ err }, 'Docker event stream failed');
      }
      await sleep(this.o.clock, 1000, signal).catch(() => {});
    }
  }

  /** Reads --pod-manifest-path: new and changed manifests become pods, removed ones go. */
  private async readManifests(): Promise<void> {
    if (this.o.podManifestPath === '') return;
    const { pods, errors } = await readStaticPods(this.o.podManifestPath, this.o.nodeName);
    for (const e of errors) {
      if (this.staticErrors.get(e.file) !== e.message) this.o.log.warn({ file: e.file, reason: e.message }, 'Skipped static pod manifest');
      this.staticErrors.set(e.file, e.message);
    }
    const now = new Set(pods.map((p) => p.metadata.uid ?? ''));
    for (const uid of [...this.staticPods.keys()]) {
      if (!now.has(uid)) { this.staticPods.delete(uid); this.workers?.update(uid); }
    }
    for (const p of pods) {
      const uid = p.metadata.uid ?? '';
      if (!this.staticPods.has(uid)) { this.staticPods.set(uid, p); this.o.log.info({ pod: `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}` }, 'Found static pod'); this.workers?.update(uid); }
    }
  }

  /** The mirror pod of the static pod `pod` in the cache, if any. */
  private mirrorOf(pod: Pod): Pod | undefined {
    const m = this.pods.store.get(`${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`);
    return m !== undefined && isMirrorPod(m) ? m : undefined;
  }

  /** Makes the API show the static pod: creates its mirror, replacing a stale or deleted one. */
  private async syncMirror(pod: Pod, signal: AbortSignal): Promise<Pod | undefined> {
    const api = this.client.resource<Pod>(r('pods'));
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    const mirror = this.mirrorOf(pod) ?? this.pods.store.get(`${ns}/${name}`);
    const current = mirror !== undefined && mirror.metadata.annotations?.[configMirrorAnnotation] === pod.metadata.uid && mirror.metadata.deletionTimestamp === undefined;
    if (current) return mirror;
    if (mirror !== undefined) {
      await api.delete(ns, name, { gracePeriodSeconds: 0, preconditions: { uid: mirror.metadata.uid ?? '' } }, signal).catch((err: unknown) => {
        if (!isStatusError(err, 'NotFound') && !isStatusError(err, 'Conflict')) throw err;
      });
    }
    try {
      return await api.create(ns, mirrorPodOf(pod, this.nodeUid), {}, signal);
    } catch (err) {
      if (isStatusError(err, 'AlreadyExists')) return undefined;      // the next sync sees it
      throw err;
    }
  }

  private podOf(uid: string): Pod | undefined {
    const stat = this.staticPods.get(uid);
    if (stat !== undefined) return stat;
    const key = this.uidToKey.get(uid);
    const pod = key === undefined ? undefined : this.pods.store.get(key);
    return pod?.metadata.uid === uid ? pod : undefined;
  }

  private async syncUid(uid: string, signal: AbortSignal): Promise<{ requeueAfterMs?: number }> {
    const d = this.deps!;
    const pod = this.podOf(uid);
    if (pod === undefined) {
      await this.deleteOrphanMirror(uid, signal);
      // Gone from the API (or never ours): stop and remove what runs for it.
      const state = await podState(d.runtime, uid, signal);
      if (state.sandboxes.length === 0 && state.containers.size === 0) {
        await this.volumes.tearDown(uid);
        this.forget(uid);
        return {};
      }
      const grace = state.sandboxes[0]?.identity.gracePeriodSeconds ?? 30;
      await killPod(d, undefined, uid, grace, signal);
      await removePod(d, uid, signal);
      this.forget(uid);
      return {};
    }
    if (pod.metadata.deletionTimestamp !== undefined) {
      const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      await killPod(d, pod, uid, grace, signal);
      this.probes?.forget(uid);
      await this.writeStatus(pod, signal);
      // Containers and volumes go first, so the object disappears only when nothing is left.
      await removePod(d, uid, signal);
      try {
        await this.client.resource<Pod>(r('pods')).delete(pod.metadata.namespace ?? '', pod.metadata.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid } }, signal);
      } catch (err) {
        if (!isStatusError(err, 'NotFound') && !isStatusError(err, 'Conflict')) throw err;
      }
      return {};
    }
    const isStatic = this.staticPods.has(uid);
    const mirror = isStatic ? await this.syncMirror(pod, signal) : undefined;
    const statusTarget = isStatic ? mirror : pod;
    let requeue: number | undefined;
    const phase = (statusTarget ?? pod).status?.phase;
    if (phase !== 'Succeeded' && phase !== 'Failed') {
      const outcome = await this.starts.run(() => syncPod(d, pod, signal));
      this.waiting.set(uid, outcome.waiting);
      requeue = outcome.requeueAfterMs;
    }
    const state = await podState(d.runtime, uid, signal);
    const sandbox = runningSandbox(state);
    this.probes?.sync(pod, [...state.containers.values()].map((l) => l[0]!).filter((c) => c.state === 'running'), sandbox?.ip ?? '');
    if (statusTarget !== undefined) await this.writeStatus(pod, signal, statusTarget);
    return requeue !== undefined ? { requeueAfterMs: requeue } : {};
  }

  private forget(uid: string): void {
    this.probes?.forget(uid);
    this.waiting.delete(uid);
    this.reported.delete(uid);
    this.uidToKey.delete(uid);
    this.backoff.forgetPod(uid);
    this.pullBackoff.forgetPod(uid);
    this.workers?.forget(uid);
  }

  /** A mirror pod whose static pod is gone (its manifest was removed) is deleted. */
  private async deleteOrphanMirror(uid: string, signal: AbortSignal): Promise<void> {
    const mirror = this.pods.store.list().find((p) => p.metadata.annotations?.[configMirrorAnnotation] === uid);
    if (mirror === undefined) return;
    await this.client.resource<Pod>(r('pods')).delete(mirror.metadata.namespace ?? '', mirror.metadata.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: mirror.metadata.uid ?? '' } }, signal)
      .catch((err: unknown) => { if (!isStatusError(err, 'NotFound') && !isStatusError(err, 'Conflict')) throw err; });
  }

  /**
   * Writes the pod's status when it differs from what was last reported; `target` is the API
   * object that shows it (the pod itself, or a static pod's mirror).
   */
  private async writeStatus(pod: Pod, signal: AbortSignal, target: Pod = pod): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    const state = await podState(this.o.runtime, uid, signal);
    const status = computePodStatus({
      pod: { ...pod, status: target.status ?? {} }, state, waiting: this.waiting.get(uid) ?? new Map(),
      ready: (name, id) => this.probes?.ready(pod, name, id) ?? false,
      started: (name, id) => this.probes?.started(pod, name, id) ?? false,
      nodeIP: this.o.nodeIP, now: this.o.clock.now(),
    });
    if (deepEqual(status, target.status) || deepEqual(status, this.reported.get(uid))) return;
    try {
      await this.client.resource<Pod>(r('pods')).patch(target.metadata.namespace ?? '', target.metadata.name ?? '', 'merge',
        { metadata: { uid: target.metadata.uid }, status }, { subresource: 'status' }, signal);
      this.reported.set(uid, status);
    } catch (err) {
      if (isStatusError(err, 'NotFound')) return;
      throw err;
    }
  }
}
