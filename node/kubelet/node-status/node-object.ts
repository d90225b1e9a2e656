// The Node a kubelet registers and the status it keeps up to date (pure): capacity from the
// machine (cores, memory in Ki, 110 pods), allocatable the same minus what is reserved,
// nodeInfo, addresses, the kubelet endpoint, and conditions whose lastTransitionTime moves
// only when their status does.
import type { Node, NodeCondition, NodeStatus } from '../../../shared/api/core/v1/node.js';
import { rfc3339 } from '../../../shared/util/time.js';
import type { MachineInfo } from './machine-info.js';

export const kubeletVersion = 'v1.32.0';

export interface NodeSettings {
  readonly name: string;
  readonly nodeIP: string;
  readonly hostname: string;
  readonly maxPods: number;
  readonly port: number;
  readonly labels: Readonly<Record<string, string>>;
}

export function nodeObject(s: NodeSettings, m: MachineInfo, now: Date): Node {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: {
      name: s.name,
      labels: {
        'kubernetes.io/hostname': s.hostname, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': m.architecture,
        'beta.kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': m.architecture, ...s.labels,
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec: {},
    status: nodeStatus(s, m, undefined, now),
  };
}

function condition(prev: NodeStatus | undefined, type: string, status: 'True' | 'False', reason: string, message: string, now: Date): NodeCondition {
  const old = prev?.conditions?.find((c) => c.type === type);
  const ts = rfc3339(now);
  return { type, status, lastHeartbeatTime: ts, lastTransitionTime: old?.status === status && old.lastTransitionTime ? old.lastTransitionTime : ts, reason, message };
}

export function nodeStatus(s: NodeSettings, m: MachineInfo, prev: NodeStatus | undefined, now: Date): NodeStatus {
  const memKi = `${Math.floor(m.memoryBytes / 1024)}Ki`;
  const capacity = { cpu: String(m.cores), memory: memKi, pods: String(s.maxPods) };
  return {
    capacity, allocatable: { ...capacity },
    conditions: [
      condition(prev, 'MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', now),
      condition(prev, 'DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', now),
      condition(prev, 'PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', now),
      condition(prev, 'Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', now),
    ],
    addresses: [{ type: 'InternalIP', address: s.nodeIP }, { type: 'Hostname', address: s.hostname }],
    daemonEndpoints: { kubeletEndpoint: { Port: s.port } },
    nodeInfo: {
      machineID: m.machineID, systemUUID: m.systemUUID, bootID: m.bootID, kernelVersion: m.kernelVersion, osImage: m.osImage,
      containerRuntimeVersion: `docker://${m.runtime.version}`, kubeletVersion, kubeProxyVersion: kubeletVersion,
      operatingSystem: 'linux', architecture: m.architecture,
    },
    ...(prev?.images !== undefined ? { images: prev.images } : {}),
  };
}

/** The status with heartbeat times left out, to tell a real change from a heartbeat. */
export function withoutHeartbeats(st: NodeStatus | undefined): unknown {
  return { ...st, conditions: st?.conditions?.map(({ lastHeartbeatTime: _h, ...rest }) => rest) };
}
