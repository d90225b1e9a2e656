// kubectl get pods: NAME READY STATUS RESTARTS AGE [IP NODE NOMINATED-NODE READINESS-GATES].
// The STATUS cell is the kubelet's story condensed: Init:1/2, PodInitializing, CrashLoopBackOff,
// Completed, Terminating… (printPod in pkg/printers/internalversion/printers.go).
import type { Container } from '../../../shared/api/core/v1/container.js';
import type { ContainerStatus, Pod } from '../../../shared/api/core/v1/pod.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, nameColumn, wideColumn } from './columns.js';
import { humanDuration, since } from './duration.js';
import type { TableCell, TableColumnDefinition, TableRowCondition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  ageColumn,
  wideColumn('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.'),
  wideColumn('Node', 'string', 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename'),
  wideColumn('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.'),
  wideColumn('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates'),
];

/** The status.reason the node lifecycle controller sets on pods of an unreachable node. */
const NODE_LOST_REASON = 'NodeLost';

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const pod = obj as Pod;
  const s = summarize(pod);
  const restarts =
    s.restarts !== 0 && s.lastRestart !== undefined
      ? `${s.restarts} (${humanDuration(now.getTime() - s.lastRestart)} ago)`
      : String(s.restarts);
  return [
    pod.metadata.name ?? '',
    `${s.ready}/${s.total}`,
    s.reason,
    restarts,
    since(pod.metadata.creationTimestamp, now),
    pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>',
    pod.spec?.nodeName || '<none>',
    pod.status?.nominatedNodeName || '<none>',
    readinessGates(pod),
  ];
}

/** Finished pods carry {type: Completed} so clients can tell them apart. */
export function rowConditions(obj: ApiObject): TableRowCondition[] | undefined {
  switch ((obj as Pod).status?.phase) {
    case 'Succeeded':
      return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
    case 'Failed':
      return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    default:
      return undefined;
  }
}

interface Summary {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  /** Unix ms of the latest container termination that counted as a restart. */
  lastRestart: number | undefined;
  /** The same two for sidecars (restartable init containers) alone. */
  sidecarRestarts: number;
  lastSidecarRestart: number | undefined;
}

function summarize(pod: Pod): Summary {
  const spec = pod.spec;
  const status = pod.status;
  const initSpecs = new Map<string, Container>((spec?.initContainers ?? []).map((c) => [c.name, c]));
  const sum: Summary = {
    ready: 0,
    total: (spec?.containers?.length ?? 0) + (spec?.initContainers ?? []).filter(isSidecar).length,
    reason: status?.reason || status?.phase || '',
    restarts: 0,
    lastRestart: undefined,
    sidecarRestarts: 0,
    lastSidecarRestart: undefined,
  };
  if (status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    sum.reason = 'SchedulingGated';
  }

  const initializing = summarizeInitContainers(pod, initSpecs, sum);
  if (!initializing || isInitialized(pod)) {
    summarizeContainers(pod, sum);
  }

  const terminal = status?.phase === 'Succeeded' || status?.phase === 'Failed';
  if (pod.metadata.deletionTimestamp && status?.reason === NODE_LOST_REASON) sum.reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) sum.reason = 'Terminating';
  return sum;
}

/** Counts init container restarts and sets Init:… reasons; true while initialization runs or failed. */
function summarizeInitContainers(pod: Pod, initSpecs: ReadonlyMap<string, Container>, sum: Summary): boolean {
  const statuses = pod.status?.initContainerStatuses ?? [];
  const initCount = pod.spec?.initContainers?.length ?? 0;
  for (const [i, cs] of statuses.entries()) {
    sum.restarts += cs.restartCount ?? 0;
    sum.lastRestart = later(sum.lastRestart, lastTermination(cs));
    const sidecar = isSidecar(initSpecs.get(cs.name));
    if (sidecar) {
      sum.sidecarRestarts += cs.restartCount ?? 0;
      sum.lastSidecarRestart = later(sum.lastSidecarRestart, lastTermination(cs));
    }
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) sum.ready++;
      continue;
    }
    if (terminated) {
      sum.reason = terminated.reason
        ? `Init:${terminated.reason}`
        : terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      sum.reason = `Init:${waiting.reason}`;
    } else {
      sum.reason = `Init:${i}/${initCount}`;
    }
    return true;
  }
  return false;
}

/** Restarts of app containers (plus sidecars'), readiness, and the reason the first one gives. */
function summarizeContainers(pod: Pod, sum: Summary): void {
  sum.restarts = sum.sidecarRestarts;
  sum.lastRestart = sum.lastSidecarRestart;
  let hasRunning = false;
  // Last to first, so the reason of the first container still waiting or terminated wins.
  for (const cs of [...(pod.status?.containerStatuses ?? [])].reverse()) {
    sum.restarts += cs.restartCount ?? 0;
    sum.lastRestart = later(sum.lastRestart, lastTermination(cs));
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (waiting?.reason) sum.reason = waiting.reason;
    else if (terminated?.reason) sum.reason = terminated.reason;
    else if (terminated) sum.reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
    else if (cs.ready && cs.state?.running) {
      hasRunning = true;
      sum.ready++;
    }
  }
  if (sum.reason === 'Completed' && hasRunning) {
    sum.reason = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
}

/** An init container with restartPolicy Always runs beside the app containers. */
function isSidecar(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

/** The first Initialized condition decides. */
function isInitialized(pod: Pod): boolean {
  return pod.status?.conditions?.find((c) => c.type === 'Initialized')?.status === 'True';
}

function lastTermination(cs: ContainerStatus): number | undefined {
  const finishedAt = cs.lastState?.terminated?.finishedAt;
  if (!finishedAt) return undefined;
  const t = Date.parse(finishedAt);
  return Number.isNaN(t) ? undefined : t;
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

/** "1/2" true readiness-gate conditions, "<none>" without gates. */
function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const passed = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${passed}/${gates.length}`;
}
