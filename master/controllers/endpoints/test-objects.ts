// Services and pods for the endpoints and endpointslice tests.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { Service, ServiceSpec } from '../../../shared/api/core/v1/service.js';
import type { ContainerPort } from '../../../shared/api/core/v1/container.js';

export function service(name: string, spec: ServiceSpec, labels?: Record<string, string>): Service {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name, namespace: 'ns', uid: `svc-${name}`, resourceVersion: '1', ...(labels !== undefined ? { labels } : {}) },
    spec,
  };
}

export interface PodShape {
  readonly ip?: string;
  readonly ready?: boolean;
  readonly labels?: Record<string, string>;
  readonly ports?: ContainerPort[];
  readonly node?: string;
  readonly phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  readonly deleting?: boolean;
}

export function pod(name: string, s: PodShape = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: 'ns', uid: `uid-${name}`, labels: s.labels ?? { app: 'web' },
      ...(s.deleting === true ? { deletionTimestamp: '2026-11-25T06:00:00Z' } : {}),
    },
    spec: { nodeName: s.node ?? 'node-1', containers: [{ name: 'c', image: 'toolbox', ...(s.ports !== undefined ? { ports: s.ports } : {}) }] },
    status: {
      phase: s.phase ?? 'Running',
      ...(s.ip !== undefined ? { podIP: s.ip } : {}),
      conditions: [{ type: 'Ready', status: s.ready === false ? 'False' : 'True' }],
    },
  };
}
