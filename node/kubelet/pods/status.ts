// The status a kubelet reports for a pod (pure; Kubernetes' generateAPIPodStatus and
// getPhase): container statuses from what runs, with the waiting reasons the last sync
// recorded; the phase; the conditions, keeping each one's lastTransitionTime while its
// status stays the same; the pod IP from its sandbox.
import type { Container } from '../../../shared/api/core/v1/container.js';
import type { ContainerState, ContainerStatus, Pod, PodCondition, PodPhase, PodStatus } from '../../../shared/api/core/v1/pod.js';
import { podQOSClass } from '../../../shared/api/core/v1/qos.js';
import { rfc3339 } from '../../../shared/util/time.js';
import type { RuntimeContainer } from '../runtime/runtime.js';
import type { Waiting } from './decide.js';
import { currentContainer, runningSandbox, type PodRuntimeState } from './pod-state.js';

export interface StatusInput {
  readonly pod: Pod;
  readonly state: PodRuntimeState;
  readonly waiting: ReadonlyMap<string, Waiting>;
  /** Readiness probe results; a container without a probe is ready when running. */
  readonly ready: (container: string, runtimeId: string) => boolean;
  /** Startup probe results; a container without one has started when running. */
  readonly started: (container: string, runtimeId: string) => boolean;
  readonly nodeIP: string;
  readonly now: Date;
}

const time = (d: Date | undefined): string | undefined => (d === undefined ? undefined : rfc3339(d));

function terminatedOf(c: RuntimeContainer): ContainerState {
  const code = c.exitCode ?? -1;
  const reason = c.oomKilled ? 'OOMKilled' : code === 0 ? 'Completed' : c.error !== undefined && c.startedAt === undefined ? 'ContainerCannotRun' : 'Error';
  return {
    terminated: {
      exitCode: code, reason,
      ...(c.error !== undefined ? { message: c.error } : {}),
      startedAt: time(c.startedAt) ?? null, finishedAt: time(c.finishedAt) ?? null, containerID: `docker://${c.id}`,
    },
  };
}

function containerStatus(i: StatusInput, spec: Container, init: boolean): ContainerStatus {
  const all = i.state.containers.get(spec.name) ?? [];
  const latest = all[0];
  const previous = all[1];
  const wait = i.waiting.get(spec.name);
  let state: ContainerState;
  let lastState: ContainerState = {};
  if (latest?.state === 'running') {
    state = { running: { startedAt: time(latest.startedAt) ?? null } };
    if (previous?.state === 'exited') lastState = terminatedOf(previous);
  } else if (latest?.state === 'exited' && wait === undefined) {
    state = terminatedOf(latest);
    if (previous?.state === 'exited') lastState = terminatedOf(previous);
  } else {
    state = { waiting: { reason: wait?.reason ?? (init ? 'PodInitializing' : 'ContainerCreating'), ...(wait?.message !== undefined ? { message: wait.message } : {}) } };
    if (latest?.state === 'exited') lastState = terminatedOf(latest);
  }
  const running = latest?.state === 'running';
  return {
    name: spec.name, state, lastState,
    ready: running && !init && i.ready(spec.name, latest.id),
    restartCount: latest?.identity.restartCount ?? 0,
    image: spec.image ?? '',
    imageID: latest !== undefined ? `docker://${latest.imageId}` : '',
    ...(latest !== undefined ? { containerID: `docker://${latest.id}` } : {}),
    started: running && i.started(spec.name, latest.id),
  };
}

/** Kubernetes' getPhase over the app containers (init containers first). */
export function podPhase(pod: Pod, init: readonly ContainerStatus[], apps: readonly ContainerStatus[], initDone: boolean): PodPhase {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (!initDone) {
    const failed = init.some((s) => s.state?.terminated !== undefined && s.state.terminated.exitCode !== 0)
      || init.some((s) => s.state?.waiting?.reason === 'Error');
    return failed && policy === 'Never' ? 'Failed' : 'Pending';
  }
  let running = 0; let waiting = 0; let stopped = 0; let succeeded = 0;
  for (const s of apps) {
    if (s.state?.running !== undefined) running++;
    else if (s.state?.terminated !== undefined) { stopped++; if (s.state.terminated.exitCode === 0) succeeded++; }
    else if (s.lastState?.terminated !== undefined) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return policy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}

function condition(prev: readonly PodCondition[] | undefined, type: string, ok: boolean, now: Date, reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const old = prev?.find((c) => c.type === type);
  const since = old !== undefined && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(now);
  return {
    type, status, lastProbeTime: null, lastTransitionTime: since,
    ...(!ok && reason !== undefined ? { reason } : {}), ...(!ok && message !== undefined ? { message } : {}),
  };
}

export function computePodStatus(i: StatusInput): PodStatus {
  const { pod } = i;
  const prev = pod.status;
  const initSpecs = pod.spec?.initContainers ?? [];
  const initStatuses = initSpecs.map((c) => containerStatus(i, c, true));
  const initDone = initSpecs.every((c) => {
    const cur = currentContainer(i.state, c.name);
    return cur?.state === 'exited' && cur.exitCode === 0;
  });
  const apps = (pod.spec?.containers ?? []).map((c) => containerStatus(i, c, false));
  const phase = podPhase(pod, initStatuses, apps, initDone);
  const sandbox = runningSandbox(i.state);
  const unready = apps.filter((s) => !s.ready).map((s) => s.name);
  const incomplete = initSpecs.filter((c) => {
    const cur = currentContainer(i.state, c.name);
    return !(cur?.state === 'exited' && cur.exitCode === 0);
  }).map((c) => c.name);
  const done = phase === 'Succeeded' || phase === 'Failed';
  const gates = (pod.spec?.readinessGates ?? []).map((g) => g.conditionType);
  const gatesOk = gates.every((t) => prev?.conditions?.find((c) => c.type === t)?.status === 'True');
  const containersReady = unready.length === 0;
  const conds: PodCondition[] = [
    condition(prev?.conditions, 'PodReadyToStartContainers', sandbox !== undefined, i.now),
    condition(prev?.conditions, 'Initialized', initDone || incomplete.length === 0, i.now, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`),
    condition(prev?.conditions, 'Ready', containersReady && gatesOk && !done, i.now, done ? 'PodCompleted' : 'ContainersNotReady', done ? undefined : `containers with unready status: [${unready.join(' ')}]`),
    condition(prev?.conditions, 'ContainersReady', containersReady && !done, i.now, done ? 'PodCompleted' : 'ContainersNotReady', done ? undefined : `containers with unready status: [${unready.join(' ')}]`),
    condition(prev?.conditions, 'PodScheduled', true, i.now),
  ];
  // Conditions others own (readiness gates, DisruptionTarget) are kept as they are.
  const ours = new Set(conds.map((c) => c.type));
  for (const c of prev?.conditions ?? []) if (!ours.has(c.type)) conds.push(c);
  const ip = sandbox?.ip ?? (pod.spec?.hostNetwork === true ? i.nodeIP : undefined);
  return {
    phase, conditions: conds,
    hostIP: i.nodeIP, hostIPs: [{ ip: i.nodeIP }],
    ...(ip !== undefined ? { podIP: ip, podIPs: [{ ip }] } : {}),
    startTime: prev?.startTime ?? rfc3339(i.now),
    ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: apps,
    qosClass: podQOSClass(pod),
  };
}
