// Docker create bodies for a pod's containers (pure). The sandbox is a pause container that
// holds the pod's network namespace (wired by the kubelet, not Docker), made with IpcMode
// "shareable" so the others can join its IPC namespace (Docker 20.10 refuses otherwise); every
// other container joins its network and IPC (and its PID namespace with shareProcessNamespace). Resources become Docker's cgroup limits as the
// kubelet sets them: limits.memory -> Memory, limits.cpu -> CpuQuota over a 100 ms period,
// requests.cpu -> CpuShares (2 when none is requested).
import { createHash } from 'node:crypto';
import type { Container, SecurityContext } from '../../../shared/api/core/v1/container.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { parseQuantity } from '../../../shared/api/quantity.js';
import { identityLabels, type ContainerKind } from './labels.js';
import type { CreateSpec } from './runtime.js';

export interface SandboxSettings {
  readonly pauseImage: string;
}

export const cpuPeriodMicros = 100_000;
const minShares = 2;
const maxShares = 262_144;

/** A short stable hash of a container's spec: a changed spec means a new container. */
export function specHash(c: Container): string {
  return createHash('sha256').update(JSON.stringify(c)).digest('hex').slice(0, 16);
}

/** Docker's container name rules: [a-zA-Z0-9][a-zA-Z0-9_.-]*. */
const dockerSafe = (s: string): string => s.replace(/[^a-zA-Z0-9_.-]/g, '-');

export function containerName(pod: Pod, container: string, attempt: number): string {
  const m = pod.metadata;
  return dockerSafe(`bosun_${container}_${m.name ?? ''}_${m.namespace ?? ''}_${m.uid ?? ''}_${attempt}`);
}

const grace = (pod: Pod): number => pod.spec?.terminationGracePeriodSeconds ?? 30;

/** The pod's hostname: spec.hostname, else its name, cut to 63 characters. */
export function podHostname(pod: Pod): string {
  return (pod.spec?.hostname ?? pod.metadata.name ?? '').slice(0, 63).replace(/[-.]+$/, '');
}

/**
 * The pause container. Off the host network it is made on Docker's `none` network and the
 * kubelet wires it to the pod bridge as `podIP` (network/sandbox-network.ts), a label on it.
 */
export function sandboxSpec(pod: Pod, attempt: number, s: SandboxSettings, podIP: string | undefined): CreateSpec {
  const m = pod.metadata;
  const hostNetwork = pod.spec?.hostNetwork === true;
  return {
    name: containerName(pod, 'POD', attempt),
    body: {
      Image: s.pauseImage,
      ...(hostNetwork ? {} : { Hostname: podHostname(pod) }),
      Labels: identityLabels({
        podUid: m.uid ?? '', podName: m.name ?? '', podNamespace: m.namespace ?? '', kind: 'sandbox',
        containerName: '', restartCount: attempt, specHash: '', gracePeriodSeconds: grace(pod),
        ...(hostNetwork || podIP === undefined ? {} : { podIP }),
      }),
      // Docker sets up no networking at all (no libnetwork sandbox, no prestart hook): runc
      // makes an empty network namespace that the kubelet wires.
      ...(hostNetwork ? {} : { NetworkDisabled: true }),
      HostConfig: {
        NetworkMode: hostNetwork ? 'host' : 'none',
        IpcMode: pod.spec?.hostIPC === true ? 'host' : 'shareable',
        ...(pod.spec?.hostPID === true ? { PidMode: 'host' } : {}),
        CpuShares: minShares,
        ...(pod.spec?.securityContext?.sysctls !== undefined && !hostNetwork
          ? { Sysctls: Object.fromEntries(pod.spec.securityContext.sysctls.map((x) => [x.name, x.value])) } : {}),
      },
    },
  };
}

export interface ContainerInputs {
  readonly pod: Pod;
  readonly container: Container;
  readonly kind: Exclude<ContainerKind, 'sandbox'>;
  readonly restartCount: number;
  readonly sandboxId: string;
  /** "NAME=value", resolved and expanded (env.ts). */
  readonly env: readonly string[];
  /** command and args with $(VAR) references expanded. */
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** Docker bind specs "host:container[:ro]" (volumes.ts). */
  readonly binds: readonly string[];
}

export function containerSpec(i: ContainerInputs): CreateSpec {
  const { pod, container: c } = i;
  const m = pod.metadata;
  const sc = c.securityContext;
  const user = userOf(pod, sc);
  const body: Record<string, unknown> = {
    Image: c.image,
    Labels: identityLabels({
      podUid: m.uid ?? '', podName: m.name ?? '', podNamespace: m.namespace ?? '', kind: i.kind,
      containerName: c.name, restartCount: i.restartCount, specHash: specHash(c), gracePeriodSeconds: grace(pod),
    }),
    Env: [...i.env],
    ...(i.command !== undefined ? { Entrypoint: [...i.command] } : {}),
    ...(i.args !== undefined ? { Cmd: [...i.args] } : {}),
    ...(c.workingDir !== undefined && c.workingDir !== '' ? { WorkingDir: c.workingDir } : {}),
    ...(user !== undefined ? { User: user } : {}),
    ...(c.stdin === true ? { OpenStdin: true, AttachStdin: true, StdinOnce: c.stdinOnce === true } : {}),
    ...(c.tty === true ? { Tty: true } : {}),
    ...(c.lifecycle?.stopSignal !== undefined ? { StopSignal: c.lifecycle.stopSignal } : {}),
    HostConfig: {
      NetworkMode: `container:${i.sandboxId}`,
      IpcMode: `container:${i.sandboxId}`,
      ...(pod.spec?.shareProcessNamespace === true ? { PidMode: `container:${i.sandboxId}` } : pod.spec?.hostPID === true ? { PidMode: 'host' } : {}),
      Binds: [...i.binds],
      ...resourcesOf(c),
      ...(sc?.privileged === true ? { Privileged: true } : {}),
      ...(sc?.readOnlyRootFilesystem === true ? { ReadonlyRootfs: true } : {}),
      ...(sc?.capabilities?.add !== undefined ? { CapAdd: [...sc.capabilities.add] } : {}),
      ...(sc?.capabilities?.drop !== undefined ? { CapDrop: [...sc.capabilities.drop] } : {}),
      ...(pod.spec?.securityContext?.supplementalGroups !== undefined ? { GroupAdd: pod.spec.securityContext.supplementalGroups.map(String) } : {}),
    },
  };
  return { name: containerName(pod, c.name, i.restartCount), body };
}

/** "uid[:gid]" from the container's securityContext, else the pod's. */
function userOf(pod: Pod, sc: SecurityContext | undefined): string | undefined {
  const psc = pod.spec?.securityContext;
  const uid = sc?.runAsUser ?? psc?.runAsUser;
  const gid = sc?.runAsGroup ?? psc?.runAsGroup;
  if (uid === undefined) return gid === undefined ? undefined : `0:${gid}`;
  return gid === undefined ? String(uid) : `${uid}:${gid}`;
}

/** Docker's cgroup settings for a container's requests and limits. */
export function resourcesOf(c: Container): Record<string, number> {
  const out: Record<string, number> = {};
  const memory = c.resources?.limits?.['memory'];
  if (memory !== undefined) {
    out['Memory'] = Number(parseQuantity(memory).value());
    out['MemorySwap'] = out['Memory'];                        // no swap beyond the limit, as the kubelet
  }
  const cpuLimit = c.resources?.limits?.['cpu'];
  if (cpuLimit !== undefined) {
    const milli = Number(parseQuantity(cpuLimit).milliValue());
    out['CpuPeriod'] = cpuPeriodMicros;
    out['CpuQuota'] = Math.max(1000, Math.ceil((milli * cpuPeriodMicros) / 1000));
  }
  const cpuRequest = c.resources?.requests?.['cpu'] ?? cpuLimit;
  const shares = cpuRequest === undefined ? minShares : Math.floor((Number(parseQuantity(cpuRequest).milliValue()) * 1024) / 1000);
  out['CpuShares'] = Math.min(maxShares, Math.max(minShares, shares));
  return out;
}
