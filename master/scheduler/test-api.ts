// Small API helpers for the scheduler's integration tests and benchmark: Node, Pod and
// ReplicaSet objects written straight through the REST API (no kubelet, no controllers).
import type { Node } from '../../shared/api/core/v1/node.js';
import type { Pod } from '../../shared/api/core/v1/pod.js';
import type { Event } from '../../shared/api/core/v1/event.js';

export interface NodeShape {
  readonly cpu: string;
  readonly memory: string;
  readonly pods?: string;
  readonly labels?: Record<string, string>;
  readonly taints?: NonNullable<Node['spec']>['taints'];
  readonly unschedulable?: boolean;
  readonly images?: NonNullable<Node['status']>['images'];
}

export function hollowNode(name: string, s: NodeShape): Node {
  const resources = { cpu: s.cpu, memory: s.memory, pods: s.pods ?? '110' };
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...s.labels } },
    spec: { ...(s.taints !== undefined ? { taints: s.taints } : {}), ...(s.unschedulable === true ? { unschedulable: true } : {}) },
    status: {
      capacity: resources, allocatable: resources,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
      ...(s.images !== undefined ? { images: s.images } : {}),
    },
  };
}

export function pendingPod(name: string, requests: Record<string, string>, extra: Partial<NonNullable<Pod['spec']>> = {}, meta: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', ...meta },
    spec: { containers: [{ name: 'main', image: 'bosun/toolbox:1', resources: { requests } }], ...extra },
  };
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

export const createNode = (api: string, node: Node): Promise<Node> => call('POST', `${api}/api/v1/nodes`, node);
export const createPod = (api: string, pod: Pod): Promise<Pod> =>
  call('POST', `${api}/api/v1/namespaces/${pod.metadata.namespace ?? 'default'}/pods`, pod);
export const getPod = (api: string, ns: string, name: string): Promise<Pod> => call('GET', `${api}/api/v1/namespaces/${ns}/pods/${name}`);
export const listPods = async (api: string, ns = 'default'): Promise<Pod[]> =>
  (await call<{ items: Pod[] }>('GET', `${api}/api/v1/namespaces/${ns}/pods`)).items;
export const listEvents = async (api: string, ns = 'default'): Promise<Event[]> =>
  (await call<{ items: Event[] }>('GET', `${api}/api/v1/namespaces/${ns}/events`)).items;
export const createObject = <T>(api: string, path: string, obj: unknown): Promise<T> => call('POST', `${api}${path}`, obj);
export const getObject = <T>(api: string, path: string): Promise<T> => call('GET', `${api}${path}`);
