// Every controller the controller-manager can run, by name (Kubernetes' names where they exist).
import { createDeploymentController } from './deployment/index.js';
import { createEndpointsController } from './endpoints/index.js';
import { createEndpointSliceController } from './endpointslice/index.js';
import { createGarbageCollector } from './garbagecollector/index.js';
import type { ControllerFactory } from './manager.js';
import { createNamespaceController } from './namespace/index.js';
import { createNodeIpamController } from './nodeipam/index.js';
import { createReplicaSetController, createReplicationControllerController } from './replicaset/index.js';

export const controllerFactories: ReadonlyMap<string, ControllerFactory> = new Map<string, ControllerFactory>([
  ['deployment', (ctx, s) => createDeploymentController(ctx, { workers: s.workers })],
  ['endpoints', (ctx, s) => createEndpointsController(ctx, { workers: s.workers })],
  ['endpointslice', (ctx, s) => createEndpointSliceController(ctx, { workers: s.workers })],
  ['garbagecollector', (ctx) => createGarbageCollector(ctx)],
  ['namespace', (ctx) => createNamespaceController(ctx)],
  ['nodeipam', (ctx, s) => createNodeIpamController(ctx, { clusterCIDR: s.clusterCIDR, nodeCIDRMaskSize: s.nodeCIDRMaskSize })],
  ['replicaset', (ctx, s) => createReplicaSetController(ctx, { workers: s.workers })],
  ['replicationcontroller', (ctx, s) => createReplicationControllerController(ctx, { workers: s.workers })],
]);
