// The labels Bosun puts on every container it creates. After a kubelet restart they are the
// whole memory of what runs: which pod (uid, name, namespace), which container of its spec,
// which attempt, and what the container was made from (a hash of its spec), so running
// containers are adopted, never duplicated, and those of pods that are gone are removed.

export const labelPodUid = 'io.bosun.pod.uid';
export const labelPodName = 'io.bosun.pod.name';
export const labelPodNamespace = 'io.bosun.pod.namespace';
export const labelContainerName = 'io.bosun.container.name';
export const labelRestartCount = 'io.bosun.container.restart-count';
export const labelKind = 'io.bosun.kind';
export const labelSpecHash = 'io.bosun.container.hash';
export const labelGracePeriod = 'io.bosun.pod.termination-grace-period';
/** On a sandbox: the pod IP the kubelet gave it (absent on the host network). */
export const labelPodIP = 'io.bosun.pod.ip';

export type ContainerKind = 'sandbox' | 'init' | 'app';

export interface ContainerIdentity {
  readonly podUid: string;
  readonly podName: string;
  readonly podNamespace: string;
  readonly kind: ContainerKind;
  /** The container's name in the pod spec ('' for the sandbox). */
  readonly containerName: string;
  readonly restartCount: number;
  readonly specHash: string;
  readonly gracePeriodSeconds: number;
  /** A sandbox's pod IP, given by the kubelet (sandboxes on the host network have none). */
  readonly podIP?: string;
}

export function identityLabels(id: ContainerIdentity): Record<string, string> {
  return {
    [labelPodUid]: id.podUid, [labelPodName]: id.podName, [labelPodNamespace]: id.podNamespace,
    [labelKind]: id.kind, [labelContainerName]: id.containerName, [labelRestartCount]: String(id.restartCount),
    [labelSpecHash]: id.specHash, [labelGracePeriod]: String(id.gracePeriodSeconds),
    ...(id.podIP !== undefined ? { [labelPodIP]: id.podIP } : {}),
  };
}

const kinds: readonly ContainerKind[] = ['sandbox', 'init', 'app'];

/** The identity in `labels`, or undefined for a container Bosun did not make. */
export function identityFrom(labels: Readonly<Record<string, string>> | undefined): ContainerIdentity | undefined {
  if (labels === undefined) return undefined;
  const uid = labels[labelPodUid];
  const kind = labels[labelKind] as ContainerKind | undefined;
  if (uid === undefined || uid === '' || kind === undefined || !kinds.includes(kind)) return undefined;
  const int = (v: string | undefined, d: number): number => (v !== undefined && /^\d+$/.test(v) ? Number(v) : d);
  return {
    podUid: uid, podName: labels[labelPodName] ?? '', podNamespace: labels[labelPodNamespace] ?? '',
    kind, containerName: labels[labelContainerName] ?? '', restartCount: int(labels[labelRestartCount], 0),
    specHash: labels[labelSpecHash] ?? '', gracePeriodSeconds: int(labels[labelGracePeriod], 30),
    ...(labels[labelPodIP] !== undefined && labels[labelPodIP] !== '' ? { podIP: labels[labelPodIP] } : {}),
  };
}
