// What a sync should do for one pod (pure; Kubernetes' computePodActions): given the pod and
// what runs for it, whether to make a new sandbox, which containers to kill, and which one
// init container — or which app containers — to start, and why others wait.
import type { Container } from '../../../shared/api/core/v1/container.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { specHash } from '../runtime/container-spec.js';
import type { RuntimeContainer } from '../runtime/runtime.js';
import type { CrashBackoff } from './crash-backoff.js';
import { currentContainer, latestContainer, liveContainers, runningSandbox, type PodRuntimeState } from './pod-state.js';

export interface Waiting {
  readonly reason: string;
  readonly message?: string;
}

export interface StartAction {
  readonly container: Container;
  readonly kind: 'init' | 'app';
  readonly restartCount: number;
}

export interface KillAction {
  readonly container: RuntimeContainer;
  readonly reason: string;
}

export interface PodActions {
  /** Make sandbox attempt `attempt` (after killing everything that still runs). */
  readonly createSandbox?: { readonly attempt: number };
  readonly kill: readonly KillAction[];
  readonly start: readonly StartAction[];
  /** Containers that wait, by name, with Kubernetes' reason. */
  readonly waiting: ReadonlyMap<string, Waiting>;
  /** Look again then (a back-off ends). */
  readonly requeueAfterMs?: number;
}

export interface DecideInput {
  readonly pod: Pod;
  readonly state: PodRuntimeState;
  readonly now: Date;
  readonly backoff: CrashBackoff;
  /** Containers whose liveness (or startup) probe says: restart. */
  readonly unhealthy: ReadonlySet<string>;
}

export const backoffKey = (pod: Pod, name: string): string => `${pod.metadata.uid ?? ''}/${name}`;

const ranMs = (c: RuntimeContainer): number =>
  c.startedAt !== undefined && c.finishedAt !== undefined ? c.finishedAt.getTime() - c.startedAt.getTime() : 0;

export function decidePodActions(i: DecideInput): PodActions {
  const { pod, state } = i;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const kill: KillAction[] = [];
  const start: StartAction[] = [];
  const waiting = new Map<string, Waiting>();
  let requeue: number | undefined;
  const sandbox = runningSandbox(state);
  let createSandbox: PodActions['createSandbox'];
  let fresh = false;                                          // no container belongs to the sandbox yet
  if (sandbox === undefined) {
    const apps = pod.spec?.containers ?? [];
    const anyRan = apps.some((c) => latestContainer(state, c.name) !== undefined);
    if (policy === 'Never' && anyRan) return { kill: liveContainers(state).map((c) => ({ container: c, reason: 'sandbox is gone' })), start, waiting };
    createSandbox = { attempt: (state.sandboxes[0]?.identity.restartCount ?? -1) + 1 };
    for (const c of liveContainers(state)) kill.push({ container: c, reason: 'the pod sandbox changed' });
    fresh = true;
  }
  const current = (name: string): RuntimeContainer | undefined => (fresh ? undefined : currentContainer(state, name));
  const nextCount = (name: string): number => {
    const latest = latestContainer(state, name);
    return latest === undefined ? 0 : latest.identity.restartCount + 1;
  };
  /** Restart `c` now, or say it waits for its back-off. */
  const restartOrWait = (c: Container, kind: 'init' | 'app', exited: RuntimeContainer): void => {
    const key = backoffKey(pod, c.name);
    const left = i.backoff.remaining(key, exited.finishedAt, ranMs(exited), i.now);
    if (left > 0) {
      const secs = Math.round(i.backoff.delay(key) / 1000);
      waiting.set(c.name, { reason: 'CrashLoopBackOff', message: `back-off ${secs}s restarting failed container=${c.name} pod=${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})` });
      requeue = Math.min(requeue ?? Infinity, left);
      return;
    }
    start.push({ container: c, kind, restartCount: nextCount(c.name) });
  };

  // Init containers, one at a time, in order.
  for (const c of pod.spec?.initContainers ?? []) {
    const cur = current(c.name);
    if (cur?.state === 'running') return { ...(createSandbox ? { createSandbox } : {}), kill, start, waiting: podInitializing(pod, waiting) };
    if (cur?.state === 'exited' && cur.exitCode === 0) continue;
    if (cur !== undefined && policy === 'Never') {
      return { kill, start, waiting: new Map([[c.name, { reason: 'Error', message: `init container ${c.name} failed` }]]) };
    }
    if (cur === undefined) start.push({ container: c, kind: 'init', restartCount: nextCount(c.name) });
    else restartOrWait(c, 'init', cur);
    return {
      ...(createSandbox ? { createSandbox } : {}), kill, start, waiting: podInitializing(pod, waiting),
      ...(requeue !== undefined ? { requeueAfterMs: requeue } : {}),
    };
  }

  // App containers.
  for (const c of pod.spec?.containers ?? []) {
    const cur = current(c.name);
    if (cur?.state === 'running') {
      if (cur.identity.specHash !== specHash(c)) {
        kill.push({ container: cur, reason: `Container ${c.name} definition changed, will be restarted` });
        start.push({ container: c, kind: 'app', restartCount: nextCount(c.name) });
      } else if (i.unhealthy.has(c.name)) {
        kill.push({ container: cur, reason: `Container ${c.name} failed liveness probe, will be restarted` });
        if (policy !== 'Never') start.push({ container: c, kind: 'app', restartCount: nextCount(c.name) });
      }
      continue;
    }
    if (cur === undefined) {
      start.push({ container: c, kind: 'app', restartCount: nextCount(c.name) });
      continue;
    }
    const failed = cur.state !== 'exited' || cur.exitCode !== 0;
    if (policy === 'Always' || (policy === 'OnFailure' && failed)) restartOrWait(c, 'app', cur);
  }
  return {
    ...(createSandbox ? { createSandbox } : {}), kill, start, waiting,
    ...(requeue !== undefined ? { requeueAfterMs: requeue } : {}),
  };
}

/** App containers wait with PodInitializing while init containers run. */
function podInitializing(pod: Pod, waiting: Map<string, Waiting>): Map<string, Waiting> {
  for (const c of pod.spec?.containers ?? []) waiting.set(c.name, { reason: 'PodInitializing' });
  return waiting;
}
