// Every resource the apiserver serves, named as Kubernetes' discovery names it (resource,
// singular, kind, scope, shortNames, categories: checked against a real cluster's aggregated
// discovery), with the subresources Bosun serves and each kind's strategy.
import { apiVersionOf, type KindStrategy, type ResourceType, type Subresource } from './resource.js';
import {
  configMapStrategy, endpointsStrategy, eventStrategy, namespaceStrategy, nodeStrategy, persistentVolumeClaimStrategy,
  persistentVolumeStrategy, podStrategy, replicationControllerStrategy, secretStrategy, serviceAccountStrategy,
  serviceStrategy,
} from './core/v1/strategies.js';
import { deploymentStrategy, replicaSetStrategy } from './apps/v1/strategies.js';
import { horizontalPodAutoscalerStrategy } from './autoscaling/v2/strategies.js';
import { horizontalPodAutoscalerV1Strategy } from './autoscaling/v1/strategies.js';
import { leaseStrategy } from './coordination/v1/strategies.js';
import { endpointSliceStrategy } from './discovery/v1/strategies.js';

interface Entry {
  readonly singular: string;
  readonly kind: string;
  readonly strategy: KindStrategy;
  readonly namespaced?: boolean;                 // default true
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly subresources?: readonly Subresource[];
  readonly generation?: boolean;
  readonly storageGroupResource?: string;
}

function group(g: string, version: string, entries: Readonly<Record<string, Entry>>): ResourceType[] {
  return Object.entries(entries).map(([resource, e]) => ({
    group: g, version, resource,
    singular: e.singular, kind: e.kind,
    namespaced: e.namespaced ?? true,
    shortNames: e.shortNames ?? [],
    categories: e.categories ?? [],
    subresources: e.subresources ?? [],
    generation: e.generation ?? false,
    ...(e.storageGroupResource !== undefined ? { storageGroupResource: e.storageGroupResource } : {}),
    strategy: e.strategy,
  }));
}

const all = ['all'];
const hpa = { singular: 'horizontalpodautoscaler', kind: 'HorizontalPodAutoscaler', shortNames: ['hpa'], categories: all,
  subresources: ['status'], generation: true, storageGroupResource: 'autoscaling/horizontalpodautoscalers' } as const;

/** In discovery order. Of several versions of one resource the first is preferred and stored. */
export const servedResources: readonly ResourceType[] = [
  ...group('', 'v1', {
    namespaces: { singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'],
      subresources: ['status'], strategy: namespaceStrategy },
    nodes: { singular: 'node', kind: 'Node', namespaced: false, shortNames: ['no'], subresources: ['status'],
      strategy: nodeStrategy },
    pods: { singular: 'pod', kind: 'Pod', shortNames: ['po'], categories: all, subresources: ['status', 'binding', 'eviction', 'log', 'exec', 'attach', 'portforward'],
      strategy: podStrategy },
    services: { singular: 'service', kind: 'Service', shortNames: ['svc'], categories: all, subresources: ['status'],
      strategy: serviceStrategy },
    endpoints: { singular: 'endpoints', kind: 'Endpoints', shortNames: ['ep'], strategy: endpointsStrategy },
    replicationcontrollers: { singular: 'replicationcontroller', kind: 'ReplicationController', shortNames: ['rc'],
      categories: all, subresources: ['status', 'scale'], generation: true, strategy: replicationControllerStrategy },
    configmaps: { singular: 'configmap', kind: 'ConfigMap', shortNames: ['cm'], strategy: configMapStrategy },
    secrets: { singular: 'secret', kind: 'Secret', strategy: secretStrategy },
    events: { singular: 'event', kind: 'Event', shortNames: ['ev'], strategy: eventStrategy },
    persistentvolumes: { singular: 'persistentvolume', kind: 'PersistentVolume', namespaced: false, shortNames: ['pv'],
      subresources: ['status'], strategy: persistentVolumeStrategy },
    persistentvolumeclaims: { singular: 'persistentvolumeclaim', kind: 'PersistentVolumeClaim', shortNames: ['pvc'],
      subresources: ['status'], strategy: persistentVolumeClaimStrategy },
    serviceaccounts: { singular: 'serviceaccount', kind: 'ServiceAccount', shortNames: ['sa'],
      strategy: serviceAccountStrategy },
  }),
  ...group('apps', 'v1', {
    deployments: { singular: 'deployment', kind: 'Deployment', shortNames: ['deploy'], categories: all,
      subresources: ['status', 'scale'], generation: true, strategy: deploymentStrategy },
    replicasets: { singular: 'replicaset', kind: 'ReplicaSet', shortNames: ['rs'], categories: all,
      subresources: ['status', 'scale'], generation: true, strategy: replicaSetStrategy },
  }),
  ...group('autoscaling', 'v2', { horizontalpodautoscalers: { ...hpa, strategy: horizontalPodAutoscalerStrategy } }),
  ...group('autoscaling', 'v1', { horizontalpodautoscalers: { ...hpa, strategy: horizontalPodAutoscalerV1Strategy } }),
  ...group('coordination.k8s.io', 'v1', { leases: { singular: 'lease', kind: 'Lease', strategy: leaseStrategy } }),
  ...group('discovery.k8s.io', 'v1', {
    endpointslices: { singular: 'endpointslice', kind: 'EndpointSlice', strategy: endpointSliceStrategy },
  }),
];

export function findResource(group: string, version: string, resource: string): ResourceType | undefined {
  return servedResources.find((t) => t.group === group && t.version === version && t.resource === resource);
}

/** The resource serving `kind` at `apiVersion` ("v1", "apps/v1"), as a manifest names it. */
export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  return servedResources.find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
}
