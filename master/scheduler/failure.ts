// What a pod that fits nowhere gets, as in Kubernetes: a Warning FailedScheduling event and
// the condition PodScheduled=False (reason Unschedulable) with the same message, written
// through pods/status only when it changed.
import type { Pod, PodCondition } from '../../shared/api/core/v1/pod.js';
import type { ClientLog } from '../../shared/client/client-log.js';
import { keyOf } from '../../shared/client/object-key.js';
import type { ResourceClient } from '../../shared/client/resource-client.js';
import type { TimerClock } from '../../shared/client/timers.js';
import { rfc3339 } from '../../shared/util/time.js';
import type { EventRecorder } from '../../shared/client/event-recorder.js';
import { fitErrorMessage } from './framework/fit-error.js';
import type { Diagnosis } from './framework/plugin.js';

export interface FailureDeps {
  readonly pods: Pick<ResourceClient<Pod>, 'patch'>;
  readonly recorder: EventRecorder;
  readonly clock: TimerClock;
  readonly log: ClientLog;
}

/** The condition to write, or undefined when the pod already carries it. */
export function unschedulableCondition(pod: Pod, message: string, now: Date): PodCondition | undefined {
  const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (old !== undefined && old.status === 'False' && old.reason === 'Unschedulable' && old.message === message) return undefined;
  const since = old !== undefined && old.status === 'False' && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(now);
  return { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: since };
}

export async function reportUnschedulable(d: FailureDeps, pod: Pod, diagnosis: Diagnosis, postFilterMessage: string, signal: AbortSignal): Promise<void> {
  const message = fitErrorMessage(diagnosis, postFilterMessage);
  const key = keyOf(pod);
  d.log.info({ pod: key, reason: message }, 'Could not schedule pod');
  d.recorder.record({ object: pod, gvk: { group: '', version: 'v1', kind: 'Pod' } }, 'Warning', 'FailedScheduling', message, signal);
  const cond = unschedulableCondition(pod, message, d.clock.now());
  if (cond === undefined) return;
  try {
    await d.pods.patch(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', 'strategic',
      { metadata: { uid: pod.metadata.uid }, status: { conditions: [cond] } }, { subresource: 'status' }, signal);
  } catch (err) {
    if (!signal.aborted) d.log.warn({ err, pod: key }, 'Could not update pod condition');
  }
}
