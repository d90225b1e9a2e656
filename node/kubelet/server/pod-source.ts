// What the kubelet server reads about pods: the kubelet's own pod cache and what runs for a
// pod in the runtime (by container labels), plus how it picks the container a request means.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { PodRuntimeState } from '../pods/pod-state.js';
import type { RuntimeContainer } from '../runtime/runtime.js';

export interface PodSource {
  /** The pod bound to this node, from the kubelet's cache. */
  pod(namespace: string, name: string): Pod | undefined;
  /** Every pod bound to this node. */
  pods(): readonly Pod[];
  /** What runs for the pod with this uid. */
  state(uid: string, signal: AbortSignal): Promise<PodRuntimeState>;
  /** What runs for every pod, by uid, from one runtime listing. */
  states(signal: AbortSignal): Promise<ReadonlyMap<string, PodRuntimeState>>;
}

/** A request the server refuses before streaming: HTTP code and the plain-text message. */
export class ServerRequestError extends Error {
  override readonly name = 'ServerRequestError';
  constructor(readonly status: number, message: string) { super(message); }
}

export const podNotFound = (name: string): ServerRequestError => new ServerRequestError(404, `pod "${name}" does not exist`);

/** The running container `name` of the pod's current sandbox, for exec and attach. */
export function runningContainer(state: PodRuntimeState, name: string): RuntimeContainer | undefined {
  return state.containers.get(name)?.find((c) => c.state === 'running');
}

/**
 * The container whose logs a request means, worded as the kubelet words it when there is none:
 * the current one (running, or the last that ran), or with `previous` the one before it.
 */
export function logContainer(pod: Pod, state: PodRuntimeState, name: string, previous: boolean, waitingReason?: string): RuntimeContainer {
  const podName = pod.metadata.name ?? '';
  const list = state.containers.get(name) ?? [];
  const current = list[0];
  if (previous) {
    // A crash-looping container's last run is its "previous" one, as in Kubernetes' lastState.
    const prev = current !== undefined && current.state === 'exited' && waitingReason === 'CrashLoopBackOff' ? current : list[1];
    if (prev === undefined) throw new ServerRequestError(400, `previous terminated container "${name}" in pod "${podName}" not found`);
    return prev;
  }
  if (current !== undefined && current.state !== 'created' && current.state !== 'unknown') return current;
  if (list[1] !== undefined) return list[1];
  const reason = waitingReason ?? 'ContainerCreating';
  throw new ServerRequestError(400, `container "${name}" in pod "${podName}" is waiting to start: ${reason}`);
}

export const podUid = (pod: Pod): string => pod.metadata.uid ?? '';
