// Carries out what decide.ts chose for one pod, through the runtime: the sandbox (with the
// pod's resolv.conf and hosts files), its volumes, images as the pull policy says, and the
// containers with their environment and mounts. Each failure becomes the waiting reason
// Kubernetes shows (ErrImageNeverPull, ErrImagePull, ImagePullBackOff,
// CreateContainerConfigError, CreateContainerError, RunContainerError, ContainerCreating
// after FailedMount) and an event; the node's other pods are never affected.
import type { Container } from '../../../shared/api/core/v1/container.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { ClientLog } from '../../../shared/client/client-log.js';
import { EnvError, containerEnv, expandAll, type EnvSources } from '../env/env.js';
import { containerSpec, sandboxSpec, type SandboxSettings } from '../runtime/container-spec.js';
import type { ContainerRuntime, RuntimeContainer } from '../runtime/runtime.js';
import type { PodNetwork } from '../network/pod-network.js';
import { PodVolumes, VolumeError } from '../volumes/pod-volumes.js';
import type { CrashBackoff, PullBackoff } from './crash-backoff.js';
import { backoffKey, decidePodActions, type Waiting } from './decide.js';
import { hostsFile, resolvConf, type DnsSettings } from './dns-files.js';
import { imagePullAuth } from './image-auth.js';
import { groupByPod, emptyState, liveContainers, runningSandbox, type PodRuntimeState } from './pod-state.js';
import { runHandler, type HandlerTarget } from './handlers.js';

export type EventType = 'Normal' | 'Warning';

export interface PodSyncDeps {
  readonly runtime: ContainerRuntime;
  readonly volumes: PodVolumes;
  readonly backoff: CrashBackoff;
  readonly pullBackoff: PullBackoff;
  readonly sandbox: SandboxSettings;
  readonly network: PodNetwork;
  readonly dns: DnsSettings;
  readonly nodeIP: string;
  /** ConfigMaps, Secrets and Services for the pod's namespace, from the kubelet's caches. */
  sources(pod: Pod, podIP: string): EnvSources;
  /** Containers whose liveness or startup probe says: restart. */
  unhealthy(pod: Pod): ReadonlySet<string>;
  recordEvent(pod: Pod, type: EventType, reason: string, message: string): void;
  readonly log: ClientLog;
  now(): Date;
}

export interface SyncOutcome {
  readonly waiting: ReadonlyMap<string, Waiting>;
  readonly requeueAfterMs?: number;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const podKey = (pod: Pod): string => `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;

/** The pod's containers as the runtime shows them now. */
export async function podState(runtime: ContainerRuntime, uid: string, signal: AbortSignal): Promise<PodRuntimeState> {
  return groupByPod(await runtime.list(signal)).get(uid) ?? emptyState(uid);
}

/** One sync of a pod that should run. */
export async function syncPod(d: PodSyncDeps, pod: Pod, signal: AbortSignal): Promise<SyncOutcome> {
  const uid = pod.metadata.uid ?? '';
  const state = await podState(d.runtime, uid, signal);
  const actions = decidePodActions({ pod, state, now: d.now(), backoff: d.backoff, unhealthy: d.unhealthy(pod) });
  const waiting = new Map(actions.waiting);
  await Promise.all(actions.kill.map((k) => stopContainer(d, pod, k.container, k.reason, graceOf(pod), signal)));
  let sandbox = runningSandbox(state);
  if (sandbox !== undefined && !d.network.isWired(sandbox)) {
    // Started by a kubelet that died before wiring it: it has no network. Stopped, it is made again.
    d.log.warn({ pod: podKey(pod), sandbox: sandbox.id }, 'Sandbox without its network; stopping it');
    await d.runtime.stop(sandbox.id, 0, signal);
    return { waiting, requeueAfterMs: 0 };
  }
  if (actions.createSandbox !== undefined) {
    try {
      sandbox = await createSandbox(d, pod, actions.createSandbox.attempt, signal);
    } catch (err) {
      d.recordEvent(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${messageOf(err)}`);
      for (const c of pod.spec?.containers ?? []) waiting.set(c.name, { reason: 'ContainerCreating' });
      return { waiting, requeueAfterMs: 2000 };
    }
  }
  if (sandbox === undefined) return { waiting, ...(actions.requeueAfterMs !== undefined ? { requeueAfterMs: actions.requeueAfterMs } : {}) };
  const sandboxId = sandbox.id;
  const podIP = sandbox.ip ?? '';
  const sources = d.sources(pod, podIP);
  let paths: Map<string, string>;
  try {
    paths = await d.volumes.setUp(pod, sources);
  } catch (err) {
    if (!(err instanceof VolumeError)) throw err;
    d.recordEvent(pod, 'Warning', 'FailedMount', err.message);
    for (const s of actions.start) waiting.set(s.container.name, { reason: s.kind === 'init' ? 'PodInitializing' : 'ContainerCreating' });
    return { waiting, requeueAfterMs: 2000 };
  }
  let requeue = actions.requeueAfterMs;
  const files = [await d.volumes.writePodFile(uid, 'resolv.conf', resolvConf(pod, d.dns)), await d.volumes.writePodFile(uid, 'hosts', hostsFile(pod, podIP))];
  for (const s of actions.start) {
    const why = await startContainer(d, pod, s.container, s.kind, s.restartCount, sandboxId, podIP, paths, files, sources, signal);
    if (why !== undefined) {
      waiting.set(s.container.name, why);
      if (why.reason !== 'ErrImageNeverPull' && why.reason !== 'CreateContainerConfigError') requeue = Math.min(requeue ?? Infinity, 1000);
      else requeue = Math.min(requeue ?? Infinity, 5000);
    }
  }
  // Dead containers appear only once a pod has run for a while: a first start has none to collect.
  const mayHaveGarbage = state.sandboxes.length > 0 || state.containers.size > 0;
  if (mayHaveGarbage) await collectGarbage(d, await podState(d.runtime, uid, signal), signal);
  return { waiting, ...(requeue !== undefined ? { requeueAfterMs: requeue } : {}) };
}

const graceOf = (pod: Pod): number => pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;

/** Makes, starts and wires a sandbox; on any failure nothing of it is left, its address is free again. */
async function createSandbox(d: PodSyncDeps, pod: Pod, attempt: number, signal: AbortSignal): Promise<RuntimeContainer> {
  await ensureImage(d, pod, d.sandbox.pauseImage, 'IfNotPresent', signal);
  const podIP = pod.spec?.hostNetwork === true ? undefined : d.network.allocate();
  let id: string | undefined;
  try {
    id = await d.runtime.create(sandboxSpec(pod, attempt, d.sandbox, podIP), signal);
    await d.runtime.start(id, signal);
    const started = await d.runtime.container(id, signal);
    if (started?.state !== 'running') throw new Error(`the sandbox ${id} is not running after its start (${started?.state ?? 'gone'})`);
    await d.network.attach(started, signal);
    d.log.info({ pod: podKey(pod), attempt, podIP }, 'Started pod sandbox');
    return started;
  } catch (err) {
    if (id !== undefined) await d.runtime.remove(id, signal).catch(() => {});
    if (podIP !== undefined) d.network.release(podIP);
    throw err;
  }
}

/** Starts one container; returns why it waits instead, if it could not. */
async function startContainer(
  d: PodSyncDeps, pod: Pod, c: Container, kind: 'init' | 'app', restartCount: number, sandboxId: string, podIP: string,
  paths: ReadonlyMap<string, string>, podFiles: readonly string[], sources: EnvSources, signal: AbortSignal,
): Promise<Waiting | undefined> {
  const image = c.image ?? '';
  const pulled = await pullIfNeeded(d, pod, c, signal);
  if (pulled !== undefined) return pulled;
  let env: Map<string, string>;
  try {
    env = containerEnv(pod, c, sources);
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    d.recordEvent(pod, 'Warning', 'Failed', `Error: ${err.message}`);
    return { reason: 'CreateContainerConfigError', message: err.message };
  }
  let binds: string[];
  try {
    await d.volumes.prepareSubPaths(c, paths);
    binds = d.volumes.binds(pod, c, paths);
  } catch (err) {
    if (!(err instanceof VolumeError)) throw err;
    d.recordEvent(pod, 'Warning', 'Failed', `Error: ${err.message}`);
    return { reason: 'CreateContainerConfigError', message: err.message };
  }
  const mounted = new Set((c.volumeMounts ?? []).map((m) => m.mountPath));
  const [resolv, hosts] = podFiles as [string, string];
  if (pod.spec?.hostNetwork !== true || pod.spec.dnsPolicy === 'ClusterFirstWithHostNet') {
    if (!mounted.has('/etc/resolv.conf')) binds.push(`${resolv}:/etc/resolv.conf`);
  }
  if (pod.spec?.hostNetwork !== true && !mounted.has('/etc/hosts')) binds.push(`${hosts}:/etc/hosts`);
  const command = expandAll(c.command, env);
  const args = expandAll(c.args, env);
  const spec = containerSpec({
    pod, container: c, kind, restartCount, sandboxId, binds,
    env: [...env].map(([k, v]) => `${k}=${v}`),
    ...(command !== undefined ? { command } : {}), ...(args !== undefined ? { args } : {}),
  });
  let id: string;
  try {
    id = await d.runtime.create(spec, signal);
  } catch (err) {
    d.recordEvent(pod, 'Warning', 'Failed', `Error: ${messageOf(err)}`);
    return { reason: 'CreateContainerError', message: messageOf(err) };
  }
  d.recordEvent(pod, 'Normal', 'Created', `Created container ${c.name}`);
  if (restartCount > 0) d.backoff.restarted(backoffKey(pod, c.name));
  try {
    await d.runtime.start(id, signal);
  } catch (err) {
    d.recordEvent(pod, 'Warning', 'Failed', `Error: ${messageOf(err)}`);
    return { reason: 'RunContainerError', message: messageOf(err) };
  }
  d.recordEvent(pod, 'Normal', 'Started', `Started container ${c.name}`);
  d.log.info({ pod: podKey(pod), container: c.name, image, restartCount }, 'Started container');
  if (c.lifecycle?.postStart !== undefined) {
    const target: HandlerTarget = { runtime: d.runtime, containerId: id, podIP };
    try {
      await runHandler(c.lifecycle.postStart, c, target, 30_000, signal);
    } catch (err) {
      d.recordEvent(pod, 'Warning', 'FailedPostStartHook', `PostStartHook failed: ${messageOf(err)}`);
      await d.runtime.stop(id, graceOf(pod), signal).catch(() => {});
    }
  }
  return undefined;
}

/** Pulls `c`'s image when its pull policy says so; returns why the container waits, if it must. */
async function pullIfNeeded(d: PodSyncDeps, pod: Pod, c: Container, signal: AbortSignal): Promise<Waiting | undefined> {
  const image = c.image ?? '';
  const policy = c.imagePullPolicy ?? 'IfNotPresent';
  const present = await d.runtime.image(image, signal);
  if (policy === 'Never') {
    if (present !== undefined) return undefined;
    const message = `Container image "${image}" is not present with pull policy of Never`;
    d.recordEvent(pod, 'Warning', 'ErrImageNeverPull', message);
    return { reason: 'ErrImageNeverPull', message };
  }
  if (policy === 'IfNotPresent' && present !== undefined) {
    return undefined;
  }
  const key = backoffKey(pod, c.name);
  if (d.pullBackoff.waiting(key, d.now())) {
    const message = `Back-off pulling image "${image}"`;
    d.recordEvent(pod, 'Normal', 'BackOff', message);
    return { reason: 'ImagePullBackOff', message };
  }
  d.recordEvent(pod, 'Normal', 'Pulling', `Pulling image "${image}"`);
  try {
    await d.runtime.pull(image, imagePullAuth(pod, image, (n) => d.sources(pod, '').secret(n)), signal);
  } catch (err) {
    d.pullBackoff.failed(key, d.now());
    const message = `Failed to pull image "${image}": ${messageOf(err)}`;
    d.recordEvent(pod, 'Warning', 'Failed', message);
    return { reason: 'ErrImagePull', message };
  }
  d.pullBackoff.succeeded(key);
  d.recordEvent(pod, 'Normal', 'Pulled', `Successfully pulled image "${image}"`);
  return undefined;
}

async function ensureImage(d: PodSyncDeps, pod: Pod, image: string, _policy: 'IfNotPresent', signal: AbortSignal): Promise<void> {
  if (await d.runtime.image(image, signal) !== undefined) return;
  await d.runtime.pull(image, undefined, signal);
  d.recordEvent(pod, 'Normal', 'Pulled', `Successfully pulled image "${image}"`);
}

/** preStop, then SIGTERM and SIGKILL after what is left of the grace period. */
export async function stopContainer(d: PodSyncDeps, pod: Pod | undefined, c: RuntimeContainer, reason: string, graceSeconds: number, signal: AbortSignal): Promise<void> {
  if (c.state !== 'running' && c.state !== 'created') return;
  const spec = pod === undefined ? undefined : [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x) => x.name === c.identity.containerName);
  if (pod !== undefined && c.identity.kind !== 'sandbox') d.recordEvent(pod, 'Normal', 'Killing', `Stopping container ${c.identity.containerName}`);
  const started = Date.now();
  if (spec?.lifecycle?.preStop !== undefined && c.state === 'running') {
    try {
      await runHandler(spec.lifecycle.preStop, spec, { runtime: d.runtime, containerId: c.id, podIP: '127.0.0.1' }, graceSeconds * 1000, signal);
    } catch (err) {
      if (pod !== undefined) d.recordEvent(pod, 'Warning', 'FailedPreStopHook', `PreStopHook failed: ${messageOf(err)}`);
    }
  }
  const left = Math.max(0, graceSeconds - (Date.now() - started) / 1000);
  d.log.info({ pod: pod !== undefined ? podKey(pod) : c.identity.podUid, container: c.identity.containerName, reason, graceSeconds: Math.round(left) }, 'Stopping container');
  await d.runtime.stop(c.id, left, signal);
}

/** Stops every container of the pod (apps in parallel, then the sandbox). */
export async function killPod(d: PodSyncDeps, pod: Pod | undefined, uid: string, graceSeconds: number, signal: AbortSignal): Promise<void> {
  const state = await podState(d.runtime, uid, signal);
  const live = liveContainers(state);
  await Promise.all(live.filter((c) => c.identity.kind !== 'sandbox').map((c) => stopContainer(d, pod, c, 'the pod is being deleted', graceSeconds, signal)));
  await Promise.all(live.filter((c) => c.identity.kind === 'sandbox').map((c) => d.runtime.stop(c.id, 1, signal)));
}

/** Removes every container of the pod and its volumes (the pod is gone). */
export async function removePod(d: PodSyncDeps, uid: string, signal: AbortSignal): Promise<void> {
  const state = await podState(d.runtime, uid, signal);
  const all = [...[...state.containers.values()].flat(), ...state.sandboxes];
  for (const c of all) await removeContainer(d, c, signal);
  await d.volumes.tearDown(uid);
  d.backoff.forgetPod(uid);
  d.pullBackoff.forgetPod(uid);
}

/**
 * Keeps, per container name, the newest container and — when that one runs — the newest dead
 * one before it (for `kubectl logs --previous` and lastState); and the newest sandbox.
 */
async function collectGarbage(d: PodSyncDeps, state: PodRuntimeState, signal: AbortSignal): Promise<void> {
  const extra: RuntimeContainer[] = [];
  for (const list of state.containers.values()) {
    const [newest, ...older] = list;
    const dead = older.filter((c) => c.state === 'exited');
    extra.push(...(newest?.state === 'running' ? dead.slice(1) : dead));
  }
  extra.push(...state.sandboxes.slice(1).filter((c) => c.state !== 'running'));
  for (const c of extra) await removeContainer(d, c, signal);
}

/** Removes a container; a sandbox's pod IP is free once it is gone. */
async function removeContainer(d: PodSyncDeps, c: RuntimeContainer, signal: AbortSignal): Promise<void> {
  await d.runtime.remove(c.id, signal);
  if (c.identity.kind === 'sandbox' && c.identity.podIP !== undefined) d.network.release(c.identity.podIP);
}
